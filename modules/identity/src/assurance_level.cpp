#include "identity/assurance_level.hpp"

#include <string>

namespace tongban::identity {

std::string_view AssuranceLevelCode(AssuranceLevel level) {
  switch (level) {
    case AssuranceLevel::kL1: return "L1";
    case AssuranceLevel::kL2: return "L2";
    case AssuranceLevel::kL3: return "L3";
  }
  return "";
}

Result<AssuranceLevel> ParseAssuranceLevel(std::string_view code) {
  for (AssuranceLevel level : kAllAssuranceLevels) {
    if (AssuranceLevelCode(level) == code) return level;
  }
  return Error::Make(ErrorCode::kInvalidArgument, "identity.assurance_level", "实名认证等级应为L1、L2或L3",
                     "An assurance level is L1, L2 or L3", std::string(kAssuranceLevelField));
}

}  // namespace tongban::identity
