SELECT id, client_id, seq, payload, created_at, request_id FROM canary_writes WHERE client_id = $1 AND seq = $2
