#include "identity/person_identifier.hpp"

#include <gtest/gtest.h>

#include <ostream>
#include <set>
#include <string>

#include "identity/check_character.hpp"

namespace tongban::identity {
namespace {

template <typename T>
concept Streamable = requires(std::ostream& out, const T& value) {
  out << value;
};

using Kind = PersonIdentifier::Kind;

const calendar::Date kToday = calendar::Date::FromYmd(2026, 6, 1).value();

std::string WithCheck(const std::string& body) {
  return body + *Gb11643CheckCharacter(body);
}

TEST(PersonIdentifierTest, KindCodesAreStable) {
  EXPECT_EQ(PersonIdentifier::KindCode(Kind::kResidentId), "resident_id");
  EXPECT_EQ(PersonIdentifier::KindCode(Kind::kPassport), "passport");
  EXPECT_EQ(PersonIdentifier::KindCode(Kind::kHkMacauPermit), "hk_macau_permit");
  EXPECT_EQ(PersonIdentifier::KindCode(Kind::kTaiwanPermit), "taiwan_permit");
  EXPECT_EQ(PersonIdentifier::KindCode(Kind::kHmtResidencePermit), "hmt_residence_permit");
  std::set<std::string_view> codes;
  for (Kind kind : PersonIdentifier::kAllKinds) {
    codes.insert(PersonIdentifier::KindCode(kind));
    EXPECT_EQ(PersonIdentifier::ParseKind(PersonIdentifier::KindCode(kind)).value(), kind);
  }
  EXPECT_EQ(codes.size(), std::size(PersonIdentifier::kAllKinds));
  EXPECT_EQ(std::size(PersonIdentifier::kAllKinds), std::variant_size_v<PersonIdentifier::Value>);
}

TEST(PersonIdentifierTest, RefusesUnknownKindCodes) {
  for (std::string_view code : {"", "Resident_id", "RESIDENT_ID", "resident_id ", "id_card", "hmt_permit"}) {
    Result<Kind> kind = PersonIdentifier::ParseKind(code);
    ASSERT_FALSE(kind.ok()) << code;
    EXPECT_EQ(kind.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(kind.error().reason, "identity.person_identifier_kind");
    EXPECT_EQ(kind.error().field, "/kind");
    EXPECT_FALSE(kind.error().message_zh.empty());
    EXPECT_FALSE(kind.error().message_en.empty());
  }
}

TEST(PersonIdentifierTest, ParsesEachKindByItsOwnRules) {
  const std::string hmt = WithCheck("82000019900101123");
  const struct {
    Kind kind;
    std::string number;
    std::string nationality;
    std::string revealed;
    std::string masked;
  } cases[] = {
      {Kind::kResidentId, "310101199001011234", "", "310101199001011234", "310***********1234"},
      {Kind::kPassport, "e12345678", "GBR", "E12345678", "E*****678"},
      {Kind::kHkMacauPermit, "H12345678", "", "H12345678", "H*****678"},
      {Kind::kTaiwanPermit, "12345678", "", "12345678", "1****678"},
      {Kind::kHmtResidencePermit, hmt, "", hmt, "820***********" + hmt.substr(14)},
  };
  for (const auto& c : cases) {
    Result<PersonIdentifier> id = PersonIdentifier::Parse(c.kind, c.number, c.nationality, kToday);
    ASSERT_TRUE(id.ok()) << PersonIdentifier::KindCode(c.kind) << ": " << id.error().reason;
    EXPECT_EQ(id->kind(), c.kind);
    EXPECT_EQ(id->value().index(), static_cast<std::size_t>(c.kind));
    EXPECT_EQ(id->Reveal(), c.revealed);
    EXPECT_EQ(id->Masked(), c.masked);
  }
  const PersonIdentifier passport =
      PersonIdentifier::Parse(Kind::kPassport, "E12345678", "GBR", kToday).value();
  EXPECT_EQ(std::get<PassportNumber>(passport.value()).nationality(), "GBR");
}

TEST(PersonIdentifierTest, PassesOnTheErrorsOfEachKind) {
  const struct {
    Kind kind;
    std::string number;
    const char* nationality;
    const char* reason;
  } cases[] = {
      {Kind::kResidentId, "310101199001011235", "", "identity.id_number_check_digit"},
      {Kind::kResidentId, WithCheck("81000019900101123"), "", "identity.id_number_region"},
      {Kind::kPassport, "E12345678", "", "identity.passport_nationality"},
      {Kind::kPassport, "E1", "USA", "identity.passport_number"},
      {Kind::kHkMacauPermit, "X12345678", "", "identity.hk_macau_permit_number"},
      {Kind::kTaiwanPermit, "1234567", "", "identity.taiwan_permit_number"},
      {Kind::kHmtResidencePermit, "310101199001011234", "", "identity.hmt_residence_permit_region"},
      {Kind::kResidentId, "310101199001011234", "CHN", "identity.nationality_not_applicable"},
      {Kind::kHkMacauPermit, "H12345678", "HKG", "identity.nationality_not_applicable"},
  };
  for (const auto& c : cases) {
    Result<PersonIdentifier> id = PersonIdentifier::Parse(c.kind, c.number, c.nationality, kToday);
    ASSERT_FALSE(id.ok()) << c.number;
    EXPECT_EQ(id.error().reason, c.reason) << c.number;
  }
  EXPECT_EQ(PersonIdentifier::Parse(Kind::kResidentId, "310101199001011234", "CHN", kToday).error().field,
            "/nationality");
}

TEST(PersonIdentifierTest, IsBuiltFromAnyAlternativeAndComparesByKindAndNumber) {
  const PersonIdentifier resident = ResidentIdNumber::Parse("310101199001011234", kToday).value();
  const PersonIdentifier permit = TaiwanPermitNumber::Parse("12345678").value();
  EXPECT_EQ(resident.kind(), Kind::kResidentId);
  EXPECT_EQ(permit.kind(), Kind::kTaiwanPermit);
  EXPECT_EQ(resident, PersonIdentifier::Parse(Kind::kResidentId, "310101199001011234", "", kToday).value());
  EXPECT_NE(resident, permit);
}

TEST(PersonIdentifierTest, CannotBeFormattedUnmasked) {
  static_assert(!Streamable<PersonIdentifier>);
  const PersonIdentifier resident = ResidentIdNumber::Parse("310101199001011234", kToday).value();
  EXPECT_EQ(::testing::PrintToString(resident), "resident_id 310***********1234");
  const PersonIdentifier passport = PassportNumber::Parse("USA", "E12345678").value();
  EXPECT_EQ(::testing::PrintToString(passport), "passport USA E*****678");
}

}  // namespace
}  // namespace tongban::identity
