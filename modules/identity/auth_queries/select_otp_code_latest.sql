SELECT otp_id, code_hash, expires_ms, attempts, consumed_ms
FROM otp_codes WHERE phone_index = $1 AND purpose = $2
ORDER BY created_ms DESC, otp_id DESC LIMIT 1
