INSERT INTO auth_lockouts (lock_key, failures, locked_until_ms) VALUES ($1, 1, 0)
ON CONFLICT (lock_key) DO UPDATE SET failures = auth_lockouts.failures + 1
RETURNING failures
