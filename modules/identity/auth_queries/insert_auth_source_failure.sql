INSERT INTO auth_source_failures (failure_id, source, at_ms) VALUES ($1, $2, $3)
