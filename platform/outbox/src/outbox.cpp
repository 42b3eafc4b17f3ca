#include "outbox/outbox.hpp"

#include <algorithm>
#include <ctime>
#include <optional>

#include "core/ids.hpp"
#include "core/utc.hpp"
#include "db/pg_array.hpp"
#include "log/log.hpp"
#include "tongban_outbox_migrations.hpp"
#include "tongban_outbox_sql.hpp"

namespace tongban::outbox {
namespace {

// Advisory lock keys: "outbox" (appends) and "outbox-leader" (dispatch).
constexpr std::int64_t kAppendLockKey = 0x6f7574626f78;
constexpr std::int64_t kLeaderLockKey = 0x6f75746c6561;
constexpr std::int64_t kDeliveryLockKey = 0x6f7574646c76;

// Process-wide wake-up: a commit that published events bumps the generation,
// so the local dispatcher delivers at once instead of at its next poll.
struct WakeSignal {
  std::mutex mu;
  std::condition_variable cv;
  std::uint64_t generation = 0;

  void Bump() {
    {
      std::lock_guard lock(mu);
      ++generation;
    }
    cv.notify_all();
  }
};

WakeSignal& Wake() {
  static WakeSignal signal;
  return signal;
}

bool Wants(const Subscriber& s, const std::string& topic) {
  return s.topics.empty() || std::find(s.topics.begin(), s.topics.end(), topic) != s.topics.end();
}

// "2026-11-21T05:42:03.123Z" → seconds since the epoch; 0 when malformed.
double ParseUtc(const std::string& text) {
  std::tm tm{};
  int ms = 0;
  if (std::sscanf(text.c_str(), "%d-%d-%dT%d:%d:%d.%dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                  &tm.tm_min, &tm.tm_sec, &ms) != 7) {
    return 0;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<double>(timegm(&tm)) + ms / 1000.0;
}

}  // namespace

namespace {

// Events published in this transaction, written just before COMMIT in one
// statement (PostgreSQL) under the append lock, so the lock is held only for
// the flush and the commit.
struct PendingEvents {
  bool flush_registered = false;
  std::vector<std::pair<std::string, NewEvent>> events;  // (event_id, event)
};

void Flush(db::Transaction& tx) {
  PendingEvents& pending = tx.Attachment<PendingEvents>();
  if (pending.events.empty()) return;
  tx.LockForTransaction(kAppendLockKey);
  std::string now = NowUtcMillis();
  if (tx.dialect() == db::Dialect::kPostgres) {
    std::vector<std::string> cols[7];
    for (const auto& [id, e] : pending.events) {
      const std::string* values[7] = {&id,           &e.topic, &e.aggregate_type, &e.aggregate_id, &e.payload,
                                      &e.request_id, &now};
      for (int c = 0; c < 7; ++c) cols[c].push_back(*values[c]);
    }
    db::Params params;
    for (auto& col : cols) params.emplace_back(db::PgTextArray(col));
    tx.Execute(sql::kInsertOutboxEvents, params);
  } else {
    for (const auto& [id, e] : pending.events) {
      tx.Execute(sql::kInsertOutboxEvents,
                 {id, e.topic, e.aggregate_type, e.aggregate_id, e.payload, e.request_id, now});
    }
  }
  pending.events.clear();
  tx.OnCommit([] { Wake().Bump(); });
}

}  // namespace

std::string Publish(db::Transaction& tx, const NewEvent& event) {
  PendingEvents& pending = tx.Attachment<PendingEvents>();
  std::string event_id = NewUlid();
  pending.events.emplace_back(event_id, event);
  if (!pending.flush_registered) {
    pending.flush_registered = true;
    tx.BeforeCommit([&tx] { Flush(tx); });
  }
  return event_id;
}

Dispatcher::Dispatcher(db::Database& db, std::vector<Subscriber> subscribers, DispatcherOptions options)
    : db_(db), subscribers_(std::move(subscribers)), options_(options) {}

Dispatcher::~Dispatcher() {
  Stop();
}

void Dispatcher::Start() {
  std::lock_guard lock(Wake().mu);
  if (thread_.joinable()) return;
  stop_ = false;
  thread_ = std::thread([this] { Loop(); });
}

void Dispatcher::Stop() {
  {
    std::lock_guard lock(Wake().mu);
    stop_ = true;
  }
  Wake().cv.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Dispatcher::Notify() {
  Wake().Bump();
}

// How often the cursor past events a subscriber does not want is written
// (see Dispatcher::skipped_).
constexpr std::chrono::seconds kPersistSkippedEvery{1};

// While events keep arriving, a round that delivered less than a full batch
// is followed by the next one no sooner than this. Without the pause the
// dispatcher went round as fast as the database answered — under a steady
// write load ~100 rounds a second, each a transaction per subscriber for a
// handful of events, a third of the database's round trips beside the writes
// it was delivering. With it a round carries ~10 ms of events; a full batch
// (a backlog) is followed at once.
constexpr std::chrono::milliseconds kRoundSpacing{10};

Status Dispatcher::DeliverPending(const Subscriber& subscriber, bool* made_progress) {
  int delivered_now = 0;
  Skipped& skipped = skipped_[subscriber.name];
  const auto now = std::chrono::steady_clock::now();
  std::optional<std::int64_t> skipped_to;  // set when this round only skipped, without a write
  bool persisted = false;
  Status status = db_.Transact([&](db::Transaction& tx) -> Status {
    delivered_now = 0;
    skipped_to.reset();
    persisted = false;
    // The leadership lease lives on its own connection: when a leader dies,
    // a successor can be elected while the dead leader's last delivery is
    // still committing on another connection. Serialising deliveries on a
    // transaction lock makes the successor wait for that commit, and the
    // cursor read below then sees it (each statement reads committed data),
    // so no event is delivered twice.
    tx.LockForTransaction(kDeliveryLockKey);
    std::int64_t cursor = 0;
    std::int64_t attempts = 0;
    db::Rows c = tx.Query(sql::kSelectOutboxCursor, {subscriber.name});
    if (!c.empty()) {
      cursor = c[0].Int(0);
      attempts = c[0].Int(1);
    }
    cursor = std::max(cursor, skipped.cursor);
    // After a failure go one event at a time, so the events before a poison
    // event still get delivered and the failing one is isolated.
    int limit = attempts > 0 ? 1 : options_.batch;
    db::Rows rows = tx.Query(sql::kSelectOutboxEventsAfter, {cursor, limit});
    if (rows.empty()) return Status::Ok();
    std::int64_t last = cursor;
    bool handled = false;
    for (db::Row row : rows) {
      Event e{row.Int(0),  row.Text(1), row.Text(2), row.Text(3),
              row.Text(4), row.Text(5), row.Text(6), row.Text(7)};
      if (Wants(subscriber, e.topic)) {
        TONGBAN_RETURN_IF_ERROR(subscriber.handle(tx, e));
        handled = true;
      }
      last = e.id;
      ++delivered_now;
    }
    if (!handled && attempts == 0 && now - skipped.persisted < kPersistSkippedEvery) {
      skipped_to = last;
      return Status::Ok();
    }
    tx.Execute(sql::kUpsertOutboxCursor, {subscriber.name, last, NowUtcMillis()});
    skipped_to = last;
    persisted = true;
    return Status::Ok();
  });
  if (status.ok() && skipped_to) {
    skipped.cursor = *skipped_to;
    if (persisted) skipped.persisted = now;
  }
  if (!status.ok()) {
    Status recorded = db_.Transact([&](db::Transaction& tx) -> Status {
      tx.Execute(sql::kRecordOutboxFailure,
                 {subscriber.name, status.error().reason + ": " + status.error().detail, NowUtcMillis()});
      return Status::Ok();
    });
    (void)recorded;
    log::Warn("outbox.delivery_failed", {{"subscriber", subscriber.name}, {"reason", status.error().reason}});
    return status;
  }
  if (delivered_now >= options_.batch) backlog_ = true;
  if (delivered_now > 0) {
    *made_progress = true;
    delivered_ += delivered_now;
  }
  return Status::Ok();
}

Status Dispatcher::RunOnce() {
  Status first;
  bool progress = true;
  while (progress) {
    progress = false;
    for (const Subscriber& s : subscribers_) {
      Status st = DeliverPending(s, &progress);
      if (!st.ok() && first.ok()) first = st;
    }
    if (!first.ok()) break;
  }
  return first;
}

void Dispatcher::Loop() {
  std::unique_ptr<db::LeaderLease> lease;
  int failures = 0;
  std::uint64_t seen_generation = 0;
  while (true) {
    {
      std::lock_guard lock(Wake().mu);
      if (stop_) break;
      seen_generation = Wake().generation;
    }
    bool progress = false;
    bool failed = false;
    backlog_ = false;
    try {
      if (!lease || !lease->Held()) {
        lease = db_.TryAcquireLeadership(kLeaderLockKey);
      }
      leader_ = lease != nullptr;
      if (lease) {
        for (const Subscriber& s : subscribers_) {
          if (!DeliverPending(s, &progress).ok()) failed = true;
        }
      }
    } catch (const std::exception& e) {
      failed = true;
      lease.reset();
      leader_ = false;
      log::Error("outbox.dispatcher_error", {{"error", e.what()}});
    }
    failures = failed ? std::min(failures + 1, 16) : 0;
    failed_recently_ = failed;
    if (progress && !failed) {
      if (!backlog_) {
        std::unique_lock lock(Wake().mu);
        Wake().cv.wait_for(lock, kRoundSpacing, [this] { return stop_; });
      }
      continue;
    }
    auto wait = options_.poll_interval;
    if (failed) {
      wait = std::min(options_.max_backoff, std::chrono::milliseconds(100) * (1 << std::min(failures, 9)));
    }
    std::unique_lock lock(Wake().mu);
    Wake().cv.wait_for(lock, wait, [this, seen_generation] {
      return stop_ || (!failed_recently_ && Wake().generation != seen_generation);
    });
  }
  leader_ = false;
}

Lag Dispatcher::CurrentLag() {
  Lag lag;
  db_.Run([&](db::Transaction& tx) {
    std::int64_t max_id = tx.Query(sql::kSelectOutboxMaxId)[0].Int(0);
    std::int64_t min_cursor = max_id;
    for (const Subscriber& s : subscribers_) {
      db::Rows c = tx.Query(sql::kSelectOutboxCursor, {s.name});
      std::int64_t cursor = c.empty() ? 0 : c[0].Int(0);
      min_cursor = std::min(min_cursor, cursor);
    }
    lag.undelivered_events = max_id - min_cursor;
    if (lag.undelivered_events > 0) {
      db::Rows oldest = tx.Query(sql::kSelectOutboxOldestAfter, {min_cursor});
      if (!oldest.empty()) {
        double created = ParseUtc(oldest[0].Text(0));
        double now =
            std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
        lag.oldest_undelivered_seconds = created > 0 ? std::max(0.0, now - created) : 0;
      }
    }
  });
  return lag;
}

std::span<const db::Migration> Migrations() {
  return migrations::kMigrations;
}

}  // namespace tongban::outbox
