SELECT item_code, version, status, name, department_code, target, effective_from, effective_to, document, created_at, updated_at, published_at, published_by
FROM catalog_item_versions WHERE item_code = $1 ORDER BY version
