UPDATE auth_sessions SET revoked_ms = $3 WHERE session_id = $1 AND subject_id = $2 AND revoked_ms IS NULL
