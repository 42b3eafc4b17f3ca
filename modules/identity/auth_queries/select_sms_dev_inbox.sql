SELECT message_id, phone, template_id, text, created_at FROM sms_dev_inbox ORDER BY created_at DESC, message_id DESC LIMIT $1
