#include "identity/taiwan_permit_number.hpp"

#include <ostream>

#include "mask.hpp"

namespace tongban::identity {

Result<TaiwanPermitNumber> TaiwanPermitNumber::Parse(std::string_view text) {
  bool well_formed = text.size() == 8 || text.size() == 10;
  for (char c : text) well_formed = well_formed && c >= '0' && c <= '9';
  if (!well_formed) {
    return Error::Make(ErrorCode::kInvalidArgument, "identity.taiwan_permit_number",
                       "台湾居民来往大陆通行证号码应为8位或10位数字",
                       "A Taiwan permit number is 8 or 10 digits", std::string(kField));
  }
  return TaiwanPermitNumber(std::string(text));
}

std::optional<int> TaiwanPermitNumber::issue_count() const {
  if (value_.size() != 10) return std::nullopt;
  return (value_[8] - '0') * 10 + (value_[9] - '0');
}

std::string TaiwanPermitNumber::Masked() const {
  return MaskDocumentNumber(value_);
}

void PrintTo(const TaiwanPermitNumber& number, std::ostream* out) {
  *out << number.Masked();
}

}  // namespace tongban::identity
