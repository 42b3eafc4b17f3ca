DELETE FROM delegation_administrators WHERE enterprise_id = $1 AND person_id = $2
