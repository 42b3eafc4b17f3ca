#include "identity/hmt_residence_permit_number.hpp"

#include <gtest/gtest.h>

#include <ostream>
#include <string>

#include "identity/check_character.hpp"

namespace tongban::identity {
namespace {

template <typename T>
concept Streamable = requires(std::ostream& out, const T& value) {
  out << value;
};

const calendar::Date kToday = calendar::Date::FromYmd(2026, 6, 1).value();

std::string WithCheck(const std::string& body) {
  return body + *Gb11643CheckCharacter(body);
}

std::string ReasonOf(std::string_view text) {
  Result<HmtResidencePermitNumber> parsed = HmtResidencePermitNumber::Parse(text, kToday);
  return parsed.ok() ? "ok" : parsed.error().reason;
}

TEST(HmtResidencePermitNumberTest, ParsesEachHomeRegion) {
  const struct {
    const char* prefix;
    HmtRegion region;
    const char* code;
  } cases[] = {{"810000", HmtRegion::kHongKong, "hong_kong"},
               {"820000", HmtRegion::kMacau, "macau"},
               {"830000", HmtRegion::kTaiwan, "taiwan"}};
  for (const auto& c : cases) {
    const std::string number = WithCheck(std::string(c.prefix) + "19851120002");
    Result<HmtResidencePermitNumber> parsed = HmtResidencePermitNumber::Parse(number, kToday);
    ASSERT_TRUE(parsed.ok()) << number;
    EXPECT_EQ(parsed->home_region(), c.region);
    EXPECT_EQ(HmtRegionCode(parsed->home_region()), c.code);
    EXPECT_EQ(parsed->birth_date(), calendar::Date::FromYmd(1985, 11, 20).value());
    EXPECT_EQ(parsed->sex(), Sex::kFemale);
    EXPECT_EQ(parsed->Reveal(), number);
    EXPECT_EQ(parsed->Masked(),
              std::string(c.prefix).substr(0, 3) + std::string(11, '*') + number.substr(14));
  }
}

TEST(HmtResidencePermitNumberTest, NormalisesLowercaseX) {
  // Search the sequence codes for one whose check character is X.
  for (int sequence = 100; sequence < 1000; ++sequence) {
    const std::string body = "81000019900101" + std::to_string(sequence);
    if (Gb11643CheckCharacter(body) != 'X') continue;
    Result<HmtResidencePermitNumber> parsed = HmtResidencePermitNumber::Parse(body + "x", kToday);
    ASSERT_TRUE(parsed.ok()) << body;
    EXPECT_EQ(parsed->Reveal(), body + "X");
    return;
  }
  FAIL() << "no sequence code gives X";
}

TEST(HmtResidencePermitNumberTest, EveryReasonPathNamesThePermitField) {
  const std::string valid = WithCheck("81000019900101123");
  const std::string wrong_check = valid.substr(0, 17) + (valid[17] == '0' ? '1' : '0');
  const struct {
    std::string input;
    const char* reason;
  } cases[] = {
      {"81000019900101123A", "identity.hmt_residence_permit_characters"},
      {"8100001990010112", "identity.hmt_residence_permit_length"},
      {valid.substr(0, 17) + "?", "identity.hmt_residence_permit_characters"},
      {wrong_check, "identity.hmt_residence_permit_check_digit"},
      {WithCheck("81000019900230123"), "identity.hmt_residence_permit_birth_date"},
      {WithCheck("81000021000101123"), "identity.hmt_residence_permit_birth_date"},
      {WithCheck("31010119900101123"), "identity.hmt_residence_permit_region"},
      {WithCheck("81010019900101123"), "identity.hmt_residence_permit_region"},
      {WithCheck("84000019900101123"), "identity.hmt_residence_permit_region"},
      {WithCheck("71000019900101123"), "identity.hmt_residence_permit_region"},
  };
  for (const auto& c : cases) {
    Result<HmtResidencePermitNumber> parsed = HmtResidencePermitNumber::Parse(c.input, kToday);
    ASSERT_FALSE(parsed.ok()) << c.input;
    EXPECT_EQ(parsed.error().reason, c.reason) << c.input;
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(parsed.error().field, "/permit_number");
    EXPECT_FALSE(parsed.error().message_zh.empty());
    EXPECT_FALSE(parsed.error().message_en.empty());
  }
}

TEST(HmtResidencePermitNumberTest, CatchesEverySingleDigitSubstitution) {
  const std::string valid = WithCheck("83000020010915456");
  ASSERT_EQ(ReasonOf(valid), "ok");
  for (std::size_t position = 0; position < 17; ++position) {
    for (char replacement = '0'; replacement <= '9'; ++replacement) {
      if (replacement == valid[position]) continue;
      std::string changed(valid);
      changed[position] = replacement;
      EXPECT_EQ(ReasonOf(changed), "identity.hmt_residence_permit_check_digit") << changed;
    }
  }
}

TEST(HmtResidencePermitNumberTest, CannotBeFormattedUnmasked) {
  static_assert(!Streamable<HmtResidencePermitNumber>);
  const std::string number = WithCheck("81000019900101123");
  const HmtResidencePermitNumber permit = HmtResidencePermitNumber::Parse(number, kToday).value();
  EXPECT_EQ(::testing::PrintToString(permit), "810***********" + number.substr(14));
}

}  // namespace
}  // namespace tongban::identity
