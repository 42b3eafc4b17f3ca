// The only translation unit of the project that includes Beast and Asio.
//
// Threads: `io_threads` run one io_context; every connection is a coroutine on
// its own strand (or on the io_context itself when there is one I/O thread).
// kWorker handlers are handed to a thread_pool and the connection's coroutine
// resumes on its strand when the response is ready; an I/O thread never waits.
//
// Deadlines: one steady_timer per connection and a deadline per phase
// (waiting for a request, reading it, writing the response). Setting a phase's
// deadline is an assignment; the timer is re-armed only when the new deadline
// is earlier than the one it waits for, and when it fires early it re-arms to
// the current deadline. On a keep-alive connection this costs no timer
// operation per request (re-arming one cancelled and queued a handler three
// times per request: a fifth of /healthz's time). On expiry the timer cancels
// — not closes — the socket, so that a 408 can still be written back.
//
// Beast parses requests; responses are serialised by hand (see Write).
#include "http/server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <limits>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

#include "core/ids.hpp"
#include "http/problem.hpp"
#include "http_errors.hpp"
#include "log/log.hpp"
#include "target.hpp"

namespace tongban::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;
using Clock = std::chrono::steady_clock;

constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t kReadChunk = 16 * 1024;
// After a rejected request (413, 431, 400, 408) the client may still be
// sending; reading a little of it before closing keeps the kernel from
// answering with a reset that would destroy our response in flight.
constexpr std::size_t kMaxDrainBytes = 1 << 20;
constexpr std::chrono::milliseconds kMaxDrainTime{1000};
constexpr std::chrono::milliseconds kMaxRejectWriteTime{5000};

constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
    "base-uri 'self'; form-action 'self'";
constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kSecurityHeaders = {{
    {"Content-Security-Policy", kContentSecurityPolicy},
    {"X-Content-Type-Options", "nosniff"},
    {"X-Frame-Options", "DENY"},
    {"Referrer-Policy", "no-referrer"},
    {"Cross-Origin-Opener-Policy", "same-origin"},
    {"Permissions-Policy", "camera=(), microphone=(), geolocation=()"},
}};

struct Connection {
  explicit Connection(tcp::socket s) : socket(std::move(s)), timer(socket.get_executor()) {}

  // Touched only on the connection's executor (its strand), except `remote`.
  tcp::socket socket;
  asio::steady_timer timer;
  Clock::time_point deadline = Clock::time_point::max();  // max: no phase is timed
  std::uint64_t wait_generation = 0;                      // tells the current wait from cancelled ones
  bool waiting = false;                                   // the timer has a wait outstanding
  bool timed_out = false;
  bool idle = false;  // waiting for the next request: Stop() closes it at once
  std::string remote;
  // The response head being written. Kept with the connection so that its
  // capacity serves every response on it: one allocation per connection, not
  // one per request (64 interleaved connections overflow malloc's per-thread
  // cache, and a per-request buffer cost ~4 % of /healthz).
  std::string head;
};

void WaitForDeadline(const std::shared_ptr<Connection>& c);

void OnTimer(const std::shared_ptr<Connection>& c) {
  if (c->deadline == Clock::time_point::max()) return;  // no phase timed: sleep until the next one
  if (Clock::now() < c->deadline) {
    WaitForDeadline(c);  // the deadline moved later since this wait began
    return;
  }
  c->timed_out = true;
  error_code ignored;
  c->socket.cancel(ignored);
}

void WaitForDeadline(const std::shared_ptr<Connection>& c) {
  c->timer.expires_at(c->deadline);  // cancels an outstanding wait, if any
  std::uint64_t generation = ++c->wait_generation;
  c->waiting = true;
  c->timer.async_wait([c, generation](error_code ec) {
    if (generation != c->wait_generation) return;  // superseded by a newer wait
    c->waiting = false;
    if (!ec) OnTimer(c);
  });
}

// Sets the deadline of the phase that begins.
void ArmDeadline(const std::shared_ptr<Connection>& c, Clock::time_point deadline) {
  c->deadline = deadline;
  c->timed_out = false;
  if (c->waiting && c->timer.expiry() <= deadline) return;  // it fires in time and re-arms then
  WaitForDeadline(c);
}

