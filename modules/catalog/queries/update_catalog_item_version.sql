-- $14: the updated_at the writer read ('' : any), so that a concurrent save is not lost.
UPDATE catalog_item_versions SET status = $3, name = $4, department_code = $5, target = $6,
  effective_from = $7, effective_to = $8, document = $9, created_at = $10, updated_at = $11,
  published_at = $12, published_by = $13
WHERE item_code = $1 AND version = $2 AND (CAST($14 AS TEXT) = '' OR updated_at = $14)
