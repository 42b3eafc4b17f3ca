// The storage seam on both back ends: values, errors, transactions, locks,
// leadership, reconnection.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <limits>
#include <stdexcept>
#include <thread>

#include "db/database.hpp"
#include "testing/backend_test.hpp"

namespace tongban::db {
namespace {

using ::tongban::testing::BackendTest;

constexpr Sql kCreateValues{
    "create_values", "CREATE TABLE vals (id INTEGER PRIMARY KEY, i INTEGER, r REAL, t TEXT, b BLOB)",
    "CREATE TABLE vals (id BIGINT PRIMARY KEY, i BIGINT, r DOUBLE PRECISION, t TEXT, b BYTEA)"};
constexpr Sql kInsertValue{"insert_value", "INSERT INTO vals (id, i, r, t, b) VALUES ($1, $2, $3, $4, $5)",
                           "INSERT INTO vals (id, i, r, t, b) VALUES ($1, $2, $3, $4, $5)"};
constexpr Sql kSelectValue{"select_value_by_id", "SELECT i, r, t, b FROM vals WHERE id = $1",
                           "SELECT i, r, t, b FROM vals WHERE id = $1"};
constexpr Sql kCountValues{"count_values", "SELECT count(*) FROM vals", "SELECT count(*) FROM vals"};
constexpr Sql kSelectSwapped{"select_swapped", "SELECT $2, $1", "SELECT $2::text, $1::text"};
constexpr Sql kSelectBackendPid{"select_backend_pid", "SELECT 0", "SELECT pg_backend_pid()"};
constexpr Sql kTerminateBackend{"terminate_backend", "SELECT 0", "SELECT pg_terminate_backend($1)"};
// pg_locks splits a bigint advisory key into classid (high half) and objid.
constexpr Sql kTerminateLockHolder{
    "terminate_lock_holder", "SELECT 0",
    "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' "
    "AND objid = $1 AND pid <> pg_backend_pid()"};

class DatabaseTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    db().Run([](Transaction& tx) { tx.Execute(kCreateValues); });
  }

  std::int64_t CountValues() {
    std::int64_t n = -1;
    db().Run([&](Transaction& tx) { n = tx.Query(kCountValues)[0].Int(0); });
    return n;
  }
};

TEST_P(DatabaseTest, EveryValueTypeRoundTripsThroughATable) {
  const std::string chinese = "通办：一网通办，政务服务 ✓";
  const std::string bytes("\0\x01\x7f\x80\xff\0zero", 10);
  struct Case {
    Value i, r, t, b;
  };
  const std::vector<Case> cases = {
      {nullptr, nullptr, nullptr, nullptr},
      {std::int64_t{0}, 0.0, std::string(), Blob{}},
      {std::int64_t{-1}, -1.5, chinese, Blob{bytes}},
      {std::numeric_limits<std::int64_t>::max(), 3.141592653589793, "plain", Blob{"x"}},
      {std::numeric_limits<std::int64_t>::min(), 1e-300, "'; DROP TABLE vals; --", Blob{bytes}},
      {std::int64_t{1} << 53, -1e300, "\n\t\"\\", Blob{std::string(1000, '\0')}},
  };
  Status written = db().Write([&](Transaction& tx) {
    for (size_t k = 0; k < cases.size(); ++k) {
      EXPECT_EQ(tx.Execute(kInsertValue,
                           {static_cast<std::int64_t>(k), cases[k].i, cases[k].r, cases[k].t, cases[k].b}),
                1);
    }
    return Status::Ok();
  });
  ASSERT_TRUE(written.ok()) << written.error().detail;

  db().Run([&](Transaction& tx) {
    for (size_t k = 0; k < cases.size(); ++k) {
      SCOPED_TRACE(k);
      Rows rows = tx.Query(kSelectValue, {static_cast<std::int64_t>(k)});
      ASSERT_EQ(rows.size(), 1u);
      Row row = rows[0];
      const Case& c = cases[k];
      if (c.i.is_null()) {
        EXPECT_TRUE(row.IsNull(0) && row.IsNull(1) && row.IsNull(2) && row.IsNull(3));
        EXPECT_EQ(row.OptInt(0), std::nullopt);
        EXPECT_EQ(row.OptText(2), std::nullopt);
        continue;
      }
      EXPECT_EQ(row.Int(0), std::get<std::int64_t>(c.i.variant()));
      EXPECT_EQ(row.Real(1), std::get<double>(c.r.variant()));  // exact, not approximately
      EXPECT_EQ(row.Text(2), std::get<std::string>(c.t.variant()));
      EXPECT_EQ(row.Bytes(3), std::get<Blob>(c.b.variant()).bytes);
    }
  });
  EXPECT_EQ(CountValues(), static_cast<std::int64_t>(cases.size()));
}

