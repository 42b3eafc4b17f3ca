#include "http/problem.hpp"

#include <boost/json.hpp>

#include <algorithm>

#include "http/json.hpp"
#include "http_errors.hpp"

namespace tongban::http {

int StatusFor(ErrorCode code) {
  switch (code) {
    // 400 rather than 422 for every input error: clients branch on `code`, not
    // on the status, and one status for "fix your input" keeps them simple.
    case ErrorCode::kInvalidArgument: return 400;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kAlreadyExists: return 409;
    case ErrorCode::kConflict: return 409;
    case ErrorCode::kFailedPrecondition: return 409;
    case ErrorCode::kUnauthenticated: return 401;
    case ErrorCode::kPermissionDenied: return 403;
    case ErrorCode::kResourceExhausted: return 429;
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kDeadlineExceeded: return 504;
    case ErrorCode::kInternal: return 500;
  }
  return 500;
}

// Reasons whose HTTP status is more precise than their error class's: they
// come from the JSON helpers, which return plain Errors to route handlers.
static int StatusForReason(const std::string& reason) {
  if (reason == "http.unsupported_media_type") return 415;
  return 0;
}

namespace {

boost::json::object ProblemBody(const Error& error, const Request* request, int status) {
  boost::json::object body;
  body["type"] = "https://tongban.dev/problems/" + error.reason;
  body["title"] = error.message_en;
  body["status"] = status;
  body["code"] = error.reason;
  body["message_zh"] = error.message_zh;
  body["message_en"] = error.message_en;
  if (!error.field.empty()) body["field"] = error.field;
  if (request != nullptr) {
    if (!request->request_id.empty()) body["request_id"] = request->request_id;
    // The path as received (percent-encoded, ASCII), without the query string.
    std::string_view instance = request->target;
    instance = instance.substr(0, instance.find('?'));
    if (instance.empty()) instance = request->path;
    // Only a clean path is echoed: a rejected target may hold any byte.
    bool printable =
        std::all_of(instance.begin(), instance.end(), [](char c) { return c > 0x20 && c < 0x7F; });
    if (!instance.empty() && printable) body["instance"] = instance;
  }
  return body;
}

Response ProblemResponse(int status, const boost::json::object& body) {
  Response r;
  r.status = status;
  r.content_type = "application/problem+json";
  r.body = boost::json::serialize(body);
  return r;
}

}  // namespace

Response Problem(const Error& error, const Request* request, int status) {
  if (status == 0) status = StatusForReason(error.reason);
  if (status == 0) status = StatusFor(error.code);
  return ProblemResponse(status, ProblemBody(error, request, status));
}

Response ProblemWithMembers(const Error& error, const Request* request, int status,
                            const boost::json::object& members) {
  if (status == 0) status = StatusForReason(error.reason);
  if (status == 0) status = StatusFor(error.code);
  boost::json::object body = ProblemBody(error, request, status);
  static constexpr std::string_view kStandard[] = {
      "type", "title", "status", "code", "message_zh", "message_en", "field", "request_id", "instance"};
  for (const auto& [key, value] : members) {
    if (std::find(std::begin(kStandard), std::end(kStandard), key) != std::end(kStandard)) continue;
    body[key] = value;
  }
  return ProblemResponse(status, body);
}

boost::json::array ErrorsToJson(const std::vector<Error>& errors) {
  boost::json::array out;
  out.reserve(errors.size());
  for (const Error& e : errors) {
    out.push_back(boost::json::object{
        {"code", e.reason}, {"field", e.field}, {"message_zh", e.message_zh}, {"message_en", e.message_en}});
  }
  return out;
}

Error MalformedRequestError(std::string detail) {
  return Error::Make(ErrorCode::kInvalidArgument, "http.malformed_request", "请求格式错误",
                     "Malformed request")
      .WithDetail(std::move(detail));
}

Error NotFoundError() {
  return Error::Make(ErrorCode::kNotFound, "http.not_found", "未找到请求的资源",
                     "The requested resource was not found");
}

Error MethodNotAllowedError() {
  return Error::Make(ErrorCode::kInvalidArgument, "http.method_not_allowed", "不支持该请求方法",
                     "Method not allowed for this resource");
}

Error RequestTimeoutError() {
  return Error::Make(ErrorCode::kDeadlineExceeded, "http.request_timeout", "请求超时",
                     "The request did not arrive in time");
}

Error BodyTooLargeError(std::size_t limit) {
  return Error::Make(ErrorCode::kResourceExhausted, "http.body_too_large", "请求体过大",
                     "Request body too large")
      .WithDetail("limit " + std::to_string(limit) + " bytes");
}

Error HeaderTooLargeError(std::size_t limit) {
  return Error::Make(ErrorCode::kResourceExhausted, "http.header_too_large", "请求头过大",
                     "Request header fields too large")
      .WithDetail("limit " + std::to_string(limit) + " bytes");
}

Error NotImplementedError() {
  return Error::Make(ErrorCode::kInvalidArgument, "http.not_implemented", "不支持该请求方法",
                     "Request method not implemented");
}

Error InternalError() {
  return Error::Make(ErrorCode::kInternal, "http.internal_error", "服务器内部错误，请稍后重试",
                     "Internal server error; please try again later");
}

Error InvalidPathError() {
  return Error::Make(ErrorCode::kInvalidArgument, "http.invalid_path", "请求路径无效",
                     "Invalid request path");
}

Error UnavailableError() {
  return Error::Make(ErrorCode::kUnavailable, "http.unavailable", "服务暂不可用，请稍后重试",
                     "Service unavailable; please try again later");
}

}  // namespace tongban::http
