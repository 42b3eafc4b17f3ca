#include "http/metrics.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <cmath>
#include <functional>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <stdexcept>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace tongban::http {
namespace {

// Upper bounds in seconds; "+Inf" is implied. From a cached static file
// (sub-millisecond) to a slow report (seconds).
constexpr std::array<double, 14> kBounds = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                            0.1,    0.25,  0.5,    1,     2.5,  5,     10};
constexpr std::array<const char*, 14> kBoundLabels = {"0.0005", "0.001", "0.0025", "0.005", "0.01",
                                                      "0.025",  "0.05",  "0.1",    "0.25",  "0.5",
                                                      "1",      "2.5",   "5",      "10"};
constexpr int kMinStatus = 100;
constexpr int kMaxStatus = 599;

// One (route, method) pair. Observations touch atomics only; the map that
// finds the series is read-locked (a shared lock: observers do not contend).
struct Series {
  std::string route;
  std::string method;
  std::array<std::atomic<std::uint64_t>, kBounds.size() + 1> buckets{};  // last: above every bound
  std::atomic<std::uint64_t> sum_ns{0};
  std::array<std::atomic<std::uint64_t>, kMaxStatus - kMinStatus + 1> statuses{};
};

struct Callback {
  std::string name;
  std::string help;
  const char* type;
  std::function<double()> read;
};

bool IsValidMetricName(std::string_view name) {
  if (name.empty()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' ||
              (i > 0 && c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

// Label values: backslash, double quote and newline are escaped (format 0.0.4).
void AppendLabelValue(std::string& out, std::string_view v) {
  for (char c : v) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '"': out += "\\\""; break;
      case '\n': out += "\\n"; break;
      default: out += c;
    }
  }
}

// HELP text: backslash and newline are escaped.
void AppendHelp(std::string& out, std::string_view v) {
  for (char c : v) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
}

void AppendNumber(std::string& out, double v) {
  if (std::isnan(v)) {
    out += "NaN";
  } else if (std::isinf(v)) {
    out += v > 0 ? "+Inf" : "-Inf";
  } else {
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, res.ptr);
  }
}

void AppendRouteMethod(std::string& out, const Series& s) {
  out += "route=\"";
  AppendLabelValue(out, s.route);
  out += "\",method=\"";
  AppendLabelValue(out, s.method);
  out += '"';
}

// Lets the series map be searched with a string_view: no key is built per request.
struct KeyHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view key) const { return std::hash<std::string_view>{}(key); }
};

}  // namespace

struct Metrics::Impl {
  mutable std::shared_mutex series_mutex;
  // key: route '\n' method
  std::unordered_map<std::string, std::unique_ptr<Series>, KeyHash, std::equal_to<>> series;

  mutable std::mutex callbacks_mutex;
  std::vector<Callback> callbacks;

  Series& Find(std::string_view route, std::string_view method) {
    // Route patterns and method names are short: the key fits on the stack.
    char buf[256];
    std::string_view key;
    std::string long_key;
    if (route.size() + method.size() + 1 <= sizeof buf) {
      std::copy(route.begin(), route.end(), buf);
      buf[route.size()] = '\n';
      std::copy(method.begin(), method.end(), buf + route.size() + 1);
      key = std::string_view(buf, route.size() + method.size() + 1);
    } else {
      long_key.append(route).append(1, '\n').append(method);
      key = long_key;
    }
    {
      std::shared_lock lock(series_mutex);
      auto it = series.find(key);
      if (it != series.end()) return *it->second;
    }
    std::unique_lock lock(series_mutex);
    auto& slot = series[std::string(key)];
    if (!slot) {
      slot = std::make_unique<Series>();
      slot->route = std::string(route);
      slot->method = std::string(method);
    }
    return *slot;
  }

  void AddCallback(std::string name, std::string help, const char* type, std::function<double()> read) {
    if (!IsValidMetricName(name)) throw std::invalid_argument("invalid metric name: " + name);
    if (!read) throw std::invalid_argument("metric without a reader: " + name);
    std::lock_guard lock(callbacks_mutex);
    for (const Callback& c : callbacks) {
      if (c.name == name) throw std::invalid_argument("metric registered twice: " + name);
    }
    callbacks.push_back(Callback{std::move(name), std::move(help), type, std::move(read)});
  }
};

