-- Authentication (identity module, auth part): password hashes, lockout
-- counters, failures per source address, cookie sessions, one-time codes and
-- the demo SMS inbox. Times are Unix milliseconds (BIGINT) so that expiry
-- comparisons are plain integer comparisons on both back ends. No foreign keys
-- to the accounts tables: subjects are person_… or staff_… ids of another part.
CREATE TABLE auth_passwords (
  subject_id TEXT PRIMARY KEY,
  hash TEXT NOT NULL,          -- libsodium crypto_pwhash_str (argon2id, PHC string)
  updated_at TEXT NOT NULL
);
-- lock_key: the subject id, or "login:" + SM3 of an unknown login name, so that
-- unknown names lock out exactly like real ones (no user enumeration).
CREATE TABLE auth_lockouts (
  lock_key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  locked_until_ms BIGINT NOT NULL
);
CREATE TABLE auth_source_failures (
  failure_id TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  at_ms BIGINT NOT NULL
);
CREATE INDEX auth_source_failures_by_source ON auth_source_failures (source, at_ms);
-- A session is found by the SM3 hash of its cookie token; the token itself is
-- never stored. csrf_hash: SM3 of the tb_csrf value the session must echo.
CREATE TABLE auth_sessions (
  session_id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  csrf_hash TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  auth_method TEXT NOT NULL,
  created_ms BIGINT NOT NULL,
  last_seen_ms BIGINT NOT NULL,
  expires_ms BIGINT NOT NULL,
  revoked_ms BIGINT,
  enterprise_id TEXT NOT NULL DEFAULT '',
  remote_address TEXT NOT NULL,
  user_agent TEXT NOT NULL
);
CREATE INDEX auth_sessions_by_subject ON auth_sessions (subject_id, created_ms);
-- phone_index: the phone's blind index (privacy::Vault::Index); code_hash: SM3
-- over otp_id and the code, so a copy of the table does not show codes.
CREATE TABLE otp_codes (
  otp_id TEXT PRIMARY KEY,
  phone_index TEXT NOT NULL,
  purpose TEXT NOT NULL,
  code_hash TEXT NOT NULL,
  source TEXT NOT NULL,
  created_ms BIGINT NOT NULL,
  expires_ms BIGINT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  consumed_ms BIGINT
);
CREATE INDEX otp_codes_by_phone ON otp_codes (phone_index, created_ms);
CREATE INDEX otp_codes_by_source ON otp_codes (source, created_ms);
-- Demo mode only: what DevSmsSender "sent". Plain text on purpose (demo data).
CREATE TABLE sms_dev_inbox (
  message_id TEXT PRIMARY KEY,
  phone TEXT NOT NULL,
  template_id TEXT NOT NULL,
  text TEXT NOT NULL,
  created_at TEXT NOT NULL
);
