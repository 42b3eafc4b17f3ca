INSERT INTO outbox_events (event_id, topic, aggregate_type, aggregate_id, payload, request_id, created_at)
SELECT event_id, topic, aggregate_type, aggregate_id, payload, request_id, created_at
FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) WITH ORDINALITY
  AS e(event_id, topic, aggregate_type, aggregate_id, payload, request_id, created_at, n)
ORDER BY n
