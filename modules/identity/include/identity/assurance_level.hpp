// 实名认证等级 — assurance level: how surely the platform knows that an account
// belongs to the person it names. A service item or an OpenID Connect client
// can require a minimum level (OIDC `acr`).
//
//   L1  self-registered with a phone number that received a one-time code
//   L2  identity checked against the population base data (人口库)
//   L3  verified in person at a window (窗口核验)
//
// Levels are ordered, L1 < L2 < L3, by the built-in comparison of the enum; the
// numeric values are that order and never change.
#pragma once

#include <string_view>

#include "core/error.hpp"

namespace tongban::identity {

enum class AssuranceLevel { kL1 = 1, kL2 = 2, kL3 = 3 };

inline constexpr AssuranceLevel kAllAssuranceLevels[] = {AssuranceLevel::kL1, AssuranceLevel::kL2,
                                                         AssuranceLevel::kL3};
inline constexpr std::string_view kAssuranceLevelField = "/assurance_level";

// Stable stored codes, also the `acr` values: "L1", "L2", "L3".
std::string_view AssuranceLevelCode(AssuranceLevel level);

// Exactly "L1", "L2" or "L3"; otherwise kInvalidArgument, reason
// identity.assurance_level, field kAssuranceLevelField.
Result<AssuranceLevel> ParseAssuranceLevel(std::string_view code);

// True when an account at `held` may do what needs `required`.
constexpr bool Satisfies(AssuranceLevel held, AssuranceLevel required) {
  return held >= required;
}

}  // namespace tongban::identity
