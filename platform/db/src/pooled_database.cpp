#include "pooled_database.hpp"

#include <utility>

#include "tongban_db_sql.hpp"

namespace tongban::db {

PooledDatabase::PooledDatabase(BackendParts parts, const DatabaseOptions& options)
    : parts_(std::move(parts)),
      ping_timeout_(options.busy_timeout),
      writer_(std::make_unique<GroupCommitWriter>(*parts_.write_pool, options.group_commit, options.max_batch,
                                                  parts_.writer_lanes)) {}

PooledDatabase::~PooledDatabase() {
  Close();
  writer_.reset();
  parts_.write_pool.reset();
  parts_.read_pool.reset();
  parts_.guard.reset();  // last: the lock file outlives every connection
}

void PooledDatabase::Run(const std::function<void(Transaction&)>& fn) {
  SessionPool::Lease lease = parts_.read_pool->Acquire();
  lease->Begin(BeginMode::kRead);
  SessionTransaction tx(*lease);
  try {
    fn(tx);
    tx.RunBeforeCommit();
    lease->Commit();
  } catch (...) {
    lease->Rollback();
    throw;
  }
  tx.RunOnCommit();
}

Status PooledDatabase::Transact(const WriteUnit& fn) {
  if (parts_.dialect == Dialect::kSqlite) return Write(fn);
  SessionPool::Lease lease = parts_.read_pool->Acquire();
  lease->Begin(BeginMode::kWrite);
  SessionTransaction tx(*lease);
  Status status;
  try {
    status = fn(tx);
    if (status.ok()) {
      tx.RunBeforeCommit();
      lease->Commit();
    } else {
      lease->Rollback();
    }
  } catch (const DbError& e) {
    lease->Rollback();
    return e.error();
  } catch (...) {
    lease->Rollback();
    throw;
  }
  if (status.ok()) tx.RunOnCommit();
  return status;
}

Status PooledDatabase::Write(WriteUnit unit) {
  return writer_->Write(std::move(unit));
}

void PooledDatabase::WriteAsync(WriteUnit unit, std::function<void(Status)> done) {
  writer_->Submit(std::move(unit), std::move(done));
}

std::unique_ptr<LeaderLease> PooledDatabase::TryAcquireLeadership(std::int64_t key) {
  return parts_.acquire_leadership(key);
}

bool PooledDatabase::Ping() {
  try {
    std::optional<SessionPool::Lease> lease = parts_.read_pool->TryAcquire(ping_timeout_);
    if (!lease) return false;
    Rows rows = (*lease)->Query(sql::kSelectOne, {});
    return rows.size() == 1 && rows[0].Int(0) == 1;
  } catch (const DbError&) {
    return false;  // Ping answers the question; the cause is not its business
  }
}

PoolStats PooledDatabase::Stats() {
  PoolStats stats;
  stats.connections_total = parts_.read_pool->total();
  stats.connections_in_use = parts_.read_pool->in_use();
  if (parts_.write_pool != parts_.read_pool) {
    stats.connections_total += parts_.write_pool->total();
    stats.connections_in_use += parts_.write_pool->in_use();
  }
  stats.writes_committed = writer_->writes_committed();
  stats.write_batches = writer_->write_batches();
  stats.write_queue_depth = writer_->queue_depth();
  return stats;
}

void PooledDatabase::Close() {
  writer_->Close();
}

}  // namespace tongban::db
