SELECT enterprise_id, person_id, appointed_by, appointed_at FROM delegation_administrators WHERE enterprise_id = $1 ORDER BY appointed_at, person_id
