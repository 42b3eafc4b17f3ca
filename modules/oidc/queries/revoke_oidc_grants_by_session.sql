UPDATE oidc_grants SET revoked_at = $2, revoked_reason = $3 WHERE session_id = $1 AND revoked_at IS NULL
