// 居民身份证号码 — resident ID number: the citizen identity number (公民身份号码,
// GB 11643-1999) printed on a mainland resident identity card.
//
// Layout (GB 11643-1999 §6–§8): six digits of address code (the region, GB/T
// 2260), eight of birth date YYYYMMDD, three of sequence code whose last digit
// is odd for men and even for women, and the check character (0–9 or X,
// ISO 7064 MOD 11-2). A ResidentIdNumber is always valid: the only way to make
// one is Parse.
//
// Personal data. The type has no operator<< and no conversion to text: Masked()
// is what logs, pages and problem details show; Reveal() is for the few places
// that must have the whole number (encryption at rest, the blind index, an
// audited unmasking) and is named so that reviewers look at each call.
// Values are immutable and thread-compatible.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <utility>

#include "core/error.hpp"
#include "identity/sex.hpp"
#include "time/date.hpp"

namespace tongban::identity {

class ResidentIdNumber {
 public:
  static constexpr std::string_view kField = "/id_number";

  // Accepts exactly 18 characters — 17 ASCII digits and a digit or X (a
  // lowercase x is accepted and stored as X); no spaces or separators. The
  // first rule broken decides the error, in this order, all kInvalidArgument
  // with field kField:
  //   identity.id_number_characters  a character other than a digit, or X/x not last
  //   identity.id_number_length      not 18 characters
  //   identity.id_number_check_digit the 18th character does not match the first 17
  //   identity.id_number_birth_date  positions 7–14 are not a real date from
  //                                  1900-01-01 to `today` inclusive
  //   identity.id_number_region      the first two digits are not a mainland
  //                                  province-level code of GB/T 2260 (11–15,
  //                                  21–23, 31–37, 41–46, 50–54, 61–65)
  // Characters come before length so that full-width digits or a stray space
  // are named for what they are; the check digit comes before the date and
  // region so that a single mistyped digit, which MOD 11-2 always detects, is
  // reported as a typo.
  // Numbers starting 81, 82 or 83 are HMT residence permit numbers
  // (HmtResidencePermitNumber), not resident ID numbers; 71 (Taiwan in GB/T
  // 2260) is on no resident identity card.
  static Result<ResidentIdNumber> Parse(std::string_view text, calendar::Date today);

  // "310***********1234": the first 3 and last 4 characters, 11 stars.
  std::string Masked() const;
  // The whole normalised number. Call it only to encrypt, to compute a blind
  // index, or to show the number after an unmasking that was audited.
  std::string_view Reveal() const { return value_; }

  // Positions 1–6: the address code (行政区划代码) where the number was first
  // issued; not validated beyond its province, as retired codes stay on cards.
  std::string_view region_code() const { return std::string_view(value_).substr(0, 6); }
  calendar::Date birth_date() const { return birth_date_; }
  Sex sex() const { return sex_; }

  friend bool operator==(const ResidentIdNumber&, const ResidentIdNumber&) = default;
  // Deliberately not printable: use Masked().
  friend std::ostream& operator<<(std::ostream&, const ResidentIdNumber&) = delete;

 private:
  ResidentIdNumber(std::string value, calendar::Date birth_date, Sex sex)
      : value_(std::move(value)), birth_date_(birth_date), sex_(sex) {}

  std::string value_;
  calendar::Date birth_date_;
  Sex sex_;
};

// GoogleTest's printer hook, so that a failing assertion shows the masked form.
void PrintTo(const ResidentIdNumber& number, std::ostream* out);

}  // namespace tongban::identity
