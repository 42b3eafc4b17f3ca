UPDATE oidc_signing_keys SET state = $2, retiring_until = $3 WHERE kid = $1
