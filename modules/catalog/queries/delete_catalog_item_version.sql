DELETE FROM catalog_item_versions WHERE item_code = $1 AND version = $2 AND status = 'draft'