TEST_P(DatabaseTest, ExecuteCountsChangedRowsOnly) {
  static constexpr Sql kUpdateAll{"update_all_values", "UPDATE vals SET i = i + 1",
                                  "UPDATE vals SET i = i + 1"};
  static constexpr Sql kUpdateNone{"update_no_value", "UPDATE vals SET i = 0 WHERE id < 0",
                                   "UPDATE vals SET i = 0 WHERE id < 0"};
  static constexpr Sql kCreateOther{"create_other", "CREATE TABLE other (k INTEGER)",
                                    "CREATE TABLE other (k BIGINT)"};
  ASSERT_TRUE(db().Write([](Transaction& tx) {
                    for (int k = 0; k < 3; ++k) tx.Execute(kInsertValue, {k, k, 1.0, "a", Blob{"a"}});
                    EXPECT_EQ(tx.Execute(kUpdateAll), 3);
                    EXPECT_EQ(tx.Execute(kUpdateNone), 0);
                    EXPECT_EQ(tx.Execute(kCreateOther), 0);
                    EXPECT_EQ(tx.Execute(kCountValues), 0);  // a SELECT changes nothing
                    return Status::Ok();
                  })
                  .ok());
}

TEST_P(DatabaseTest, ParametersAreBoundByNumber) {
  db().Run([](Transaction& tx) {
    Rows rows = tx.Query(kSelectSwapped, {"first", "second"});
    EXPECT_EQ(rows[0].Text(0), "second");
    EXPECT_EQ(rows[0].Text(1), "first");
  });
}

TEST_P(DatabaseTest, WrongParameterCountIsADbError) {
  EXPECT_THROW(db().Run([](Transaction& tx) { tx.Query(kSelectValue, {}); }), DbError);
  EXPECT_THROW(db().Run([](Transaction& tx) { tx.Query(kSelectValue, {1, 2}); }), DbError);
  EXPECT_EQ(CountValues(), 0);  // the connection is still usable
}

TEST_P(DatabaseTest, UniqueViolationIsReported) {
  ASSERT_TRUE(db().Write([](Transaction& tx) {
                    tx.Execute(kInsertValue, {1, 1, 1.0, "a", Blob{"a"}});
                    return Status::Ok();
                  })
                  .ok());
  try {
    db().Run([](Transaction& tx) { tx.Execute(kInsertValue, {1, 2, 2.0, "b", Blob{"b"}}); });
    FAIL() << "expected a DbError";
  } catch (const DbError& e) {
    EXPECT_EQ(e.kind(), DbErrorKind::kUniqueViolation);
    EXPECT_EQ(e.statement(), "insert_value");
    EXPECT_EQ(e.error().code, ErrorCode::kAlreadyExists);
  }
  Status status = db().Write([](Transaction& tx) {
    tx.Execute(kInsertValue, {1, 3, 3.0, "c", Blob{"c"}});
    return Status::Ok();
  });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(status.error().reason, "db.unique_violation");
  EXPECT_EQ(CountValues(), 1);
}

TEST_P(DatabaseTest, RunRollsBackWhenFnThrows) {
  EXPECT_THROW(db().Run([](Transaction& tx) {
    tx.Execute(kInsertValue, {1, 1, 1.0, "a", Blob{"a"}});
    throw std::runtime_error("abort the unit of work");
  }),
               std::runtime_error);
  EXPECT_EQ(CountValues(), 0);
}

TEST_P(DatabaseTest, WriteRollsBackAUnitThatFails) {
  Status returned = db().Write([](Transaction& tx) {
    tx.Execute(kInsertValue, {1, 1, 1.0, "a", Blob{"a"}});
    return Status(Error::Make(ErrorCode::kFailedPrecondition, "test.refused", "拒绝", "refused"));
  });
  ASSERT_FALSE(returned.ok());
  EXPECT_EQ(returned.error().reason, "test.refused");

  Status threw = db().Write([](Transaction& tx) -> Status {
    tx.Execute(kInsertValue, {2, 1, 1.0, "a", Blob{"a"}});
    throw std::runtime_error("a bug");
  });
  ASSERT_FALSE(threw.ok());
  EXPECT_EQ(threw.error().code, ErrorCode::kInternal);
  EXPECT_EQ(threw.error().reason, "db.unit_threw");
  EXPECT_EQ(CountValues(), 0);
}

