// OpenSqliteDatabase: one writer connection (WAL), a pool of readers, and an
// exclusive lock file so that one process owns the database.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>
#include <system_error>

#include "backends.hpp"
#include "pooled_database.hpp"
#include "sqlite_session.hpp"

namespace tongban::db {
namespace {

// Held for the life of the Database: flock(LOCK_EX) on "<file>.lock". flock
// locks belong to the open file description, so a second OpenDatabase in the
// same process is refused as well as one in another process. The file is
// never deleted: unlinking a lock file lets two processes lock two inodes.
class FileLock {
 public:
  explicit FileLock(int fd) : fd_(fd) {}
  ~FileLock() { ::close(fd_); }  // releases the lock
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_;
};

Result<std::shared_ptr<FileLock>> LockDatabaseFile(const std::string& db_path) {
  const std::string lock_path = db_path + ".lock";
  int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    return Error::Make(ErrorCode::kUnavailable, "db.open_failed", "无法创建数据库锁文件 " + lock_path,
                       "Cannot create the database lock file " + lock_path)
        .WithDetail(std::strerror(errno));
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    int err = errno;
    char pid[32] = {};
    ssize_t n = ::pread(fd, pid, sizeof pid - 1, 0);
    std::string holder = n > 0 ? std::string(pid, static_cast<size_t>(n)) : std::string();
    holder.erase(
        std::remove_if(holder.begin(), holder.end(), [](unsigned char c) { return !std::isdigit(c); }),
        holder.end());
    ::close(fd);
    if (err != EWOULDBLOCK) {
      return Error::Make(ErrorCode::kUnavailable, "db.open_failed", "无法锁定数据库锁文件 " + lock_path,
                         "Cannot lock the database lock file " + lock_path)
          .WithDetail(std::strerror(err));
    }
    std::string who = holder.empty() ? "" : "（进程 " + holder + "）";
    std::string who_en = holder.empty() ? "" : " (process " + holder + ")";
    return Error::Make(ErrorCode::kFailedPrecondition, "db.locked_by_other_process",
                       "数据库 " + db_path + " 正被另一个进程" + who + "使用（锁文件 " + lock_path +
                           "）；同一数据库文件只能由一个进程打开",
                       "The database " + db_path + " is in use by another process" + who_en + " (lock file " +
                           lock_path + "); one SQLite database is opened by one process only");
  }
  // For people reading the lock file: who holds it.
  std::string me = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) == 0) {
    [[maybe_unused]] ssize_t written = ::pwrite(fd, me.data(), me.size(), 0);
  }
  return std::make_shared<FileLock>(fd);
}

const char* SynchronousKeyword(std::string value) {
  std::transform(value.begin(), value.end(), value.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  for (const char* keyword : {"OFF", "NORMAL", "FULL", "EXTRA"}) {
    if (value == keyword) return keyword;
  }
  return nullptr;
}

// SQLite in one process is always the leader: the lock file already makes
// this process the only one using the database.
class SqliteLeaderLease final : public LeaderLease {
 public:
  bool Held() override { return true; }
};

}  // namespace

Result<std::unique_ptr<Database>> OpenSqliteDatabase(const DatabaseOptions& options) {
  std::string path = options.url.substr(std::string_view("sqlite:").size());
  if (path.starts_with("///")) path.erase(0, 2);  // sqlite:///abs/path
  if (path.empty()) {
    return Error::Make(ErrorCode::kInvalidArgument, "db.bad_url", "数据库地址缺少文件路径",
                       "The SQLite URL has no file path (sqlite:PATH or sqlite::memory:)");
  }
  SqliteSettings settings;
  settings.synchronous = SynchronousKeyword(options.sqlite_synchronous);
  settings.busy_timeout = options.busy_timeout;
  if (!settings.synchronous) {
    return Error::Make(
        ErrorCode::kInvalidArgument, "db.bad_option",
        "sqlite_synchronous 取值无效：" + options.sqlite_synchronous,
        "Invalid sqlite_synchronous: " + options.sqlite_synchronous + " (off, normal, full or extra)");
  }

  auto open_failed = [&](const DbError& e) {
    return Error::Make(ErrorCode::kUnavailable, "db.open_failed", "无法打开数据库 " + options.url,
                       "Cannot open the database " + options.url)
        .WithDetail(e.error().detail);
  };

  BackendParts parts;
  parts.dialect = Dialect::kSqlite;
  parts.acquire_leadership = [](std::int64_t) { return std::make_unique<SqliteLeaderLease>(); };

  if (path == ":memory:") {
    // One connection serves the writer and Run() alike: a second connection
    // would see a different, empty database.
    try {
      auto pool = std::make_shared<SessionPool>(
          []() -> std::unique_ptr<Session> {
            throw DbError(DbErrorKind::kConnection, "open", "the in-memory database was lost");
          },
          1);
      pool->Seed(SqliteSession::Open(path, settings, SqliteRole::kWriter));
      parts.read_pool = pool;
      parts.write_pool = pool;
    } catch (const DbError& e) {
      return open_failed(e);
    }
    return std::unique_ptr<Database>(std::make_unique<PooledDatabase>(std::move(parts), options));
  }

  std::error_code ec;
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  if (ec) {
    return Error::Make(ErrorCode::kUnavailable, "db.open_failed", "无法创建数据库目录 " + parent.string(),
                       "Cannot create the database directory " + parent.string())
        .WithDetail(ec.message());
  }
  if (options.sqlite_exclusive) {
    TONGBAN_ASSIGN_OR_RETURN(std::shared_ptr<FileLock> lock, LockDatabaseFile(path));
    parts.guard = lock;
  }
  try {
    parts.write_pool = std::make_shared<SessionPool>(
        [path, settings] { return SqliteSession::Open(path, settings, SqliteRole::kWriter); }, 1);
    parts.write_pool->Seed(SqliteSession::Open(path, settings, SqliteRole::kWriter));
  } catch (const DbError& e) {
    return open_failed(e);
  }
  parts.read_pool = std::make_shared<SessionPool>(
      [path, settings] { return SqliteSession::Open(path, settings, SqliteRole::kReader); },
      options.pool_size);
  return std::unique_ptr<Database>(std::make_unique<PooledDatabase>(std::move(parts), options));
}

}  // namespace tongban::db