// The phase ended in time: nothing is timed until the next ArmDeadline.
void DisarmDeadline(Connection& c) {
  c.deadline = Clock::time_point::max();
}

// The connection is done: the outstanding wait (which holds the connection)
// completes at once.
void StopDeadlines(Connection& c) {
  c.deadline = Clock::time_point::max();
  ++c.wait_generation;
  c.waiting = false;
  c.timer.cancel();
}

void LogException(std::string_view event, const std::exception_ptr& e) {
  if (!e) return;
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& ex) {
    log::Error(event, {{"error", ex.what()}});
  } catch (...) {
    log::Error(event, {{"error", "unknown exception"}});
  }
}

// IMF-fixdate (RFC 9110 §5.6.7), recomputed once a second per thread. Day and
// month names are spelled out: strftime would follow the process locale.
const std::string& HttpDate() {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  thread_local std::time_t cached_second = -1;
  thread_local std::string cached;
  std::time_t now = std::time(nullptr);
  if (now != cached_second) {
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[tm.tm_wday % 7], tm.tm_mday,
                  kMonths[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
    cached = buf;
    cached_second = now;
  }
  return cached;
}

// For requests that arrive without a usable X-Request-Id: 32 hex characters
// like core's NewRequestId, but only the first per thread costs a getrandom
// system call (a random 64-bit prefix), then a counter. Request ids correlate
// log lines; they are not secrets (clients may choose their own).
std::string GenerateRequestId() {
  static constexpr char kHex[] = "0123456789abcdef";
  thread_local const std::string prefix = NewRequestId().substr(0, 16);
  thread_local std::uint64_t counter = 0;
  std::uint64_t n = ++counter;
  char id[32];  // built in place: the string is allocated once, at its final size
  std::copy(prefix.begin(), prefix.end(), id);
  for (int i = 31; i >= 16; --i, n >>= 4) id[i] = kHex[n & 0xF];
  return std::string(id, sizeof id);
}

bool IsTokenChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

// A header value with a line break or NUL would split the response.
bool IsSafeHeaderValue(std::string_view value) {
  return std::none_of(value.begin(), value.end(),
                      [](char ch) { return ch == '\r' || ch == '\n' || ch == '\0'; });
}

// Framing headers belong to the server (Content-Type comes from
// Response::content_type); they and unsafe values are dropped.
bool IsAcceptableHandlerHeader(std::string_view name, std::string_view value) {
  if (name.empty() || !std::all_of(name.begin(), name.end(), IsTokenChar)) return false;
  for (std::string_view framing : {"content-length", "transfer-encoding", "connection", "keep-alive",
                                   "upgrade", "date", "x-request-id", "content-type"}) {
    if (beast::iequals(name, framing)) return false;
  }
  return IsSafeHeaderValue(value);
}

bool IsApiPath(std::string_view path) {
  return path == "/api" || path.starts_with("/api/");
}

std::string AllowHeader(const std::vector<Method>& methods) {
  std::string out;
  for (Method m : methods) {
    if (!out.empty()) out += ", ";
    out += MethodName(m);
  }
  return out;
}

// What the access log and metrics record about one request.
struct Outcome {
  std::string request_id;
  std::string method;  // as received, shortened
  std::string route = "unmatched";
  int status = 0;
  std::size_t bytes_out = 0;
};

}  // namespace

struct Server::Impl {
  Impl(ServerOptions o, const Router& r, Metrics& m)
      : options(std::move(o)),
        router(r),
        metrics(m),
        ioc(std::max(1, options.io_threads)),
        acceptor(asio::make_strand(ioc)) {}

  ServerOptions options;
  const Router& router;
  Metrics& metrics;

  // Destroyed last: everything below holds handles into it.
  asio::io_context ioc;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
  std::unique_ptr<asio::thread_pool> workers;
  tcp::acceptor acceptor;
  std::vector<std::thread> threads;
  std::uint16_t bound_port = 0;
  std::atomic<bool> stopping{false};
  std::atomic<int> in_flight{0};
  // The largest body any route accepts (set by Start): the parser's limit
  // until the request's route is known.
  std::size_t largest_body_limit = 0;

