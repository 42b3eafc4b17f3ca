INSERT INTO delegation_administrators (enterprise_id, person_id, appointed_by, appointed_at) VALUES ($1, $2, $3, $4) ON CONFLICT (enterprise_id, person_id) DO NOTHING
