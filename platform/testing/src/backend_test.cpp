#include "testing/backend_test.hpp"

namespace tongban::testing {

void BackendTest::SetUp() {
  if (GetParam() == Backend::kPostgres && !TestPostgresUrl()) {
    if (PostgresRequired()) {
      FAIL() << "TONGBAN_REQUIRE_PG=1 but TONGBAN_TEST_PG_URL is not set; start a server with "
                "`export TONGBAN_TEST_PG_URL=$(scripts/pg-throwaway start /tmp/tongban-pg)`";
    }
    GTEST_SKIP() << "PostgreSQL case skipped: TONGBAN_TEST_PG_URL is not set (set "
                    "TONGBAN_REQUIRE_PG=1 to make this a failure)";
  }
  auto scratch = ScratchDatabase::Create(GetParam());
  ASSERT_TRUE(scratch.ok()) << scratch.error().message_en << " " << scratch.error().detail;
  scratch_ = std::move(scratch).value();
  auto opened = db::OpenDatabase(Options(*scratch_));
  ASSERT_TRUE(opened.ok()) << opened.error().message_en << " " << opened.error().detail;
  db_ = std::move(opened).value();
}

void BackendTest::TearDown() {
  db_.reset();  // close every connection before the schema is dropped
  scratch_.reset();
}

db::DatabaseOptions BackendTest::Options(const ScratchDatabase& scratch) const {
  return scratch.Options();
}

Result<std::unique_ptr<db::Database>> BackendTest::OpenAnother(db::DatabaseOptions options) const {
  options.url = scratch_->url();
  return db::OpenDatabase(options);
}

std::string BackendParamName(const ::testing::TestParamInfo<Backend>& info) {
  return BackendName(info.param);
}

}  // namespace tongban::testing