  enum class State { kNew, kRunning, kStopping, kStopped };
  std::mutex mu;  // guards the members below
  std::condition_variable cv;
  State state = State::kNew;
  bool signal_received = false;
  std::unordered_set<std::shared_ptr<Connection>> connections;
  std::optional<asio::signal_set> signals;  // set up once, by Start or RunUntilSignal

  Status Start();
  void CatchSignals();  // with mu held
  void Stop();
  void RunUntilSignal();

  void RunIo();
  asio::any_io_executor ConnectionExecutor();
  asio::awaitable<void> Accept();
  void Forget(const std::shared_ptr<Connection>& c);
  asio::awaitable<void> Serve(std::shared_ptr<Connection> c);
  // The body limit of the request whose header `message` is: its route's, or the server's.
  std::size_t BodyLimitFor(const bhttp::request_parser<bhttp::string_body>::value_type& message) const;
  // Reads, handles and answers one request; false when the connection must close.
  asio::awaitable<bool> HandleOne(const std::shared_ptr<Connection>& c, beast::flat_buffer& buffer,
                                  Clock::time_point started, Clock::time_point deadline);
  asio::awaitable<Response> RunOnWorker(const Route& route, const Request& request);
  asio::awaitable<Response> RunAsync(const Route& route, const Request& request);
  Response Invoke(const Handler& handler, const Request& request);
  asio::awaitable<void> Reject(const std::shared_ptr<Connection>& c, Outcome& outcome, const Error& error,
                               int status, std::string_view target, unsigned version);
  asio::awaitable<void> DrainAndClose(const std::shared_ptr<Connection>& c);
  // Writes the response; false when the connection failed. `head`: HEAD request.
  asio::awaitable<bool> Write(const std::shared_ptr<Connection>& c, Response& r, Outcome& outcome,
                              unsigned version, bool keep_alive, bool head, Clock::time_point deadline);
  // The response's head (into c.head) and the buffers to send: Write's
  // first half, for HandleOne to co_await the write itself (a nested
  // coroutine costs a frame allocation per request).
  static std::array<asio::const_buffer, 2> Serialize(Connection& c, Response& r, Outcome& outcome,
                                                     unsigned version, bool keep_alive, bool head);
  void Record(const Outcome& outcome, const Connection& c, Clock::time_point started);
};

Status Server::Impl::Start() {
  std::lock_guard lock(mu);
  std::string where = options.host + ":" + std::to_string(options.port);
  auto fail = [&where](const std::string& why) {
    return Error::Make(ErrorCode::kUnavailable, "http.listen_failed", "无法监听 " + where + "：" + why,
                       "Cannot listen on " + where + ": " + why)
        .WithDetail(why);
  };
  if (state != State::kNew) return fail("the server was already started");
  largest_body_limit = options.max_body_bytes;
  for (const auto& route : router.routes())
    largest_body_limit = std::max(largest_body_limit, route->max_body_bytes);

  error_code ec;
  tcp::endpoint endpoint;
  auto address = asio::ip::make_address(options.host, ec);
  if (!ec) {
    endpoint = tcp::endpoint(address, options.port);
  } else {
    tcp::resolver resolver(ioc);
    auto results = resolver.resolve(options.host, std::to_string(options.port), tcp::resolver::passive, ec);
    if (ec || results.empty()) return fail(ec ? ec.message() : "host not found");
    endpoint = results.begin()->endpoint();
  }
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (!ec) bound_port = acceptor.local_endpoint(ec).port();
  if (ec) {
    error_code ignored;
    acceptor.close(ignored);
    return fail(ec.message());
  }

  work.emplace(ioc.get_executor());
  workers =
      std::make_unique<asio::thread_pool>(static_cast<std::size_t>(std::max(1, options.worker_threads)));
  // A detached co_spawn would swallow the accept loop's exceptions: log them.
  asio::co_spawn(acceptor.get_executor(), Accept(),
                 [](const std::exception_ptr& e) { LogException("http.accept_loop_failed", e); });
  if (options.handle_signals) CatchSignals();
  for (int i = 0; i < std::max(1, options.io_threads); ++i) threads.emplace_back([this] { RunIo(); });
  state = State::kRunning;
  log::Info("http.listening", {{"host", options.host},
                               {"port", static_cast<int>(bound_port)},
                               {"io_threads", std::max(1, options.io_threads)},
                               {"worker_threads", std::max(1, options.worker_threads)}});
  return Status::Ok();
}

