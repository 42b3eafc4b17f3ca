SELECT item_code FROM catalog_item_versions WHERE status = 'draft'
