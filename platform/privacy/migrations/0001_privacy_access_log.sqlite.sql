-- 谁查看了我的信息: one row per read of a person's data by staff or a system.
-- Append-only; the person lists their rows newest first by seq.
CREATE TABLE privacy_access_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  person_id TEXT NOT NULL,
  reader_subject TEXT NOT NULL,
  reader_role TEXT NOT NULL,
  reader_department TEXT NOT NULL,
  reader_principal TEXT NOT NULL,
  purpose TEXT NOT NULL,
  fields TEXT NOT NULL,
  unmasked INTEGER NOT NULL CHECK (unmasked IN (0, 1)),
  object_type TEXT NOT NULL,
  object_id TEXT NOT NULL,
  request_id TEXT NOT NULL
);
CREATE INDEX privacy_access_log_person ON privacy_access_log (person_id, seq);
