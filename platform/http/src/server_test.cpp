// A real server on port 0, driven over raw sockets.
#include "http/server.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "http/static_site.hpp"
#include "log/log.hpp"
#include "test_client.hpp"

namespace tongban::http {
namespace {

using namespace std::chrono_literals;
using testing::Fetch;
using testing::RawResponse;
using testing::TestConnection;

boost::json::object BodyOf(const RawResponse& r) {
  return boost::json::parse(r.body).as_object();
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    log::SetLevel(log::Level::kWarn);
    Handler hello = [](const Request&) { return Response::Text(200, "hello"); };
    router_.Add(Method::kGet, "/healthz", hello, Execution::kInline);
    router_.Add(Method::kGet, "/api/v1/items", hello, Execution::kWorker);
    router_.Add(Method::kPost, "/api/v1/items",
                [](const Request& r) { return Response::Text(201, "got " + std::to_string(r.body.size())); });
    router_.Add(Method::kGet, "/api/v1/items/{id}", [](const Request& r) {
      std::string out = "id=" + r.PathParam("id");
      if (auto q = r.QueryParam("q")) out += " q=" + *q;
      return Response::Text(200, out);
    });
    router_.Add(Method::kGet, "/api/v1/boom", [](const Request&) -> Response {
      throw std::runtime_error("secret database password in message");
    });
    router_.Add(Method::kGet, "/api/v1/unavailable", [](const Request&) -> Response {
      throw FatalError(
          Error::Make(ErrorCode::kUnavailable, "db.unavailable", "数据库暂不可用", "Database unavailable")
              .WithDetail("connection refused to 10.0.0.1"));
    });
    router_.Add(
        Method::kGet, "/api/v1/slow",
        [this](const Request&) {
          slow_started_ = true;
          std::this_thread::sleep_for(300ms);
          slow_finished_ = true;
          return Response::Text(200, "slow");
        },
        Execution::kWorker);
    router_.Add(
        Method::kGet, "/api/v1/header",
        [](const Request&) {
          Response r = Response::Text(200, "x");
          r.headers.emplace("Cache-Control", "no-store");
          r.headers.emplace("Content-Length", "999");  // dropped: framing is the server's
          r.headers.emplace("X-Evil", "a\r\nSet-Cookie: b");
          r.headers.emplace("Content-Type", "text/html");  // only via content_type
          return r;
        },
        Execution::kInline);
  }
  void TearDown() override {
    if (server_) server_->Stop();
  }

  void StartServer(ServerOptions options = {}) {
    options.port = 0;
    options.access_log = options_access_log_;
    if (options.worker_threads == ServerOptions{}.worker_threads) options.worker_threads = 4;
    server_ = std::make_unique<Server>(options, router_, metrics_);
    Status started = server_->Start();
    ASSERT_TRUE(started.ok()) << started.error().message_en;
    port_ = server_->port();
    ASSERT_NE(port_, 0);
  }

  Router router_;
  Metrics metrics_;
  std::unique_ptr<Server> server_;
  std::uint16_t port_ = 0;
  bool options_access_log_ = false;
  std::atomic<bool> slow_started_{false};
  std::atomic<bool> slow_finished_{false};
};

TEST_F(ServerTest, ServesARouteWithSecurityHeaders) {
  StartServer();
  auto r = Fetch(port_, "GET", "/healthz");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "hello");
  EXPECT_EQ(r->Header("Content-Security-Policy"),
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' "
            "data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri "
            "'self'; form-action 'self'");
  EXPECT_EQ(r->Header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(r->Header("X-Frame-Options"), "DENY");
  EXPECT_EQ(r->Header("Referrer-Policy"), "no-referrer");
  EXPECT_EQ(r->Header("Cross-Origin-Opener-Policy"), "same-origin");
  EXPECT_EQ(r->Header("Permissions-Policy"), "camera=(), microphone=(), geolocation=()");
  EXPECT_FALSE(r->Header("Date").empty());
  EXPECT_EQ(r->Header("Content-Length"), "5");
}

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  StartServer();
  TestConnection c(port_);
  for (int i = 0; i < 5; ++i) {
    std::string target = i % 2 == 0 ? "/healthz" : "/api/v1/items/" + std::to_string(i);
    ASSERT_TRUE(c.Send("GET " + target + " HTTP/1.1\r\nHost: t\r\n\r\n"));
    auto r = c.Read();
    ASSERT_TRUE(r) << i;
    EXPECT_EQ(r->status, 200);
    EXPECT_NE(r->Header("Connection"), "close");
  }
}

