SELECT failures, locked_until_ms FROM auth_lockouts WHERE lock_key = $1
