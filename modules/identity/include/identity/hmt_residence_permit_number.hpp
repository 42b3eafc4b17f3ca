// 港澳台居民居住证号码 — HMT residence permit number: the citizen identity number
// on the residence permit for Hong Kong, Macau and Taiwan residents living on the
// mainland.
//
// 《港澳台居民居住证申领发放办法》(国办发〔2018〕81号) has the permit carry a
// 公民身份号码 coded after GB 11643-1999 whose address code is 810000 for Hong
// Kong residents, 820000 for Macau residents and 830000 for Taiwan residents;
// birth date, sequence code (sex in its last digit) and MOD 11-2 check
// character are as on a resident ID number.
//
// Personal data, handled like ResidentIdNumber: Masked() to show, Reveal() only
// to encrypt, index or show after an audited unmasking. Always valid, immutable.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <utility>

#include "core/error.hpp"
#include "identity/hmt_region.hpp"
#include "identity/sex.hpp"
#include "time/date.hpp"

namespace tongban::identity {

class HmtResidencePermitNumber {
 public:
  static constexpr std::string_view kField = "/permit_number";

  // Same characters, length, check character and birth date rules, in the same
  // order, as ResidentIdNumber::Parse, with reasons identity.hmt_residence_permit_
  // {characters,length,check_digit,birth_date,region} and field kField; the
  // region rule is that the first six digits are 810000, 820000 or 830000.
  static Result<HmtResidencePermitNumber> Parse(std::string_view text, calendar::Date today);

  // "810***********1234": the first 3 and last 4 characters, 11 stars.
  std::string Masked() const;
  // The whole normalised number; see ResidentIdNumber::Reveal.
  std::string_view Reveal() const { return value_; }

  HmtRegion home_region() const { return home_region_; }
  calendar::Date birth_date() const { return birth_date_; }
  Sex sex() const { return sex_; }

  friend bool operator==(const HmtResidencePermitNumber&, const HmtResidencePermitNumber&) = default;
  friend std::ostream& operator<<(std::ostream&, const HmtResidencePermitNumber&) = delete;

 private:
  HmtResidencePermitNumber(std::string value, HmtRegion home_region, calendar::Date birth_date, Sex sex)
      : value_(std::move(value)), home_region_(home_region), birth_date_(birth_date), sex_(sex) {}

  std::string value_;
  HmtRegion home_region_;
  calendar::Date birth_date_;
  Sex sex_;
};

// GoogleTest's printer hook: prints Masked().
void PrintTo(const HmtResidencePermitNumber& number, std::ostream* out);

}  // namespace tongban::identity
