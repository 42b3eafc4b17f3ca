SELECT grant_id, client_id, subject_id, session_id, scopes, auth_time, acr, amr, created_at, revoked_at, revoked_reason FROM oidc_grants WHERE grant_id = $1
