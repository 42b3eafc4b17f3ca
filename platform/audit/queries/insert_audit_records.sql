-- SQLite has no arrays: one row per execution (in-process, so cheap), and the
-- head is moved by upsert_audit_head. The PostgreSQL override inserts a whole
-- batch in one round trip with unnest and moves the head in the same statement.
INSERT INTO audit_log (seq, at, subject, role, department, principal, action, object_type, object_id, request_id, outcome, detail, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
