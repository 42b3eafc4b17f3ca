UPDATE auth_sessions SET enterprise_id = $2 WHERE session_id = $1 AND revoked_ms IS NULL
