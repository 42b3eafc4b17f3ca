UPDATE oidc_clients SET status = $2, updated_at = $3 WHERE client_id = $1
