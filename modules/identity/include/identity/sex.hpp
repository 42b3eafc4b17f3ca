// 性别 — sex as coded in a citizen identity number (GB 11643-1999 §7.3: the
// 17th digit, the last of the sequence code, is odd for men and even for women).
#pragma once

#include <string_view>

namespace tongban::identity {

enum class Sex { kMale, kFemale };

// Stable stored codes: "male", "female".
constexpr std::string_view SexCode(Sex sex) {
  return sex == Sex::kMale ? "male" : "female";
}

}  // namespace tongban::identity