TEST_F(ServerTest, Http10ClosesUnlessKeepAliveIsAsked) {
  StartServer();
  TestConnection once(port_);
  ASSERT_TRUE(once.Send("GET /healthz HTTP/1.0\r\n\r\n"));
  auto r = once.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_TRUE(once.WaitClosed(2s));

  TestConnection kept(port_);
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(kept.Send("GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
    auto k = kept.Read();
    ASSERT_TRUE(k) << i;
    EXPECT_EQ(k->Header("Connection"), "keep-alive");
  }
}

TEST_F(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
  StartServer();
  TestConnection c(port_);
  ASSERT_TRUE(
      c.Send("GET /api/v1/items/1 HTTP/1.1\r\nHost: t\r\n\r\n"
             "GET /api/v1/items/2 HTTP/1.1\r\nHost: t\r\n\r\n"));
  EXPECT_EQ(c.Read()->body, "id=1");
  EXPECT_EQ(c.Read()->body, "id=2");
}

TEST_F(ServerTest, PathAndQueryParametersAreDecoded) {
  StartServer();
  auto r = Fetch(port_, "GET", "/api/v1/items/a%2Fb%20c?q=%E9%80%9A%E5%8A%9E+x&q=2");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "id=a/b c q=通办 x");
}

TEST_F(ServerTest, RequestIdIsEchoedGeneratedOrReplaced) {
  StartServer();
  auto echoed = Fetch(port_, "GET", "/healthz", "X-Request-Id: abc-123.x:y_z\r\n");
  EXPECT_EQ(echoed->Header("X-Request-Id"), "abc-123.x:y_z");

  auto generated = Fetch(port_, "GET", "/healthz");
  std::string id = generated->Header("X-Request-Id");
  EXPECT_EQ(id.size(), 32u);
  EXPECT_NE(id, Fetch(port_, "GET", "/healthz")->Header("X-Request-Id"));

  auto replaced = Fetch(port_, "GET", "/nope", "X-Request-Id: <script>\r\n");
  std::string new_id = replaced->Header("X-Request-Id");
  EXPECT_EQ(new_id.size(), 32u);
  EXPECT_EQ(replaced->body.find("<script>"), std::string::npos);
  EXPECT_EQ(BodyOf(*replaced).at("request_id").as_string(), new_id);
}

TEST_F(ServerTest, UnknownRouteIsA404Problem) {
  StartServer();
  auto r = Fetch(port_, "GET", "/api/v1/nope?x=1", "X-Request-Id: r404\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(r->Header("Content-Type"), "application/problem+json");
  EXPECT_FALSE(r->Header("X-Frame-Options").empty());
  auto body = BodyOf(*r);
  EXPECT_EQ(body.at("code"), "http.not_found");
  EXPECT_EQ(body.at("message_zh"), "未找到请求的资源");
  EXPECT_EQ(body.at("request_id"), "r404");
  EXPECT_EQ(body.at("instance"), "/api/v1/nope");
  EXPECT_EQ(body.at("type"), "https://tongban.dev/problems/http.not_found");
}

TEST_F(ServerTest, WrongMethodIsA405WithAllow) {
  StartServer();
  auto r = Fetch(port_, "DELETE", "/api/v1/items");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 405);
  EXPECT_EQ(r->Header("Allow"), "GET, HEAD, POST");
  EXPECT_EQ(BodyOf(*r).at("code"), "http.method_not_allowed");
  EXPECT_EQ(BodyOf(*r).at("message_zh"), "不支持该请求方法");
}

TEST_F(ServerTest, UnknownMethodIsA501) {
  StartServer();
  auto r = Fetch(port_, "BREW", "/healthz");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 501);
}

TEST_F(ServerTest, HeadAnswersWithTheLengthButNoBody) {
  StartServer();
  TestConnection c(port_);
  ASSERT_TRUE(c.Send("HEAD /healthz HTTP/1.1\r\nHost: t\r\n\r\nGET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"));
  auto head = c.Read(5s, true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->Header("Content-Length"), "5");
  EXPECT_TRUE(head->body.empty());
  auto get = c.Read();  // the next response starts right after the HEAD's header
  ASSERT_TRUE(get);
  EXPECT_EQ(get->body, "hello");
}

TEST_F(ServerTest, PostBodyArrives) {
  StartServer();
  auto r = Fetch(port_, "POST", "/api/v1/items", "Content-Type: application/json\r\n", "{\"a\":1}");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 201);
  EXPECT_EQ(r->body, "got 7");
}

