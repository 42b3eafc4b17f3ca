// Base64url (RFC 4648 §5) without padding, as JWS/JWK (RFC 7515 §2) use it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tongban::crypto {

std::string Base64UrlEncode(std::string_view bytes);

// Strict decoding, so that every byte string has exactly one accepted text:
// nullopt on '=' padding, characters outside [A-Za-z0-9-_] (including
// whitespace and the '+' '/' of standard base64), a length of 4k+1, or
// non-zero unused bits in the last character.
std::optional<std::string> Base64UrlDecode(std::string_view text);

}  // namespace tongban::crypto
