INSERT INTO canary_writes (id, client_id, seq, payload, created_at, request_id) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (client_id, seq) DO NOTHING
