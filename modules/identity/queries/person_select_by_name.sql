-- Name contains $1 (a LIKE pattern the service escapes with '\'); keyset paging by id.
SELECT id, name, id_kind, id_number_sealed, id_number_masked, nationality, phone_sealed, phone_masked, assurance_level, status, assurance_verified_by, assurance_verified_at, created_at, updated_at, id_number_index, phone_index FROM persons WHERE name LIKE $1 ESCAPE '\' AND id > $2 ORDER BY id LIMIT $3
