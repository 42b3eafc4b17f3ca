SELECT code, document FROM catalog_regions ORDER BY code
