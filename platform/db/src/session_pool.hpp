// A bounded pool of sessions, opened lazily and replaced when broken.
// Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "session.hpp"

namespace tongban::db {

class SessionPool {
 public:
  // Opens a new session; throws DbError (kConnection) when it cannot.
  using Factory = std::function<std::unique_ptr<Session>()>;

  SessionPool(Factory factory, int capacity);
  SessionPool(const SessionPool&) = delete;
  SessionPool& operator=(const SessionPool&) = delete;

  // A borrowed session, returned to the pool when destroyed (or dropped when
  // it is no longer usable).
  class Lease {
   public:
    Lease(SessionPool* pool, std::unique_ptr<Session> session) : pool_(pool), session_(std::move(session)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease();

    Session& operator*() const { return *session_; }
    Session* operator->() const { return session_.get(); }

   private:
    SessionPool* pool_;
    std::unique_ptr<Session> session_;
  };

  // Adds an already-open session (OpenDatabase opens one eagerly to validate
  // the URL).
  void Seed(std::unique_ptr<Session> session);

  // Blocks until a session is free. Throws DbError when a new session cannot
  // be opened.
  Lease Acquire();
  // As Acquire, but gives up after `timeout` (nullopt).
  std::optional<Lease> TryAcquire(std::chrono::milliseconds timeout);

  int total() const;
  int in_use() const;
  int capacity() const { return capacity_; }

 private:
  std::optional<Lease> AcquireUntil(std::optional<std::chrono::steady_clock::time_point> deadline);
  void Return(std::unique_ptr<Session> session);

  Factory factory_;
  const int capacity_;
  mutable std::mutex mu_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<Session>> idle_;
  int total_ = 0;  // idle + in use + being opened
};

}  // namespace tongban::db
