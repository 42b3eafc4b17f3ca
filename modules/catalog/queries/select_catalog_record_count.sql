SELECT (SELECT COUNT(*) FROM catalog_item_versions) + (SELECT COUNT(*) FROM catalog_life_event_versions)
  + (SELECT COUNT(*) FROM catalog_regions) + (SELECT COUNT(*) FROM catalog_departments)
