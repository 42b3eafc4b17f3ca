INSERT INTO catalog_licence_types (code, issuer_department_code, document) VALUES ($1, $2, $3)
ON CONFLICT (code) DO UPDATE SET issuer_department_code = excluded.issuer_department_code, document = excluded.document
