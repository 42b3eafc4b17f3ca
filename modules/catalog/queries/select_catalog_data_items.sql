SELECT code, document FROM catalog_data_items ORDER BY code
