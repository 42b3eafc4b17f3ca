// Routes: method + path pattern ("/api/v1/canary/writes/{id}") → handler.
// Each module lists its routes in one Register…Routes(Router&, …) function.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "http/message.hpp"

namespace tongban::http {

using Handler = std::function<Response(const Request&)>;

// Answers a request handled asynchronously: called exactly once, from any
// thread (typically the group-commit writer's, from Database::WriteAsync);
// the response is written from the connection's own thread.
using Responder = std::function<void(Response)>;
// Starts the work and returns without waiting for it; for Execution::kAsync it
// must not block (it runs on an I/O thread), for kWorkerAsync it may read the
// database first. The request stays valid until the responder has been called.
using AsyncHandler = std::function<void(const Request&, Responder)>;

// Where a handler runs. kInline handlers must not block (no database, no disk
// beyond the page cache): /healthz, /metrics, static files. kWorker handlers
// run on the worker pool and may block on the database; I/O threads never do.
// kAsync routes have an AsyncHandler instead of a Handler: a durable write
// that validates its input, hands its unit to Database::WriteAsync and answers
// from the completion, without a worker thread waiting for the commit (a
// worker's two wake-ups per request were most of the server's context
// switches under a write load). kWorkerAsync is the same handler started on
// the worker pool, for a write that must read before it writes (a token
// rotation reads the token, signs, then writes): the worker is free again as
// soon as the unit is handed over, and the answer still comes from the commit.
enum class Execution { kInline, kWorker, kAsync, kWorkerAsync };

struct Route {
  Method method = Method::kGet;
  std::string pattern;  // literal segments and {name} segments; a final {name...} takes the rest
  Handler handler;
  Execution execution = Execution::kWorker;
  std::string operation_id;  // as in api/openapi.json
  bool in_openapi = true;    // false for /metrics-like operational endpoints kept out of the API
  // The largest body this route accepts (413 beyond); 0: the server's
  // ServerOptions::max_body_bytes. Only for the few routes that take whole
  // documents (an import): every other route keeps the server's limit.
  std::size_t max_body_bytes = 0;
  AsyncHandler async_handler = nullptr;  // instead of `handler` for kAsync and kWorkerAsync
  // kWorkerAsync only: when set and true for a request, its handler starts on
  // the I/O thread instead of a worker, saving the hop (a worker's wake-up
  // and sleep cost a refresh grant about a third of its CPU). Say true only
  // when the handler then cannot block: CPU work and reads that never wait
  // (an embedded database with a free reader), its write handed to WriteAsync.
  std::function<bool(const Request&)> start_inline = nullptr;
};

struct RouteMatch {
  const Route* route = nullptr;  // null when nothing matched
  std::map<std::string, std::string> path_params;
  std::vector<Method> allowed;  // non-empty when the path matched another method (405)
};

// Routes are added during start-up, before Server::Start; after that the
// router is only read, and Match is safe from any number of threads.
class Router {
 public:
  // Adds a route; duplicate (method, pattern) is a programming error (throws std::logic_error).
  void Add(Route route);
  // The same without spelling out a Route (a partial aggregate initialiser
  // trips -Wmissing-field-initializers under -Wextra, designated or not).
  void Add(Method method, std::string pattern, Handler handler, Execution execution = Execution::kWorker,
           std::string operation_id = {});
  // HEAD falls back to GET. A trailing slash is not ignored: "/a/" ≠ "/a".
  // `path` is the path as received (still percent-encoded, no query): each
  // segment is decoded before it is compared, so "%2F" inside a {param} stays
  // in that parameter. When several routes match, the one whose earliest
  // differing segment is more specific wins (literal > {param} > {rest...}).
  // A {param} matches one non-empty segment; a final {rest...} matches the
  // remainder after its slash, possibly empty ("/files/" gives rest = "").
  // Malformed percent-encoding matches nothing.
  RouteMatch Match(Method method, std::string_view path) const;
  const std::vector<std::unique_ptr<Route>>& routes() const { return routes_; }

  // The fallback for GET/HEAD paths that match no route (the SPA's static files).
  void SetFallback(Handler handler) { fallback_ = std::move(handler); }
  const Handler& fallback() const { return fallback_; }

 private:
  struct Segment {
    enum class Kind { kLiteral, kParam, kCatchAll };
    Kind kind = Kind::kLiteral;
    std::string text;  // the literal, or the parameter's name
  };
  std::vector<std::unique_ptr<Route>> routes_;
  std::vector<std::vector<Segment>> segments_;  // parallel to routes_
  // Patterns of literal segments only (most routes: /healthz, /api/v1/…),
  // keyed by the pattern (a view of Route::pattern), the route per method.
  // A literal pattern outranks every other pattern that matches the same
  // path, so a path without escapes equal to one is answered without
  // splitting it or trying every route.
  std::unordered_map<std::string_view, std::array<const Route*, 7>> literal_;
  Handler fallback_;
};

}  // namespace tongban::http
