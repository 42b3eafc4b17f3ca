CREATE TABLE canary_writes (
  id TEXT PRIMARY KEY,
  client_id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  payload TEXT NOT NULL,
  created_at TEXT NOT NULL,
  request_id TEXT NOT NULL,
  UNIQUE (client_id, seq)
);
CREATE TABLE canary_tallies (
  client_id TEXT PRIMARY KEY,
  events BIGINT NOT NULL
);
