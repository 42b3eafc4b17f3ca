// URL pieces the protocol needs without an HTTP library: percent-encoding,
// application/x-www-form-urlencoded bodies, query strings added to a
// registered redirect URI, and the standard-alphabet base64 of Basic auth.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tongban::oidc {

// RFC 3986 unreserved characters are kept; every other byte becomes %XX.
std::string PercentEncode(std::string_view text);
// '+' is a space when `form` (WHATWG form encoding). nullopt on a malformed escape.
std::optional<std::string> PercentDecode(std::string_view text, bool form);

// A form body: every name with all its values. nullopt on a malformed escape.
std::optional<std::multimap<std::string, std::string>> ParseForm(std::string_view body);

// `uri` with the parameters appended to its query ("?" or "&"), each encoded.
std::string AppendQuery(const std::string& uri,
                        const std::vector<std::pair<std::string, std::string>>& params);

// RFC 4648 §4 base64 with padding (HTTP Basic). nullopt when malformed.
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace tongban::oidc
