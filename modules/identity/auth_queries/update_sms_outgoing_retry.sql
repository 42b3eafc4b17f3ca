UPDATE sms_outgoing SET attempts = attempts + 1, next_attempt_ms = $2, last_error = $3
WHERE message_id = $1 AND sent_ms IS NULL
