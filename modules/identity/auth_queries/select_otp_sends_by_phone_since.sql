SELECT COUNT(*), COALESCE(MIN(created_ms), 0), COALESCE(MAX(created_ms), 0)
FROM otp_codes WHERE phone_index = $1 AND created_ms > $2