void Server::Impl::RunIo() {
  for (;;) {
    try {
      ioc.run();
      return;
    } catch (const std::exception& e) {
      // Completion handlers catch their own failures; this is the last net.
      log::Error("http.io_thread_exception", {{"error", e.what()}});
    }
  }
}

asio::any_io_executor Server::Impl::ConnectionExecutor() {
  // With one I/O thread every handler is already serialised: no strand needed.
  if (options.io_threads <= 1) return ioc.get_executor();
  return asio::make_strand(ioc);
}

asio::awaitable<void> Server::Impl::Accept() {
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(ConnectionExecutor(), kNoThrow);
    if (stopping || !acceptor.is_open()) co_return;
    if (ec) {
      if (ec == asio::error::operation_aborted) co_return;
      // EMFILE and friends: pause instead of spinning on the error.
      log::Warn("http.accept_failed", {{"error", ec.message()}});
      asio::steady_timer pause(acceptor.get_executor(), std::chrono::milliseconds(50));
      co_await pause.async_wait(kNoThrow);
      continue;
    }
    error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    auto c = std::make_shared<Connection>(std::move(socket));
    auto remote = c->socket.remote_endpoint(ignored);
    if (!ignored) c->remote = remote.address().to_string();
    {
      std::lock_guard lock(mu);
      connections.insert(c);
    }
    asio::co_spawn(c->socket.get_executor(), Serve(c), [this, c](const std::exception_ptr& e) {
      LogException("http.connection_failed", e);
      Forget(c);
    });
  }
}

void Server::Impl::Forget(const std::shared_ptr<Connection>& c) {
  std::lock_guard lock(mu);
  connections.erase(c);
  if (connections.empty()) cv.notify_all();
}

asio::awaitable<void> Server::Impl::Serve(std::shared_ptr<Connection> c) {
  beast::flat_buffer buffer;
  // The first request must arrive complete within read_timeout of the accept.
  Clock::time_point deadline = Clock::now() + options.read_timeout;
  bool first = true;
  for (;;) {
    if (buffer.size() == 0) {
      if (stopping) break;
      c->idle = true;
      ArmDeadline(c, first ? deadline : Clock::now() + options.idle_timeout);
      auto [ec, n] = co_await c->socket.async_read_some(buffer.prepare(kReadChunk), kNoThrow);
      DisarmDeadline(*c);
      c->idle = false;
      if (ec) break;  // closed by the client, idle too long, or shutting down
      buffer.commit(n);
    }
    Clock::time_point started = Clock::now();
    if (!first) deadline = started + options.read_timeout;
    first = false;
    if (!co_await HandleOne(c, buffer, started, deadline)) break;
  }
  StopDeadlines(*c);
  error_code ignored;
  c->socket.shutdown(tcp::socket::shutdown_both, ignored);
  c->socket.close(ignored);
}

