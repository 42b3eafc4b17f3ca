// The storage seam. Services open the unit of work (Read or Write) and hand the
// Transaction to stores; stores run named Sql with $n parameters. Two back ends:
// SQLite (embedded default, WAL) and PostgreSQL (libpq). All calls here block:
// call them from worker threads, never from HTTP I/O threads.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <typeindex>
#include <unordered_map>
#include <vector>

#include "core/error.hpp"
#include "db/sql.hpp"
#include "db/value.hpp"

namespace tongban::db {

// Why a statement failed. Stores turn kUniqueViolation into a domain error
// (ErrorCode::kAlreadyExists); everything else aborts the unit of work.
enum class DbErrorKind {
  kUniqueViolation,
  kForeignKeyViolation,
  kCheckViolation,
  kSerialization,  // retryable: deadlock, serialization failure, SQLITE_BUSY
  kConnection,     // the server is gone
  kSchemaTooNew,   // the database was migrated by a newer binary
  kOther,
};

class DbError : public FatalError {
 public:
  DbError(DbErrorKind kind, std::string statement, std::string message);
  DbErrorKind kind() const { return kind_; }
  const std::string& statement() const { return statement_; }

 private:
  DbErrorKind kind_;
  std::string statement_;
};

// One open transaction. Not thread-safe; lives for one unit of work.
class Transaction {
 public:
  virtual ~Transaction() = default;
  virtual Dialect dialect() const = 0;

  // Runs a statement; returns the number of rows changed. Throws DbError.
  virtual std::int64_t Execute(const Sql& sql, const Params& params = {}) = 0;
  // Runs a query and materialises every row. Throws DbError.
  virtual Rows Query(const Sql& sql, const Params& params = {}) = 0;
  // Runs several ;-separated statements without parameters (migrations, tests).
  virtual void ExecuteScript(std::string_view script) = 0;

  // Serialises every transaction that takes the same key until it ends, across
  // processes: pg_advisory_xact_lock on PostgreSQL; a no-op on SQLite, whose
  // writes are already serial (one writer, BEGIN IMMEDIATE).
  virtual void LockForTransaction(std::int64_t key) = 0;

  // Runs after a successful commit (for example: wake the outbox dispatcher).
  // Hooks must not throw: the change is already durable, so a failure cannot
  // be reported to the unit; a hook that throws is skipped and the other hooks
  // still run (a lost wake-up must not cost another unit its wake-up).
  void OnCommit(std::function<void()> fn) { on_commit_.push_back(std::move(fn)); }
  void RunOnCommit() noexcept {
    for (auto& fn : on_commit_) {
      try {
        fn();
      } catch (...) {  // NOLINT(bugprone-empty-catch): see above
      }
    }
  }

  // Runs inside the transaction just before COMMIT, once per attempt, in the
  // order registered. Components that batch their rows for the whole
  // transaction flush here (the audit chain and the outbox write one
  // multi-row statement per batch instead of one per unit). A DbError thrown
  // here fails the attempt as a failed COMMIT would.
  void BeforeCommit(std::function<void()> fn) { before_commit_.push_back(std::move(fn)); }
  void RunBeforeCommit() {
    // A hook may register another (the audit flush is registered by a unit,
    // the outbox flush by the audit of an event): run until none is left.
    for (size_t i = 0; i < before_commit_.size(); ++i) {
      auto fn = std::move(before_commit_[i]);
      fn();
    }
    before_commit_.clear();
  }

  // Per-transaction state shared by the units of one batch, keyed by type
  // (the audit chain keeps its head here). Reset on every attempt.
  template <typename T>
  T& Attachment() {
    auto it = attachments_.find(std::type_index(typeid(T)));
    if (it == attachments_.end()) {
      it = attachments_.emplace(std::type_index(typeid(T)), std::make_shared<T>()).first;
    }
    return *static_cast<T*>(it->second.get());
  }

