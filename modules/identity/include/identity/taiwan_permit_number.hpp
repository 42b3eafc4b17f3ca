// 台湾居民来往大陆通行证号码 — Taiwan permit number: the number of the mainland
// travel permit for Taiwan residents (台胞证).
//
// Formats (公安部出入境管理局 as reported by 中新网 on 2008-09-12; 国家移民管理局,
// 《中国出入境观察》2020 issue 21): from 1992 the number was the holder's 8-digit
// lifetime number, 2 digits of issue count (签发次数) and the issuing office in
// brackets, "1234567801(B)"; from June 2006 Fujian, Jiangsu and Shanghai
// dropped the brackets, leaving 10 digits; since 2008-09-25 the number is the
// 8-digit lifetime number alone (一人一号、终身不变), kept by the 2015 card. 8 and
// 10 digits are accepted. The bracketed form is refused: those booklets were
// valid for five years and have all expired. No check character exists; only
// the form is checked.
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

namespace tongban::identity {

class TaiwanPermitNumber {
 public:
  static constexpr std::string_view kField = "/permit_number";

  // kInvalidArgument, reason identity.taiwan_permit_number, field kField,
  // unless `text` is exactly 8 or 10 ASCII digits.
  static Result<TaiwanPermitNumber> Parse(std::string_view text);

  // The issue count of a 10-digit number; nullopt for an 8-digit one.
  std::optional<int> issue_count() const;

  // "1****678" or "1******801": the first digit and the last three.
  std::string Masked() const;
  // The whole number as written on the permit.
  std::string_view Reveal() const { return value_; }
  // The 8-digit lifetime number: what identifies the holder.
  std::string_view RevealLifetimeNumber() const { return std::string_view(value_).substr(0, 8); }

  friend bool operator==(const TaiwanPermitNumber&, const TaiwanPermitNumber&) = default;
  friend std::ostream& operator<<(std::ostream&, const TaiwanPermitNumber&) = delete;

 private:
  explicit TaiwanPermitNumber(std::string value) : value_(std::move(value)) {}

  std::string value_;
};

// GoogleTest's printer hook: prints Masked().
void PrintTo(const TaiwanPermitNumber& number, std::ostream* out);

}  // namespace tongban::identity
