// The HTTP/1.1 server: Boost.Beast with C++20 coroutines on io_threads; handlers
// marked Execution::kWorker run on a separate pool of worker_threads so that no
// I/O thread ever waits for the database.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "core/error.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"

namespace tongban::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 picks a free port (tests)
  int io_threads = 2;
  int worker_threads = 128;                       // blocking handlers in flight at once
  std::size_t max_body_bytes = 1 << 20;           // 413 beyond (a Route may raise it for itself)
  std::size_t max_header_bytes = 16 * 1024;       // 431 beyond
  std::chrono::milliseconds read_timeout{15000};  // a request's header and body must arrive within (408)
  std::chrono::milliseconds idle_timeout{
      75000};  // keep-alive connection idle; also bounds writing a response
  std::chrono::milliseconds shutdown_grace{10000};
  bool access_log = true;
  // Catch SIGTERM and SIGINT from Start() on (before the port is announced),
  // so that a signal arriving right after start-up still stops gracefully;
  // RunUntilSignal() then only waits. Off for servers inside tests.
  bool handle_signals = false;
};

class Server {
 public:
  Server(ServerOptions options, const Router& router, Metrics& metrics);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts the threads. An error names the address when binding fails.
  Status Start();
  std::uint16_t port() const;

  // Graceful stop: stop accepting, let in-flight requests finish (their
  // connections close after the response), force-close after shutdown_grace.
  // Idempotent; returns when every thread has ended. Never call it from a
  // handler: it waits for the thread the handler runs on.
  void Stop();

  // After Start(): blocks until SIGTERM or SIGINT (or another thread's Stop()),
  // then Stop(). Returns at once when the server is not running.
  void RunUntilSignal();

  // Requests being handled right now (tests, /metrics).
  int in_flight() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tongban::http
