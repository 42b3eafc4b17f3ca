#include "identity/resident_id_number.hpp"

#include <gtest/gtest.h>

#include <ostream>
#include <random>
#include <set>
#include <string>
#include <type_traits>

#include "identity/check_character.hpp"

namespace tongban::identity {
namespace {

template <typename T>
concept Streamable = requires(std::ostream& out, const T& value) {
  out << value;
};

const calendar::Date kToday = calendar::Date::FromYmd(2026, 6, 1).value();

// A 17-digit body completed with its check character.
std::string WithCheck(const std::string& body) {
  return body + *Gb11643CheckCharacter(body);
}

std::string ReasonOf(std::string_view text, calendar::Date today = kToday) {
  Result<ResidentIdNumber> parsed = ResidentIdNumber::Parse(text, today);
  return parsed.ok() ? "ok" : parsed.error().reason;
}

// The 31 mainland province-level codes of GB/T 2260, written out rather than
// as the ranges the implementation uses.
const std::set<int> kMainlandProvinces = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41,
                                          42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65};

TEST(ResidentIdNumberTest, ParsesAndDerivesBirthDateSexAndRegion) {
  Result<ResidentIdNumber> id = ResidentIdNumber::Parse("310101199001011234", kToday);
  ASSERT_TRUE(id.ok()) << id.error().reason;
  EXPECT_EQ(id->Reveal(), "310101199001011234");
  EXPECT_EQ(id->region_code(), "310101");
  EXPECT_EQ(id->birth_date(), calendar::Date::FromYmd(1990, 1, 1).value());
  EXPECT_EQ(id->sex(), Sex::kMale);  // 17th digit 3
  EXPECT_EQ(id->Masked(), "310***********1234");
}

TEST(ResidentIdNumberTest, AcceptsTheStandardsExampleAndNormalisesLowercaseX) {
  Result<ResidentIdNumber> upper = ResidentIdNumber::Parse("11010519491231002X", kToday);
  Result<ResidentIdNumber> lower = ResidentIdNumber::Parse("11010519491231002x", kToday);
  ASSERT_TRUE(upper.ok());
  ASSERT_TRUE(lower.ok());
  EXPECT_EQ(lower->Reveal(), "11010519491231002X");
  EXPECT_EQ(*lower, *upper);
  EXPECT_EQ(upper->sex(), Sex::kFemale);  // 17th digit 2
  EXPECT_EQ(upper->birth_date(), calendar::Date::FromYmd(1949, 12, 31).value());
  EXPECT_EQ(upper->Masked(), "110***********002X");
}

TEST(ResidentIdNumberTest, SexFollowsTheParityOfThe17thDigit) {
  for (char digit = '0'; digit <= '9'; ++digit) {
    const std::string id = WithCheck(std::string("3101011990010112") + digit);
    Result<ResidentIdNumber> parsed = ResidentIdNumber::Parse(id, kToday);
    ASSERT_TRUE(parsed.ok()) << id;
    EXPECT_EQ(parsed->sex(), (digit - '0') % 2 == 1 ? Sex::kMale : Sex::kFemale) << id;
  }
  EXPECT_EQ(SexCode(Sex::kMale), "male");
  EXPECT_EQ(SexCode(Sex::kFemale), "female");
}

TEST(ResidentIdNumberTest, RefusesForeignCharacters) {
  for (std::string_view text : {"31010119900101123A", "X10101199001011234", "3101011990010112X4",
                                "310101 99001011234", "310101-19900101-1234", " 310101199001011234",
                                "310101199001011234 ", "３１０１０１１９９００１０１１２３４", "abc"}) {
    EXPECT_EQ(ReasonOf(text), "identity.id_number_characters") << text;
  }
}

TEST(ResidentIdNumberTest, RefusesTheWrongLength) {
  for (std::string_view text :
       {"", "3", "3101011990010112", "31010119900101123", "3101011990010112345", "3101011990010112X",
        "3101011990010112x", "3101011990010112345X", "310101199001011234310101199001011234"}) {
    EXPECT_EQ(ReasonOf(text), "identity.id_number_length") << text;
  }
}

TEST(ResidentIdNumberTest, RefusesAWrongCheckCharacter) {
  EXPECT_EQ(ReasonOf("310101199001011235"), "identity.id_number_check_digit");
  EXPECT_EQ(ReasonOf("31010119900101123X"), "identity.id_number_check_digit");
  EXPECT_EQ(ReasonOf("110105194912310021"), "identity.id_number_check_digit");
}

// MOD 11-2 detects every single substitution: each weight is non-zero modulo
// the prime 11, so changing one character changes S mod 11.
TEST(ResidentIdNumberTest, CatchesEverySingleCharacterSubstitution) {
  for (std::string_view valid : {"310101199001011234", "11010519491231002X", "440524199912310011"}) {
    ASSERT_EQ(ReasonOf(valid), "ok") << valid;
    for (std::size_t position = 0; position < 18; ++position) {
      const std::string candidates = position == 17 ? "0123456789X" : "0123456789";
      for (char replacement : candidates) {
        if (replacement == valid[position]) continue;
        std::string changed(valid);
        changed[position] = replacement;
        EXPECT_EQ(ReasonOf(changed), "identity.id_number_check_digit") << changed;
      }
    }
  }
}

// Adjacent weights differ modulo 11, so swapping two different neighbouring
// digits is caught as well.
TEST(ResidentIdNumberTest, CatchesEveryAdjacentTransposition) {
  const std::string valid = "310101199001011234";
  for (std::size_t position = 0; position + 1 < 17; ++position) {
    if (valid[position] == valid[position + 1]) continue;
    std::string swapped(valid);
    std::swap(swapped[position], swapped[position + 1]);
    EXPECT_EQ(ReasonOf(swapped), "identity.id_number_check_digit") << swapped;
  }
}

TEST(ResidentIdNumberTest, RefusesBirthDatesThatAreNotRealOrNotPossible) {
  for (std::string_view date :
       {"19900230", "19901301", "19900001", "19900100", "19900132", "20250229", "21000229", "00000101",
        "18991231", "18800101", "20260602", "20270101", "99991231"}) {
    const std::string id = WithCheck("310101" + std::string(date) + "123");
    EXPECT_EQ(ReasonOf(id), "identity.id_number_birth_date") << id;
  }
}

TEST(ResidentIdNumberTest, AcceptsBirthDatesAtTheBounds) {
  for (std::string_view date : {"19000101", "20000229", "20240229", "20260601"}) {
    const std::string id = WithCheck("310101" + std::string(date) + "123");
    EXPECT_EQ(ReasonOf(id), "ok") << id;
  }
  // The same number is in the future the day before its holder is born.
  const std::string id = WithCheck("31010120260601123");
  EXPECT_EQ(ReasonOf(id, calendar::Date::FromYmd(2026, 5, 31).value()), "identity.id_number_birth_date");
}

TEST(ResidentIdNumberTest, AcceptsExactlyTheMainlandProvinceCodes) {
  for (int province = 0; province <= 99; ++province) {
    std::string body = std::to_string(100 + province).substr(1) + "0101" + "19900101" + "123";
    const std::string id = WithCheck(body);
    EXPECT_EQ(ReasonOf(id), kMainlandProvinces.contains(province) ? "ok" : "identity.id_number_region") << id;
  }
}

TEST(ResidentIdNumberTest, PointsHmtResidencePermitNumbersToTheirOwnKind) {
  for (std::string_view prefix : {"810000", "820000", "830000"}) {
    Result<ResidentIdNumber> parsed =
        ResidentIdNumber::Parse(WithCheck(std::string(prefix) + "19900101123"), kToday);
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.error().reason, "identity.id_number_region");
    EXPECT_NE(parsed.error().message_en.find("HMT residence permit"), std::string::npos);
    EXPECT_NE(parsed.error().message_zh.find("港澳台居民居住证"), std::string::npos);
  }
  EXPECT_EQ(ReasonOf(WithCheck("71000019900101123")), "identity.id_number_region");
}

