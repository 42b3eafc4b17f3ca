// The Database both back ends share: a read pool for Run(), a one-connection
// write pool driven by the group-commit writer, and back-end parts passed in
// (dialect, leadership, a guard such as SQLite's lock file). Thread-safe.
#pragma once

#include <functional>
#include <memory>

#include "db/database.hpp"
#include "group_commit_writer.hpp"
#include "session_pool.hpp"

namespace tongban::db {

struct BackendParts {
  Dialect dialect = Dialect::kSqlite;
  // Released after every connection is closed (SQLite: the lock file).
  std::shared_ptr<void> guard;
  std::shared_ptr<SessionPool> read_pool;
  // May be the same pool as read_pool (SQLite in memory: one connection).
  std::shared_ptr<SessionPool> write_pool;
  std::function<std::unique_ptr<LeaderLease>(std::int64_t key)> acquire_leadership;
  // Group-commit writer threads; each holds one write_pool connection per batch.
  int writer_lanes = 1;
};

class PooledDatabase final : public Database {
 public:
  PooledDatabase(BackendParts parts, const DatabaseOptions& options);
  ~PooledDatabase() override;

  Dialect dialect() const override { return parts_.dialect; }
  void Run(const std::function<void(Transaction&)>& fn) override;
  bool ReaderAvailable() override { return parts_.read_pool->in_use() < parts_.read_pool->capacity(); }
  Status Write(WriteUnit unit) override;
  void WriteAsync(WriteUnit unit, std::function<void(Status)> done) override;
  Status Transact(const WriteUnit& fn) override;
  std::unique_ptr<LeaderLease> TryAcquireLeadership(std::int64_t key) override;
  bool Ping() override;
  PoolStats Stats() override;
  void Close() override;

 private:
  BackendParts parts_;
  std::chrono::milliseconds ping_timeout_;
  std::unique_ptr<GroupCommitWriter> writer_;  // destroyed (drained) before the pools
};

}  // namespace tongban::db
