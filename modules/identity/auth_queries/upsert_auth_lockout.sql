INSERT INTO auth_lockouts (lock_key, failures, locked_until_ms) VALUES ($1, $2, $3)
ON CONFLICT (lock_key) DO UPDATE SET failures = excluded.failures, locked_until_ms = excluded.locked_until_ms
