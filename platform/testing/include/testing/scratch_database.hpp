// A fresh, empty database for one test, on either back end, removed afterwards.
//
//   SQLite:     a new temporary directory holding test.db.
//   PostgreSQL: a new schema t_<random> in the database named by
//               TONGBAN_TEST_PG_URL, made the connection's search_path through
//               the URL (options=-csearch_path=…), dropped with CASCADE after.
//
// Note: the namespace is tongban::testing; inside namespace tongban, spell
// GoogleTest's as ::testing.
#pragma once

#include <memory>
#include <optional>
#include <ostream>
#include <string>

#include "core/error.hpp"
#include "db/database.hpp"

namespace tongban::testing {

enum class Backend { kSqlite, kPostgres };

const char* BackendName(Backend backend);
// GoogleTest prints parameters with this ("sqlite", "postgres").
void PrintTo(Backend backend, std::ostream* out);

// The base URL of the test PostgreSQL (env TONGBAN_TEST_PG_URL), if any.
std::optional<std::string> TestPostgresUrl();
// True when env TONGBAN_REQUIRE_PG=1: PostgreSQL cases fail instead of skip.
bool PostgresRequired();

class ScratchDatabase {
 public:
  // Errors: kFailedPrecondition "testing.no_postgres" when PostgreSQL is asked
  // for and TONGBAN_TEST_PG_URL is unset; otherwise what the back end said.
  static Result<std::unique_ptr<ScratchDatabase>> Create(Backend backend);
  ~ScratchDatabase();
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;

  Backend backend() const { return backend_; }
  const std::string& url() const { return url_; }
  // SQLite: the database file. PostgreSQL: the schema name.
  const std::string& location() const { return location_; }
  // Options for OpenDatabase on this scratch database, otherwise the defaults.
  db::DatabaseOptions Options() const;

 private:
  ScratchDatabase(Backend backend, std::string url, std::string location, std::string cleanup)
      : backend_(backend),
        url_(std::move(url)),
        location_(std::move(location)),
        cleanup_(std::move(cleanup)) {}

  Backend backend_;
  std::string url_;
  std::string location_;
  std::string cleanup_;  // SQLite: directory to remove; PostgreSQL: base URL
};

}  // namespace tongban::testing
