DELETE FROM auth_lockouts WHERE lock_key = $1
