CREATE TABLE delegation_represented_enterprises (
  enterprise_id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX delegation_represented_enterprises_person ON delegation_represented_enterprises (person_id);
