// Percent-encoding (RFC 3986 §2.1), application/x-www-form-urlencoded bodies
// (WHATWG URL §5) and query strings added to a URI: the pieces a handler needs
// for form posts and redirects, without an HTTP library. Request targets are
// parsed by the server (target.hpp); these are for bodies and for URIs that a
// handler builds.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tongban::http {

enum class PlusAsSpace { kNo, kYes };

// nullopt when a '%' is not followed by two hex digits. With kYes, '+' is a
// space (form encoding); with kNo it stays '+' (paths).
std::optional<std::string> PercentDecode(std::string_view text, PlusAsSpace plus);

// RFC 3986 unreserved characters are kept; every other byte becomes %XX.
std::string PercentEncode(std::string_view text);

// A form body: every name with all its values, '+' as a space, empty pairs
// skipped. nullopt on a malformed escape: a form is refused whole, not in part.
std::optional<std::multimap<std::string, std::string>> ParseForm(std::string_view body);

// `uri` with the parameters appended to its query ("?" or "&"), each encoded.
std::string AppendQuery(const std::string& uri,
                        const std::vector<std::pair<std::string, std::string>>& params);

}  // namespace tongban::http
