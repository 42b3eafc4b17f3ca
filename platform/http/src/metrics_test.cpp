#include "http/metrics.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace tongban::http {
namespace {

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(MetricsTest, RendersCountersAndHistogram) {
  Metrics m;
  m.ObserveRequest("/api/v1/cases/{id}", "GET", 200, 0.003);
  m.ObserveRequest("/api/v1/cases/{id}", "GET", 200, 0.2);
  m.ObserveRequest("/api/v1/cases/{id}", "GET", 404, 0.0001);
  std::string text = m.Render();
  EXPECT_TRUE(Contains(text, "# TYPE tongban_http_requests_total counter\n"));
  EXPECT_TRUE(Contains(
      text, "tongban_http_requests_total{route=\"/api/v1/cases/{id}\",method=\"GET\",status=\"200\"} 2\n"));
  EXPECT_TRUE(Contains(
      text, "tongban_http_requests_total{route=\"/api/v1/cases/{id}\",method=\"GET\",status=\"404\"} 1\n"));
  EXPECT_TRUE(Contains(text, "# TYPE tongban_http_request_duration_seconds histogram\n"));
  const std::string labels = "route=\"/api/v1/cases/{id}\",method=\"GET\"";
  EXPECT_TRUE(
      Contains(text, "tongban_http_request_duration_seconds_bucket{" + labels + ",le=\"0.0005\"} 1\n"));
  EXPECT_TRUE(
      Contains(text, "tongban_http_request_duration_seconds_bucket{" + labels + ",le=\"0.005\"} 2\n"));
  EXPECT_TRUE(Contains(text, "tongban_http_request_duration_seconds_bucket{" + labels + ",le=\"0.1\"} 2\n"));
  EXPECT_TRUE(Contains(text, "tongban_http_request_duration_seconds_bucket{" + labels + ",le=\"0.25\"} 3\n"));
  EXPECT_TRUE(Contains(text, "tongban_http_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} 3\n"));
  EXPECT_TRUE(Contains(text, "tongban_http_request_duration_seconds_count{" + labels + "} 3\n"));
  EXPECT_TRUE(Contains(text, "tongban_http_request_duration_seconds_sum{" + labels + "} 0.2031"));
}

TEST(MetricsTest, EscapesLabelValues) {
  Metrics m;
  m.ObserveRequest("a\"b\\c\nd", "GET", 200, 0.001);
  EXPECT_TRUE(Contains(m.Render(), "route=\"a\\\"b\\\\c\\nd\""));
}

TEST(MetricsTest, GaugesAndCountersAreReadAtScrapeTime) {
  Metrics m;
  double value = 1.5;
  m.AddGauge("tongban_db_pool_in_use", "Connections in use.\nSecond line", [&value] { return value; });
  m.AddCounter("tongban_outbox_dispatched_total", "Events dispatched.", [] { return 42.0; });
  m.AddGauge("tongban_broken", "Throws.", []() -> double { throw std::runtime_error("x"); });
  value = 3;
  std::string text = m.Render();
  EXPECT_TRUE(Contains(text, "# HELP tongban_db_pool_in_use Connections in use.\\nSecond line\n"));
  EXPECT_TRUE(Contains(text, "# TYPE tongban_db_pool_in_use gauge\ntongban_db_pool_in_use 3\n"));
  EXPECT_TRUE(
      Contains(text, "# TYPE tongban_outbox_dispatched_total counter\ntongban_outbox_dispatched_total 42\n"));
  EXPECT_TRUE(Contains(text, "tongban_broken NaN\n"));
}

TEST(MetricsTest, RejectsBadAndDuplicateNames) {
  Metrics m;
  EXPECT_THROW(m.AddGauge("1abc", "", [] { return 0.0; }), std::invalid_argument);
  EXPECT_THROW(m.AddGauge("a-b", "", [] { return 0.0; }), std::invalid_argument);
  EXPECT_THROW(m.AddGauge("ok", "", nullptr), std::invalid_argument);
  m.AddGauge("ok", "", [] { return 0.0; });
  EXPECT_THROW(m.AddCounter("ok", "", [] { return 0.0; }), std::invalid_argument);
}

TEST(MetricsTest, ConcurrentObservationsAreAllCounted) {
  Metrics m;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&m, t] {
      for (int i = 0; i < 10000; ++i) {
        m.ObserveRequest(t % 2 == 0 ? "/a" : "/b", "GET", 200, 0.001);
        if (i % 1000 == 0) (void)m.Render();
      }
    });
  }
  for (auto& th : threads) th.join();
  std::string text = m.Render();
  EXPECT_TRUE(
      Contains(text, "tongban_http_requests_total{route=\"/a\",method=\"GET\",status=\"200\"} 20000\n"));
  EXPECT_TRUE(
      Contains(text, "tongban_http_requests_total{route=\"/b\",method=\"GET\",status=\"200\"} 20000\n"));
}

}  // namespace
}  // namespace tongban::http
