#include "identity/phone_number.hpp"

#include <gtest/gtest.h>

#include <ostream>
#include <string>

namespace tongban::identity {
namespace {

template <typename T>
concept Streamable = requires(std::ostream& out, const T& value) {
  out << value;
};

TEST(PhoneNumberTest, AcceptsAndNormalisesCommonWritings) {
  for (std::string_view text : {"13812345678", "+8613812345678", "+86 138 1234 5678", "+86-138-1234-5678",
                                "138-1234-5678", "138 1234 5678", " 13812345678 ", "1 3 8 1 2 3 4 5 6 7 8"}) {
    Result<PhoneNumber> phone = PhoneNumber::Parse(text);
    ASSERT_TRUE(phone.ok()) << text;
    EXPECT_EQ(phone->Reveal(), "13812345678") << text;
  }
}

TEST(PhoneNumberTest, AcceptsEverySecondDigitFromThreeToNine) {
  for (char second = '0'; second <= '9'; ++second) {
    const std::string text = std::string("1") + second + "012345678";
    EXPECT_EQ(PhoneNumber::Parse(text).ok(), second >= '3') << text;
  }
}

TEST(PhoneNumberTest, RefusesWhatIsNotAMainlandMobileNumber) {
  for (std::string_view text : {"",
                                "1381234567",
                                "138123456789",
                                "23812345678",
                                "02112345678",
                                "021-6888-8888",
                                "8613812345678",
                                "008613812345678",
                                "+85261234567",
                                "+85213812345678",
                                "+8713812345678",
                                "+86",
                                "138123456７8",
                                "１３８１２３４５６７８",
                                "1381234567a",
                                "(+86)13812345678",
                                "+86.138.1234.5678",
                                "138_1234_5678",
                                "+8613812345678+86",
                                "13812345678                      "}) {
    Result<PhoneNumber> phone = PhoneNumber::Parse(text);
    ASSERT_FALSE(phone.ok()) << text;
    EXPECT_EQ(phone.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(phone.error().reason, "identity.phone_number") << text;
    EXPECT_EQ(phone.error().field, "/phone_number");
    EXPECT_FALSE(phone.error().message_zh.empty());
    EXPECT_FALSE(phone.error().message_en.empty());
  }
}

TEST(PhoneNumberTest, MasksTheMiddleFourDigits) {
  EXPECT_EQ(PhoneNumber::Parse("+86 138 1234 5678")->Masked(), "138****5678");
  EXPECT_EQ(PhoneNumber::Parse("19900001111")->Masked(), "199****1111");
}

TEST(PhoneNumberTest, ComparesByNormalisedDigits) {
  EXPECT_EQ(PhoneNumber::Parse("+86 138-1234-5678").value(), PhoneNumber::Parse("13812345678").value());
  EXPECT_NE(PhoneNumber::Parse("13812345678").value(), PhoneNumber::Parse("13812345679").value());
}

TEST(PhoneNumberTest, CannotBeFormattedUnmasked) {
  static_assert(!Streamable<PhoneNumber>);
  EXPECT_EQ(::testing::PrintToString(PhoneNumber::Parse("13812345678").value()), "138****5678");
}

}  // namespace
}  // namespace tongban::identity
