#include "identity/passport_number.hpp"

#include <ostream>

#include "mask.hpp"

namespace tongban::identity {
namespace {

bool IsUpper(char c) {
  return c >= 'A' && c <= 'Z';
}

}  // namespace

Result<PassportNumber> PassportNumber::Parse(std::string_view nationality, std::string_view number) {
  if (nationality.size() != 3 || !IsUpper(nationality[0]) || !IsUpper(nationality[1]) ||
      !IsUpper(nationality[2])) {
    return Error::Make(
        ErrorCode::kInvalidArgument, "identity.passport_nationality", "国籍应为ISO 3166-1三位字母代码，如USA",
        "Nationality is an ISO 3166-1 alpha-3 code such as USA", std::string(kNationalityField));
  }
  std::string normalised(number);
  bool well_formed = normalised.size() >= kMinChars && normalised.size() <= kMaxChars;
  for (char& c : normalised) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (!IsUpper(c) && !(c >= '0' && c <= '9')) well_formed = false;
  }
  if (!well_formed) {
    return Error::Make(ErrorCode::kInvalidArgument, "identity.passport_number",
                       "护照号码应为5至20位字母或数字", "A passport number is 5 to 20 letters and digits",
                       std::string(kNumberField));
  }
  return PassportNumber(std::string(nationality), std::move(normalised));
}

std::string PassportNumber::Masked() const {
  return MaskDocumentNumber(number_);
}

void PrintTo(const PassportNumber& passport, std::ostream* out) {
  *out << passport.nationality() << ' ' << passport.Masked();
}

}  // namespace tongban::identity
