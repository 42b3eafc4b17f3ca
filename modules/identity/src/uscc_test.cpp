#include "identity/uscc.hpp"

#include <gtest/gtest.h>

#include <random>
#include <set>
#include <sstream>
#include <string>

#include "identity/check_character.hpp"

namespace tongban::identity {
namespace {

std::string ReasonOf(std::string_view text) {
  Result<Uscc> parsed = Uscc::Parse(text);
  return parsed.ok() ? "ok" : parsed.error().reason;
}

// Published codes of well-known companies (企业信用信息公示). Each satisfies both
// check characters, which a random string does with probability 1/341.
constexpr std::string_view kPublishedCodes[] = {
    "91440300708461136T",  // 腾讯科技（深圳）有限公司
    "914403001922038216",  // 华为技术有限公司
    "91110108551385082Q",  // 小米科技有限责任公司
    "91110000802100433B",  // 北京百度网讯科技有限公司
    "91330100799655058B",  // 阿里巴巴（中国）网络技术有限公司
};

TEST(UsccTest, AcceptsPublishedCodes) {
  for (std::string_view text : kPublishedCodes) {
    Result<Uscc> code = Uscc::Parse(text);
    ASSERT_TRUE(code.ok()) << text << ": " << code.error().reason;
    EXPECT_EQ(code->value(), text);
  }
}

TEST(UsccTest, SplitsThePositionsOfTheStandard) {
  const Uscc code = Uscc::Parse("91440300708461136T").value();
  EXPECT_EQ(code.registration_department(), '9');
  EXPECT_EQ(code.organisation_category(), '1');
  EXPECT_EQ(code.region_code(), "440300");
  EXPECT_EQ(code.organisation_code(), "708461136");
  std::ostringstream out;
  out << code;
  EXPECT_EQ(out.str(), "91440300708461136T");
}

TEST(UsccTest, AcceptsCodesWhoseChecksAreXOrZeroAndLettersAnywhereButTheRegion) {
  // Generated with the algorithms (check_character_test.cpp verifies them by
  // hand): organisation code check 0 and X, final check 0; letters in
  // positions 1, 2 and 9–18.
  for (std::string_view text :
       {"913101158LN9ENAF00", "91310115ECH3JFX8X0", "913101154JURQ2830U", "91310115XHXL35LPXT"}) {
    EXPECT_EQ(ReasonOf(text), "ok") << text;
  }
  std::string body = "Y1310000MA1G4L1W0";  // department Y, organisation code MA1G4L1W0
  EXPECT_EQ(ReasonOf(body + *Gb32100CheckCharacter(body)), "ok");
  body = "N2310000MA1G4L1W0";
  EXPECT_EQ(ReasonOf(body + *Gb32100CheckCharacter(body)), "ok");
}

TEST(UsccTest, NormalisesLowercase) {
  Result<Uscc> code = Uscc::Parse("91110108551385082q");
  ASSERT_TRUE(code.ok());
  EXPECT_EQ(code->value(), "91110108551385082Q");
}

TEST(UsccTest, RefusesCharactersOutsideTheSet) {
  for (char excluded : std::string("IOSVZiosvz -_/.*")) {
    std::string text = "91440300708461136T";
    text[12] = excluded;
    EXPECT_EQ(ReasonOf(text), "identity.uscc_characters") << text;
  }
  EXPECT_EQ(ReasonOf("９１４４０３００７０８４６１１３６Ｔ"), "identity.uscc_characters");
  EXPECT_EQ(ReasonOf(" 91440300708461136T"), "identity.uscc_characters");
  EXPECT_EQ(ReasonOf("91440300708461136T "), "identity.uscc_characters");
}

TEST(UsccTest, RefusesLettersInTheRegionCode) {
  for (std::size_t position = 2; position < 8; ++position) {
    std::string text = "91440300708461136T";
    text[position] = 'A';
    EXPECT_EQ(ReasonOf(text), "identity.uscc_characters") << text;
  }
}

TEST(UsccTest, RefusesTheWrongLength) {
  for (std::string_view text : {"", "9", "91440300708461136", "91440300708461136T1", "91440300708461136TT"}) {
    EXPECT_EQ(ReasonOf(text), "identity.uscc_length") << text;
  }
}

// MOD 31 detects every single substitution (every weight is non-zero modulo the
// prime 31). A letter where the region's digits go is a characters error.
TEST(UsccTest, CatchesEverySingleCharacterSubstitution) {
  for (std::string_view valid : kPublishedCodes) {
    for (std::size_t position = 0; position < 18; ++position) {
      for (char replacement : kUsccCharacters) {
        if (replacement == valid[position]) continue;
        std::string changed(valid);
        changed[position] = replacement;
        const bool letter_in_region = position >= 2 && position < 8 && replacement > '9';
        EXPECT_EQ(ReasonOf(changed), letter_in_region ? "identity.uscc_characters" : "identity.uscc_check")
            << changed;
      }
    }
  }
}

TEST(UsccTest, RefusesAWrongOrganisationCodeCheckEvenUnderAValidFinalCheck) {
  const std::string valid = "91440300708461136T";
  for (char wrong : std::string("0123457890X")) {  // all but 6
    std::string body = valid.substr(0, 16) + wrong;
    const std::string text = body + *Gb32100CheckCharacter(body);
    EXPECT_EQ(ReasonOf(text), "identity.uscc_org_code_check") << text;
  }
  // A letter other than X cannot be a GB 11714 check character.
  std::string body = valid.substr(0, 16) + 'A';
  EXPECT_EQ(ReasonOf(body + *Gb32100CheckCharacter(body)), "identity.uscc_org_code_check");
}

TEST(UsccTest, EveryErrorNamesTheField) {
  const std::string org_body = "9144030070846113X";
  const std::string inputs[] = {"9144030070846113IT", "9144", "91440300708461136U",
                                org_body + *Gb32100CheckCharacter(org_body)};
  std::set<std::string> reasons;
  for (const std::string& text : inputs) {
    Result<Uscc> code = Uscc::Parse(text);
    ASSERT_FALSE(code.ok()) << text;
    reasons.insert(code.error().reason);
    EXPECT_EQ(code.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(code.error().field, "/uscc");
    EXPECT_FALSE(code.error().message_zh.empty());
    EXPECT_FALSE(code.error().message_en.empty());
  }
  EXPECT_EQ(reasons, (std::set<std::string>{"identity.uscc_characters", "identity.uscc_length",
                                            "identity.uscc_check", "identity.uscc_org_code_check"}));
}

// For random bodies with a valid organisation code, exactly one of the 31
// characters completes a code, and it is the one the algorithm computes.
TEST(UsccPropertyTest, ExactlyOneCheckCharacterValidates) {
  std::mt19937 random(32100);
  std::uniform_int_distribution<std::size_t> character(0, kUsccCharacters.size() - 1);
  std::uniform_int_distribution<int> digit(0, 9);
  for (int round = 0; round < 1000; ++round) {
    std::string body;
    for (int i = 0; i < 2; ++i) body += kUsccCharacters[character(random)];
    for (int i = 0; i < 6; ++i) body += static_cast<char>('0' + digit(random));
    for (int i = 0; i < 8; ++i) body += kUsccCharacters[character(random)];
    body += *Gb11714CheckCharacter(body.substr(8));
    int valid = 0;
    for (char check : kUsccCharacters) {
      const std::string reason = ReasonOf(body + check);
      if (reason == "ok") {
        ++valid;
        EXPECT_EQ(check, Gb32100CheckCharacter(body));
      } else {
        EXPECT_EQ(reason, "identity.uscc_check");
      }
    }
    EXPECT_EQ(valid, 1) << body;
  }
}

}  // namespace
}  // namespace tongban::identity
