SELECT id, username, name, department_id, roles, status, created_at, updated_at FROM staff WHERE username = $1
