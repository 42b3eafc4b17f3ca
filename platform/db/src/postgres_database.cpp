// OpenPostgresDatabase: a pool of libpq connections for Run(), one more for the
// group-commit writer, and a dedicated connection per leadership lease.
#include <mutex>

#include "backends.hpp"
#include "pooled_database.hpp"
#include "postgres_session.hpp"
#include "tongban_db_sql.hpp"

namespace tongban::db {
namespace {

// Holds pg_try_advisory_lock(key) on its own session: the server releases the
// lock when that connection ends, so a node that dies loses the lease.
class PostgresLeaderLease final : public LeaderLease {
 public:
  explicit PostgresLeaderLease(std::unique_ptr<PostgresSession> session) : session_(std::move(session)) {}

  // A round trip on the lease's connection: while that session lives, the
  // server keeps its session-level lock. Once lost, the lease stays lost (a
  // new connection would not hold the lock).
  bool Held() override {
    std::lock_guard lock(mu_);
    if (lost_) return false;
    try {
      session_->Query(sql::kSelectOne, {});
    } catch (const DbError&) {
      lost_ = true;
      session_.reset();
    }
    return !lost_;
  }

 private:
  std::mutex mu_;
  bool lost_ = false;
  std::unique_ptr<PostgresSession> session_;
};

}  // namespace

Result<std::unique_ptr<Database>> OpenPostgresDatabase(const DatabaseOptions& options) {
  const std::string url = options.url;
  const std::chrono::milliseconds timeout = options.busy_timeout;
  BackendParts parts;
  parts.dialect = Dialect::kPostgres;
  auto connect = [url, timeout]() -> std::unique_ptr<Session> {
    return PostgresSession::Connect(url, timeout);
  };
  try {
    parts.write_pool = std::make_shared<SessionPool>(connect, options.writer_lanes);
    parts.write_pool->Seed(PostgresSession::Connect(url, timeout));
    parts.writer_lanes = options.writer_lanes;
  } catch (const DbError& e) {
    return Error::Make(ErrorCode::kUnavailable, "db.open_failed", "无法连接数据库 " + MaskUrl(url),
                       "Cannot connect to the database " + MaskUrl(url))
        .WithDetail(e.error().detail);
  }
  parts.read_pool = std::make_shared<SessionPool>(connect, options.pool_size);
  parts.acquire_leadership = [url, timeout](std::int64_t key) -> std::unique_ptr<LeaderLease> {
    try {
      std::unique_ptr<PostgresSession> session = PostgresSession::Connect(url, timeout);
      Rows rows = session->Query(sql::kTryLockLeadershipKey, {key});
      if (rows.size() != 1 || rows[0].Text(0) != "t") return nullptr;
      return std::make_unique<PostgresLeaderLease>(std::move(session));
    } catch (const DbError&) {
      return nullptr;  // no database, no lease: the caller tries again later
    }
  };
  return std::unique_ptr<Database>(std::make_unique<PooledDatabase>(std::move(parts), options));
}

}  // namespace tongban::db
