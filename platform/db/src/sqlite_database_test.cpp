// What only the SQLite back end does: the lock file, the directory, WAL and
// the synchronous setting, the in-memory database.
#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

#include "db/database.hpp"
#include "testing/scratch_database.hpp"

namespace tongban::db {
namespace {

using ::tongban::testing::Backend;
using ::tongban::testing::ScratchDatabase;

constexpr Sql kJournalMode{"journal_mode", "PRAGMA journal_mode", "SELECT 'n/a'"};
constexpr Sql kSynchronous{"synchronous", "PRAGMA synchronous", "SELECT 'n/a'"};
constexpr Sql kForeignKeys{"foreign_keys", "PRAGMA foreign_keys", "SELECT 'n/a'"};
constexpr Sql kCreateT{"create_t", "CREATE TABLE t (k INTEGER PRIMARY KEY)", ""};
constexpr Sql kInsertT{"insert_t", "INSERT INTO t (k) VALUES ($1)", ""};
constexpr Sql kCountT{"count_t", "SELECT count(*) FROM t", ""};

std::unique_ptr<ScratchDatabase> Scratch() {
  auto scratch = ScratchDatabase::Create(Backend::kSqlite);
  if (!scratch.ok()) throw std::runtime_error(scratch.error().message_en);
  return std::move(scratch).value();
}

TEST(SqliteDatabaseTest, ASecondOpenOfTheSameFileIsRefused) {
  auto scratch = Scratch();
  auto first = OpenDatabase(scratch->Options());
  ASSERT_TRUE(first.ok()) << first.error().detail;
  auto second = OpenDatabase(scratch->Options());
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().reason, "db.locked_by_other_process");
  EXPECT_EQ(second.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(second.error().message_en.find(scratch->location() + ".lock"), std::string::npos)
      << second.error().message_en;
  EXPECT_NE(second.error().message_zh.find(scratch->location() + ".lock"), std::string::npos);
  EXPECT_TRUE(std::filesystem::exists(scratch->location() + ".lock"));

  first.value().reset();  // closing releases the lock
  auto third = OpenDatabase(scratch->Options());
  EXPECT_TRUE(third.ok());
}

// An operator command (`tongban admin …`) beside a running serve: without the
// lock file both write, SQLite's own locking serialising them.
TEST(SqliteDatabaseTest, ANonExclusiveOpenWritesBesideTheOwner) {
  auto scratch = Scratch();
  auto owner = OpenDatabase(scratch->Options());
  ASSERT_TRUE(owner.ok()) << owner.error().detail;
  ASSERT_TRUE((*owner)
                  ->Write([](Transaction& tx) -> Status {
                    tx.Execute(kCreateT);
                    return Status::Ok();
                  })
                  .ok());
  DatabaseOptions options = scratch->Options();
  options.sqlite_exclusive = false;
  auto admin = OpenDatabase(options);
  ASSERT_TRUE(admin.ok()) << admin.error().detail;
  ASSERT_TRUE((*admin)
                  ->Write([](Transaction& tx) -> Status {
                    tx.Execute(kInsertT, {1});
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_TRUE((*owner)
                  ->Write([](Transaction& tx) -> Status {
                    tx.Execute(kInsertT, {2});
                    return Status::Ok();
                  })
                  .ok());
  (*owner)->Run([](Transaction& tx) { EXPECT_EQ(tx.Query(kCountT)[0].Int(0), 2); });
  // The owner still keeps other servers out.
  EXPECT_FALSE(OpenDatabase(scratch->Options()).ok());
}

TEST(SqliteDatabaseTest, CreatesTheDirectoryAndUsesWal) {
  auto scratch = Scratch();
  std::string nested = std::filesystem::path(scratch->location()).parent_path() / "a" / "b" / "x.db";
  DatabaseOptions options;
  options.url = "sqlite:" + nested;
  auto db = OpenDatabase(options);
  ASSERT_TRUE(db.ok()) << db.error().detail;
  EXPECT_TRUE(std::filesystem::exists(nested));
  (*db)->Run([](Transaction& tx) {
    EXPECT_EQ(tx.Query(kJournalMode)[0].Text(0), "wal");
    EXPECT_EQ(tx.Query(kSynchronous)[0].Int(0), 2);  // FULL
    EXPECT_EQ(tx.Query(kForeignKeys)[0].Int(0), 1);
  });
  ASSERT_TRUE((*db)
                  ->Write([](Transaction& tx) {
                    EXPECT_EQ(tx.Query(kSynchronous)[0].Int(0), 2);
                    return Status::Ok();
                  })
                  .ok());
}

TEST(SqliteDatabaseTest, SynchronousComesFromTheOptions) {
  auto scratch = Scratch();
  DatabaseOptions options = scratch->Options();
  options.sqlite_synchronous = "Normal";
  auto db = OpenDatabase(options);
  ASSERT_TRUE(db.ok());
  (*db)->Run([](Transaction& tx) { EXPECT_EQ(tx.Query(kSynchronous)[0].Int(0), 1); });
  ASSERT_TRUE((*db)
                  ->Write([](Transaction& tx) {
                    EXPECT_EQ(tx.Query(kSynchronous)[0].Int(0), 1);
                    return Status::Ok();
                  })
                  .ok());

  options.sqlite_synchronous = "full; DROP TABLE x";
  (*db).reset();
  auto bad = OpenDatabase(options);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().reason, "db.bad_option");
}

TEST(SqliteDatabaseTest, InMemoryDatabaseIsSharedByWriterAndReaders) {
  DatabaseOptions options;
  options.url = "sqlite::memory:";
  auto db = OpenDatabase(options);
  ASSERT_TRUE(db.ok()) << db.error().detail;
  (*db)->Run([](Transaction& tx) { tx.Execute(kCreateT); });
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) {
        EXPECT_TRUE((*db)
                        ->Write([k = t * 20 + i](Transaction& tx) {
                          tx.Execute(kInsertT, {k});
                          return Status::Ok();
                        })
                        .ok());
        (*db)->Run([](Transaction& tx) { tx.Query(kCountT); });
      }
    });
  }
  for (auto& thread : threads) thread.join();
  (*db)->Run([](Transaction& tx) { EXPECT_EQ(tx.Query(kCountT)[0].Int(0), 160); });
  EXPECT_TRUE((*db)->Ping());
  // Two in-memory databases are two databases, and neither takes a lock file.
  auto another = OpenDatabase(options);
  ASSERT_TRUE(another.ok());
  EXPECT_THROW((*another)->Run([](Transaction& tx) { tx.Query(kCountT); }), DbError);
}