TEST_F(ServerTest, ExpectContinueIsHonoured) {
  StartServer();
  TestConnection c(port_);
  ASSERT_TRUE(
      c.Send("POST /api/v1/items HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n"));
  // Read() skips the interim 100; send the body only after it arrived.
  std::this_thread::sleep_for(50ms);
  ASSERT_TRUE(c.Send("abc"));
  auto r = c.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 201);
  EXPECT_EQ(r->body, "got 3");
}

TEST_F(ServerTest, HandlerHeadersAreKeptButFramingAndInjectionAreDropped) {
  StartServer();
  auto r = Fetch(port_, "GET", "/api/v1/header");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->Header("Cache-Control"), "no-store");
  EXPECT_EQ(r->Header("Content-Length"), "1");
  EXPECT_EQ(r->Header("Set-Cookie"), "");
  EXPECT_EQ(r->Header("X-Evil"), "");
  EXPECT_EQ(r->headers.count("Content-Type"), 1u);
  EXPECT_EQ(r->Header("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(r->Header("X-Frame-Options"), "DENY");
}

TEST_F(ServerTest, BodyOverTheLimitByContentLengthIs413) {
  ServerOptions o;
  o.max_body_bytes = 1024;
  StartServer(o);
  TestConnection c(port_);
  ASSERT_TRUE(c.Send("POST /api/v1/items HTTP/1.1\r\nHost: t\r\nContent-Length: 10000000\r\n\r\n"));
  auto r = c.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(BodyOf(*r).at("code"), "http.body_too_large");
  EXPECT_EQ(BodyOf(*r).at("message_zh"), "请求体过大");
  EXPECT_EQ(r->Header("Connection"), "close");
  EXPECT_TRUE(c.WaitClosed(3s));
}

// An async route whose handler throws before answering, and the check that
// it gets the 500 problem an ordinary handler gets, without the exception's text.
Route ThrowingAsyncRoute(std::string pattern, Execution execution) {
  Route thrower;
  thrower.method = Method::kGet;
  thrower.pattern = std::move(pattern);
  thrower.execution = execution;
  thrower.async_handler = [](const Request&, const Responder&) { throw std::runtime_error("secret"); };
  return thrower;
}

void ExpectHiddenFailure(std::uint16_t port, std::string_view path) {
  auto boom = Fetch(port, "GET", path);
  ASSERT_TRUE(boom);
  EXPECT_EQ(boom->status, 500);
  EXPECT_EQ(boom->body.find("secret"), std::string::npos);
}

// Execution::kAsync: the handler returns at once and the answer comes from
// another thread; a second answer is ignored; a handler that throws (before
// answering) gets the 500 problem an ordinary handler gets.
TEST_F(ServerTest, AsyncRoutesAnswerFromAnotherThread) {
  std::vector<std::thread> finishers;
  std::mutex mu;
  Route later;
  later.method = Method::kPost;
  later.pattern = "/api/v1/later";
  later.execution = Execution::kAsync;
  later.async_handler = [&](const Request& r, Responder respond) {
    std::string body = "later " + r.body + " " + r.request_id;
    std::lock_guard lock(mu);
    finishers.emplace_back([respond, body] {
      std::this_thread::sleep_for(20ms);
      respond(Response::Text(201, body));
      respond(Response::Text(500, "second answer"));  // ignored
    });
  };
  router_.Add(std::move(later));
  Route now;
  now.method = Method::kGet;
  now.pattern = "/api/v1/now";
  now.execution = Execution::kAsync;
  now.async_handler = [](const Request&, const Responder& respond) { respond(Response::Text(200, "now")); };
  router_.Add(std::move(now));
  router_.Add(ThrowingAsyncRoute("/api/v1/async-boom", Execution::kAsync));
  StartServer();

  auto r = Fetch(port_, "POST", "/api/v1/later", "X-Request-Id: async-1\r\n", "x");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 201);
  EXPECT_EQ(r->body, "later x async-1");
  EXPECT_EQ(r->Header("X-Request-Id"), "async-1");
  {  // keep-alive: the connection serves the next request after an async answer
    TestConnection c(port_);
    for (int i = 0; i < 3; ++i) {
      ASSERT_TRUE(c.Send("GET /api/v1/now HTTP/1.1\r\nHost: t\r\n\r\n"));
      auto n = c.Read();
      ASSERT_TRUE(n);
      EXPECT_EQ(n->status, 200);
      EXPECT_EQ(n->body, "now");
    }
  }
  ExpectHiddenFailure(port_, "/api/v1/async-boom");
  std::lock_guard lock(mu);
  for (auto& t : finishers) t.join();
}

