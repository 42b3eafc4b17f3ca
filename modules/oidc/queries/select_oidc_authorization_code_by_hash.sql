SELECT code_hash, grant_id, client_id, redirect_uri, scopes, nonce, code_challenge, subject_id, session_id, auth_time, acr, amr, expires_at, used_at FROM oidc_authorization_codes WHERE code_hash = $1
