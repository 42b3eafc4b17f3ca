// SmsDeliveryWorker: sends queued messages to the HTTP gateway with no
// database transaction open (the queue itself is written exactly once, in
// the outbox subscriber's transaction).
#include <condition_variable>
#include <mutex>
#include <thread>

#include "identity/authentication.hpp"

namespace tongban::identity {

struct SmsDeliveryWorker::State {
  std::mutex mutex;
  std::condition_variable wake;
  bool stop = false;
  std::thread thread;
};

SmsDeliveryWorker::SmsDeliveryWorker(AuthService& service, HttpSmsSender& sender,
                                     std::chrono::milliseconds poll)
    : service_(service), sender_(sender), poll_(poll), state_(std::make_unique<State>()) {}

SmsDeliveryWorker::~SmsDeliveryWorker() {
  Stop();
}

void SmsDeliveryWorker::Start() {
  if (state_->thread.joinable()) return;
  state_->stop = false;
  state_->thread = std::thread([this] {
    std::unique_lock lock(state_->mutex);
    while (!state_->stop) {
      lock.unlock();
      try {
        service_.DeliverQueuedSms(sender_);
      } catch (const std::exception&) {
        // Database lost: the messages stay queued; the next pass retries.
      }
      lock.lock();
      state_->wake.wait_for(lock, poll_, [this] { return state_->stop; });
    }
  });
}

void SmsDeliveryWorker::Stop() {
  {
    std::lock_guard lock(state_->mutex);
    state_->stop = true;
  }
  state_->wake.notify_all();
  if (state_->thread.joinable()) state_->thread.join();
}

}  // namespace tongban::identity
