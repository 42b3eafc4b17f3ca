UPDATE catalog_revision SET revision = revision + 1, changed_at = $1 WHERE id = 1
