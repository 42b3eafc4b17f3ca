// 证件 — person identifier: the one document by which a natural person is known
// to the platform — a resident ID number for mainland residents, a passport
// (with its nationality) for foreigners, and for Hong Kong, Macau and Taiwan
// residents a mainland travel permit or an HMT residence permit.
//
// A sum type over the five document types; each keeps its own rules and its
// own masking. Personal data like its alternatives: not printable, Masked() to
// show, Reveal() only to encrypt, index or show after an audited unmasking.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "core/error.hpp"
#include "identity/hk_macau_permit_number.hpp"
#include "identity/hmt_residence_permit_number.hpp"
#include "identity/passport_number.hpp"
#include "identity/resident_id_number.hpp"
#include "identity/taiwan_permit_number.hpp"
#include "time/date.hpp"

namespace tongban::identity {

class PersonIdentifier {
 public:
  // Stored codes (KindCode) never change; new kinds are appended.
  enum class Kind {
    kResidentId,          // "resident_id"           居民身份证
    kPassport,            // "passport"              护照
    kHkMacauPermit,       // "hk_macau_permit"       港澳居民来往内地通行证
    kTaiwanPermit,        // "taiwan_permit"         台湾居民来往大陆通行证
    kHmtResidencePermit,  // "hmt_residence_permit"  港澳台居民居住证
  };
  static constexpr Kind kAllKinds[] = {Kind::kResidentId, Kind::kPassport, Kind::kHkMacauPermit,
                                       Kind::kTaiwanPermit, Kind::kHmtResidencePermit};
  static constexpr std::string_view kKindField = "/kind";

  // The alternatives in Kind order: value().index() == static_cast<size_t>(kind()).
  using Value = std::variant<ResidentIdNumber, PassportNumber, HkMacauPermitNumber, TaiwanPermitNumber,
                             HmtResidencePermitNumber>;

  static std::string_view KindCode(Kind kind);
  // kInvalidArgument, reason identity.person_identifier_kind, field kKindField,
  // for a code that is not one of KindCode's.
  static Result<Kind> ParseKind(std::string_view code);

  // Parses `number` by the rules of `kind` (errors as that type's Parse).
  // `nationality` belongs to passports only: for another kind it must be empty,
  // else kInvalidArgument, reason identity.nationality_not_applicable, field
  // PassportNumber::kNationalityField. `today` bounds birth dates.
  static Result<PersonIdentifier> Parse(Kind kind, std::string_view number, std::string_view nationality,
                                        calendar::Date today);

  PersonIdentifier(ResidentIdNumber number) : value_(std::move(number)) {}          // NOLINT
  PersonIdentifier(PassportNumber number) : value_(std::move(number)) {}            // NOLINT
  PersonIdentifier(HkMacauPermitNumber number) : value_(std::move(number)) {}       // NOLINT
  PersonIdentifier(TaiwanPermitNumber number) : value_(std::move(number)) {}        // NOLINT
  PersonIdentifier(HmtResidencePermitNumber number) : value_(std::move(number)) {}  // NOLINT

  Kind kind() const { return static_cast<Kind>(value_.index()); }
  const Value& value() const { return value_; }

  // The alternative's Masked(); a passport's without its nationality.
  std::string Masked() const;
  // The alternative's Reveal(): the whole document number, without nationality.
  std::string_view Reveal() const;

  friend bool operator==(const PersonIdentifier&, const PersonIdentifier&) = default;
  friend std::ostream& operator<<(std::ostream&, const PersonIdentifier&) = delete;

 private:
  Value value_;
};

// GoogleTest's printer hook: prints the kind code and the alternative's mask.
void PrintTo(const PersonIdentifier& identifier, std::ostream* out);

}  // namespace tongban::identity
