// A named SQL statement. Statements live in .sql files beside their store and
// are embedded at build time (cmake/TongbanTarget.cmake: tongban_embed_sql), so
// the name appears in logs and metrics and no value is ever concatenated in.
// Placeholders are $1, $2, … on both back ends.
#pragma once

namespace tongban::db {

enum class Dialect { kSqlite, kPostgres };

struct Sql {
  const char* name;      // file stem, e.g. "insert_canary_write"
  const char* sqlite;    // text for SQLite
  const char* postgres;  // text for PostgreSQL (same unless a .pg.sql override exists)

  const char* Text(Dialect d) const { return d == Dialect::kSqlite ? sqlite : postgres; }
};

}  // namespace tongban::db