asio::awaitable<bool> Server::Impl::HandleOne(const std::shared_ptr<Connection>& c,
                                              beast::flat_buffer& buffer, Clock::time_point started,
                                              Clock::time_point deadline) {
  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(
      std::min<std::size_t>(options.max_header_bytes, std::numeric_limits<std::uint32_t>::max())));
  parser.body_limit(largest_body_limit);

  ArmDeadline(c, deadline);
  auto [ec, ignored_n] = co_await bhttp::async_read_header(c->socket, buffer, parser, kNoThrow);
  std::size_t body_limit = options.max_body_bytes;
  if (!ec) {
    if (!parser.is_done()) {
      body_limit = BodyLimitFor(parser.get());
      parser.body_limit(body_limit);  // counts the chunks of a chunked body from here
    }
    auto length = parser.content_length();
    if (length && *length > body_limit) ec = bhttp::error::body_limit;
  }
  if (!ec && !parser.is_done()) {
    const auto& header = parser.get();
    if (header.version() == 11 && beast::iequals(header[bhttp::field::expect], "100-continue")) {
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      auto [wec, wn] = co_await asio::async_write(c->socket, asio::buffer(kContinue), kNoThrow);
      ec = wec;
    }
    if (!ec) {
      auto [rec, rn] = co_await bhttp::async_read(c->socket, buffer, parser, kNoThrow);
      ec = rec;
    }
  }
  bool timed_out = c->timed_out;
  DisarmDeadline(*c);

  Outcome outcome;
  std::string_view incoming_id;
  if (parser.is_header_done()) {
    incoming_id = parser.get()["X-Request-Id"];
    outcome.method = std::string(parser.get().method_string().substr(0, 16));
  }
  outcome.request_id = IsValidRequestId(incoming_id) ? std::string(incoming_id) : GenerateRequestId();

  if (ec) {
    std::optional<std::pair<Error, int>> reject;
    if (timed_out) {
      reject.emplace(RequestTimeoutError(), 408);
    } else if (ec == bhttp::error::header_limit || ec == bhttp::error::buffer_overflow) {
      reject.emplace(HeaderTooLargeError(options.max_header_bytes), 431);
    } else if (ec == bhttp::error::body_limit) {
      reject.emplace(BodyTooLargeError(body_limit), 413);
    } else if (ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category() &&
               ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message) {
      reject.emplace(MalformedRequestError(ec.message()), 400);
    }
    if (!reject) co_return false;  // the client went away mid-request
    std::string target = parser.is_header_done() ? std::string(parser.get().target()) : "";
    unsigned version = parser.is_header_done() ? parser.get().version() : 11;
    co_await Reject(c, outcome, reject->first, reject->second, target, version);
    Record(outcome, *c, started);
    co_return false;
  }

  struct InFlight {
    explicit InFlight(std::atomic<int>& n) : count(n) { ++count; }
    ~InFlight() { --count; }
    std::atomic<int>& count;
  } in_flight_guard(in_flight);

  auto& message = parser.get();
  Request request;
  // Lent to the request while the handler runs, returned below for the
  // response header and the log: a copy would allocate (32 characters).
  request.request_id = std::move(outcome.request_id);
  request.remote_address = c->remote;
  request.target = std::string(message.target());
  for (const auto& field : message) {
    request.headers.emplace(std::string(field.name_string()), std::string(field.value()));
  }
  std::optional<Method> method = ParseMethod(message.method_string());
  bool head = method == Method::kHead;
  bool close_after = false;
  // Constructed by the branch that answers: a default Response would first
  // allocate its default content type only to have it replaced.
  std::optional<Response> answer;
  if (message.version() == 11 && message.find(bhttp::field::host) == message.end()) {
    // RFC 9112 §3.2: a request without Host is malformed.
    answer = Problem(MalformedRequestError("missing Host"), &request, 400);
    close_after = true;
  } else if (!method) {
    answer = Problem(NotImplementedError(), &request, 501);
  } else {
    request.method = *method;
    auto target = ParseTarget(request.target);
    if (!target.ok()) {
      answer = Problem(target.error(), &request, 400);
    } else {
      request.path = std::move(target->path);
      request.query = std::move(target->query);
      request.body = std::move(message.body());
      RouteMatch match = router.Match(*method, target->encoded_path);
      if (match.route != nullptr) {
        outcome.route = match.route->pattern;
        request.route = match.route->pattern;
        request.path_params = std::move(match.path_params);
        if (match.route->execution == Execution::kInline) {
          answer = Invoke(match.route->handler, request);
        } else if (match.route->execution == Execution::kAsync ||
                   match.route->execution == Execution::kWorkerAsync) {
          answer = co_await RunAsync(*match.route, request);
        } else {
          answer = co_await RunOnWorker(*match.route, request);
        }
      } else if (!match.allowed.empty()) {
        answer = Problem(MethodNotAllowedError(), &request, 405);
        answer->headers.emplace("Allow", AllowHeader(match.allowed));
      } else if ((*method == Method::kGet || head) && !IsApiPath(request.path) && router.fallback()) {
        outcome.route = "static";
        answer = Invoke(router.fallback(), request);
      } else {
        answer = Problem(NotFoundError(), &request);
      }
    }
  }

  Response& response = *answer;
  outcome.request_id = std::move(request.request_id);
  // Responses finished during shutdown close their connection.
  bool keep_alive = message.keep_alive() && !close_after && !stopping;
  outcome.status = response.status;
  auto buffers = Serialize(*c, response, outcome, message.version(), keep_alive, head);
  ArmDeadline(c, Clock::now() + options.idle_timeout);
  auto [wec, wn] = co_await asio::async_write(c->socket, buffers, kNoThrow);
  DisarmDeadline(*c);
  bool written = !wec;
  Record(outcome, *c, started);
  co_return written&& keep_alive && !stopping;
}

