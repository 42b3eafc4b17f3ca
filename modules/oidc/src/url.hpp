// The standard-alphabet base64 of HTTP Basic client authentication (RFC 7617,
// RFC 6749 §2.3.1). Percent-encoding and forms are in http/url_encoding.hpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tongban::oidc {

// RFC 4648 §4 base64 with padding. nullopt when malformed.
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace tongban::oidc
