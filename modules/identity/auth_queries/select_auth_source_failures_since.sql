SELECT COUNT(*), COALESCE(MIN(at_ms), 0), COALESCE(MAX(at_ms), 0)
FROM auth_source_failures WHERE source = $1 AND at_ms > $2