TEST_P(DatabaseTest, OnCommitHooksRunOnlyAfterCommit) {
  int committed = 0, rolled_back = 0;
  ASSERT_TRUE(db().Write([&](Transaction& tx) {
                    tx.OnCommit([&] { ++committed; });
                    tx.OnCommit([] { throw std::runtime_error("a hook that throws"); });
                    tx.OnCommit([&] { ++committed; });
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(committed, 2);  // a throwing hook does not cost the others
  EXPECT_FALSE(db().Write([&](Transaction& tx) {
                     tx.OnCommit([&] { ++rolled_back; });
                     return Status(Error::Make(ErrorCode::kConflict, "test.no", "否", "no"));
                   })
                   .ok());
  EXPECT_EQ(rolled_back, 0);
  db().Run([&](Transaction& tx) { tx.OnCommit([&] { ++committed; }); });
  EXPECT_EQ(committed, 3);
}

TEST_P(DatabaseTest, WriteAsyncCompletesOnTheWriter) {
  std::promise<Status> done;
  db().WriteAsync(
      [](Transaction& tx) {
        tx.Execute(kInsertValue, {1, 1, 1.0, "a", Blob{"a"}});
        return Status::Ok();
      },
      [&](Status status) { done.set_value(std::move(status)); });
  EXPECT_TRUE(done.get_future().get().ok());
  EXPECT_EQ(CountValues(), 1);
}

TEST_P(DatabaseTest, WriteFromInsideAUnitIsRefusedNotDeadlocked) {
  Status inner = Status::Ok();
  ASSERT_TRUE(db().Write([&](Transaction&) {
                    inner = db().Write([](Transaction&) { return Status::Ok(); });
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_FALSE(inner.ok());
  EXPECT_EQ(inner.error().reason, "db.write_from_writer_thread");
}

TEST_P(DatabaseTest, CloseDrainsAndThenRefuses) {
  std::atomic<int> done{0};
  for (int k = 0; k < 100; ++k) {
    db().WriteAsync(
        [k](Transaction& tx) {
          tx.Execute(kInsertValue, {k, k, 1.0, "a", Blob{"a"}});
          return Status::Ok();
        },
        [&](Status status) {
          EXPECT_TRUE(status.ok());
          ++done;
        });
  }
  db().Close();
  EXPECT_EQ(done.load(), 100);
  EXPECT_EQ(CountValues(), 100);
  Status after = db().Write([](Transaction&) { return Status::Ok(); });
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.error().reason, "db.closed");
  db().Close();  // idempotent
}

TEST_P(DatabaseTest, PingAndStats) {
  EXPECT_TRUE(db().Ping());
  ASSERT_TRUE(db().Write([](Transaction&) { return Status::Ok(); }).ok());
  PoolStats stats = db().Stats();
  EXPECT_GE(stats.connections_total, 1);
  EXPECT_EQ(stats.connections_in_use, 0);
  EXPECT_EQ(stats.writes_committed, 1);
  EXPECT_EQ(stats.write_batches, 1);
  EXPECT_EQ(stats.write_queue_depth, 0);
}

TEST_P(DatabaseTest, LockForTransactionSerialisesAcrossDatabases) {
  const std::int64_t key = 0x5eed0001;
  if (!is_postgres()) {
    // SQLite: writes are already serial; the call is accepted everywhere.
    db().Run([&](Transaction& tx) { tx.LockForTransaction(key); });
    EXPECT_TRUE(db().Write([&](Transaction& tx) {
                      tx.LockForTransaction(key);
                      return Status::Ok();
                    })
                    .ok());
    return;
  }
  auto other = OpenAnother(scratch().Options());
  ASSERT_TRUE(other.ok()) << other.error().detail;
  std::atomic<bool> first_holds{false}, first_done{false};
  bool second_saw_first_done = false;
  std::thread first([&] {
    db().Run([&](Transaction& tx) {
      tx.LockForTransaction(key);
      first_holds = true;
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      first_done = true;
    });
  });
  while (!first_holds) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  Status second = (*other)->Write([&](Transaction& tx) {
    tx.LockForTransaction(key);
    second_saw_first_done = first_done.load();
    return Status::Ok();
  });
  first.join();
  EXPECT_TRUE(second.ok());
  EXPECT_TRUE(second_saw_first_done);
}

TEST_P(DatabaseTest, LeadershipIsHeldByOneAtATime) {
  const std::int64_t key = 0x5eed0002;
  std::unique_ptr<LeaderLease> lease = db().TryAcquireLeadership(key);
  ASSERT_NE(lease, nullptr);
  EXPECT_TRUE(lease->Held());
  if (!is_postgres()) {
    // One process owns a SQLite database (lock file), so it always leads.
    std::unique_ptr<LeaderLease> again = db().TryAcquireLeadership(key);
    ASSERT_NE(again, nullptr);
    EXPECT_TRUE(again->Held());
    return;
  }
  auto other = OpenAnother(scratch().Options());
  ASSERT_TRUE(other.ok()) << other.error().detail;
  EXPECT_EQ((*other)->TryAcquireLeadership(key), nullptr);
  EXPECT_EQ(db().TryAcquireLeadership(key), nullptr);           // a second lease from the same node too
  EXPECT_NE((*other)->TryAcquireLeadership(key + 1), nullptr);  // other keys are independent
  lease.reset();
  std::unique_ptr<LeaderLease> taken = (*other)->TryAcquireLeadership(key);
  ASSERT_NE(taken, nullptr);
  EXPECT_TRUE(taken->Held());
}

TEST_P(DatabaseTest, LeaseIsLostWithItsConnection) {
  if (!is_postgres()) GTEST_SKIP() << "PostgreSQL only: SQLite leases cannot be lost";
  const std::int64_t key = 0x5eed0003;
  std::unique_ptr<LeaderLease> lease = db().TryAcquireLeadership(key);
  ASSERT_NE(lease, nullptr);
  db().Run([&](Transaction& tx) { tx.Query(kTerminateLockHolder, {key}); });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_FALSE(lease->Held());
  EXPECT_FALSE(lease->Held());
  auto other = OpenAnother(scratch().Options());
  ASSERT_TRUE(other.ok());
  EXPECT_NE((*other)->TryAcquireLeadership(key), nullptr);
}

TEST_P(DatabaseTest, BrokenConnectionsAreReplacedOnNextUse) {
  if (!is_postgres()) GTEST_SKIP() << "PostgreSQL only";
  auto options = scratch().Options();
  options.pool_size = 1;
  auto opened = OpenAnother(options);
  ASSERT_TRUE(opened.ok());
  Database& node = **opened;
  std::int64_t reader_pid = 0, writer_pid = 0;
  node.Run([&](Transaction& tx) { reader_pid = tx.Query(kSelectBackendPid)[0].Int(0); });
  ASSERT_TRUE(node.Write([&](Transaction& tx) {
                    writer_pid = tx.Query(kSelectBackendPid)[0].Int(0);
                    return Status::Ok();
                  })
                  .ok());
  db().Run([&](Transaction& tx) {
    tx.Query(kTerminateBackend, {reader_pid});
    tx.Query(kTerminateBackend, {writer_pid});
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));

  std::int64_t new_reader = 0, new_writer = 0;
  node.Run([&](Transaction& tx) { new_reader = tx.Query(kSelectBackendPid)[0].Int(0); });
  Status written = node.Write([&](Transaction& tx) {
    new_writer = tx.Query(kSelectBackendPid)[0].Int(0);
    tx.Execute(kInsertValue, {1, 1, 1.0, "a", Blob{"a"}});
    return Status::Ok();
  });
  EXPECT_TRUE(written.ok()) << (written.ok() ? "" : written.error().detail);
  EXPECT_NE(new_reader, reader_pid);
  EXPECT_NE(new_writer, writer_pid);
  EXPECT_EQ(CountValues(), 1);
  EXPECT_TRUE(node.Ping());
}

TEST_P(DatabaseTest, AUnitThatSwallowsADbErrorIsBlamedAlone) {
  ASSERT_TRUE(db().Write([](Transaction& tx) {
                    tx.Execute(kInsertValue, {1, 1, 1.0, "a", Blob{"a"}});
                    return Status::Ok();
                  })
                  .ok());
  // Catching a failed statement and carrying on works on SQLite (statement
  // rollback) but kills the transaction on PostgreSQL: stores must return
  // the error instead. Either way no other unit may suffer for it.
  Status swallowed = db().Write([](Transaction& tx) {
    try {
      tx.Execute(kInsertValue, {1, 2, 2.0, "b", Blob{"b"}});
    } catch (const DbError&) {
    }
    return Status::Ok();
  });
  if (is_postgres()) {
    ASSERT_FALSE(swallowed.ok());
    EXPECT_EQ(swallowed.error().reason, "db.transaction_aborted");
  } else {
    EXPECT_TRUE(swallowed.ok());
  }
  EXPECT_TRUE(db().Write([](Transaction& tx) {
                    tx.Execute(kInsertValue, {2, 2, 2.0, "b", Blob{"b"}});
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(CountValues(), 2);
}

TONGBAN_INSTANTIATE_BACKEND_TESTS(DatabaseTest);

}  // namespace
}  // namespace tongban::db
