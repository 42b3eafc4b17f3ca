// 港澳台 — the home region of a Hong Kong, Macau or Taiwan resident, as the
// permits they hold for the mainland say it.
#pragma once

#include <string_view>

namespace tongban::identity {

enum class HmtRegion { kHongKong, kMacau, kTaiwan };

// Stable stored codes: "hong_kong", "macau", "taiwan".
constexpr std::string_view HmtRegionCode(HmtRegion region) {
  switch (region) {
    case HmtRegion::kHongKong: return "hong_kong";
    case HmtRegion::kMacau: return "macau";
    case HmtRegion::kTaiwan: return "taiwan";
  }
  return "";
}

}  // namespace tongban::identity