std::size_t Server::Impl::BodyLimitFor(
    const bhttp::request_parser<bhttp::string_body>::value_type& message) const {
  if (largest_body_limit == options.max_body_bytes) return options.max_body_bytes;  // no route raises it
  std::optional<Method> method = ParseMethod(message.method_string());
  auto target = ParseTarget(std::string_view(message.target().data(), message.target().size()));
  if (!method || !target.ok()) return options.max_body_bytes;
  RouteMatch match = router.Match(*method, target->encoded_path);
  if (match.route == nullptr || match.route->max_body_bytes == 0) return options.max_body_bytes;
  return match.route->max_body_bytes;
}

// The handler runs on the pool; the calling coroutine is suspended meanwhile
// (its I/O thread serves other connections) and resumes on its own executor.
asio::awaitable<Response> Server::Impl::RunOnWorker(const Route& route, const Request& request) {
  co_return co_await asio::co_spawn(
      workers->get_executor(),
      [this, &route, &request]() -> asio::awaitable<Response> { co_return Invoke(route.handler, request); },
      asio::use_awaitable);
}

// The handler starts on this I/O thread (kAsync) or on a worker
// (kWorkerAsync) and answers through the responder from whichever thread
// finishes the work. The coroutine waits on a timer that never expires (so
// `request` stays alive); the answer is handed over on the connection's
// executor, which then cancels the timer. A second answer is ignored; a
// handler that throws is answered as Invoke answers.
asio::awaitable<Response> Server::Impl::RunAsync(const Route& route, const Request& request) {
  struct Pending {
    explicit Pending(const asio::any_io_executor& executor) : wake(executor, Clock::time_point::max()) {}
    asio::steady_timer wake;
    std::optional<Response> response;  // touched on the connection's executor only
    std::atomic<bool> answered{false};
  };
  auto pending = std::make_shared<Pending>(co_await asio::this_coro::executor);
  Responder respond = [pending](Response response) {
    if (pending->answered.exchange(true)) return;
    asio::post(pending->wake.get_executor(), [pending, r = std::move(response)]() mutable {
      pending->response = std::move(r);
      pending->wake.cancel();
    });
  };
  auto start = [this, &route, &request](const Responder& answer) {
    bool returned = false;
    Response failure = Invoke(
        [&route, &answer, &returned](const Request& r) {
          route.async_handler(r, answer);
          returned = true;
          return Response{};
        },
        request);
    if (!returned) answer(std::move(failure));
  };
  bool on_worker = route.execution == Execution::kWorkerAsync;
  if (on_worker && route.start_inline) {
    try {
      on_worker = !route.start_inline(request);
    } catch (const std::exception&) {
      // the handler, on a worker, meets the same input and answers it
    }
  }
  if (on_worker) {
    asio::post(workers->get_executor(), [start, answer = std::move(respond)] { start(answer); });
  } else {
    start(respond);
    respond = nullptr;  // the handler holds its own copy
  }
  while (!pending->response) co_await pending->wake.async_wait(kNoThrow);
  co_return std::move(*pending->response);
}

// The one catch at the edge (STYLE.md §6): nothing a handler throws reaches
// the client beyond a code and a request id.
Response Server::Impl::Invoke(const Handler& handler, const Request& request) {
  try {
    return handler(request);
  } catch (const FatalError& e) {
    const Error& error = e.error();
    log::Error("http.request_aborted", {{"request_id", request.request_id},
                                        {"route", request.route},
                                        {"code", ErrorCodeName(error.code)},
                                        {"reason", error.reason},
                                        {"detail", error.detail}});
    return Problem(error, &request);
  } catch (const std::exception& e) {
    log::Error("http.handler_exception",
               {{"request_id", request.request_id}, {"route", request.route}, {"error", e.what()}});
  } catch (...) {
    log::Error(
        "http.handler_exception",
        {{"request_id", request.request_id}, {"route", request.route}, {"error", "unknown exception"}});
  }
  return Problem(InternalError(), &request, 500);
}

