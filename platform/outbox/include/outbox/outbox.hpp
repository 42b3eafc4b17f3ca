// The transactional outbox (发件箱). A service publishes events inside the
// transaction that makes the change, so an event exists if and only if the
// change committed. A dispatcher delivers each event at least once to every
// subscriber, in id order per subscriber; the subscriber's own database work
// and the advance of its cursor commit together, so database effects happen
// exactly once and external effects must be idempotent (keyed by event_id).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "db/database.hpp"
#include "db/migration.hpp"

namespace tongban::outbox {

struct Event {
  std::int64_t id = 0;         // delivery order
  std::string event_id;        // ULID, the idempotency key for subscribers
  std::string topic;           // "<module>.<object>.<past-tense verb>", e.g. "canary.write.recorded"
  std::string aggregate_type;  // "canary_write"
  std::string aggregate_id;
  std::string payload;  // JSON text
  std::string request_id;
  std::string created_at;  // UTC RFC 3339
};

struct NewEvent {
  std::string topic;
  std::string aggregate_type;
  std::string aggregate_id;
  std::string payload = "{}";
  std::string request_id;
};

// Publishes inside `tx`; returns the event_id. The transaction's events are
// written just before COMMIT under an advisory lock held to the end of the
// transaction, so ids become visible in id order and a dispatcher reading
// "id > cursor" never skips a late commit.
std::string Publish(db::Transaction& tx, const NewEvent& event);

// A subscriber handles one event inside the transaction that advances its
// cursor. Returning an error rolls both back; the event is retried with backoff.
struct Subscriber {
  std::string name;                 // stable: the cursor is stored under it
  std::vector<std::string> topics;  // empty: every topic
  std::function<Status(db::Transaction&, const Event&)> handle;
};

struct DispatcherOptions {
  std::chrono::milliseconds poll_interval{500};
  int batch = 100;
  std::chrono::milliseconds max_backoff{30000};
};

struct Lag {
  std::int64_t undelivered_events = 0;    // over all subscribers, the largest backlog
  double oldest_undelivered_seconds = 0;  // age of the oldest event some subscriber still lacks
};

class Dispatcher {
 public:
  Dispatcher(db::Database& db, std::vector<Subscriber> subscribers, DispatcherOptions options);
  ~Dispatcher();
  Dispatcher(const Dispatcher&) = delete;
  Dispatcher& operator=(const Dispatcher&) = delete;

  // Starts the background thread. It delivers only while it holds the
  // leadership lease, so with several processes on PostgreSQL one dispatches.
  void Start();
  void Stop();
  // Wakes the dispatcher now (called after a commit that published events).
  void Notify();
  // Delivers everything pending once, in the calling thread (tests, tools).
  Status RunOnce();

  bool is_leader() const { return leader_.load(); }
  Lag CurrentLag();
  std::int64_t delivered() const { return delivered_.load(); }

 private:
  void Loop();
  Status DeliverPending(const Subscriber& subscriber, bool* made_progress);

  db::Database& db_;
  std::vector<Subscriber> subscribers_;
  DispatcherOptions options_;
  std::thread thread_;
  bool stop_ = false;             // guarded by the process-wide wake signal's mutex
  bool failed_recently_ = false;  // loop thread only: back off instead of waking on commits
  bool backlog_ = false;          // loop thread only: a delivery of this round filled its batch
  std::atomic<bool> leader_{false};
  std::atomic<std::int64_t> delivered_{0};
  // Events a subscriber does not want need no durable cursor: after a crash
  // they are scanned and skipped again. The cursor past them is kept here and
  // written at most once a second (and with the next wanted event), so a
  // subscriber of a rare topic costs no write transaction per dispatch round.
  // Used by the delivering thread only.
  struct Skipped {
    std::int64_t cursor = 0;
    std::chrono::steady_clock::time_point persisted{};
  };
  std::map<std::string, Skipped> skipped_;
};

std::span<const db::Migration> Migrations();

}  // namespace tongban::outbox
