// Identifiers for objects, events and requests.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tongban {

// A time-ordered unique identifier: 48 bits of Unix milliseconds then 80 random
// bits, as 26 Crockford base-32 characters (the ULID layout). Sorting the text
// sorts by creation time, which keeps B-tree inserts at the right edge.
std::string NewUlid();
std::string NewUlidAt(std::int64_t unix_ms);

// 16 random bytes as 32 lowercase hex characters; used when no X-Request-Id came in.
std::string NewRequestId();

// True when `id` is acceptable as an incoming X-Request-Id: 1–128 characters
// of [A-Za-z0-9._:-]. Anything else is replaced, never echoed.
bool IsValidRequestId(std::string_view id);

}  // namespace tongban
