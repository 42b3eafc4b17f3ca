-- SQLite: one row per execution (in-process, so cheap). The PostgreSQL
-- override inserts a whole transaction's events in one round trip, in order.
INSERT INTO outbox_events (event_id, topic, aggregate_type, aggregate_id, payload, request_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
