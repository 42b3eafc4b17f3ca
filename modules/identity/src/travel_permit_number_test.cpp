// The two mainland travel permits: HkMacauPermitNumber and TaiwanPermitNumber.
#include <gtest/gtest.h>

#include <ostream>
#include <string>

#include "identity/hk_macau_permit_number.hpp"
#include "identity/taiwan_permit_number.hpp"

namespace tongban::identity {
namespace {

template <typename T>
concept Streamable = requires(std::ostream& out, const T& value) {
  out << value;
};

TEST(HkMacauPermitNumberTest, ParsesTheCardNumberWithoutIssueCount) {
  Result<HkMacauPermitNumber> permit = HkMacauPermitNumber::Parse("H12345678");
  ASSERT_TRUE(permit.ok());
  EXPECT_EQ(permit->home_region(), HmtRegion::kHongKong);
  EXPECT_EQ(permit->issue_count(), std::nullopt);
  EXPECT_EQ(permit->Reveal(), "H12345678");
  EXPECT_EQ(permit->RevealLifetimeNumber(), "H12345678");
  EXPECT_EQ(permit->Masked(), "H*****678");
}

TEST(HkMacauPermitNumberTest, ParsesTheOlderNumberWithIssueCount) {
  Result<HkMacauPermitNumber> permit = HkMacauPermitNumber::Parse("M1234567803");
  ASSERT_TRUE(permit.ok());
  EXPECT_EQ(permit->home_region(), HmtRegion::kMacau);
  EXPECT_EQ(permit->issue_count(), 3);
  EXPECT_EQ(permit->Reveal(), "M1234567803");
  EXPECT_EQ(permit->RevealLifetimeNumber(), "M12345678");
  EXPECT_EQ(permit->Masked(), "M*******803");
  EXPECT_EQ(HkMacauPermitNumber::Parse("H1234567800")->issue_count(), 0);
}

TEST(HkMacauPermitNumberTest, NormalisesALowercaseLetter) {
  EXPECT_EQ(HkMacauPermitNumber::Parse("h12345678")->Reveal(), "H12345678");
  EXPECT_EQ(HkMacauPermitNumber::Parse("m1234567801")->Reveal(), "M1234567801");
}

TEST(HkMacauPermitNumberTest, RefusesOtherForms) {
  for (std::string_view text :
       {"", "H", "H1234567", "H123456789", "H123456789012", "12345678", "123456789", "A12345678", "C12345678",
        "HH2345678", "H1234567a", "H 12345678", "H12345678 ", "H-12345678", "H1234567(8)", "Ｈ12345678"}) {
    Result<HkMacauPermitNumber> permit = HkMacauPermitNumber::Parse(text);
    ASSERT_FALSE(permit.ok()) << text;
    EXPECT_EQ(permit.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(permit.error().reason, "identity.hk_macau_permit_number") << text;
    EXPECT_EQ(permit.error().field, "/permit_number");
    EXPECT_FALSE(permit.error().message_zh.empty());
    EXPECT_FALSE(permit.error().message_en.empty());
  }
}

TEST(HkMacauPermitNumberTest, CannotBeFormattedUnmasked) {
  static_assert(!Streamable<HkMacauPermitNumber>);
  EXPECT_EQ(::testing::PrintToString(HkMacauPermitNumber::Parse("H12345678").value()), "H*****678");
}

TEST(TaiwanPermitNumberTest, ParsesTheLifetimeNumber) {
  Result<TaiwanPermitNumber> permit = TaiwanPermitNumber::Parse("01234567");
  ASSERT_TRUE(permit.ok());
  EXPECT_EQ(permit->issue_count(), std::nullopt);
  EXPECT_EQ(permit->Reveal(), "01234567");
  EXPECT_EQ(permit->RevealLifetimeNumber(), "01234567");
  EXPECT_EQ(permit->Masked(), "0****567");
}

TEST(TaiwanPermitNumberTest, ParsesTheOlderNumberWithIssueCount) {
  Result<TaiwanPermitNumber> permit = TaiwanPermitNumber::Parse("1234567812");
  ASSERT_TRUE(permit.ok());
  EXPECT_EQ(permit->issue_count(), 12);
  EXPECT_EQ(permit->RevealLifetimeNumber(), "12345678");
  EXPECT_EQ(permit->Masked(), "1******812");
}

TEST(TaiwanPermitNumberTest, RefusesOtherForms) {
  for (std::string_view text : {"", "1234567", "123456789", "12345678901", "1234567801(B)", "12345678(B)",
                                "T1234567", "1234567a", "1234 5678", "１２３４５６７８"}) {
    Result<TaiwanPermitNumber> permit = TaiwanPermitNumber::Parse(text);
    ASSERT_FALSE(permit.ok()) << text;
    EXPECT_EQ(permit.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(permit.error().reason, "identity.taiwan_permit_number") << text;
    EXPECT_EQ(permit.error().field, "/permit_number");
    EXPECT_FALSE(permit.error().message_zh.empty());
    EXPECT_FALSE(permit.error().message_en.empty());
  }
}

TEST(TaiwanPermitNumberTest, CannotBeFormattedUnmasked) {
  static_assert(!Streamable<TaiwanPermitNumber>);
  EXPECT_EQ(::testing::PrintToString(TaiwanPermitNumber::Parse("12345678").value()), "1****678");
}

}  // namespace
}  // namespace tongban::identity