// Execution::kWorkerAsync: the handler starts on a worker, so it may block
// (here until released) while the single I/O thread goes on serving; it
// answers from another thread; a handler that throws gets the 500 problem.
TEST_F(ServerTest, WorkerAsyncRoutesStartOnAWorkerAndAnswerLater) {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<std::thread::id> started_on;
  std::vector<std::thread> finishers;
  std::mutex mu;
  Route blocking;
  blocking.method = Method::kPost;
  blocking.pattern = "/api/v1/blocking";
  blocking.execution = Execution::kWorkerAsync;
  blocking.async_handler = [&](const Request& r, Responder respond) {
    started_on.set_value(std::this_thread::get_id());
    released.wait();
    std::string body = "done " + r.body;
    std::lock_guard lock(mu);
    finishers.emplace_back([respond, body] { respond(Response::Text(201, body)); });
  };
  router_.Add(std::move(blocking));
  router_.Add(
      Method::kGet, "/api/v1/inline", [](const Request&) { return Response::Text(200, "inline"); },
      Execution::kInline);
  router_.Add(ThrowingAsyncRoute("/api/v1/worker-boom", Execution::kWorkerAsync));
  ServerOptions o;
  o.io_threads = 1;
  StartServer(o);

  auto slow =
      std::async(std::launch::async, [this] { return Fetch(port_, "POST", "/api/v1/blocking", "", "y"); });
  std::thread::id worker = started_on.get_future().get();
  EXPECT_NE(worker, std::this_thread::get_id());
  auto quick = Fetch(port_, "GET", "/api/v1/inline");  // the only I/O thread is not held by the handler
  ASSERT_TRUE(quick);
  EXPECT_EQ(quick->status, 200);
  release.set_value();
  auto r = slow.get();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 201);
  EXPECT_EQ(r->body, "done y");
  ExpectHiddenFailure(port_, "/api/v1/worker-boom");
  std::lock_guard lock(mu);
  for (auto& t : finishers) t.join();
}

// Route::start_inline: a kWorkerAsync handler starts on the I/O thread for
// the requests the predicate accepts, on a worker for the others.
TEST_F(ServerTest, WorkerAsyncRoutesMayStartInlineWhenTheirPredicateSays) {
  std::mutex mu;
  std::thread::id io_thread;
  std::vector<std::thread::id> started_on;
  router_.Add(
      Method::kGet, "/api/v1/where-io",
      [&](const Request&) {
        std::lock_guard lock(mu);
        io_thread = std::this_thread::get_id();
        return Response::Text(200, "io");
      },
      Execution::kInline);
  Route r;
  r.method = Method::kGet;
  r.pattern = "/api/v1/where";
  r.execution = Execution::kWorkerAsync;
  r.start_inline = [](const Request& q) { return q.QueryParam("inline").has_value(); };
  r.async_handler = [&](const Request&, const Responder& respond) {
    {
      std::lock_guard lock(mu);
      started_on.push_back(std::this_thread::get_id());
    }
    respond(Response::Text(200, "ok"));
  };
  router_.Add(std::move(r));
  ServerOptions o;
  o.io_threads = 1;
  StartServer(o);
  ASSERT_TRUE(Fetch(port_, "GET", "/api/v1/where-io"));
  auto a = Fetch(port_, "GET", "/api/v1/where?inline=1");
  auto b = Fetch(port_, "GET", "/api/v1/where");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->status, 200);
  EXPECT_EQ(b->status, 200);
  std::lock_guard lock(mu);
  ASSERT_EQ(started_on.size(), 2u);
  EXPECT_EQ(started_on[0], io_thread);
  EXPECT_NE(started_on[1], io_thread);
}

TEST(RouterAsyncTest, AnAsyncRouteNeedsItsAsyncHandler) {
  Router router;
  Route r;
  r.method = Method::kPost;
  r.pattern = "/x";
  r.execution = Execution::kAsync;
  r.handler = [](const Request&) { return Response::Text(200, "sync"); };
  EXPECT_THROW(router.Add(r), std::logic_error);
  r.execution = Execution::kWorkerAsync;
  EXPECT_THROW(router.Add(r), std::logic_error);
  r.execution = Execution::kAsync;  // start_inline is for kWorkerAsync routes only
  r.async_handler = [](const Request&, const Responder& respond) { respond(Response::Text(200, "x")); };
  r.start_inline = [](const Request&) { return true; };
  EXPECT_THROW(router.Add(r), std::logic_error);
}

