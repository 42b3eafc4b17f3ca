SELECT session_id, csrf_hash, subject_id, auth_method, created_ms, last_seen_ms, expires_ms, revoked_ms, enterprise_id, remote_address, user_agent
FROM auth_sessions WHERE session_id = $1
