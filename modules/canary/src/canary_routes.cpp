// routes: decode → one service call → encode.
#include "canary/routes.hpp"

#include <charconv>

#include "http/json.hpp"
#include "http/problem.hpp"

namespace tongban::canary {
namespace {

namespace json = boost::json;

json::object ToJson(const CanaryWrite& w) {
  return json::object{{"id", w.id},           {"client_id", w.client_id},   {"seq", w.seq},
                      {"payload", w.payload}, {"created_at", w.created_at}, {"request_id", w.request_id}};
}

// Until identity (C3) lands every caller is anonymous; the audit record keeps
// the request ID and the source address.
audit::Actor ActorOf(const http::Request& request) {
  return audit::Actor{"anonymous", "anonymous", "", request.remote_address};
}

Result<std::int64_t> IntParam(const http::Request& request, const char* name, std::int64_t fallback) {
  auto text = request.QueryParam(name);
  if (!text) return fallback;
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || p != text->data() + text->size()) {
    return Error::Make(ErrorCode::kInvalidArgument, "http.bad_query_parameter",
                       std::string("查询参数 ") + name + " 应为整数",
                       std::string("query parameter ") + name + " must be an integer", name);
  }
  return v;
}

// The answer to a recorded write: 201 for a new one, 200 for an identical retry.
http::Response Recorded(const Result<RecordOutcome>& outcome, const http::Request& request) {
  if (!outcome) return http::Problem(outcome.error(), &request);
  http::Response response = http::JsonResponse(outcome->created ? 201 : 200, ToJson(outcome->write));
  response.headers.emplace("Location", "/api/v1/canary/writes/" + outcome->write.id);
  return response;
}

// Decodes and validates on the I/O thread, hands the unit to the writer and
// answers from its completion (Execution::kAsync): no worker thread waits for
// the commit.
void Create(CanaryService& service, const http::Request& request, const http::Responder& respond) {
  auto body = http::ParseJsonObject(request);
  if (!body) return respond(http::Problem(body.error(), &request));
  Status fields = http::RejectUnknownFields(*body, {"client_id", "seq", "payload"});
  if (!fields.ok()) return respond(http::Problem(fields.error(), &request));
  auto client_id = http::RequireString(*body, "client_id", kMaxClientIdChars);
  if (!client_id) return respond(http::Problem(client_id.error(), &request));
  auto seq = http::RequireInt(*body, "seq", 0, INT64_MAX);
  if (!seq) return respond(http::Problem(seq.error(), &request));
  auto payload = http::OptionalString(*body, "payload", kMaxPayloadChars);
  if (!payload) return respond(http::Problem(payload.error(), &request));

  // The request outlives the responder's call (http::AsyncHandler).
  service.RecordAsync(
      ActorOf(request), request.request_id, NewCanaryWrite{*client_id, *seq, payload->value_or("")},
      [&request, respond](Result<RecordOutcome> outcome) { respond(Recorded(outcome, request)); });
}

http::Response Get(CanaryService& service, const http::Request& request) {
  auto write = service.Get(request.PathParam("id"));
  if (!write) return http::Problem(write.error(), &request);
  return http::JsonResponse(200, ToJson(*write));
}

http::Response List(CanaryService& service, const http::Request& request) {
  auto after = IntParam(request, "after_seq", -1);
  if (!after) return http::Problem(after.error(), &request);
  auto limit = IntParam(request, "limit", 100);
  if (!limit) return http::Problem(limit.error(), &request);
  auto writes = service.ListByClient(request.QueryParam("client_id").value_or(""), *after,
                                     static_cast<int>(std::clamp<std::int64_t>(*limit, -1, 100000)));
  if (!writes) return http::Problem(writes.error(), &request);
  json::array items;
  for (const CanaryWrite& w : *writes) items.push_back(ToJson(w));
  json::object out{{"items", std::move(items)}};
  if (!writes->empty()) out["next_after_seq"] = writes->back().seq;
  return http::JsonResponse(200, out);
}

http::Response Tally(CanaryService& service, const http::Request& request) {
  auto n = service.Tally(request.PathParam("client_id"));
  if (!n) return http::Problem(n.error(), &request);
  return http::JsonResponse(200, json::object{{"client_id", request.PathParam("client_id")}, {"events", *n}});
}

}  // namespace

void RegisterCanaryRoutes(http::Router& router, CanaryService& service) {
  using http::Execution;
  using http::Method;
  http::Route create;
  create.method = Method::kPost;
  create.pattern = "/api/v1/canary/writes";
  create.execution = Execution::kAsync;
  create.operation_id = "createCanaryWrite";
  create.async_handler = [&service](const http::Request& r, const http::Responder& respond) {
    Create(service, r, respond);
  };
  router.Add(std::move(create));
  router.Add({Method::kGet, "/api/v1/canary/writes",
              [&service](const http::Request& r) { return List(service, r); }, Execution::kWorker,
              "listCanaryWrites"});
  router.Add({Method::kGet, "/api/v1/canary/writes/{id}",
              [&service](const http::Request& r) { return Get(service, r); }, Execution::kWorker,
              "getCanaryWrite"});
  router.Add({Method::kGet, "/api/v1/canary/tallies/{client_id}",
              [&service](const http::Request& r) { return Tally(service, r); }, Execution::kWorker,
              "getCanaryTally"});
}

}  // namespace tongban::canary
