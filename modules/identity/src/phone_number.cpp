#include "identity/phone_number.hpp"

#include <ostream>

#include "mask.hpp"

namespace tongban::identity {

Result<PhoneNumber> PhoneNumber::Parse(std::string_view text) {
  std::string compact;
  if (text.size() <= kMaxInputChars) {
    for (char c : text) {
      if (c != ' ' && c != '-') compact.push_back(c);
    }
  }
  std::string_view digits(compact);
  if (digits.starts_with("+86")) digits.remove_prefix(3);
  bool well_formed = digits.size() == 11 && digits[0] == '1' && digits[1] >= '3' && digits[1] <= '9';
  for (char c : digits) well_formed = well_formed && c >= '0' && c <= '9';
  if (!well_formed) {
    return Error::Make(ErrorCode::kInvalidArgument, "identity.phone_number", "请输入11位中国大陆手机号码",
                       "A phone number is an 11-digit mainland China mobile number", std::string(kField));
  }
  return PhoneNumber(std::string(digits));
}

std::string PhoneNumber::Masked() const {
  return MaskMiddle(digits_, 3, 4);
}

void PrintTo(const PhoneNumber& number, std::ostream* out) {
  *out << number.Masked();
}

}  // namespace tongban::identity
