SELECT kid, algorithm, state, sealed_private_key, retiring_until FROM oidc_signing_keys WHERE state <> 'retired' ORDER BY created_at, kid
