// bench_hello_beast — the baseline for `bench/run`: the least an HTTP/1.1
// keep-alive server on Boost.Beast can do on this machine, built the way the
// real server (platform/http/src/server.cpp) is built — one io_context run by
// N I/O threads, one C++20 coroutine per connection on its own strand (none
// when N is 1), a flat_buffer and a string_body response — and doing nothing
// else: no router, no request ID, no metrics, no security headers, no logs.
// The ratio tongban/baseline on GET /healthz is therefore the cost of the
// platform's own per-request work.
//
//   bench_hello_beast PORT [IO_THREADS]     (PORT 0 picks one; prints "listening PORT")
//
// GET /healthz → 200 {"status":"ok"}; anything else → 404. Runs until SIGTERM/SIGINT.
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <thread>
#include <vector>

namespace asio = boost::asio;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);

asio::awaitable<void> Serve(tcp::socket socket) {
  boost::beast::flat_buffer buffer;
  for (;;) {
    bhttp::request<bhttp::string_body> request;
    auto [ec, n] = co_await bhttp::async_read(socket, buffer, request, kNoThrow);
    if (ec) break;
    bhttp::response<bhttp::string_body> response;
    response.version(request.version());
    response.keep_alive(request.keep_alive());
    if (request.method() == bhttp::verb::get && request.target() == "/healthz") {
      response.result(bhttp::status::ok);
      response.set(bhttp::field::content_type, "application/json");
      response.body() = R"({"status":"ok"})";
    } else {
      response.result(bhttp::status::not_found);
      response.set(bhttp::field::content_type, "text/plain");
      response.body() = "not found";
    }
    response.prepare_payload();
    auto [wec, wn] = co_await bhttp::async_write(socket, response, kNoThrow);
    if (wec || !response.keep_alive()) break;
  }
  boost::system::error_code ignored;
  socket.shutdown(tcp::socket::shutdown_both, ignored);
}

asio::awaitable<void> Accept(asio::io_context& ioc, tcp::acceptor& acceptor, int io_threads) {
  for (;;) {
    // Like the real server: a strand per connection only when several threads run the io_context.
    auto executor = io_threads > 1 ? asio::any_io_executor(asio::make_strand(ioc)) : ioc.get_executor();
    auto [ec, socket] = co_await acceptor.async_accept(executor, kNoThrow);
    if (ec) {
      if (ec == asio::error::operation_aborted) co_return;
      continue;
    }
    socket.set_option(tcp::no_delay(true));
    asio::co_spawn(executor, Serve(std::move(socket)), asio::detached);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_hello_beast PORT [IO_THREADS]\n");
    return 2;
  }
  const auto port = static_cast<unsigned short>(std::atoi(argv[1]));
  const int io_threads = argc > 2 ? std::max(1, std::atoi(argv[2])) : 1;
  try {
    asio::io_context ioc(io_threads);
    tcp::acceptor acceptor(ioc, tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    std::printf("listening %u\n", static_cast<unsigned>(acceptor.local_endpoint().port()));
    std::fflush(stdout);
    asio::co_spawn(ioc, Accept(ioc, acceptor, io_threads), [](const std::exception_ptr& e) {
      if (!e) return;
      try {
        std::rethrow_exception(e);
      } catch (const std::exception& ex) {
        std::fprintf(stderr, "bench_hello_beast: accept loop failed: %s\n", ex.what());
        std::exit(1);
      }
    });
    asio::signal_set signals(ioc, SIGINT, SIGTERM);
    signals.async_wait([&](const boost::system::error_code&, int) { ioc.stop(); });
    std::vector<std::thread> threads;
    for (int i = 1; i < io_threads; ++i) threads.emplace_back([&ioc] { ioc.run(); });
    ioc.run();
    for (auto& t : threads) t.join();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_hello_beast: %s\n", e.what());
    return 1;
  }
  return 0;
}
