INSERT INTO sms_outgoing (message_id, payload, created_ms, attempts, next_attempt_ms, sent_ms, last_error)
VALUES ($1, $2, $3, 0, $3, NULL, '')
ON CONFLICT (message_id) DO NOTHING
