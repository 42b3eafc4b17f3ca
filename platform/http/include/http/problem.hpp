// RFC 9457 problem details. Every error a client sees comes through here:
//   {"type": "https://tongban.dev/problems/http.body_too_large",
//    "title": "Request body too large", "status": 413, "code": "http.body_too_large",
//    "message_zh": "请求体过大", "message_en": "Request body too large",
//    "field": "/name", "request_id": "…", "instance": "/api/v1/…"}
#pragma once

#include "core/error.hpp"
#include "http/message.hpp"

namespace tongban::http {

// The one mapping from protocol-agnostic codes to HTTP status codes.
int StatusFor(ErrorCode code);

// Renders an Error as application/problem+json. `status` overrides StatusFor
// (413, 405, 408 are more precise than the generic mapping).
Response Problem(const Error& error, const Request* request = nullptr, int status = 0);

}  // namespace tongban::http
