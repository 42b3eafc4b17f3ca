// One SQLite connection with its prepared-statement cache.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "session.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace tongban::db {

struct SqliteSettings {
  const char* synchronous = "FULL";  // one of OFF NORMAL FULL EXTRA (validated by the caller)
  std::chrono::milliseconds busy_timeout{5000};
};

enum class SqliteRole {
  kWriter,  // the first connection: also switches the file to WAL
  kReader,
};

class SqliteSession final : public Session {
 public:
  // `path` is a file path or ":memory:". Throws DbError.
  static std::unique_ptr<SqliteSession> Open(const std::string& path, const SqliteSettings& settings,
                                             SqliteRole role);
  ~SqliteSession() override;
  SqliteSession(const SqliteSession&) = delete;
  SqliteSession& operator=(const SqliteSession&) = delete;

  Dialect dialect() const override { return Dialect::kSqlite; }
  void Begin(BeginMode mode) override;
  void Commit() override;
  void Rollback() noexcept override;
  std::int64_t Execute(const Sql& sql, const Params& params) override;
  Rows Query(const Sql& sql, const Params& params) override;
  void ExecuteScript(std::string_view script) override;
  void LockForTransaction(std::int64_t /*key*/) override {}
  bool TransactionAborted() override { return false; }
  bool Usable() override { return db_ != nullptr; }

 private:
  explicit SqliteSession(sqlite3* db) : db_(db) {}

  struct NameHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  // The cached statement for this Sql, prepared on first use; bound and ready
  // to step. Throws DbError.
  sqlite3_stmt* Prepare(const Sql& sql);
  void Bind(sqlite3_stmt* stmt, const Sql& sql, const Params& params);
  [[noreturn]] void Fail(const char* statement, int rc) const;

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*, NameHash, std::equal_to<>> cache_;
};

}  // namespace tongban::db
