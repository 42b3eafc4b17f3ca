SELECT enterprise_id, person_id, appointed_by, appointed_at FROM delegation_administrators WHERE person_id = $1 ORDER BY enterprise_id
