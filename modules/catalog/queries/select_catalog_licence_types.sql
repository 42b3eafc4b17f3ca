SELECT code, document FROM catalog_licence_types ORDER BY code
