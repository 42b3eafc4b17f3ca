DELETE FROM oidc_authorization_codes WHERE expires_at < $1
