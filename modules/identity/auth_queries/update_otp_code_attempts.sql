UPDATE otp_codes SET attempts = attempts + 1 WHERE otp_id = $1 AND attempts < $2 AND consumed_ms IS NULL