asio::awaitable<void> Server::Impl::Reject(const std::shared_ptr<Connection>& c, Outcome& outcome,
                                           const Error& error, int status, std::string_view target,
                                           unsigned version) {
  Request request;
  request.request_id = outcome.request_id;
  request.target = std::string(target.substr(0, target.find('?')));
  if (!request.target.starts_with('/')) request.target.clear();
  if (status >= 500 || status == 408 || status == 413 || status == 431) {
    log::Warn("http.request_rejected", {{"request_id", outcome.request_id},
                                        {"reason", error.reason},
                                        {"detail", error.detail},
                                        {"remote", c->remote}});
  }
  Response problem = Problem(error, &request, status);
  co_await Write(c, problem, outcome, version, false, false,
                 Clock::now() + std::min<Clock::duration>(options.read_timeout, kMaxRejectWriteTime));
  co_await DrainAndClose(c);
}

asio::awaitable<void> Server::Impl::DrainAndClose(const std::shared_ptr<Connection>& c) {
  error_code ignored;
  c->socket.shutdown(tcp::socket::shutdown_send, ignored);
  ArmDeadline(c, Clock::now() + kMaxDrainTime);
  std::array<char, 8192> sink;
  std::size_t drained = 0;
  while (drained < kMaxDrainBytes) {
    auto [ec, n] = co_await c->socket.async_read_some(asio::buffer(sink), kNoThrow);
    if (ec) break;
    drained += n;
  }
  StopDeadlines(*c);
  c->socket.close(ignored);
}

// The response head is written by hand rather than through Beast's field
// container, which allocates per header and cost more than all the rest of a
// small request together; the format is fixed (RFC 9112 §4, §6).
asio::awaitable<bool> Server::Impl::Write(const std::shared_ptr<Connection>& c, Response& r, Outcome& outcome,
                                          unsigned version, bool keep_alive, bool head,
                                          Clock::time_point deadline) {
  auto buffers = Serialize(*c, r, outcome, version, keep_alive, head);
  ArmDeadline(c, deadline);
  auto [ec, n] = co_await asio::async_write(c->socket, buffers, kNoThrow);
  DisarmDeadline(*c);
  co_return !ec;
}

std::array<asio::const_buffer, 2> Server::Impl::Serialize(Connection& c, Response& r, Outcome& outcome,
                                                          unsigned version, bool keep_alive, bool head) {
  int status = (r.status >= 100 && r.status <= 599) ? r.status : 500;
  bool bodiless = status < 200 || status == 204 || status == 304;
  if (bodiless) r.body.clear();
  std::string& out = c.head;
  out.clear();
  out.reserve(768);
  out += version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
  out += std::to_string(status);
  out += ' ';
  std::string_view reason = bhttp::obsolete_reason(static_cast<bhttp::status>(status));
  out += reason.starts_with('<') ? std::string_view("Unknown") : reason;
  out += "\r\n";
  auto add = [&out](std::string_view name, std::string_view value) {
    out.append(name).append(": ").append(value).append("\r\n");
  };
  for (const auto& [name, value] : r.headers) {
    if (IsAcceptableHandlerHeader(name, value)) add(name, value);
  }
  if (!bodiless && !r.content_type.empty() && IsSafeHeaderValue(r.content_type)) {
    add("Content-Type", r.content_type);
  }
  // A handler may tighten or relax a security header for its own response.
  for (const auto& [name, value] : kSecurityHeaders) {
    if (r.headers.empty() || r.headers.find(std::string(name)) == r.headers.end()) add(name, value);
  }
  add("X-Request-Id", outcome.request_id);
  add("Date", HttpDate());
  // HEAD: the length of the GET body is announced, the body is not sent.
  if (!bodiless) add("Content-Length", std::to_string(r.body.size()));
  if (version == 11 && !keep_alive) add("Connection", "close");
  if (version == 10 && keep_alive) add("Connection", "keep-alive");
  out += "\r\n";

  outcome.status = status;
  outcome.bytes_out = head ? 0 : r.body.size();
  return {asio::buffer(out), asio::buffer(r.body.data(), head ? 0 : r.body.size())};
}

