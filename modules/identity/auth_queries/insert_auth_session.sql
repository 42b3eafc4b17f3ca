INSERT INTO auth_sessions (session_id, token_hash, csrf_hash, subject_id, auth_method, created_ms, last_seen_ms,
                           expires_ms, revoked_ms, enterprise_id, remote_address, user_agent)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, $9, $10, $11)
