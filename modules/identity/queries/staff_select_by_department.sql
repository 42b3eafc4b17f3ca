SELECT id, username, name, department_id, roles, status, created_at, updated_at FROM staff WHERE department_id = $1 AND id > $2 ORDER BY id LIMIT $3
