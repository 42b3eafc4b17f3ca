// The SMS gateway's JSON (Boost.JSON stays in sms_json.cpp).
#pragma once

#include <string>

#include "core/error.hpp"
#include "identity/authentication.hpp"

namespace tongban::identity {

// {"message_id":…,"phone":…,"template_id":…,"params":{"code":…,"minutes":…}}
std::string EncodeSmsRequest(const SmsMessage& message);
// Ok for HTTP 200 with {"code":"OK"} or {"code":"DUPLICATE"} (already accepted);
// kUnavailable identity.sms_gateway otherwise (the outbox retries).
Status DecodeSmsResponse(int http_status, const std::string& body);

}  // namespace tongban::identity
