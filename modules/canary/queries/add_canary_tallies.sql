-- SQLite: one client per execution (in-process, so cheap). The PostgreSQL
-- override adds a whole delivery's counts in one round trip.
INSERT INTO canary_tallies (client_id, events) VALUES ($1, $2) ON CONFLICT (client_id) DO UPDATE SET events = canary_tallies.events + excluded.events
