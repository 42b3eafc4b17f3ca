#include "db/migration.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "testing/backend_test.hpp"

namespace tongban::db {
namespace {

using ::tongban::testing::BackendTest;

const Migration kV1{"demo", 1, "create_item",
                    "CREATE TABLE demo_item (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
                    "CREATE INDEX demo_item_name ON demo_item (name);",
                    "CREATE TABLE demo_item (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL);"
                    "CREATE INDEX demo_item_name ON demo_item (name);"};
const Migration kV2{"demo", 2, "add_note", "ALTER TABLE demo_item ADD COLUMN note TEXT;",
                    "ALTER TABLE demo_item ADD COLUMN note TEXT;"};
const Migration kOther1{"other", 1, "create_thing", "CREATE TABLE other_thing (id INTEGER);",
                        "CREATE TABLE other_thing (id BIGINT);"};

constexpr Sql kInsertItem{"insert_item", "INSERT INTO demo_item (name, note) VALUES ($1, $2)",
                          "INSERT INTO demo_item (name, note) VALUES ($1, $2)"};
constexpr Sql kCountMigrations{"count_migrations", "SELECT count(*), min(applied_at) FROM schema_migrations",
                               "SELECT count(*), min(applied_at)::text FROM schema_migrations"};
constexpr Sql kInsertFakeMigration{
    "insert_fake_migration",
    "INSERT INTO schema_migrations (module, version, name, applied_at) VALUES ($1, $2, 'x', 'now')",
    "INSERT INTO schema_migrations (module, version, name, applied_at) VALUES ($1, $2, 'x', now())"};

class MigrationTest : public BackendTest {
 protected:
  std::int64_t CountMigrations() {
    std::int64_t n = 0;
    db().Run([&](Transaction& tx) { n = tx.Query(kCountMigrations)[0].Int(0); });
    return n;
  }
};

TEST_P(MigrationTest, AppliesOnceThenIsIdempotent) {
  const std::vector<Migration> known = {kV1, kV2, kOther1};
  auto current = MigrationsCurrent(db(), known);
  ASSERT_TRUE(current.ok()) << current.error().detail;
  EXPECT_FALSE(*current);  // not even the table exists yet

  auto first = ApplyMigrations(db(), known);
  ASSERT_TRUE(first.ok()) << first.error().detail;
  EXPECT_EQ(first->applied, (std::vector<std::string>{"demo/0001_create_item", "demo/0002_add_note",
                                                      "other/0001_create_thing"}));
  EXPECT_TRUE(*MigrationsCurrent(db(), known));
  EXPECT_EQ(CountMigrations(), 3);
  EXPECT_TRUE(db().Write([](Transaction& tx) {
                    tx.Execute(kInsertItem, {"事项", "备注"});
                    return Status::Ok();
                  })
                  .ok());

  auto second = ApplyMigrations(db(), known);
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(second->applied.empty());
  EXPECT_EQ(CountMigrations(), 3);
  EXPECT_TRUE(*MigrationsCurrent(db(), known));
}

TEST_P(MigrationTest, AppliesOnlyWhatIsNew) {
  const std::vector<Migration> v1 = {kV1};
  ASSERT_TRUE(ApplyMigrations(db(), v1).ok());
  const std::vector<Migration> v2 = {kV1, kV2};
  EXPECT_TRUE(*MigrationsCurrent(db(), v1));
  EXPECT_FALSE(*MigrationsCurrent(db(), v2));
  auto report = ApplyMigrations(db(), v2);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->applied, std::vector<std::string>{"demo/0002_add_note"});
  // Modules absent from the list are not judged: per-module calls work.
  EXPECT_TRUE(*MigrationsCurrent(db(), std::vector<Migration>{kOther1}) == false);
  ASSERT_TRUE(ApplyMigrations(db(), std::vector<Migration>{kOther1}).ok());
  EXPECT_TRUE(*MigrationsCurrent(db(), std::vector<Migration>{kOther1}));
}

TEST_P(MigrationTest, RefusesADatabaseNewerThanTheBinary) {
  const std::vector<Migration> known = {kV1, kV2};
  ASSERT_TRUE(ApplyMigrations(db(), known).ok());
  ASSERT_TRUE(db().Write([](Transaction& tx) {
                    tx.Execute(kInsertFakeMigration, {"demo", 7});
                    return Status::Ok();
                  })
                  .ok());
  auto refused = ApplyMigrations(db(), known);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(refused.error().reason, "db.schema_too_new");
  EXPECT_NE(refused.error().message_en.find("demo"), std::string::npos);
  EXPECT_NE(refused.error().message_en.find("7"), std::string::npos);
  EXPECT_NE(refused.error().message_en.find("2"), std::string::npos);
  EXPECT_NE(refused.error().message_zh.find("demo"), std::string::npos);
  auto current = MigrationsCurrent(db(), known);
  ASSERT_TRUE(current.ok());
  EXPECT_FALSE(*current);
}

TEST_P(MigrationTest, AFailingMigrationLeavesNoTrace) {
  const Migration broken{"demo", 2, "broken", "CREATE TABLE half_done (id INTEGER); THIS IS NOT SQL;",
                         "CREATE TABLE half_done (id BIGINT); THIS IS NOT SQL;"};
  auto report = ApplyMigrations(db(), std::vector<Migration>{kV1, broken});
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().reason, "db.migration_failed");
  EXPECT_NE(report.error().message_en.find("demo/0002_broken"), std::string::npos);
  EXPECT_EQ(CountMigrations(), 1);  // 0001 committed, 0002 rolled back with its record
  constexpr Sql kSelectHalfDone{"select_half_done", "SELECT * FROM half_done", "SELECT * FROM half_done"};
  EXPECT_THROW(db().Run([&](Transaction& tx) { tx.Query(kSelectHalfDone); }), DbError);
}

TEST_P(MigrationTest, RejectsADuplicateVersionInTheList) {
  auto report = ApplyMigrations(db(), std::vector<Migration>{kV1, kV1});
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().reason, "db.bad_migration_list");
}

TONGBAN_INSTANTIATE_BACKEND_TESTS(MigrationTest);

}  // namespace
}  // namespace tongban::db
