#include "sqlite_session.hpp"

#include <sqlite3.h>

#include <charconv>
#include <cstring>
#include <mutex>
#include <string>
#include <variant>

#include "tongban_db_sql.hpp"

namespace tongban::db {
namespace {

DbErrorKind KindOf(int extended_code) {
  switch (extended_code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
    case SQLITE_CONSTRAINT_ROWID: return DbErrorKind::kUniqueViolation;
    case SQLITE_CONSTRAINT_FOREIGNKEY: return DbErrorKind::kForeignKeyViolation;
    case SQLITE_CONSTRAINT_CHECK:
    case SQLITE_CONSTRAINT_NOTNULL:  // PostgreSQL's 23502 maps here too
      return DbErrorKind::kCheckViolation;
    default: break;
  }
  switch (extended_code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return DbErrorKind::kSerialization;
    // The file is unreachable or the disk is full: like a lost server, the
    // caller can only try again later.
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY: return DbErrorKind::kConnection;
    default: return DbErrorKind::kOther;
  }
}

// True when the rest of a statement text holds nothing but blanks, `;` and
// comments: one Sql is one statement, as on PostgreSQL, where a prepared
// statement cannot hold two.
bool OnlyBlanksLeft(const char* p) {
  while (*p) {
    if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == ';') {
      ++p;
    } else if (p[0] == '-' && p[1] == '-') {
      while (*p && *p != '\n') ++p;
    } else if (p[0] == '/' && p[1] == '*') {
      const char* end = std::strstr(p + 2, "*/");
      if (!end) return true;
      p = end + 2;
    } else {
      return false;
    }
  }
  return true;
}

// Resets the statement when a call ends, so that no cursor keeps a read
// transaction open, and drops the bound values (they point at the caller's).
class StatementGuard {
 public:
  explicit StatementGuard(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~StatementGuard() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  StatementGuard(const StatementGuard&) = delete;
  StatementGuard& operator=(const StatementGuard&) = delete;

 private:
  sqlite3_stmt* stmt_;
};

std::string FormatDouble(double d) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  return ec == std::errc() ? std::string(buf, end) : std::string();
}

// SQLite keeps memory statistics by default, under one process-wide mutex
// taken on every sqlite3_malloc and sqlite3_free: with many connections on
// many threads (readers, the writer) that mutex was most of the lock waits
// of a read transaction. Nothing here reads the statistics. The setting only
// takes before SQLite initialises, so before the first connection opens; a
// host program that initialised SQLite earlier keeps its own (SQLITE_MISUSE,
// ignored).
void ConfigureSqliteOnce() {
  static std::once_flag once;
  std::call_once(once, [] { (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

}  // namespace

std::unique_ptr<SqliteSession> SqliteSession::Open(const std::string& path, const SqliteSettings& settings,
                                                   SqliteRole role) {
  ConfigureSqliteOnce();
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  std::unique_ptr<SqliteSession> session(new SqliteSession(raw));  // closes raw on every path
  if (rc != SQLITE_OK) {
    std::string message = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    throw DbError(DbErrorKind::kConnection, "open", "cannot open " + path + ": " + message);
  }
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, static_cast<int>(settings.busy_timeout.count()));

  // Settings are keywords from a fixed list (validated by the caller), never
  // user text.
  std::string pragmas = "PRAGMA foreign_keys = ON; PRAGMA synchronous = ";
  pragmas += settings.synchronous;
  pragmas += ";";
  session->ExecuteScript(pragmas);

  if (role == SqliteRole::kWriter && path != ":memory:") {
    std::string mode;
    char* error = nullptr;
    rc = sqlite3_exec(
        raw, "PRAGMA journal_mode = WAL",
        [](void* out, int, char** values, char**) {
          *static_cast<std::string*>(out) = values[0] ? values[0] : "";
          return 0;
        },
        &mode, &error);
    sqlite3_free(error);  // the connection's errmsg carries the same text
    if (rc != SQLITE_OK) session->Fail("journal_mode", rc);
    if (mode != "wal") {
      throw DbError(DbErrorKind::kOther, "journal_mode",
                    "cannot switch " + path + " to WAL (journal_mode is " + mode + ")");
    }
  }
  return session;
}

SqliteSession::~SqliteSession() {
  for (auto& [name, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

void SqliteSession::Fail(const char* statement, int rc) const {
  int extended = db_ ? sqlite3_extended_errcode(db_) : rc;
  std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
  throw DbError(KindOf(extended), statement ? statement : "", message);
}

sqlite3_stmt* SqliteSession::Prepare(const Sql& sql) {
  auto it = cache_.find(std::string_view(sql.name));
  if (it != cache_.end()) {
    // Same name, same text: the common case. A different text under the same
    // name (ad hoc Sql in tests) replaces the cached statement.
    const char* cached = sqlite3_sql(it->second);
    if (cached == sql.sqlite || std::strcmp(cached, sql.sqlite) == 0) return it->second;
    sqlite3_finalize(it->second);
    cache_.erase(it);
  }
  sqlite3_stmt* stmt = nullptr;
  const char* tail = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.sqlite, -1, SQLITE_PREPARE_PERSISTENT, &stmt, &tail);
  if (rc != SQLITE_OK) Fail(sql.name, rc);
  if (stmt == nullptr) {
    throw DbError(DbErrorKind::kOther, sql.name, "the statement is empty");
  }
  if (tail && !OnlyBlanksLeft(tail)) {
    sqlite3_finalize(stmt);
    throw DbError(DbErrorKind::kOther, sql.name,
                  "one Sql must hold one statement (use ExecuteScript for scripts)");
  }
  cache_.emplace(sql.name, stmt);
  return stmt;
}

void SqliteSession::Bind(sqlite3_stmt* stmt, const Sql& sql, const Params& params) {
  const int expected = sqlite3_bind_parameter_count(stmt);
  if (expected != static_cast<int>(params.size())) {
    throw DbError(DbErrorKind::kOther, sql.name,
                  "the statement takes " + std::to_string(expected) + " parameters, " +
                      std::to_string(params.size()) + " given");
  }
  for (size_t i = 0; i < params.size(); ++i) {
    // $N is looked up by name: SQLite numbers parameters in order of first
    // appearance, so "$2 … $1" must not be bound by position.
    std::string name = "$";  // not "$" + to_string(): GCC 12 -O3 -Wrestrict false positive
    name += std::to_string(i + 1);
    int index = sqlite3_bind_parameter_index(stmt, name.c_str());
    if (index == 0) {
      throw DbError(DbErrorKind::kOther, sql.name, "the statement does not use " + name);
    }
    int rc = std::visit(
        [&](const auto& v) -> int {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::nullptr_t>) {
            return sqlite3_bind_null(stmt, index);
          } else if constexpr (std::is_same_v<T, std::int64_t>) {
            return sqlite3_bind_int64(stmt, index, v);
          } else if constexpr (std::is_same_v<T, double>) {
            return sqlite3_bind_double(stmt, index, v);
          } else if constexpr (std::is_same_v<T, std::string>) {
            return sqlite3_bind_text64(stmt, index, v.data(), v.size(), SQLITE_STATIC, SQLITE_UTF8);
          } else {
            return sqlite3_bind_blob64(stmt, index, v.bytes.data(), v.bytes.size(), SQLITE_STATIC);
          }
        },
        params[i].variant());
    if (rc != SQLITE_OK) Fail(sql.name, rc);
  }
}

void SqliteSession::Begin(BeginMode mode) {
  Execute(mode == BeginMode::kWrite ? sql::kBeginWriteTransaction : sql::kBeginReadTransaction, {});
}

void SqliteSession::Commit() {
  Execute(sql::kCommitTransaction, {});
}

void SqliteSession::Rollback() noexcept {
  if (sqlite3_get_autocommit(db_)) return;  // nothing open (or SQLite already rolled back)
  try {
    Execute(sql::kRollbackTransaction, {});
  } catch (const DbError&) {
    // SQLite only fails a ROLLBACK when the connection itself is unusable;
    // the next BEGIN will report that.
  }
}

std::int64_t SqliteSession::Execute(const Sql& sql, const Params& params) {
  sqlite3_stmt* stmt = Prepare(sql);
  StatementGuard guard(stmt);
  Bind(stmt, sql, params);
  const sqlite3_int64 before = sqlite3_total_changes64(db_);
  for (;;) {
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) Fail(sql.name, rc);
  }
  // sqlite3_changes64 keeps the count of the last INSERT/UPDATE/DELETE, so a
  // DDL statement or a SELECT would report a stale count.
  return sqlite3_total_changes64(db_) == before ? 0 : sqlite3_changes64(db_);
}

Rows SqliteSession::Query(const Sql& sql, const Params& params) {
  sqlite3_stmt* stmt = Prepare(sql);
  StatementGuard guard(stmt);
  Bind(stmt, sql, params);
  const int n = sqlite3_column_count(stmt);
  std::vector<std::string> columns;
  columns.reserve(static_cast<size_t>(n));
  for (int c = 0; c < n; ++c) {
    const char* name = sqlite3_column_name(stmt, c);
    columns.emplace_back(name ? name : "");
  }
  Rows rows(std::move(columns), /*hex_bytea=*/false);
  for (;;) {
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) Fail(sql.name, rc);
    std::vector<std::optional<std::string>> cells;
    cells.reserve(static_cast<size_t>(n));
    for (int c = 0; c < n; ++c) {
      switch (sqlite3_column_type(stmt, c)) {
        case SQLITE_NULL: cells.emplace_back(std::nullopt); break;
        case SQLITE_INTEGER: cells.emplace_back(std::to_string(sqlite3_column_int64(stmt, c))); break;
        case SQLITE_FLOAT:
          // Shortest round-trip form; SQLite's own text form keeps 15 digits.
          cells.emplace_back(FormatDouble(sqlite3_column_double(stmt, c)));
          break;
        case SQLITE_BLOB: {
          const void* data = sqlite3_column_blob(stmt, c);  // NULL for an empty blob
          int size = sqlite3_column_bytes(stmt, c);
          cells.emplace_back(size == 0
                                 ? std::string()
                                 : std::string(static_cast<const char*>(data), static_cast<size_t>(size)));
          break;
        }
        default: {
          const unsigned char* text = sqlite3_column_text(stmt, c);
          int size = sqlite3_column_bytes(stmt, c);
          cells.emplace_back(std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(size)));
          break;
        }
      }
    }
    rows.AddRow(std::move(cells));
  }
  return rows;
}

void SqliteSession::ExecuteScript(std::string_view script) {
  std::string text(script);
  char* error = nullptr;
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
  sqlite3_free(error);  // the connection's errmsg carries the same text
  if (rc != SQLITE_OK) Fail("script", rc);
}

}  // namespace tongban::db
