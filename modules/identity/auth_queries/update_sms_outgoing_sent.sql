UPDATE sms_outgoing SET sent_ms = $2, attempts = attempts + 1, last_error = '' WHERE message_id = $1 AND sent_ms IS NULL
