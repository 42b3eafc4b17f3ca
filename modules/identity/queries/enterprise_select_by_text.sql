-- Name contains $1 (escaped LIKE pattern) or the code is exactly $2; keyset paging by id.
SELECT id, uscc, name, legal_representative_person_id, registry_status, created_at, updated_at FROM enterprises WHERE (name LIKE $1 ESCAPE '\' OR uscc = $2) AND id > $3 ORDER BY id LIMIT $4
