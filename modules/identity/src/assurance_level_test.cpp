#include "identity/assurance_level.hpp"

#include <gtest/gtest.h>

namespace tongban::identity {
namespace {

TEST(AssuranceLevelTest, CodesAreStableAndRoundTrip) {
  EXPECT_EQ(AssuranceLevelCode(AssuranceLevel::kL1), "L1");
  EXPECT_EQ(AssuranceLevelCode(AssuranceLevel::kL2), "L2");
  EXPECT_EQ(AssuranceLevelCode(AssuranceLevel::kL3), "L3");
  for (AssuranceLevel level : kAllAssuranceLevels) {
    EXPECT_EQ(ParseAssuranceLevel(AssuranceLevelCode(level)).value(), level);
  }
  // The numeric values are the order and are stored by nothing else; pin them.
  EXPECT_EQ(static_cast<int>(AssuranceLevel::kL1), 1);
  EXPECT_EQ(static_cast<int>(AssuranceLevel::kL2), 2);
  EXPECT_EQ(static_cast<int>(AssuranceLevel::kL3), 3);
}

TEST(AssuranceLevelTest, RefusesOtherCodes) {
  for (std::string_view code : {"", "l1", "L0", "L4", "1", "L1 ", " L1", "LOA1", "urn:L1"}) {
    Result<AssuranceLevel> level = ParseAssuranceLevel(code);
    ASSERT_FALSE(level.ok()) << code;
    EXPECT_EQ(level.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(level.error().reason, "identity.assurance_level");
    EXPECT_EQ(level.error().field, "/assurance_level");
    EXPECT_FALSE(level.error().message_zh.empty());
    EXPECT_FALSE(level.error().message_en.empty());
  }
}

TEST(AssuranceLevelTest, LevelsAreOrdered) {
  static_assert(AssuranceLevel::kL1 < AssuranceLevel::kL2);
  static_assert(AssuranceLevel::kL2 < AssuranceLevel::kL3);
  static_assert(AssuranceLevel::kL3 > AssuranceLevel::kL1);
  static_assert(AssuranceLevel::kL2 <= AssuranceLevel::kL2);
  for (AssuranceLevel held : kAllAssuranceLevels) {
    for (AssuranceLevel required : kAllAssuranceLevels) {
      EXPECT_EQ(Satisfies(held, required), static_cast<int>(held) >= static_cast<int>(required))
          << AssuranceLevelCode(held) << " for " << AssuranceLevelCode(required);
    }
  }
  EXPECT_TRUE(Satisfies(AssuranceLevel::kL3, AssuranceLevel::kL1));
  EXPECT_FALSE(Satisfies(AssuranceLevel::kL1, AssuranceLevel::kL2));
}

}  // namespace
}  // namespace tongban::identity
