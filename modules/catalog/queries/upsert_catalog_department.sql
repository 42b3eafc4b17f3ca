INSERT INTO catalog_departments (code, region_code, level, document) VALUES ($1, $2, $3, $4)
ON CONFLICT (code) DO UPDATE SET region_code = excluded.region_code, level = excluded.level, document = excluded.document
