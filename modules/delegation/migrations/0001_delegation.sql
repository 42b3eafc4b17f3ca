CREATE TABLE delegation_administrators (
  enterprise_id TEXT NOT NULL,
  person_id TEXT NOT NULL,
  appointed_by TEXT NOT NULL,
  appointed_at TEXT NOT NULL,
  PRIMARY KEY (enterprise_id, person_id)
);
CREATE INDEX delegation_administrators_person ON delegation_administrators (person_id);
CREATE TABLE delegation_grants (
  grant_id TEXT PRIMARY KEY,
  enterprise_id TEXT NOT NULL,
  parent_grant_id TEXT NOT NULL,
  grantor_person_id TEXT NOT NULL,
  grantee_kind TEXT NOT NULL CHECK (grantee_kind IN ('person', 'enterprise')),
  grantee_id TEXT NOT NULL,
  scope TEXT NOT NULL,
  mode TEXT NOT NULL CHECK (mode IN ('view', 'apply')),
  may_delegate INTEGER NOT NULL,
  expires_at TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'revoked')),
  created_at TEXT NOT NULL,
  revoked_at TEXT NOT NULL,
  revoked_by TEXT NOT NULL
);
CREATE INDEX delegation_grants_grantee ON delegation_grants (grantee_id, enterprise_id);
CREATE INDEX delegation_grants_enterprise ON delegation_grants (enterprise_id, created_at);
CREATE INDEX delegation_grants_parent ON delegation_grants (parent_grant_id);
CREATE INDEX delegation_grants_grantor ON delegation_grants (grantor_person_id, created_at);
