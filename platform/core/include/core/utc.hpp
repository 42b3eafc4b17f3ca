// Timestamps as stored and exchanged: UTC, RFC 3339, millisecond precision
// ("2026-11-21T05:42:03.123Z"). Text sorts in time order on both databases.
#pragma once

#include <chrono>
#include <string>

namespace tongban {

std::string FormatUtcMillis(std::chrono::system_clock::time_point t);
inline std::string NowUtcMillis() {
  return FormatUtcMillis(std::chrono::system_clock::now());
}

}  // namespace tongban
