CREATE TABLE oidc_clients (
  client_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  client_type TEXT NOT NULL,
  secret_hash TEXT NOT NULL,
  redirect_uris TEXT NOT NULL,
  post_logout_redirect_uris TEXT NOT NULL,
  scopes TEXT NOT NULL,
  grant_types TEXT NOT NULL,
  required_acr TEXT NOT NULL,
  phone_entitled INTEGER NOT NULL,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE oidc_authorization_codes (
  code_hash TEXT PRIMARY KEY,
  grant_id TEXT NOT NULL,
  client_id TEXT NOT NULL,
  redirect_uri TEXT NOT NULL,
  scopes TEXT NOT NULL,
  nonce TEXT NOT NULL,
  code_challenge TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  session_id TEXT NOT NULL,
  auth_time BIGINT NOT NULL,
  acr TEXT NOT NULL,
  amr TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX oidc_authorization_codes_expires_at ON oidc_authorization_codes (expires_at);
CREATE TABLE oidc_grants (
  grant_id TEXT PRIMARY KEY,
  client_id TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  session_id TEXT NOT NULL,
  scopes TEXT NOT NULL,
  auth_time BIGINT NOT NULL,
  acr TEXT NOT NULL,
  amr TEXT NOT NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT,
  revoked_reason TEXT NOT NULL
);
CREATE INDEX oidc_grants_session_id ON oidc_grants (session_id);
CREATE TABLE oidc_refresh_tokens (
  token_hash TEXT PRIMARY KEY,
  grant_id TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX oidc_refresh_tokens_grant_id ON oidc_refresh_tokens (grant_id);
CREATE TABLE oidc_signing_keys (
  kid TEXT PRIMARY KEY,
  algorithm TEXT NOT NULL,
  state TEXT NOT NULL,
  sealed_private_key TEXT NOT NULL,
  retiring_until BIGINT NOT NULL,
  created_at TEXT NOT NULL
);
