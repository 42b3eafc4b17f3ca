#include "identity/hk_macau_permit_number.hpp"

#include <ostream>

#include "mask.hpp"

namespace tongban::identity {

Result<HkMacauPermitNumber> HkMacauPermitNumber::Parse(std::string_view text) {
  std::string value(text);
  bool well_formed = value.size() == 9 || value.size() == 11;
  if (well_formed) {
    if (value[0] == 'h' || value[0] == 'm') value[0] = static_cast<char>(value[0] - 'a' + 'A');
    well_formed = value[0] == 'H' || value[0] == 'M';
    for (std::size_t i = 1; i < value.size(); ++i)
      well_formed = well_formed && value[i] >= '0' && value[i] <= '9';
  }
  if (!well_formed) {
    return Error::Make(ErrorCode::kInvalidArgument, "identity.hk_macau_permit_number",
                       "港澳居民来往内地通行证号码应为字母H或M加8位或10位数字",
                       "An HK/Macau permit number is H or M followed by 8 or 10 digits", std::string(kField));
  }
  return HkMacauPermitNumber(std::move(value));
}

std::optional<int> HkMacauPermitNumber::issue_count() const {
  if (value_.size() != 11) return std::nullopt;
  return (value_[9] - '0') * 10 + (value_[10] - '0');
}

std::string HkMacauPermitNumber::Masked() const {
  return MaskDocumentNumber(value_);
}

void PrintTo(const HkMacauPermitNumber& number, std::ostream* out) {
  *out << number.Masked();
}

}  // namespace tongban::identity
