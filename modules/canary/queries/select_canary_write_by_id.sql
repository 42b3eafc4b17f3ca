SELECT id, client_id, seq, payload, created_at, request_id FROM canary_writes WHERE id = $1