TEST_F(ServerTest, ARouteMayRaiseTheBodyLimitForItselfOnly) {
  Route upload;
  upload.method = Method::kPost;
  upload.pattern = "/api/v1/uploads";
  upload.handler = [](const Request& r) {
    return Response::Text(201, "got " + std::to_string(r.body.size()));
  };
  upload.max_body_bytes = 4096;
  router_.Add(std::move(upload));
  ServerOptions o;
  o.max_body_bytes = 1024;
  StartServer(o);
  std::string body(3000, 'x');
  {
    TestConnection c(port_);
    ASSERT_TRUE(c.Send("POST /api/v1/uploads HTTP/1.1\r\nHost: t\r\nContent-Length: 3000\r\n\r\n" + body));
    auto r = c.Read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 201);
    EXPECT_EQ(r->body, "got 3000");
  }
  {  // Chunked, over the route's own limit.
    TestConnection c(port_);
    std::string request = "POST /api/v1/uploads HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < 2; ++i) request += "bb8\r\n" + body + "\r\n";  // 0xbb8 = 3000
    request += "0\r\n\r\n";
    ASSERT_TRUE(c.Send(request));
    auto r = c.Read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 413);
  }
  {  // Over the route's limit by Content-Length.
    TestConnection c(port_);
    ASSERT_TRUE(c.Send("POST /api/v1/uploads HTTP/1.1\r\nHost: t\r\nContent-Length: 5000\r\n\r\n"));
    auto r = c.Read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 413);
    EXPECT_EQ(BodyOf(*r).at("code"), "http.body_too_large");
  }
  {  // Every other route keeps the server's limit.
    TestConnection c(port_);
    ASSERT_TRUE(c.Send("POST /api/v1/items HTTP/1.1\r\nHost: t\r\nContent-Length: 3000\r\n\r\n" + body));
    auto r = c.Read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 413);
  }
}

TEST_F(ServerTest, ChunkedBodyOverTheLimitIs413) {
  ServerOptions o;
  o.max_body_bytes = 1024;
  StartServer(o);
  TestConnection c(port_);
  std::string chunk(600, 'x');
  std::string request = "POST /api/v1/items HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 3; ++i) request += "258\r\n" + chunk + "\r\n";  // 0x258 = 600
  request += "0\r\n\r\n";
  ASSERT_TRUE(c.Send(request));
  auto r = c.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(BodyOf(*r).at("code"), "http.body_too_large");
}

TEST_F(ServerTest, ChunkedBodyWithinTheLimitArrives) {
  StartServer();
  TestConnection c(port_);
  ASSERT_TRUE(
      c.Send("POST /api/v1/items HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
             "3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"));
  auto r = c.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "got 5");
}

TEST_F(ServerTest, HeaderOverTheLimitIs431) {
  ServerOptions o;
  o.max_header_bytes = 4096;
  StartServer(o);
  TestConnection c(port_);
  ASSERT_TRUE(c.Send("GET /healthz HTTP/1.1\r\nHost: t\r\nX-Big: " + std::string(8000, 'a') + "\r\n\r\n"));
  auto r = c.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 431);
  EXPECT_EQ(BodyOf(*r).at("code"), "http.header_too_large");
  EXPECT_EQ(BodyOf(*r).at("message_zh"), "请求头过大");
}

TEST_F(ServerTest, SlowLorisGets408AndIsClosed) {
  ServerOptions o;
  o.read_timeout = 300ms;
  StartServer(o);
  TestConnection c(port_);
  ASSERT_TRUE(c.Send("GET /healthz HTTP/1.1\r\nHost: t\r\nX-Slow: "));
  auto start = std::chrono::steady_clock::now();
  auto r = c.Read(3s);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 408);
  EXPECT_EQ(BodyOf(*r).at("code"), "http.request_timeout");
  EXPECT_EQ(BodyOf(*r).at("message_zh"), "请求超时");
  EXPECT_GE(std::chrono::steady_clock::now() - start, 250ms);
  EXPECT_TRUE(c.WaitClosed(3s));
}

TEST_F(ServerTest, TricklingBytesDoesNotExtendTheDeadline) {
  ServerOptions o;
  o.read_timeout = 400ms;
  StartServer(o);
  TestConnection c(port_);
  ASSERT_TRUE(c.Send("GET /healthz HTTP/1.1\r\n"));
  for (int i = 0; i < 8; ++i) {
    std::this_thread::sleep_for(100ms);
    if (!c.Send("X-A: b\r\n")) break;
  }
  auto r = c.Read(3s);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 408);
}

