INSERT INTO schema_migrations (module, version, name, applied_at)
VALUES ($1, $2, $3, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
