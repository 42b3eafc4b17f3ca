UPDATE otp_codes SET consumed_ms = $2 WHERE otp_id = $1 AND consumed_ms IS NULL
