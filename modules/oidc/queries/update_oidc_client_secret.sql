UPDATE oidc_clients SET secret_hash = $2, updated_at = $3 WHERE client_id = $1
