INSERT INTO sms_dev_inbox (message_id, phone, template_id, text, created_at) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (message_id) DO NOTHING
