-- The whole batch in one round trip, and the head moved to its last record in
-- the same statement (the chain lock is held from here to COMMIT, so every
-- round trip saved here shortens the time other writers wait for it).
WITH appended AS (
  INSERT INTO audit_log (seq, at, subject, role, department, principal, action, object_type, object_id, request_id, outcome, detail, prev_hash, hash)
  SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::bytea[], $14::bytea[])
  RETURNING seq, hash
)
INSERT INTO audit_head (id, seq, hash)
SELECT 1, seq, hash FROM appended ORDER BY seq DESC LIMIT 1
ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash
