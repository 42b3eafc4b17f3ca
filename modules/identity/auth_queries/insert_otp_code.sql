INSERT INTO otp_codes (otp_id, phone_index, purpose, code_hash, source, created_ms, expires_ms, attempts, consumed_ms)
VALUES ($1, $2, $3, $4, $5, $6, $7, 0, NULL)
