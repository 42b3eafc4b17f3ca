INSERT INTO auth_passwords (subject_id, hash, updated_at) VALUES ($1, $2, $3)
ON CONFLICT (subject_id) DO UPDATE SET hash = excluded.hash, updated_at = excluded.updated_at
