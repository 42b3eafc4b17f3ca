INSERT INTO oidc_signing_keys (kid, algorithm, state, sealed_private_key, retiring_until, created_at) VALUES ($1, $2, $3, $4, $5, $6)
