SELECT message_id, payload, attempts FROM sms_outgoing
WHERE sent_ms IS NULL AND next_attempt_ms <= $1
ORDER BY created_ms, message_id LIMIT $2
