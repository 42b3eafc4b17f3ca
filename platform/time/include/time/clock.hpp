// 时钟 — where "now" comes from. Code that needs the current time takes a
// `const Clock&` instead of calling std::chrono::system_clock::now(), so that
// tests can fix and advance time (FakeClock) and deadline logic is testable
// without waiting.
//
// Thread-safety: Now() may be called from any thread on both implementations;
// FakeClock's setters may race with Now() safely (the instant is atomic).
#pragma once

#include <atomic>
#include <chrono>

namespace tongban::calendar {

// A point on the UTC time line, as recorded in the database and in audit
// records. Civil dates and times exist only in a zone: see shanghai_time.hpp.
using Instant = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant Now() const = 0;
};

// The operating system's real-time clock.
class SystemClock final : public Clock {
 public:
  Instant Now() const override { return std::chrono::system_clock::now(); }
};

// A clock that stands still until told to move.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(Instant start) : ticks_(start.time_since_epoch().count()) {}

  Instant Now() const override { return Instant(Instant::duration(ticks_.load(std::memory_order_relaxed))); }
  void Set(Instant now) { ticks_.store(now.time_since_epoch().count(), std::memory_order_relaxed); }
  void Advance(Instant::duration by) { ticks_.fetch_add(by.count(), std::memory_order_relaxed); }

 private:
  std::atomic<Instant::rep> ticks_;
};

}  // namespace tongban::calendar
