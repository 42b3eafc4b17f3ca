#include "group_commit_writer.hpp"

#include <algorithm>
#include <chrono>
#include <exception>
#include <future>
#include <memory>
#include <optional>
#include <random>
#include <utility>

namespace tongban::db {
namespace {

// Serialization failures (deadlocks on PostgreSQL, SQLITE_BUSY past the busy
// timeout) are retried this many times per batch before they count as the
// failing unit's own error.
constexpr int kMaxSerializationRetries = 5;

void Backoff(int attempt) {
  thread_local std::minstd_rand rng{std::random_device{}()};
  auto base = std::chrono::microseconds(500) * (1 << std::min(attempt, 6));
  std::uniform_int_distribution<long> jitter(0, base.count());
  std::this_thread::sleep_for(base + std::chrono::microseconds(jitter(rng)));
}

Error ClosedError() {
  return Error::Make(ErrorCode::kUnavailable, "db.closed", "数据库已关闭，请稍后重试",
                     "The database is closed; try again later");
}

Error UnitThrew(std::string what) {
  return Error::Make(ErrorCode::kInternal, "db.unit_threw", "内部错误", "Internal error")
      .WithDetail("a write unit threw: " + std::move(what));
}

struct UnitFailure {
  size_t position;  // in the attempt
  Error error;
  bool serialization;
};

// Runs one unit; a thrown DbError or other exception becomes its error.
std::optional<UnitFailure> RunUnit(const WriteUnit& unit, Transaction& tx, size_t position) {
  try {
    Status status = unit(tx);
    if (status.ok()) return std::nullopt;
    return UnitFailure{position, std::move(status.error()), false};
  } catch (const DbError& e) {
    return UnitFailure{position, e.error(), e.kind() == DbErrorKind::kSerialization};
  } catch (const FatalError& e) {
    return UnitFailure{position, e.error(), false};
  } catch (const std::exception& e) {
    return UnitFailure{position, UnitThrew(e.what()), false};
  } catch (...) {
    return UnitFailure{position, UnitThrew("a non-standard exception"), false};
  }
}

}  // namespace

GroupCommitWriter::GroupCommitWriter(SessionPool& pool, bool group_commit, int max_batch, int lanes)
    : pool_(pool), max_batch_(group_commit ? static_cast<size_t>(std::max(1, max_batch)) : 1) {
  std::lock_guard lock(mu_);  // thread_ids_ is complete before any lane checks it
  for (int i = 0; i < std::max(1, lanes); ++i) {
    threads_.emplace_back([this] { Loop(); });
    thread_ids_.push_back(threads_.back().get_id());
  }
}

bool GroupCommitWriter::OnWriterThread() const {
  auto self = std::this_thread::get_id();
  return std::find(thread_ids_.begin(), thread_ids_.end(), self) != thread_ids_.end();
}

GroupCommitWriter::~GroupCommitWriter() {
  Close();
}

void GroupCommitWriter::Submit(WriteUnit unit, std::function<void(Status)> done) {
  {
    std::lock_guard lock(mu_);
    if (!closing_) {
      queue_.push_back(Pending{std::move(unit), std::move(done)});
      queued_.notify_one();
      return;
    }
  }
  done(ClosedError());
}

Status GroupCommitWriter::Write(WriteUnit unit) {
  if (OnWriterThread()) {
    // A unit, hook or completion that writes again would wait for itself.
    return Error::Make(ErrorCode::kInternal, "db.write_from_writer_thread", "内部错误", "Internal error")
        .WithDetail("Database::Write called on the writer thread (from a unit or a hook)");
  }
  std::promise<Status> promise;
  std::future<Status> future = promise.get_future();
  Submit(std::move(unit), [&promise](Status status) { promise.set_value(std::move(status)); });
  return future.get();
}

void GroupCommitWriter::Close() {
  {
    std::lock_guard lock(mu_);
    closing_ = true;
    queued_.notify_all();
  }
  if (OnWriterThread()) return;  // joined by the destructor
  for (std::thread& t : threads_) {
    if (t.joinable()) t.join();
  }
}

std::int64_t GroupCommitWriter::queue_depth() const {
  std::lock_guard lock(mu_);
  return static_cast<std::int64_t>(queue_.size());
}

void GroupCommitWriter::Loop() {
  std::vector<Pending> batch;
  for (;;) {
    {
      std::unique_lock lock(mu_);
      queued_.wait(lock, [this] { return closing_ || !queue_.empty(); });
      if (queue_.empty()) return;  // closing and drained
      size_t n = std::min(queue_.size(), max_batch_);
      batch.clear();
      for (size_t i = 0; i < n; ++i) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    RunBatch(batch);
  }
}

void GroupCommitWriter::RunBatch(std::vector<Pending>& batch) {
  std::vector<std::optional<Status>> outcome(batch.size());
  std::vector<size_t> todo(batch.size());
  for (size_t i = 0; i < todo.size(); ++i) todo[i] = i;
  int serialization_retries = 0;
  bool one_by_one = false;  // after a COMMIT failed for a batch: find the culprit

  auto fail_all = [&](const Error& error) {
    for (size_t i : todo) outcome[i] = Status(error);
    todo.clear();
  };

  while (!todo.empty()) {
    const size_t attempt_size = one_by_one ? 1 : todo.size();
    std::optional<SessionPool::Lease> lease;
    try {
      lease.emplace(pool_.Acquire());
      (*lease)->Begin(BeginMode::kWrite);
    } catch (const DbError& e) {
      if (lease) (*lease)->Rollback();
      if (e.kind() == DbErrorKind::kSerialization && serialization_retries < kMaxSerializationRetries) {
        lease.reset();
        Backoff(serialization_retries++);
        continue;
      }
      fail_all(e.error());
      break;
    } catch (const std::exception& e) {
      // Not a database answer (out of memory, a thread error): fail this
      // batch, keep the writer alive for the next one.
      if (lease) (*lease)->Rollback();
      fail_all(Error::Make(ErrorCode::kInternal, "db.writer_failed", "内部错误", "Internal error")
                   .WithDetail(e.what()));
      break;
    }

    auto tx = std::make_unique<SessionTransaction>(**lease);
    std::optional<UnitFailure> failure;
    for (size_t pos = 0; pos < attempt_size && !failure; ++pos) {
      failure = RunUnit(batch[todo[pos]].unit, *tx, pos);
      if (!failure && (*lease)->TransactionAborted()) {
        // The unit caught a DbError and carried on. On PostgreSQL the
        // transaction is dead, and the next unit would be blamed for it.
        failure = UnitFailure{
            pos,
            Error::Make(ErrorCode::kInternal, "db.transaction_aborted", "内部错误", "Internal error")
                .WithDetail("a write unit succeeded after one of its statements failed; return the "
                            "error (or use INSERT … ON CONFLICT) instead of catching it"),
            false};
      }
    }

    if (failure) {
      (*lease)->Rollback();
      if (failure->serialization && serialization_retries < kMaxSerializationRetries) {
        lease.reset();
        Backoff(serialization_retries++);
        continue;
      }
      outcome[todo[failure->position]] = Status(std::move(failure->error));
      todo.erase(todo.begin() + static_cast<std::ptrdiff_t>(failure->position));
      continue;
    }

    try {
      tx->RunBeforeCommit();
      (*lease)->Commit();
    } catch (const DbError& e) {
      (*lease)->Rollback();
      if (e.kind() == DbErrorKind::kSerialization && serialization_retries < kMaxSerializationRetries) {
        lease.reset();
        Backoff(serialization_retries++);
        continue;
      }
      if (e.kind() == DbErrorKind::kConnection) {
        // The server may have committed before the connection dropped: the
        // caller must check rather than retry blindly.
        fail_all(Error::Make(ErrorCode::kUnavailable, "db.commit_outcome_unknown",
                             "数据库连接中断，无法确认是否已保存，请核实后再试",
                             "The database connection was lost during commit; whether the change "
                             "was saved is unknown")
                     .WithDetail(e.error().detail));
        break;
      }
      if (attempt_size > 1) {
        one_by_one = true;  // a deferred constraint or similar: isolate the culprit
        continue;
      }
      outcome[todo.front()] = Status(e.error());
      todo.erase(todo.begin());
      continue;
    } catch (const std::exception& e) {
      // A before-commit hook failed for a reason that is not the database's.
      (*lease)->Rollback();
      fail_all(Error::Make(ErrorCode::kInternal, "db.before_commit_failed", "内部错误", "Internal error")
                   .WithDetail(e.what()));
      break;
    }

    lease.reset();
    tx->RunOnCommit();
    for (size_t pos = 0; pos < attempt_size; ++pos) outcome[todo[pos]] = Status::Ok();
    todo.erase(todo.begin(), todo.begin() + static_cast<std::ptrdiff_t>(attempt_size));
    writes_committed_.fetch_add(static_cast<std::int64_t>(attempt_size));
    write_batches_.fetch_add(1);
  }

  for (size_t i = 0; i < batch.size(); ++i) {
    Status status = outcome[i] ? std::move(*outcome[i]) : Status(UnitThrew("no outcome"));
    try {
      batch[i].done(std::move(status));
    } catch (...) {
      // A completion callback belongs to the caller; its failure must not stop
      // the writer or the completion of the other units.
    }
  }
  batch.clear();
}

}  // namespace tongban::db
