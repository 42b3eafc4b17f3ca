// 手机号码 — phone number: a mainland China mobile number, the one a resident
// registers with (assurance level L1) and receives one-time codes on.
//
// Eleven digits starting 13–19 (the mobile number blocks of the national
// numbering plan; landlines and other countries are out of scope until a
// sender can reach them). Stored as the bare 11 digits.
//
// Personal data: Masked() to show, Reveal() only to encrypt, index, send a
// message or show after an audited unmasking. Always valid, immutable.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>
#include <utility>

#include "core/error.hpp"

namespace tongban::identity {

class PhoneNumber {
 public:
  static constexpr std::string_view kField = "/phone_number";
  // Longest input considered: "+86 138-1234-5678" is 17; anything past this is
  // not a phone number however it is spaced.
  static constexpr std::size_t kMaxInputChars = 32;

  // Spaces and '-' anywhere are ignored; then an optional "+86" country code,
  // then exactly 11 ASCII digits, the first 1 and the second 3–9. Otherwise
  // kInvalidArgument, reason identity.phone_number, field kField.
  static Result<PhoneNumber> Parse(std::string_view text);

  // "138****5678": the first 3 and last 4 digits.
  std::string Masked() const;
  // The 11 digits, no country code.
  std::string_view Reveal() const { return digits_; }

  friend bool operator==(const PhoneNumber&, const PhoneNumber&) = default;
  friend std::ostream& operator<<(std::ostream&, const PhoneNumber&) = delete;

 private:
  explicit PhoneNumber(std::string digits) : digits_(std::move(digits)) {}

  std::string digits_;
};

// GoogleTest's printer hook: prints Masked().
void PrintTo(const PhoneNumber& number, std::ostream* out);

}  // namespace tongban::identity
