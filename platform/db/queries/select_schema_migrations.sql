SELECT module, version, name FROM schema_migrations ORDER BY module, version
