INSERT INTO catalog_item_versions (item_code, version, status, name, department_code, target, effective_from, effective_to, document, created_at, updated_at, published_at, published_by)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
