SELECT 1 FROM schema_migrations WHERE module = $1 AND version = $2
