INSERT INTO oidc_refresh_tokens (token_hash, grant_id, expires_at, used_at, created_at) VALUES ($1, $2, $3, NULL, $4)