TEST(ResidentIdNumberTest, EveryErrorNamesTheFieldAndCarriesNoPersonalData) {
  const std::string inputs[] = {
      "31010119900101123A",            // characters
      "3101011990010112",              // length
      "310101199001011235",            // check digit
      WithCheck("31010119900230123"),  // birth date
      WithCheck("99010119900101123"),  // region
      WithCheck("81000019900101123"),  // region, with the HMT hint
  };
  std::set<std::string> reasons;
  for (const std::string& input : inputs) {
    Result<ResidentIdNumber> parsed = ResidentIdNumber::Parse(input, kToday);
    ASSERT_FALSE(parsed.ok()) << input;
    const Error& error = parsed.error();
    reasons.insert(error.reason);
    EXPECT_EQ(error.code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(error.field, "/id_number");
    EXPECT_FALSE(error.message_zh.empty());
    EXPECT_FALSE(error.message_en.empty());
    for (const std::string& message : {error.message_zh, error.message_en, error.detail}) {
      EXPECT_EQ(message.find(input.substr(0, 6)), std::string::npos) << message;
      EXPECT_EQ(message.find(input.substr(14)), std::string::npos) << message;
    }
  }
  EXPECT_EQ(reasons, (std::set<std::string>{"identity.id_number_characters", "identity.id_number_length",
                                            "identity.id_number_check_digit", "identity.id_number_birth_date",
                                            "identity.id_number_region"}));
}

// For any 17-digit body with a real birth date and a valid province, exactly one
// of the eleven possible check characters makes a resident ID number — the one
// the algorithm computes — and its mask shows only the documented positions.
TEST(ResidentIdNumberPropertyTest, ExactlyOneCheckCharacterValidatesAndMasksHideTheMiddle) {
  std::mt19937 random(20260601);
  const std::vector<int> provinces(kMainlandProvinces.begin(), kMainlandProvinces.end());
  const std::int64_t first_day = calendar::Date::FromYmd(1900, 1, 1)->DaysSinceEpoch();
  std::uniform_int_distribution<std::int64_t> day(first_day, kToday.DaysSinceEpoch());
  std::uniform_int_distribution<std::size_t> province(0, provinces.size() - 1);
  std::uniform_int_distribution<int> digit(0, 9);
  for (int round = 0; round < 2000; ++round) {
    std::string body = std::to_string(provinces[province(random)]);
    for (int i = 0; i < 4; ++i) body += static_cast<char>('0' + digit(random));
    const std::string birth = calendar::Date::FromDaysSinceEpoch(day(random)).ToString();
    body += birth.substr(0, 4) + birth.substr(5, 2) + birth.substr(8, 2);
    for (int i = 0; i < 3; ++i) body += static_cast<char>('0' + digit(random));
    ASSERT_EQ(body.size(), 17U);

    int valid = 0;
    for (char check : std::string("0123456789X")) {
      Result<ResidentIdNumber> parsed = ResidentIdNumber::Parse(body + check, kToday);
      if (!parsed.ok()) {
        EXPECT_EQ(parsed.error().reason, "identity.id_number_check_digit") << body << check;
        continue;
      }
      ++valid;
      EXPECT_EQ(check, Gb11643CheckCharacter(body));
      const std::string masked = parsed->Masked();
      const std::string id = body + check;
      ASSERT_EQ(masked.size(), 18U);
      EXPECT_EQ(masked.substr(0, 3), id.substr(0, 3));
      EXPECT_EQ(masked.substr(3, 11), std::string(11, '*'));
      EXPECT_EQ(masked.substr(14), id.substr(14));
    }
    EXPECT_EQ(valid, 1) << body;
  }
}

TEST(ResidentIdNumberTest, CannotBeFormattedUnmasked) {
  static_assert(!Streamable<ResidentIdNumber>);
  static_assert(!std::is_convertible_v<ResidentIdNumber, std::string>);
  static_assert(!std::is_convertible_v<ResidentIdNumber, std::string_view>);
  static_assert(!std::is_default_constructible_v<ResidentIdNumber>);
  const ResidentIdNumber id = ResidentIdNumber::Parse("310101199001011234", kToday).value();
  EXPECT_EQ(::testing::PrintToString(id), "310***********1234");
}

}  // namespace
}  // namespace tongban::identity
