-- 事项库 (C1) and 一件事 (C2). Every record is kept whole as its JSON form
-- (catalog/codec.hpp) in `document`; the other columns repeat what lists and
-- lookups need. Portable SQL: the same text on SQLite and PostgreSQL.

-- Reference records: one row per code, upserted (no versions).
CREATE TABLE catalog_regions (
  code TEXT PRIMARY KEY,
  parent_code TEXT NOT NULL,
  level TEXT NOT NULL,
  document TEXT NOT NULL
);

CREATE TABLE catalog_departments (
  code TEXT PRIMARY KEY,
  region_code TEXT NOT NULL,
  level TEXT NOT NULL,
  document TEXT NOT NULL
);

CREATE TABLE catalog_powers (
  code TEXT PRIMARY KEY,
  department_code TEXT NOT NULL,
  type TEXT NOT NULL,
  document TEXT NOT NULL
);

CREATE TABLE catalog_licence_types (
  code TEXT PRIMARY KEY,
  issuer_department_code TEXT NOT NULL,
  document TEXT NOT NULL
);

CREATE TABLE catalog_data_items (
  code TEXT PRIMARY KEY,
  provider_department_code TEXT NOT NULL,
  document TEXT NOT NULL
);

-- One row per version of a service item: draft → published → retired.
-- effective_from/effective_to are Asia/Shanghai dates (YYYY-MM-DD) or ''.
CREATE TABLE catalog_item_versions (
  item_code TEXT NOT NULL,
  version INTEGER NOT NULL,
  status TEXT NOT NULL,
  name TEXT NOT NULL,
  department_code TEXT NOT NULL,
  target TEXT NOT NULL,
  effective_from TEXT NOT NULL,
  effective_to TEXT NOT NULL,
  document TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  published_at TEXT NOT NULL,
  published_by TEXT NOT NULL,
  PRIMARY KEY (item_code, version)
);
CREATE INDEX catalog_item_versions_status ON catalog_item_versions (status, item_code);
CREATE INDEX catalog_item_versions_department ON catalog_item_versions (department_code);

CREATE TABLE catalog_life_event_versions (
  life_event_code TEXT NOT NULL,
  version INTEGER NOT NULL,
  status TEXT NOT NULL,
  name TEXT NOT NULL,
  lead_department_code TEXT NOT NULL,
  target TEXT NOT NULL,
  effective_from TEXT NOT NULL,
  effective_to TEXT NOT NULL,
  document TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  published_at TEXT NOT NULL,
  published_by TEXT NOT NULL,
  PRIMARY KEY (life_event_code, version)
);
CREATE INDEX catalog_life_event_versions_status ON catalog_life_event_versions (status, life_event_code);

-- One row, bumped by every write transaction of the catalog: the services of
-- other processes poll it and rebuild their snapshot when it moved.
CREATE TABLE catalog_revision (
  id INTEGER PRIMARY KEY,
  revision BIGINT NOT NULL,
  changed_at TEXT NOT NULL
);
INSERT INTO catalog_revision (id, revision, changed_at) VALUES (1, 0, '');
