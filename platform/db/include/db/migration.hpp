// Forward-only schema migrations, per module. Each module embeds its own list
// (tongban_embed_migrations) and the app registers all of them; the table
// schema_migrations records (module, version, name, applied_at).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "db/database.hpp"

namespace tongban::db {

struct Migration {
  const char* module;
  int version;
  const char* name;
  const char* sqlite;
  const char* postgres;
};

struct MigrationReport {
  std::vector<std::string> applied;  // "module/0001_name"
};

// Applies every migration not yet recorded, each in its own transaction with
// its record. Refuses (kFailedPrecondition, reason "db.schema_too_new") when the
// database holds a version of a module newer than the binary knows.
Result<MigrationReport> ApplyMigrations(Database& db, std::span<const Migration> known);

// True when every known migration is applied and none is unknown (/readyz).
Result<bool> MigrationsCurrent(Database& db, std::span<const Migration> known);

}  // namespace tongban::db
