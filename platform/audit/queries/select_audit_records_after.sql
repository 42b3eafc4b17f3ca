SELECT seq, at, subject, role, department, principal, action, object_type, object_id, request_id, outcome, detail, prev_hash, hash FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2
