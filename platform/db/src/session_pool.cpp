#include "session_pool.hpp"

#include <utility>

namespace tongban::db {

SessionPool::SessionPool(Factory factory, int capacity)
    : factory_(std::move(factory)), capacity_(capacity < 1 ? 1 : capacity) {}

SessionPool::Lease::~Lease() {
  if (session_) pool_->Return(std::move(session_));
}

void SessionPool::Seed(std::unique_ptr<Session> session) {
  std::lock_guard lock(mu_);
  idle_.push_back(std::move(session));
  ++total_;
}

SessionPool::Lease SessionPool::Acquire() {
  return *AcquireUntil(std::nullopt);
}

std::optional<SessionPool::Lease> SessionPool::TryAcquire(std::chrono::milliseconds timeout) {
  return AcquireUntil(std::chrono::steady_clock::now() + timeout);
}

std::optional<SessionPool::Lease> SessionPool::AcquireUntil(
    std::optional<std::chrono::steady_clock::time_point> deadline) {
  std::unique_lock lock(mu_);
  for (;;) {
    while (!idle_.empty()) {
      std::unique_ptr<Session> session = std::move(idle_.back());
      idle_.pop_back();
      if (session->Usable()) return Lease(this, std::move(session));
      // A connection that broke while idle (or in its last use) is dropped
      // here and replaced below: callers never see a dead connection twice.
      --total_;
      lock.unlock();
      session.reset();
      lock.lock();
    }
    if (total_ < capacity_) {
      ++total_;  // reserve the slot while connecting without the lock
      lock.unlock();
      try {
        return Lease(this, factory_());
      } catch (...) {
        lock.lock();
        --total_;
        freed_.notify_one();
        throw;
      }
    }
    if (deadline) {
      if (freed_.wait_until(lock, *deadline) == std::cv_status::timeout && idle_.empty() &&
          total_ >= capacity_) {
        return std::nullopt;
      }
    } else {
      freed_.wait(lock);
    }
  }
}

void SessionPool::Return(std::unique_ptr<Session> session) {
  std::unique_lock lock(mu_);
  if (session->Usable()) {
    idle_.push_back(std::move(session));
  } else {
    --total_;
    lock.unlock();
    session.reset();
    lock.lock();
  }
  freed_.notify_one();
}

int SessionPool::total() const {
  std::lock_guard lock(mu_);
  return total_;
}

int SessionPool::in_use() const {
  std::lock_guard lock(mu_);
  return total_ - static_cast<int>(idle_.size());
}

}  // namespace tongban::db
