INSERT INTO catalog_data_items (code, provider_department_code, document) VALUES ($1, $2, $3)
ON CONFLICT (code) DO UPDATE SET provider_department_code = excluded.provider_department_code, document = excluded.document
