INSERT INTO catalog_regions (code, parent_code, level, document) VALUES ($1, $2, $3, $4)
ON CONFLICT (code) DO UPDATE SET parent_code = excluded.parent_code, level = excluded.level, document = excluded.document
