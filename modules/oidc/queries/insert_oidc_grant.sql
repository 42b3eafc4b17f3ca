INSERT INTO oidc_grants (grant_id, client_id, subject_id, session_id, scopes, auth_time, acr, amr, created_at, revoked_at, revoked_reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL, '')
