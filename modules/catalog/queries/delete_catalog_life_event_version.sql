DELETE FROM catalog_life_event_versions WHERE life_event_code = $1 AND version = $2 AND status = 'draft'
