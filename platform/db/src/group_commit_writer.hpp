// The single writer of a Database: group commit.
//
// Units are queued by any thread. One writer thread takes everything queued
// (up to max_batch), runs the units one after the other against one
// Transaction inside one BEGIN … COMMIT, so that the whole batch costs one
// fsync, runs the on-commit hooks and then completes every unit.
//
// When a unit fails (returns an error or throws), the attempt is rolled back,
// that unit is completed with its error and the others run again in a fresh
// transaction with a fresh Transaction object. A serialization failure
// (deadlock, SQLITE_BUSY) retries the attempt a few times before it counts as
// the failing unit's error. A COMMIT that fails for a reason other than a lost
// connection re-runs the units one per transaction, so that only the culprit
// fails; a COMMIT whose connection is lost completes the units with
// "db.commit_outcome_unknown" because the server may or may not have
// committed it.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "db/database.hpp"
#include "session_pool.hpp"

namespace tongban::db {

class GroupCommitWriter {
 public:
  // `pool` must outlive the writer. The writer borrows one session per batch
  // (the pool holds one dedicated connection, or the single in-memory one).
  // `lanes` writer threads each take a batch from the one queue (PostgreSQL:
  // one connection per lane, so a lane runs its units while another commits;
  // SQLite: always 1, its writes are serial).
  GroupCommitWriter(SessionPool& pool, bool group_commit, int max_batch, int lanes = 1);
  ~GroupCommitWriter();
  GroupCommitWriter(const GroupCommitWriter&) = delete;
  GroupCommitWriter& operator=(const GroupCommitWriter&) = delete;

  // `done` runs exactly once: on the writer thread, or on the caller's thread
  // when the writer is already closed.
  void Submit(WriteUnit unit, std::function<void(Status)> done);
  Status Write(WriteUnit unit);

  // Drains the queue, then stops the thread. Idempotent.
  void Close();

  std::int64_t writes_committed() const { return writes_committed_.load(); }
  std::int64_t write_batches() const { return write_batches_.load(); }
  std::int64_t queue_depth() const;

 private:
  struct Pending {
    WriteUnit unit;
    std::function<void(Status)> done;
  };

  void Loop();
  void RunBatch(std::vector<Pending>& batch);

  SessionPool& pool_;
  const size_t max_batch_;
  mutable std::mutex mu_;
  std::condition_variable queued_;
  std::deque<Pending> queue_;
  bool closing_ = false;
  std::atomic<std::int64_t> writes_committed_{0};
  std::atomic<std::int64_t> write_batches_{0};
  std::vector<std::thread> threads_;
  std::vector<std::thread::id> thread_ids_;

  bool OnWriterThread() const;
};

}  // namespace tongban::db
