#include "identity/passport_number.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <ostream>
#include <string>

namespace tongban::identity {
namespace {

template <typename T>
concept Streamable = requires(std::ostream& out, const T& value) {
  out << value;
};

TEST(PassportNumberTest, ParsesAndNormalisesLowercase) {
  Result<PassportNumber> passport = PassportNumber::Parse("USA", "e12345678");
  ASSERT_TRUE(passport.ok());
  EXPECT_EQ(passport->nationality(), "USA");
  EXPECT_EQ(passport->Reveal(), "E12345678");
  EXPECT_EQ(passport->Masked(), "E*****678");
  EXPECT_EQ(*passport, PassportNumber::Parse("USA", "E12345678").value());
  EXPECT_NE(*passport, PassportNumber::Parse("CAN", "E12345678").value());
}

TEST(PassportNumberTest, AcceptsAnyThreeCapitalLettersAsNationality) {
  for (std::string_view nationality : {"USA", "DEU", "GBR", "JPN", "XXA", "UNO", "CHN", "ZZZ"}) {
    EXPECT_TRUE(PassportNumber::Parse(nationality, "123456789").ok()) << nationality;
  }
}

TEST(PassportNumberTest, RefusesANationalityNotInAlpha3Form) {
  for (std::string_view nationality : {"", "D", "US", "usa", "Usa", "USAA", "U1A", "US ", "ＵＳＡ", "840"}) {
    Result<PassportNumber> passport = PassportNumber::Parse(nationality, "123456789");
    ASSERT_FALSE(passport.ok()) << nationality;
    EXPECT_EQ(passport.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(passport.error().reason, "identity.passport_nationality") << nationality;
    EXPECT_EQ(passport.error().field, "/nationality");
    EXPECT_FALSE(passport.error().message_zh.empty());
    EXPECT_FALSE(passport.error().message_en.empty());
  }
}

TEST(PassportNumberTest, AcceptsFiveToTwentyLettersAndDigits) {
  EXPECT_TRUE(PassportNumber::Parse("FRA", "AB123").ok());
  EXPECT_TRUE(PassportNumber::Parse("FRA", std::string(20, '9')).ok());
  EXPECT_TRUE(PassportNumber::Parse("FRA", "abcdefghijklmnopqrst").ok());
}

TEST(PassportNumberTest, RefusesOtherNumbers) {
  for (std::string_view number : {"", "AB12", "123456789012345678901", "E1234 5678", "E1234-5678",
                                  "E12345678 ", "E1234567８", "É12345678", "E123456/8"}) {
    Result<PassportNumber> passport = PassportNumber::Parse("USA", number);
    ASSERT_FALSE(passport.ok()) << number;
    EXPECT_EQ(passport.error().reason, "identity.passport_number") << number;
    EXPECT_EQ(passport.error().field, "/passport_number");
    EXPECT_FALSE(passport.error().message_zh.empty());
    EXPECT_FALSE(passport.error().message_en.empty());
  }
}

TEST(PassportNumberTest, NationalityIsCheckedFirst) {
  EXPECT_EQ(PassportNumber::Parse("us", "x").error().reason, "identity.passport_nationality");
}

// The mask keeps the length, shows the first character and the last three (the
// last one below 8 characters): never more than four, never more than half.
TEST(PassportNumberTest, MasksNeverShowMoreThanDocumented) {
  const std::string digits = "ABCDEFGHJK0123456789";
  for (std::size_t length = PassportNumber::kMinChars; length <= PassportNumber::kMaxChars; ++length) {
    const std::string number = digits.substr(0, length);
    const std::string masked = PassportNumber::Parse("USA", number)->Masked();
    const std::size_t tail = length >= 8 ? 3 : 1;
    ASSERT_EQ(masked.size(), length);
    EXPECT_EQ(masked.substr(0, 1), number.substr(0, 1));
    EXPECT_EQ(masked.substr(1, length - 1 - tail), std::string(length - 1 - tail, '*')) << masked;
    EXPECT_EQ(masked.substr(length - tail), number.substr(length - tail));
    const auto visible = static_cast<std::size_t>(
        std::count_if(masked.begin(), masked.end(), [](char c) { return c != '*'; }));
    EXPECT_LE(visible, 4U);
    EXPECT_LE(visible * 2, length);
  }
}

TEST(PassportNumberTest, CannotBeFormattedUnmasked) {
  static_assert(!Streamable<PassportNumber>);
  EXPECT_EQ(::testing::PrintToString(PassportNumber::Parse("USA", "E12345678").value()), "USA E*****678");
}

}  // namespace
}  // namespace tongban::identity
