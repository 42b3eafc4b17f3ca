INSERT INTO schema_migrations (module, version, name, applied_at)
VALUES ($1, $2, $3, now())