TEST_F(ServerTest, IdleKeepAliveConnectionIsClosedSilently) {
  ServerOptions o;
  o.idle_timeout = 200ms;
  StartServer(o);
  TestConnection c(port_);
  ASSERT_TRUE(c.Send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"));
  ASSERT_TRUE(c.Read());
  EXPECT_TRUE(c.WaitClosed(3s));
}

// The deadline timer is re-armed lazily (server.cpp): after many quick
// requests on one connection, a slow request and then silence must still be
// cut off on time, each by its own phase's deadline.
TEST_F(ServerTest, DeadlinesHoldAfterManyRequestsOnOneConnection) {
  ServerOptions o;
  o.read_timeout = 300ms;
  o.idle_timeout = 600ms;
  StartServer(o);
  TestConnection c(port_);
  for (int i = 0; i < 50; ++i) {
    ASSERT_TRUE(c.Send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"));
    auto r = c.Read();
    ASSERT_TRUE(r) << i;
    EXPECT_EQ(r->status, 200);
  }
  std::this_thread::sleep_for(450ms);  // idle longer than read_timeout, shorter than idle_timeout
  auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(c.Send("GET /healthz HTTP/1.1\r\nHost: t\r\nX-Slow: "));
  auto r = c.Read(3s);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 408);
  auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_GE(waited, 250ms);
  EXPECT_LT(waited, 2s);

  TestConnection idle(port_);
  ASSERT_TRUE(idle.Send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"));
  ASSERT_TRUE(idle.Read());
  start = std::chrono::steady_clock::now();
  EXPECT_TRUE(idle.WaitClosed(3s));
  EXPECT_GE(std::chrono::steady_clock::now() - start, 500ms);
}

TEST_F(ServerTest, MalformedRequestIs400AndClosed) {
  StartServer();
  for (std::string bad : {"GARBAGE\r\n\r\n", "GET /healthz HTTP/9.9\r\nHost: t\r\n\r\n",
                          "GET /healthz HTTP/1.1\r\nBad Header\r\n\r\n",
                          "POST /api/v1/items HTTP/1.1\r\nHost: t\r\nContent-Length: x\r\n\r\n"}) {
    TestConnection c(port_);
    ASSERT_TRUE(c.Send(bad));
    auto r = c.Read();
    ASSERT_TRUE(r) << bad;
    EXPECT_EQ(r->status, 400) << bad;
    EXPECT_EQ(BodyOf(*r).at("code"), "http.malformed_request") << bad;
    EXPECT_EQ(BodyOf(*r).at("message_zh"), "请求格式错误");
    EXPECT_TRUE(c.WaitClosed(3s)) << bad;
  }
}

TEST_F(ServerTest, BadTargetsAre400NotACrash) {
  StartServer();
  for (std::string target : {"/?#x", "/%zz", "/a/%00", "*", "http://evil/a", "/%", "/\xff\xfe"}) {
    auto r = Fetch(port_, "GET", target);
    ASSERT_TRUE(r) << target;
    EXPECT_EQ(r->status, 400) << target;
    boost::system::error_code ec;
    boost::json::parse(r->body, ec);  // still valid JSON (UTF-8) whatever the target held
    EXPECT_FALSE(ec) << target;
  }
  EXPECT_EQ(Fetch(port_, "GET", "/healthz")->status, 200);  // still alive
}

TEST_F(ServerTest, MissingHostIs400) {
  StartServer();
  TestConnection c(port_);
  ASSERT_TRUE(c.Send("GET /healthz HTTP/1.1\r\n\r\n"));
  EXPECT_EQ(c.Read()->status, 400);
}

TEST_F(ServerTest, HandlerExceptionIs500WithoutInternals) {
  StartServer();
  auto r = Fetch(port_, "GET", "/api/v1/boom", "X-Request-Id: boom-1\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 500);
  EXPECT_EQ(r->body.find("secret"), std::string::npos);
  auto body = BodyOf(*r);
  EXPECT_EQ(body.at("code"), "http.internal_error");
  EXPECT_EQ(body.at("message_zh"), "服务器内部错误，请稍后重试");
  EXPECT_EQ(body.at("request_id"), "boom-1");
}

TEST_F(ServerTest, FatalErrorMapsItsCode) {
  StartServer();
  auto r = Fetch(port_, "GET", "/api/v1/unavailable");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 503);
  EXPECT_EQ(BodyOf(*r).at("code"), "db.unavailable");
  EXPECT_EQ(r->body.find("10.0.0.1"), std::string::npos);
}

// A blocking kWorker handler must not hold up an inline one, even with a
// single I/O thread: the inline answer arrives while the slow one still sleeps.
TEST_F(ServerTest, WorkerHandlerDoesNotBlockTheIoThread) {
  ServerOptions o;
  o.io_threads = 1;
  StartServer(o);
  TestConnection slow(port_);
  ASSERT_TRUE(slow.Send("GET /api/v1/slow HTTP/1.1\r\nHost: t\r\n\r\n"));
  auto wait_until = std::chrono::steady_clock::now() + 5s;
  while (!slow_started_ && std::chrono::steady_clock::now() < wait_until) std::this_thread::sleep_for(1ms);
  ASSERT_TRUE(slow_started_);

  auto t0 = std::chrono::steady_clock::now();
  auto fast = Fetch(port_, "GET", "/healthz");
  auto fast_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  bool slow_done_when_fast_returned = slow_finished_;
  ASSERT_TRUE(fast);
  EXPECT_EQ(fast->status, 200);
  EXPECT_FALSE(slow_done_when_fast_returned);

  auto slow_response = slow.Read();
  auto slow_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_TRUE(slow_response);
  EXPECT_EQ(slow_response->body, "slow");
  std::printf("inline /healthz: %.2f ms while the worker handler slept; slow request done %.1f ms later\n",
              fast_ms, slow_ms);
}

TEST_F(ServerTest, GracefulStopFinishesInFlightRequestsAndClosesIdleOnes) {
  StartServer();
  TestConnection idle(port_);
  ASSERT_TRUE(idle.Send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"));
  ASSERT_TRUE(idle.Read());

  TestConnection busy(port_);
  ASSERT_TRUE(busy.Send("GET /api/v1/slow HTTP/1.1\r\nHost: t\r\n\r\n"));
  auto wait_until = std::chrono::steady_clock::now() + 5s;
  while (!slow_started_ && std::chrono::steady_clock::now() < wait_until) std::this_thread::sleep_for(1ms);
  ASSERT_TRUE(slow_started_);
  EXPECT_EQ(server_->in_flight(), 1);

  auto stopped = std::async(std::launch::async, [this] { server_->Stop(); });
  EXPECT_TRUE(idle.WaitClosed(2s));  // idle keep-alive: closed at once, before the slow one ends
  EXPECT_FALSE(slow_finished_);

  auto r = busy.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "slow");
  EXPECT_EQ(r->Header("Connection"), "close");
  EXPECT_EQ(stopped.wait_for(5s), std::future_status::ready);
  EXPECT_FALSE(TestConnection(port_).Send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n") &&
               Fetch(port_, "GET", "/healthz").has_value());
  server_->Stop();  // idempotent
}

TEST_F(ServerTest, StopForceClosesAfterTheGrace) {
  ServerOptions o;
  o.shutdown_grace = 50ms;
  StartServer(o);
  TestConnection busy(port_);
  ASSERT_TRUE(busy.Send("GET /api/v1/slow HTTP/1.1\r\nHost: t\r\n\r\n"));
  auto wait_until = std::chrono::steady_clock::now() + 5s;
  while (!slow_started_ && std::chrono::steady_clock::now() < wait_until) std::this_thread::sleep_for(1ms);
  auto t0 = std::chrono::steady_clock::now();
  server_->Stop();  // waits for the worker thread, but not for the response to go out
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 2s);
  EXPECT_TRUE(busy.WaitClosed(2s));
}

TEST_F(ServerTest, BindFailureNamesTheAddress) {
  StartServer();
  ServerOptions o;
  o.port = port_;
  Server second(o, router_, metrics_);
  Status s = second.Start();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().reason, "http.listen_failed");
  std::string where = "127.0.0.1:" + std::to_string(port_);
  EXPECT_NE(s.error().message_en.find(where), std::string::npos) << s.error().message_en;
  EXPECT_NE(s.error().message_zh.find(where), std::string::npos);
}

