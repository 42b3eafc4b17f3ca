// 港澳居民来往内地通行证号码 — HK/Macau permit number: the number of the mainland
// travel permit for Hong Kong and Macau residents (回乡证).
//
// Formats (公安部出入境管理局, 2010-03-10 notice on the permit's numbering; the
// 2013 card): 'H' for Hong Kong or 'M' for Macau, then the holder's 8-digit
// lifetime number (终身号); permits of the 1999 card add 2 digits counting
// reissues (换证次数, 00 at first issue), 11 characters in all; the 2013 card
// prints the count apart from the number, which is then 9 characters. Both are
// accepted; the number carries no check character, so only its form is
// checked. A person is identified by the lifetime part: the same holder's
// "H1234567801" and "H12345678" share RevealLifetimeNumber().
//
// Personal data: Masked() to show, Reveal…() only to encrypt, index or show
// after an audited unmasking. Always valid, immutable.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/error.hpp"
#include "identity/hmt_region.hpp"

namespace tongban::identity {

class HkMacauPermitNumber {
 public:
  static constexpr std::string_view kField = "/permit_number";

  // kInvalidArgument, reason identity.hk_macau_permit_number, field kField,
  // unless `text` is H or M (h, m accepted, stored upper case) followed by
  // exactly 8 or 10 ASCII digits.
  static Result<HkMacauPermitNumber> Parse(std::string_view text);

  // kHongKong or kMacau.
  HmtRegion home_region() const { return value_[0] == 'H' ? HmtRegion::kHongKong : HmtRegion::kMacau; }
  // The reissue count of an 11-character number; nullopt for a 9-character one.
  std::optional<int> issue_count() const;

  // "H*****678" or "H*******801": the letter and the last three characters.
  std::string Masked() const;
  // The whole normalised number as written on the permit.
  std::string_view Reveal() const { return value_; }
  // The letter and the 8-digit lifetime number: what identifies the holder.
  std::string_view RevealLifetimeNumber() const { return std::string_view(value_).substr(0, 9); }

  friend bool operator==(const HkMacauPermitNumber&, const HkMacauPermitNumber&) = default;
  friend std::ostream& operator<<(std::ostream&, const HkMacauPermitNumber&) = delete;

 private:
  explicit HkMacauPermitNumber(std::string value) : value_(std::move(value)) {}

  std::string value_;
};

// GoogleTest's printer hook: prints Masked().
void PrintTo(const HkMacauPermitNumber& number, std::ostream* out);

}  // namespace tongban::identity
