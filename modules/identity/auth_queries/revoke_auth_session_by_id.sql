UPDATE auth_sessions SET revoked_ms = $2 WHERE session_id = $1 AND revoked_ms IS NULL
