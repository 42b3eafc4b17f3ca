SELECT code, document FROM catalog_departments ORDER BY code
