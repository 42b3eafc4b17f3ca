UPDATE otp_codes SET attempts = attempts + 1 WHERE otp_id = $1
