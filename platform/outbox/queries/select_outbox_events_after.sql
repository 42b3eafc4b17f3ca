SELECT id, event_id, topic, aggregate_type, aggregate_id, payload, request_id, created_at FROM outbox_events WHERE id > $1 ORDER BY id LIMIT $2
