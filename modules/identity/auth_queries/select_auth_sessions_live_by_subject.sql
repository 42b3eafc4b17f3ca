SELECT session_id, csrf_hash, subject_id, auth_method, created_ms, last_seen_ms, expires_ms, revoked_ms, enterprise_id, remote_address, user_agent
FROM auth_sessions
WHERE subject_id = $1 AND revoked_ms IS NULL AND expires_ms > $2 AND last_seen_ms > $3
ORDER BY created_ms DESC
