SELECT id, uscc, name, legal_representative_person_id, registry_status, created_at, updated_at FROM enterprises WHERE id = $1
