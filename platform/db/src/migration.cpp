#include "db/migration.hpp"

#include <cstdio>
#include <map>
#include <set>
#include <string>

#include "tongban_db_sql.hpp"

namespace tongban::db {
namespace {

// Serialises migrating processes (PostgreSQL: several nodes starting at once).
constexpr std::int64_t kMigrationLockKey = 0x74626d6967726174;  // "tbmigrat"

std::string MigrationId(const Migration& m) {
  char version[16];
  std::snprintf(version, sizeof version, "%04d", m.version);
  return std::string(m.module) + "/" + version + "_" + m.name;
}

using AppliedVersions = std::map<std::string, std::set<int>>;  // module → versions

Status CheckKnown(std::span<const Migration> known) {
  std::set<std::pair<std::string, int>> seen;
  for (const Migration& m : known) {
    if (m.version <= 0 || !seen.emplace(m.module, m.version).second) {
      return Error::Make(ErrorCode::kInternal, "db.bad_migration_list", "内部错误", "Internal error")
          .WithDetail("duplicate or non-positive migration version: " + MigrationId(m));
    }
  }
  return Status::Ok();
}

Result<AppliedVersions> ReadApplied(Database& db) {
  AppliedVersions applied;
  try {
    db.Run([&](Transaction& tx) {
      Rows exists = tx.Query(sql::kSelectSchemaMigrationsExists);
      if (exists.empty() || exists[0].Int(0) == 0) return;
      for (Row row : tx.Query(sql::kSelectSchemaMigrations)) {
        applied[row.Text(0)].insert(static_cast<int>(row.Int(1)));
      }
    });
  } catch (const DbError& e) {
    return e.error();
  }
  return applied;
}

// A database migrated by a newer binary is refused: this binary would run
// against tables it does not understand. Only modules this binary knows are
// judged; the tables of a module it does not have are not its business.
Status CheckNotTooNew(const AppliedVersions& applied, std::span<const Migration> known) {
  std::map<std::string, int> newest_known;
  std::set<std::pair<std::string, int>> known_set;
  for (const Migration& m : known) {
    int& newest = newest_known[m.module];
    newest = std::max(newest, m.version);
    known_set.emplace(m.module, m.version);
  }
  for (const auto& [module, newest] : newest_known) {
    auto it = applied.find(module);
    if (it == applied.end() || it->second.empty()) continue;
    int in_db = *it->second.rbegin();
    if (in_db > newest) {
      std::string m = module, v_db = std::to_string(in_db), v_known = std::to_string(newest);
      return Error::Make(ErrorCode::kFailedPrecondition, "db.schema_too_new",
                         "数据库中模块 " + m + " 的结构版本为 " + v_db + "，高于本程序已知的最高版本 " +
                             v_known + "；请使用更新版本的程序",
                         "The database holds schema version " + v_db + " of module " + m +
                             ", newer than the newest this binary knows (" + v_known +
                             "); run a newer binary");
    }
    for (int version : it->second) {
      if (!known_set.contains({module, version})) {
        std::string v = std::to_string(version);
        return Error::Make(
            ErrorCode::kFailedPrecondition, "db.schema_unknown_migration",
            "数据库中有本程序不认识的迁移 " + module + "/" + v,
            "The database holds migration " + module + "/" + v + ", which this binary does not know");
      }
    }
  }
  return Status::Ok();
}

}  // namespace

Result<MigrationReport> ApplyMigrations(Database& db, std::span<const Migration> known) {
  TONGBAN_RETURN_IF_ERROR(CheckKnown(known));
  TONGBAN_ASSIGN_OR_RETURN(AppliedVersions applied, ReadApplied(db));
  TONGBAN_RETURN_IF_ERROR(CheckNotTooNew(applied, known));

  TONGBAN_RETURN_IF_ERROR(db.Write([](Transaction& tx) {
    tx.LockForTransaction(kMigrationLockKey);
    tx.Execute(sql::kCreateSchemaMigrations);
    return Status::Ok();
  }));

  MigrationReport report;
  const Dialect dialect = db.dialect();
  for (const Migration& m : known) {
    if (applied[m.module].contains(m.version)) continue;
    bool ran = false;
    // The unit may run more than once (group commit); it re-checks under the
    // lock, so another process that migrated meanwhile is not repeated.
    Status status = db.Write([&](Transaction& tx) {
      ran = false;
      tx.LockForTransaction(kMigrationLockKey);
      if (!tx.Query(sql::kSelectSchemaMigrationByModuleVersion, {m.module, m.version}).empty()) {
        return Status::Ok();
      }
      tx.ExecuteScript(dialect == Dialect::kSqlite ? m.sqlite : m.postgres);
      tx.Execute(sql::kInsertSchemaMigration, {m.module, m.version, m.name});
      ran = true;
      return Status::Ok();
    });
    if (!status.ok()) {
      const Error& cause = status.error();
      return Error::Make(ErrorCode::kInternal, "db.migration_failed",
                         "数据库迁移 " + MigrationId(m) + " 失败",
                         "Database migration " + MigrationId(m) + " failed")
          .WithDetail(cause.reason + ": " + cause.detail);
    }
    if (ran) report.applied.push_back(MigrationId(m));
  }
  return report;
}

Result<bool> MigrationsCurrent(Database& db, std::span<const Migration> known) {
  TONGBAN_RETURN_IF_ERROR(CheckKnown(known));
  TONGBAN_ASSIGN_OR_RETURN(AppliedVersions applied, ReadApplied(db));
  if (!CheckNotTooNew(applied, known).ok()) return false;
  for (const Migration& m : known) {
    if (!applied[m.module].contains(m.version)) return false;
  }
  return true;
}

}  // namespace tongban::db
