// Request targets in origin-form (RFC 9112 §3.2.1): "/path?query". Beast hands
// over the target unchecked; this is the one place that validates and decodes
// it. Validation uses boost::urls::parse_origin_form only — iterating params()
// of a Boost.URL 1.81 url_view crashes on targets like "/?#x" (upstream #864) —
// and the decoding is hand-written and bounds-checked. Fuzzed in target_test.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "http/url_encoding.hpp"

namespace tongban::http {

struct Target {
  std::string encoded_path;  // as received, e.g. "/api/v1/items/a%2Fb"
  std::string path;          // percent-decoded, e.g. "/api/v1/items/a/b"
  std::multimap<std::string, std::string> query;
};

// Fails with http.malformed_request for anything but origin-form (absolute
// form, "*", a fragment, spaces), for bad percent-encoding, and for a NUL byte
// in the decoded path.
Result<Target> ParseTarget(std::string_view target);

// "a=1&b=&c&a=2" → {a:1, a:2, b:"", c:""}. '+' is a space (HTML forms). Pairs
// with an empty name or bad percent-encoding are skipped; repeated names are kept.
std::multimap<std::string, std::string> ParseQuery(std::string_view encoded_query);

}  // namespace tongban::http
