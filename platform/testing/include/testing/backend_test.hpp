// GoogleTest fixture for suites that must pass on every storage back end
// (STYLE.md §8: one store test suite, two back ends).
//
//   class CaseStoreTest : public tongban::testing::BackendTest {};
//   TEST_P(CaseStoreTest, SavesACase) { db().Write(...); }
//   TONGBAN_INSTANTIATE_BACKEND_TESTS(CaseStoreTest);
//
// Each test gets a fresh, empty database (ScratchDatabase) opened as db().
// SQLite cases always run. PostgreSQL cases run when TONGBAN_TEST_PG_URL is
// set (scripts/pg-throwaway start prints one); otherwise they are skipped, or
// they fail when TONGBAN_REQUIRE_PG=1 (CI), so that a missing server cannot
// pass silently. A fixture that overrides SetUp() calls BackendTest::SetUp()
// first and returns when IsSkipped() or HasFatalFailure().
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "db/database.hpp"
#include "testing/scratch_database.hpp"

namespace tongban::testing {

class BackendTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Options for db(); override to change pool size, group commit, …
  virtual db::DatabaseOptions Options(const ScratchDatabase& scratch) const;

  db::Database& db() { return *db_; }
  ScratchDatabase& scratch() { return *scratch_; }
  Backend backend() const { return GetParam(); }
  bool is_postgres() const { return GetParam() == Backend::kPostgres; }
  // Opens another Database on the same scratch database (PostgreSQL: a second
  // node; SQLite: refused by the lock file while db() is open).
  Result<std::unique_ptr<db::Database>> OpenAnother(db::DatabaseOptions options) const;

 private:
  std::unique_ptr<ScratchDatabase> scratch_;
  std::unique_ptr<db::Database> db_;
};

// Test-name suffix: "sqlite" or "postgres".
std::string BackendParamName(const ::testing::TestParamInfo<Backend>& info);

}  // namespace tongban::testing

#define TONGBAN_INSTANTIATE_BACKEND_TESTS(Suite)                                                       \
  INSTANTIATE_TEST_SUITE_P(                                                                            \
      Backends, Suite,                                                                                 \
      ::testing::Values(::tongban::testing::Backend::kSqlite, ::tongban::testing::Backend::kPostgres), \
      ::tongban::testing::BackendParamName)