void Server::Impl::Record(const Outcome& outcome, const Connection& c, Clock::time_point started) {
  double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  std::optional<Method> known = ParseMethod(outcome.method);
  std::string_view method_label = known ? MethodName(*known) : "OTHER";
  metrics.ObserveRequest(outcome.route, method_label, outcome.status, seconds);
  if (!options.access_log) return;
  // The route pattern, never the raw path: paths may carry personal data.
  log::Info("http.request", {{"request_id", outcome.request_id},
                             {"method", outcome.method.empty() ? std::string("-") : outcome.method},
                             {"route", outcome.route},
                             {"status", outcome.status},
                             {"duration_ms", seconds * 1000.0},
                             {"bytes_out", outcome.bytes_out},
                             {"remote", c.remote}});
}

void Server::Impl::Stop() {
  {
    std::unique_lock lock(mu);
    if (state == State::kNew) {
      state = State::kStopped;
      return;
    }
    if (state != State::kRunning) {
      cv.wait(lock, [this] { return state == State::kStopped; });
      return;
    }
    state = State::kStopping;
    cv.notify_all();  // wakes RunUntilSignal
  }
  log::Info("http.stopping", {{"in_flight", in_flight.load()}});
  stopping = true;
  asio::post(acceptor.get_executor(), [this] {
    error_code ignored;
    acceptor.close(ignored);
  });
  auto snapshot = [this] {
    std::lock_guard lock(mu);
    return std::vector<std::shared_ptr<Connection>>(connections.begin(), connections.end());
  };
  for (const auto& c : snapshot()) {
    asio::post(c->socket.get_executor(), [c] {
      error_code ignored;
      if (c->idle) c->socket.cancel(ignored);
    });
  }
  bool drained = false;
  {
    std::unique_lock lock(mu);
    drained = cv.wait_for(lock, options.shutdown_grace, [this] { return connections.empty(); });
  }
  if (!drained) {
    auto remaining = snapshot();
    log::Warn("http.shutdown_forced", {{"connections", remaining.size()}});
    for (const auto& c : remaining) {
      asio::post(c->socket.get_executor(), [c] {
        error_code ignored;
        c->socket.shutdown(tcp::socket::shutdown_both, ignored);
        c->socket.close(ignored);
      });
    }
    std::unique_lock lock(mu);
    cv.wait_for(lock, std::chrono::seconds(1), [this] { return connections.empty(); });
  }
  work.reset();
  ioc.stop();
  for (auto& t : threads) t.join();
  threads.clear();
  // A worker still running (a handler stuck in the database) is waited for;
  // its response has nowhere to go.
  workers->join();
  {
    std::lock_guard lock(mu);
    connections.clear();
    state = State::kStopped;
  }
  cv.notify_all();
  log::Info("http.stopped");
}

void Server::Impl::CatchSignals() {
  if (signals) return;
  signals.emplace(ioc, SIGINT, SIGTERM);
  signals->async_wait([this](error_code ec, int signal_number) {
    if (ec) return;
    log::Info("http.signal", {{"signal", signal_number}});
    std::lock_guard lock(mu);
    signal_received = true;
    cv.notify_all();
  });
}

void Server::Impl::RunUntilSignal() {
  {
    std::unique_lock lock(mu);
    if (state != State::kRunning) return;
    CatchSignals();
    cv.wait(lock, [this] { return signal_received || state != State::kRunning; });
  }
  Stop();
}

Server::Server(ServerOptions options, const Router& router, Metrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(options), router, metrics)) {}

Server::~Server() {
  impl_->Stop();
}

Status Server::Start() {
  return impl_->Start();
}
std::uint16_t Server::port() const {
  return impl_->bound_port;
}
void Server::Stop() {
  impl_->Stop();
}
void Server::RunUntilSignal() {
  impl_->RunUntilSignal();
}
int Server::in_flight() const {
  return impl_->in_flight.load();
}

}  // namespace tongban::http
