SELECT code, document FROM catalog_powers ORDER BY code
