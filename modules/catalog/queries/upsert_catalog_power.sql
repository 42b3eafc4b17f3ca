INSERT INTO catalog_powers (code, department_code, type, document) VALUES ($1, $2, $3, $4)
ON CONFLICT (code) DO UPDATE SET department_code = excluded.department_code, type = excluded.type, document = excluded.document
