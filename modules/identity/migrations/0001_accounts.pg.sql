-- Accounts: natural persons, legal persons (enterprises) and staff.
-- A person's document number and phone are sealed (privacy::Vault, associated
-- data "persons/<id>/<column>") with a blind index for exact lookups and the
-- masked display form kept beside them, so lists never decrypt.
CREATE TABLE persons (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  id_kind TEXT NOT NULL,
  id_number_sealed BYTEA NOT NULL,
  id_number_index TEXT NOT NULL UNIQUE,
  id_number_masked TEXT NOT NULL,
  nationality TEXT NOT NULL,
  phone_sealed BYTEA NOT NULL,
  phone_index TEXT NOT NULL UNIQUE,
  phone_masked TEXT NOT NULL,
  assurance_level TEXT NOT NULL CHECK (assurance_level IN ('L1', 'L2', 'L3')),
  status TEXT NOT NULL CHECK (status IN ('active', 'locked', 'disabled')),
  assurance_verified_by TEXT NOT NULL,
  assurance_verified_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX persons_name ON persons (name);
CREATE TABLE enterprises (
  id TEXT PRIMARY KEY,
  uscc TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  legal_representative_person_id TEXT NOT NULL REFERENCES persons (id),
  registry_status TEXT NOT NULL CHECK (registry_status IN ('active', 'revoked', 'deregistered')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX enterprises_legal_representative ON enterprises (legal_representative_person_id);
CREATE TABLE staff (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  department_id TEXT NOT NULL,
  roles TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'disabled')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX staff_department ON staff (department_id);
