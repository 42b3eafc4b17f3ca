// Prometheus metrics (text exposition format 0.0.4), served at /metrics.
// The server records requests and latency per route; components add gauges
// that are read at scrape time (database pool, outbox lag).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace tongban::http {

class Metrics {
 public:
  Metrics();
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // tongban_http_requests_total{route,method,status} and
  // tongban_http_request_duration_seconds{route,method} (histogram). Thread-safe.
  void ObserveRequest(std::string_view route, std::string_view method, int status, double seconds);

  // A gauge whose value is read when /metrics is scraped. `name` must be a valid
  // Prometheus metric name; the callback must be thread-safe and cheap.
  void AddGauge(std::string name, std::string help, std::function<double()> read);
  // A counter read at scrape time (monotonic source owned by the caller).
  void AddCounter(std::string name, std::string help, std::function<double()> read);

  std::string Render() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tongban::http
