INSERT INTO enterprises (id, uscc, name, legal_representative_person_id, registry_status, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING
