// 护照号码 — passport number of a foreigner (外国人), with the nationality that
// issued it: a passport number is unique only within its issuing state.
//
// Nationality is an ISO 3166-1 alpha-3 code (as in the ICAO Doc 9303 machine-
// readable zone, except that Germany is DEU, not ICAO's "D"); only its form is
// checked — three capital letters — because an allow-list would lag behind
// ISO 3166 and ICAO's extra codes (XXA stateless, UNO, …). The number is 5–20
// capital letters and digits: ICAO's field holds 9, states issue fewer, and
// longer numbers exist, so the bounds are generous. CHN is not refused:
// overseas Chinese without a household registration identify themselves with a
// Chinese passport.
//
// Personal data: Masked() to show, Reveal() only to encrypt, index or show after
// an audited unmasking. The nationality is not secret. Always valid, immutable.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>
#include <utility>

#include "core/error.hpp"

namespace tongban::identity {

class PassportNumber {
 public:
  static constexpr std::string_view kNationalityField = "/nationality";
  static constexpr std::string_view kNumberField = "/passport_number";
  static constexpr std::size_t kMinChars = 5;
  static constexpr std::size_t kMaxChars = 20;

  // kInvalidArgument with
  //   identity.passport_nationality (kNationalityField) unless `nationality` is
  //     three ASCII capital letters;
  //   identity.passport_number (kNumberField) unless `number` is kMinChars to
  //     kMaxChars ASCII letters and digits (lowercase letters are stored upper
  //     case; no spaces or separators).
  static Result<PassportNumber> Parse(std::string_view nationality, std::string_view number);

  // ISO 3166-1 alpha-3, e.g. "USA".
  const std::string& nationality() const { return nationality_; }
  // The number only, e.g. "E*****678": the first character and the last three
  // (the last one when shorter than 8), never more than half of the number.
  std::string Masked() const;
  // The whole normalised number, without the nationality.
  std::string_view Reveal() const { return number_; }

  friend bool operator==(const PassportNumber&, const PassportNumber&) = default;
  friend std::ostream& operator<<(std::ostream&, const PassportNumber&) = delete;

 private:
  PassportNumber(std::string nationality, std::string number)
      : nationality_(std::move(nationality)), number_(std::move(number)) {}

  std::string nationality_;
  std::string number_;
};

// GoogleTest's printer hook: prints the nationality and Masked().
void PrintTo(const PassportNumber& passport, std::ostream* out);

}  // namespace tongban::identity
