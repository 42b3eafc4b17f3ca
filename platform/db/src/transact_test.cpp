// Database::Transact on both back ends: commits on Ok, rolls back on an error
// or an exception, and runs before-commit and on-commit hooks like Write.
#include <gtest/gtest.h>

#include "testing/backend_test.hpp"

namespace tongban::db {
namespace {

constexpr Sql kCreate{"create_t", "CREATE TABLE t (k TEXT PRIMARY KEY)",
                      "CREATE TABLE t (k TEXT PRIMARY KEY)"};
constexpr Sql kInsert{"insert_t", "INSERT INTO t (k) VALUES ($1)", "INSERT INTO t (k) VALUES ($1)"};
constexpr Sql kCount{"count_t", "SELECT COUNT(*) FROM t", "SELECT COUNT(*) FROM t"};

class TransactTest : public tongban::testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    db().Run([](Transaction& tx) { tx.Execute(kCreate); });
  }
  std::int64_t Count() {
    std::int64_t n = 0;
    db().Run([&](Transaction& tx) { n = tx.Query(kCount)[0].Int(0); });
    return n;
  }
};

TEST_P(TransactTest, CommitsOnOkAndRunsHooks) {
  bool before = false, after = false;
  Status st = db().Transact([&](Transaction& tx) -> Status {
    tx.Execute(kInsert, {"a"});
    tx.BeforeCommit([&] {
      before = true;
      tx.Execute(kInsert, {"b"});
    });
    tx.OnCommit([&] { after = true; });
    return Status::Ok();
  });
  EXPECT_TRUE(st.ok());
  EXPECT_TRUE(before);
  EXPECT_TRUE(after);
  EXPECT_EQ(Count(), 2);
}

TEST_P(TransactTest, RollsBackOnError) {
  bool after = false;
  Status st = db().Transact([&](Transaction& tx) -> Status {
    tx.Execute(kInsert, {"a"});
    tx.OnCommit([&] { after = true; });
    return Error::Make(ErrorCode::kFailedPrecondition, "test.no", "否", "no");
  });
  EXPECT_FALSE(st.ok());
  EXPECT_FALSE(after);
  EXPECT_EQ(Count(), 0);
}

TEST_P(TransactTest, DatabaseErrorBecomesAnError) {
  ASSERT_TRUE(db().Transact([](Transaction& tx) -> Status {
                    tx.Execute(kInsert, {"a"});
                    return Status::Ok();
                  })
                  .ok());
  Status st = db().Transact([](Transaction& tx) -> Status {
    tx.Execute(kInsert, {"b"});
    tx.Execute(kInsert, {"a"});  // unique violation
    return Status::Ok();
  });
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(Count(), 1);
}

TONGBAN_INSTANTIATE_BACKEND_TESTS(TransactTest);

}  // namespace
}  // namespace tongban::db