TEST(SqliteDatabaseTest, BadUrlsAreErrorsNamingTheUrl) {
  DatabaseOptions options;
  options.url = "mysql://root:hunter2@h/db";
  auto bad = OpenDatabase(options);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().reason, "db.bad_url");
  EXPECT_EQ(bad.error().message_en.find("hunter2"), std::string::npos);
  EXPECT_NE(bad.error().message_en.find("mysql://root:***@h/db"), std::string::npos);

  options.url = "sqlite:";
  EXPECT_EQ(OpenDatabase(options).error().reason, "db.bad_url");
  options.url = "sqlite:/proc/definitely/not/here.db";
  auto unopenable = OpenDatabase(options);
  ASSERT_FALSE(unopenable.ok());
  EXPECT_EQ(unopenable.error().reason, "db.open_failed");
}

TEST(SqliteDatabaseTest, OneSqlIsOneStatement) {
  DatabaseOptions options;
  options.url = "sqlite::memory:";
  auto db = OpenDatabase(options);
  ASSERT_TRUE(db.ok());
  constexpr Sql kTwo{"two_statements", "SELECT 1; SELECT 2", ""};
  constexpr Sql kTrailing{"trailing_comment", "SELECT 1; -- fine\n /* also fine */ ;", ""};
  EXPECT_THROW((*db)->Run([&](Transaction& tx) { tx.Query(kTwo); }), DbError);
  (*db)->Run([&](Transaction& tx) { EXPECT_EQ(tx.Query(kTrailing)[0].Int(0), 1); });
}

TEST(PostgresDatabaseTest, AnUnreachableServerIsAnErrorWithAMaskedUrl) {
  DatabaseOptions options;
  options.url = "postgresql://user:secret@127.0.0.1:1/nothing";
  options.busy_timeout = std::chrono::milliseconds(1000);
  auto db = OpenDatabase(options);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().reason, "db.open_failed");
  EXPECT_EQ(db.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(db.error().message_en.find("secret"), std::string::npos);
  EXPECT_EQ(db.error().detail.find("secret"), std::string::npos);
  EXPECT_NE(db.error().message_en.find("user:***@127.0.0.1:1"), std::string::npos);
}

}  // namespace
}  // namespace tongban::db
