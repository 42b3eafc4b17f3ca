// The SMS gateway's JSON (Boost.JSON stays in sms_json.cpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "identity/authentication.hpp"

namespace tongban::identity {

// {"message_id":…,"phone":…,"template_id":…,"params":{"code":…,"minutes":…}}
std::string EncodeSmsRequest(const SmsMessage& message);
// Ok for HTTP 200 with {"code":"OK"} or {"code":"DUPLICATE"} (already accepted);
// kUnavailable identity.sms_gateway otherwise (the outbox retries).
Status DecodeSmsResponse(int http_status, const std::string& body);

// The payload of a chunked HTTP/1.1 body (RFC 9112 §7.1; trailers ignored);
// nullopt when malformed or cut short. Defined in sms_http_sender.cpp.
std::optional<std::string> DecodeChunked(std::string_view body);

}  // namespace tongban::identity
