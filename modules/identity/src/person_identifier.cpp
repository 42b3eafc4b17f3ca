#include "identity/person_identifier.hpp"

#include <ostream>

namespace tongban::identity {

std::string_view PersonIdentifier::KindCode(Kind kind) {
  switch (kind) {
    case Kind::kResidentId: return "resident_id";
    case Kind::kPassport: return "passport";
    case Kind::kHkMacauPermit: return "hk_macau_permit";
    case Kind::kTaiwanPermit: return "taiwan_permit";
    case Kind::kHmtResidencePermit: return "hmt_residence_permit";
  }
  return "";
}

Result<PersonIdentifier::Kind> PersonIdentifier::ParseKind(std::string_view code) {
  for (Kind kind : kAllKinds) {
    if (KindCode(kind) == code) return kind;
  }
  return Error::Make(ErrorCode::kInvalidArgument, "identity.person_identifier_kind", "不支持的证件类型",
                     "Unknown kind of identity document", std::string(kKindField));
}

namespace {

template <typename T>
Result<PersonIdentifier> Lift(Result<T> parsed) {
  if (!parsed.ok()) return parsed.error();
  return PersonIdentifier(std::move(parsed).value());
}

}  // namespace

Result<PersonIdentifier> PersonIdentifier::Parse(Kind kind, std::string_view number,
                                                 std::string_view nationality, calendar::Date today) {
  if (kind == Kind::kPassport) return Lift(PassportNumber::Parse(nationality, number));
  if (!nationality.empty()) {
    return Error::Make(ErrorCode::kInvalidArgument, "identity.nationality_not_applicable",
                       "只有护照需要填写国籍", "Only a passport takes a nationality",
                       std::string(PassportNumber::kNationalityField));
  }
  switch (kind) {
    case Kind::kResidentId: return Lift(ResidentIdNumber::Parse(number, today));
    case Kind::kHkMacauPermit: return Lift(HkMacauPermitNumber::Parse(number));
    case Kind::kTaiwanPermit: return Lift(TaiwanPermitNumber::Parse(number));
    case Kind::kHmtResidencePermit: return Lift(HmtResidencePermitNumber::Parse(number, today));
    case Kind::kPassport: break;
  }
  return Error::Make(ErrorCode::kInvalidArgument, "identity.person_identifier_kind", "不支持的证件类型",
                     "Unknown kind of identity document", std::string(kKindField));
}

std::string PersonIdentifier::Masked() const {
  return std::visit([](const auto& number) { return number.Masked(); }, value_);
}

std::string_view PersonIdentifier::Reveal() const {
  return std::visit([](const auto& number) { return number.Reveal(); }, value_);
}

void PrintTo(const PersonIdentifier& identifier, std::ostream* out) {
  *out << PersonIdentifier::KindCode(identifier.kind()) << ' ';
  std::visit([out](const auto& number) { PrintTo(number, out); }, identifier.value());
}

}  // namespace tongban::identity
