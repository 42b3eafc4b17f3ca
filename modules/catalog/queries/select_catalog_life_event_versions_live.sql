SELECT life_event_code, version, status, name, lead_department_code, target, effective_from, effective_to, document, created_at, updated_at, published_at, published_by
FROM catalog_life_event_versions WHERE status <> 'draft' ORDER BY life_event_code, version