 private:
  std::vector<std::function<void()>> before_commit_;
  std::vector<std::function<void()>> on_commit_;
  std::unordered_map<std::type_index, std::shared_ptr<void>> attachments_;
};

// A unit of durable work. It may run more than once — batched with other units
// in one transaction, then alone if another unit of the batch failed — so it
// must have no effect outside the transaction. Returning an error rolls back
// this unit's changes and nobody else's.
using WriteUnit = std::function<Status(Transaction&)>;

struct PoolStats {
  int connections_total = 0;
  int connections_in_use = 0;
  std::int64_t writes_committed = 0;   // units acknowledged
  std::int64_t write_batches = 0;      // transactions committed by the writer
  std::int64_t write_queue_depth = 0;  // units waiting for the writer
};

struct DatabaseOptions {
  std::string url;           // "sqlite:var/tongban.db", "sqlite::memory:" or "postgresql://…"
  int pool_size = 8;         // read connections
  bool group_commit = true;  // false: one unit per transaction
  int max_batch = 256;       // units per group-commit transaction
  // PostgreSQL only: group-commit writer threads, each with its own
  // connection, so that one lane runs its units while another commits. The
  // audit chain and the outbox lock only around their pre-commit flush, so
  // lanes overlap. SQLite always has one writer.
  int writer_lanes = 2;
  std::chrono::milliseconds busy_timeout{5000};
  // SQLite only: PRAGMA synchronous. "full" is durable against power loss on
  // WAL; "normal" only against process crashes.
  std::string sqlite_synchronous = "full";
  // SQLite only: false skips the exclusive lock file, so that a short-lived
  // operator command (`tongban admin …`) can write to the database of a
  // running `serve`; SQLite's own locking (BEGIN IMMEDIATE, busy_timeout)
  // serialises their transactions. Servers and tools that run background work
  // keep it true.
  bool sqlite_exclusive = true;
};

class LeaderLease {
 public:
  virtual ~LeaderLease() = default;
  // False once the lease is lost (PostgreSQL connection dropped).
  virtual bool Held() = 0;
};

class Database {
 public:
  virtual ~Database() = default;
  virtual Dialect dialect() const = 0;

  // Runs fn in a transaction on a pooled connection and commits; rolled back if
  // fn throws. For reads and for writes that need no group commit (tools).
  virtual void Run(const std::function<void(Transaction&)>& fn) = 0;
  // Whether Run would start now without waiting for a pooled connection (a
  // hint: another thread may take it first, and then Run waits as usual).
  // Work started on an I/O thread asks first and goes to a worker when not.
  virtual bool ReaderAvailable() { return false; }

  // Durable write through the group-commit writer. Returns once the unit is
  // committed and synced (then its on-commit hooks have run), or with its error.
  virtual Status Write(WriteUnit unit) = 0;

  // Asynchronous form: `done` runs on the writer thread after commit or failure
  // (on the caller's thread, with "db.closed", once the Database is closed).
  virtual void WriteAsync(WriteUnit unit, std::function<void(Status)> done) = 0;

  // A read-write transaction for background work (outbox delivery, timers)
  // that should not queue behind the group-commit writer: on PostgreSQL it
  // runs on a pooled connection beside the writer; on SQLite, whose writes are
  // serial anyway, it goes through the writer (Write). Committed when fn
  // returns Ok, rolled back on an error or an exception (which propagates).
  virtual Status Transact(const WriteUnit& fn) = 0;

  // Tries to become the one process that runs a background job (outbox
  // dispatch): a session advisory lock on PostgreSQL; always granted on SQLite,
  // where one process owns the database file (see OpenDatabase).
  virtual std::unique_ptr<LeaderLease> TryAcquireLeadership(std::int64_t key) = 0;

  // True when a trivial query succeeds within the timeout.
  virtual bool Ping() = 0;
  virtual PoolStats Stats() = 0;

  // Stops the writer after draining queued units. Idempotent.
  virtual void Close() = 0;
};

// Opens a database from a URL. SQLite creates the file and its directory,
// sets WAL and takes an exclusive lock file so that a second process cannot
// open the same database. Returns an error naming the URL on failure.
Result<std::unique_ptr<Database>> OpenDatabase(const DatabaseOptions& options);

// "postgresql://user:secret@host/db" → "postgresql://user:***@host/db".
std::string MaskUrl(std::string_view url);

}  // namespace tongban::db
