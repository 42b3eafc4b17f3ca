// The errors the HTTP platform raises itself (limits, routing, framing), with
// their Chinese and English messages. Statuses that StatusFor cannot express
// (405, 408, 413, 431, 501) are passed to Problem() explicitly by the server.
#pragma once

#include <cstddef>
#include <string>

#include "core/error.hpp"

namespace tongban::http {

Error MalformedRequestError(std::string detail);  // 400 http.malformed_request
Error NotFoundError();                            // 404 http.not_found
Error MethodNotAllowedError();                    // 405 http.method_not_allowed
Error RequestTimeoutError();                      // 408 http.request_timeout
Error BodyTooLargeError(std::size_t limit);       // 413 http.body_too_large
Error HeaderTooLargeError(std::size_t limit);     // 431 http.header_too_large
Error NotImplementedError();                      // 501 http.not_implemented
Error InternalError();                            // 500 http.internal_error
Error InvalidPathError();                         // 400 http.invalid_path
Error UnavailableError();                         // 503 http.unavailable

}  // namespace tongban::http