Metrics::Metrics() : impl_(std::make_unique<Impl>()) {}
Metrics::~Metrics() = default;

void Metrics::ObserveRequest(std::string_view route, std::string_view method, int status, double seconds) {
  Series& s = impl_->Find(route, method);
  if (!(seconds >= 0)) seconds = 0;  // also NaN
  std::size_t bucket =
      static_cast<std::size_t>(std::lower_bound(kBounds.begin(), kBounds.end(), seconds) - kBounds.begin());
  s.buckets[bucket].fetch_add(1, std::memory_order_relaxed);
  double ns = std::min(seconds * 1e9, 1e15);
  s.sum_ns.fetch_add(static_cast<std::uint64_t>(ns), std::memory_order_relaxed);
  int index = std::clamp(status, kMinStatus, kMaxStatus) - kMinStatus;
  s.statuses[static_cast<std::size_t>(index)].fetch_add(1, std::memory_order_relaxed);
}

void Metrics::AddGauge(std::string name, std::string help, std::function<double()> read) {
  impl_->AddCallback(std::move(name), std::move(help), "gauge", std::move(read));
}

void Metrics::AddCounter(std::string name, std::string help, std::function<double()> read) {
  impl_->AddCallback(std::move(name), std::move(help), "counter", std::move(read));
}

std::string Metrics::Render() const {
  std::vector<const Series*> all;
  {
    std::shared_lock lock(impl_->series_mutex);
    all.reserve(impl_->series.size());
    for (const auto& kv : impl_->series) all.push_back(kv.second.get());
  }
  // Series are never removed, so the pointers stay valid without the lock.
  std::sort(all.begin(), all.end(), [](const Series* a, const Series* b) {
    return std::tie(a->route, a->method) < std::tie(b->route, b->method);
  });

  std::string out;
  out.reserve(256 + all.size() * 1500);
  out += "# HELP tongban_http_requests_total HTTP requests answered, by route pattern, method and status.\n";
  out += "# TYPE tongban_http_requests_total counter\n";
  for (const Series* s : all) {
    for (std::size_t i = 0; i < s->statuses.size(); ++i) {
      std::uint64_t n = s->statuses[i].load(std::memory_order_relaxed);
      if (n == 0) continue;
      out += "tongban_http_requests_total{";
      AppendRouteMethod(out, *s);
      out += ",status=\"";
      out += std::to_string(static_cast<int>(i) + kMinStatus);
      out += "\"} ";
      out += std::to_string(n);
      out += '\n';
    }
  }
  out +=
      "# HELP tongban_http_request_duration_seconds Time from the first byte of a request to the last byte "
      "of its response.\n";
  out += "# TYPE tongban_http_request_duration_seconds histogram\n";
  for (const Series* s : all) {
    // Buckets are read one by one while observers run, so the cumulative counts
    // are made monotonic and the total is taken from them, not from `count`.
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i <= kBounds.size(); ++i) {
      cumulative += s->buckets[i].load(std::memory_order_relaxed);
      out += "tongban_http_request_duration_seconds_bucket{";
      AppendRouteMethod(out, *s);
      out += ",le=\"";
      out += i < kBounds.size() ? kBoundLabels[i] : "+Inf";
      out += "\"} ";
      out += std::to_string(cumulative);
      out += '\n';
    }
    out += "tongban_http_request_duration_seconds_sum{";
    AppendRouteMethod(out, *s);
    out += "} ";
    AppendNumber(out, static_cast<double>(s->sum_ns.load(std::memory_order_relaxed)) / 1e9);
    out += '\n';
    out += "tongban_http_request_duration_seconds_count{";
    AppendRouteMethod(out, *s);
    out += "} ";
    out += std::to_string(cumulative);
    out += '\n';
  }

  std::lock_guard lock(impl_->callbacks_mutex);
  for (const Callback& c : impl_->callbacks) {
    double v = 0;
    try {
      v = c.read();
    } catch (...) {
      v = std::nan("");  // a failing source shows as NaN rather than breaking the scrape
    }
    out += "# HELP ";
    out += c.name;
    out += ' ';
    AppendHelp(out, c.help);
    out += "\n# TYPE ";
    out += c.name;
    out += ' ';
    out += c.type;
    out += '\n';
    out += c.name;
    out += ' ';
    AppendNumber(out, v);
    out += '\n';
  }
  return out;
}

}  // namespace tongban::http
