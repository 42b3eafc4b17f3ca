// Requests and responses as plain values. Modules see only these types; Beast
// stays inside platform/http/src (it costs ~11 s and 0.75 GB per translation unit).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace tongban::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions };
const char* MethodName(Method m);
std::optional<Method> ParseMethod(std::string_view name);

// Case-insensitive header names (RFC 9110 §5.1).
struct HeaderNameLess {
  bool operator()(const std::string& a, const std::string& b) const;
};
using Headers = std::multimap<std::string, std::string, HeaderNameLess>;

struct Request {
  Method method = Method::kGet;
  std::string target;                              // as received: path and query
  std::string path;                                // percent-decoded path
  std::multimap<std::string, std::string> query;   // decoded query parameters
  std::map<std::string, std::string> path_params;  // from the route pattern
  Headers headers;
  std::string body;
  std::string request_id;  // X-Request-Id, received or generated
  std::string remote_address;
  std::string route;  // the matched pattern, e.g. "/api/v1/canary/writes/{id}"

  // Empty when absent.
  std::string_view Header(std::string_view name) const;
  std::optional<std::string> QueryParam(std::string_view name) const;
  // The path parameter of the route pattern; the router guarantees presence.
  const std::string& PathParam(const std::string& name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  Headers headers;

  static Response Json(int status, std::string body);
  static Response Text(int status, std::string body, std::string content_type = "text/plain; charset=utf-8");
  static Response NoContent();
};

}  // namespace tongban::http