TEST_F(ServerTest, MetricsRecordRoutePatternsNotPaths) {
  StartServer();
  Fetch(port_, "GET", "/api/v1/items/110101199001011234");
  Fetch(port_, "GET", "/api/v1/nope");
  // Recorded once the response is written, which may be a moment after the
  // client has read it.
  std::string text;
  for (int i = 0; i < 200; ++i) {
    text = metrics_.Render();
    if (text.find("status=\"404\"") != std::string::npos &&
        text.find("status=\"200\"") != std::string::npos) {
      break;
    }
    std::this_thread::sleep_for(10ms);
  }
  EXPECT_NE(text.find("route=\"/api/v1/items/{id}\",method=\"GET\",status=\"200\"} 1"), std::string::npos)
      << text;
  EXPECT_NE(text.find("route=\"unmatched\",method=\"GET\",status=\"404\"} 1"), std::string::npos) << text;
  EXPECT_EQ(text.find("110101199001011234"), std::string::npos);
}

TEST_F(ServerTest, AccessLogHasOneLinePerRequestWithoutTheRawPath) {
  std::string path = ::testing::TempDir() + "tongban_access_" + std::to_string(::getpid()) + ".log";
  std::filesystem::remove(path);
  ASSERT_TRUE(log::SetOutputFile(path));
  log::SetLevel(log::Level::kInfo);
  options_access_log_ = true;
  StartServer();
  Fetch(port_, "GET", "/api/v1/items/110101199001011234", "X-Request-Id: log-1\r\n");
  server_->Stop();
  ASSERT_TRUE(log::SetOutputFile(""));
  std::ifstream in(path);
  std::string line, request_line;
  int count = 0;
  while (std::getline(in, line)) {
    if (line.find("\"event\":\"http.request\"") != std::string::npos) {
      ++count;
      request_line = line;
    }
  }
  std::filesystem::remove(path);
  EXPECT_EQ(count, 1);
  EXPECT_NE(request_line.find("\"request_id\":\"log-1\""), std::string::npos) << request_line;
  EXPECT_NE(request_line.find("\"route\":\"/api/v1/items/{id}\""), std::string::npos) << request_line;
  EXPECT_NE(request_line.find("\"status\":200"), std::string::npos) << request_line;
  EXPECT_NE(request_line.find("\"duration_ms\":"), std::string::npos) << request_line;
  EXPECT_NE(request_line.find("\"bytes_out\":"), std::string::npos) << request_line;
  EXPECT_NE(request_line.find("\"remote\":\"127.0.0.1\""), std::string::npos) << request_line;
  EXPECT_EQ(request_line.find("110101199001011234"), std::string::npos) << request_line;
}

class StaticServerTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    dir_ = std::filesystem::temp_directory_path() / ("tongban_dist_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_ / "assets");
    std::ofstream(dir_ / "index.html") << "<!doctype html>";
    std::ofstream(dir_ / "assets" / "app.abc.js") << "console.log(1)";
    auto site = StaticSite::Load(dir_.string());
    ASSERT_TRUE(site.ok());
    site_ = std::move(site).value();
    router_.SetFallback([this](const Request& r) { return site_->Serve(r); });
  }
  void TearDown() override {
    ServerTest::TearDown();
    std::filesystem::remove_all(dir_);
  }
  std::filesystem::path dir_;
  std::unique_ptr<StaticSite> site_;
};

TEST_F(StaticServerTest, ServesTheSiteWithEtagsAndSpaFallback) {
  StartServer();
  auto js = Fetch(port_, "GET", "/assets/app.abc.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->status, 200);
  EXPECT_EQ(js->Header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(js->Header("Cache-Control"), "public, max-age=31536000, immutable");
  std::string etag = js->Header("ETag");
  ASSERT_FALSE(etag.empty());

  auto again = Fetch(port_, "GET", "/assets/app.abc.js", "If-None-Match: " + etag + "\r\n");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
  EXPECT_TRUE(again->body.empty());
  EXPECT_EQ(again->Header("Content-Length"), "");

  auto page = Fetch(port_, "GET", "/staff/cases/42");
  EXPECT_EQ(page->status, 200);
  EXPECT_EQ(page->body, "<!doctype html>");
  EXPECT_EQ(page->Header("Cache-Control"), "no-cache");
  EXPECT_EQ(Fetch(port_, "HEAD", "/")->Header("Content-Length"), "15");

  EXPECT_EQ(Fetch(port_, "GET", "/assets/missing.js")->status, 404);
  auto api = Fetch(port_, "GET", "/api/v1/not-a-page");
  EXPECT_EQ(api->status, 404);
  EXPECT_EQ(BodyOf(*api).at("code"), "http.not_found");
  EXPECT_EQ(Fetch(port_, "POST", "/staff")->status, 404);  // no fallback for POST

  EXPECT_EQ(Fetch(port_, "GET", "/%2e%2e/etc/passwd")->status, 400);
  EXPECT_EQ(Fetch(port_, "GET", "/assets/%2E%2E/%2E%2E/index.html")->status, 400);
  EXPECT_EQ(Fetch(port_, "GET", "/assets/..%5C..%5Cx")->status, 400);

  server_->Stop();  // every request recorded
  EXPECT_NE(metrics_.Render().find("route=\"static\""), std::string::npos);
}

}  // namespace
}  // namespace tongban::http
