// Configuration: a TOML file, then TONGBAN_<SECTION>_<KEY> environment
// variables, then command-line flags, each overriding the one before. Every key
// is declared in one table (config.cpp); an unknown key or a bad value stops
// start-up with a message naming the key.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace tongban::config {

struct Config {
  // [server]
  std::string server_listen = "127.0.0.1:8080";  // HOST:PORT
  int server_io_threads = 0;                     // 0: one per core
  int server_worker_threads = 128;
  std::int64_t server_max_body_bytes = 1 << 20;
  std::int64_t server_max_header_bytes = 16 * 1024;
  std::int64_t server_read_timeout_ms = 15000;
  std::int64_t server_idle_timeout_ms = 75000;
  std::int64_t server_shutdown_grace_ms = 10000;
  bool server_access_log = true;
  std::string server_static_dir = "web/dist";  // empty: no front end

  // [data]
  std::string data_dir = "var";  // database (SQLite), files, keys

  // [database]
  std::string database_url;  // default: sqlite:<data_dir>/tongban.db
  int database_pool_size = 8;
  bool database_group_commit = true;
  int database_max_batch = 256;
  int database_writer_lanes = 2;  // PostgreSQL group-commit writers
  std::string database_sqlite_synchronous = "full";

  // [keys] — empty: <data_dir>/keys/<name>, generated on first start
  std::string keys_data_key_file;
  std::string keys_index_key_file;
  std::string keys_sm2_key_file;
  std::string keys_ed25519_key_file;

  // [log]
  std::string log_level = "info";
  std::string log_file;  // empty: stderr

  // [calendar]
  std::string calendar_dir = "data/calendar";

  // [outbox]
  std::int64_t outbox_poll_interval_ms = 500;
  int outbox_batch = 100;

  // [catalog] — the service catalog (事项库): search data, demo catalog, and
  // how often a server looks for other processes' catalog changes.
  std::string catalog_lexicon_dir = "data/search";
  std::string catalog_demo_file = "data/demo/catalog.json";
  std::int64_t catalog_poll_interval_ms = 2000;

  // [demo]
  bool demo_enabled = false;

  // [canary]
  bool canary_enabled = false;  // POST /api/v1/canary/writes (synthetic write probe)

  // [sms] — the SMS gateway for one-time codes (identity). Empty gateway_url:
  // codes go to the demo inbox in demo mode and nowhere otherwise.
  std::string sms_gateway_url;      // http://host:port/path (TLS through a local proxy)
  std::string sms_app_key;          // sent as X-App-Key
  std::string sms_app_secret_file;  // file holding the HMAC-SM3 signing secret

  // [oidc] — the OpenID Connect provider. Empty issuer: http://<Host header>
  // (development); production sets the public https URL relying parties use.
  std::string oidc_issuer;

  std::string ListenHost() const;
  std::uint16_t ListenPort() const;
  std::string EffectiveDatabaseUrl() const;
};

// Environment variables starting with TONGBAN_ that are not configuration keys
// (test harness settings) and are therefore not rejected as unknown.
bool IsReservedEnvName(const std::string& name);

// Loads defaults, then `toml_path` (if non-empty; a missing named file is an
// error), then `environment` (pass the process environment; tests pass maps).
Result<Config> Load(const std::string& toml_path, const std::map<std::string, std::string>& environment);

// Sets one key by its dotted name ("server.listen") from text, validating it.
Status Set(Config& config, const std::string& key, const std::string& value, const std::string& origin);

// The effective configuration as TOML, secrets masked (passwords in URLs).
std::string Print(const Config& config);

std::map<std::string, std::string> ProcessEnvironment();

}  // namespace tongban::config
