DELETE FROM auth_source_failures WHERE source = $1 AND at_ms <= $2
