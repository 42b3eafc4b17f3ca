INSERT INTO canary_tallies (client_id, events) VALUES ($1, 1) ON CONFLICT (client_id) DO UPDATE SET events = canary_tallies.events + 1
