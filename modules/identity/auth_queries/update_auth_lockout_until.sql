UPDATE auth_lockouts SET locked_until_ms = $2 WHERE lock_key = $1
