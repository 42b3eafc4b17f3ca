// JSON helpers on Boost.JSON. Include only from routes/json rooms and the app:
// Boost.JSON is heavy, keep it out of models, services and stores.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "http/message.hpp"

namespace tongban::http {

// Parses the body as a JSON object. Errors (problem+json, 400/415):
//   http.unsupported_media_type  Content-Type is not application/json
//   http.malformed_json          not JSON (message says where)
//   http.expected_object         JSON but not an object
Result<boost::json::object> ParseJsonObject(const Request& request);

Response JsonResponse(int status, const boost::json::value& value);

// A problem (http/problem.hpp) with members of its own beside the standard
// ones, e.g. every rule failure or an import's report. A member named like a
// standard one (type, title, status, code, message_zh, message_en, field,
// request_id, instance) is left out: the standard members always win.
Response ProblemWithMembers(const Error& error, const Request* request, int status,
                            const boost::json::object& members);

// Several failures as a problem's `errors` member (and a validation answer):
// [{"code", "field", "message_zh", "message_en"}, …], in order; `field` is ""
// when the error names none. Details stay out, as in every problem.
boost::json::array ErrorsToJson(const std::vector<Error>& errors);

// Field readers: the error names the field as a JSON pointer ("/payload").
Result<std::string> RequireString(const boost::json::object& obj, std::string_view key,
                                  std::size_t max_chars);
Result<std::optional<std::string>> OptionalString(const boost::json::object& obj, std::string_view key,
                                                  std::size_t max_chars);
Result<std::int64_t> RequireInt(const boost::json::object& obj, std::string_view key, std::int64_t min,
                                std::int64_t max);
// Rejects keys outside `allowed` (http.unknown_field), so that typos surface.
Status RejectUnknownFields(const boost::json::object& obj, std::initializer_list<std::string_view> allowed);

// Counts Unicode code points of UTF-8 text; nullopt when not valid UTF-8.
std::optional<std::size_t> Utf8Length(std::string_view text);

}  // namespace tongban::http
