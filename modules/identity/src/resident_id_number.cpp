#include "identity/resident_id_number.hpp"

#include <ostream>

#include "gb11643_number.hpp"
#include "mask.hpp"

namespace tongban::identity {
namespace {

// Province-level codes of GB/T 2260 (中华人民共和国行政区划代码) for the
// mainland: a resident identity card is issued where a household is registered,
// so its address code starts with one of these. 71 (Taiwan), 81 (Hong Kong) and
// 82 (Macau) are in GB/T 2260 too but no resident identity card carries them;
// 81, 82 and 83 begin HMT residence permit numbers instead. Province codes have
// only been added since cards were first numbered (46 Hainan in 1988, 50
// Chongqing in 1997), never retired, so old cards pass as well.
bool IsMainlandProvinceCode(int code) {
  return (code >= 11 && code <= 15) || (code >= 21 && code <= 23) || (code >= 31 && code <= 37) ||
         (code >= 41 && code <= 46) || (code >= 50 && code <= 54) || (code >= 61 && code <= 65);
}

Status CheckMainlandRegion(std::string_view address_code);

constexpr Gb11643Document kResidentId{"identity.id_number_", ResidentIdNumber::kField, "居民身份证号码",
                                      "resident ID number", &CheckMainlandRegion};

Status CheckMainlandRegion(std::string_view address_code) {
  const int province = (address_code[0] - '0') * 10 + (address_code[1] - '0');
  if (IsMainlandProvinceCode(province)) return Status::Ok();
  if (province >= 81 && province <= 83) {
    return Gb11643Error(
        kResidentId, "region",
        "居民身份证号码的前两位不是有效的省级行政区划代码；以81、82、83开头的是港澳台居民居住证号码",
        "The first two digits of the resident ID number are not a province-level region "
        "code; a number starting 81, 82 or 83 is an HMT residence permit number");
  }
  return Gb11643Error(kResidentId, "region", "居民身份证号码的前两位不是有效的省级行政区划代码",
                      "The first two digits of the resident ID number are not a province-level region code");
}

}  // namespace

Result<ResidentIdNumber> ResidentIdNumber::Parse(std::string_view text, calendar::Date today) {
  TONGBAN_ASSIGN_OR_RETURN(Gb11643Fields fields, ParseGb11643(text, today, kResidentId));
  return ResidentIdNumber(std::move(fields.value), fields.birth_date, fields.sex);
}

std::string ResidentIdNumber::Masked() const {
  return MaskMiddle(value_, 3, 4);
}

void PrintTo(const ResidentIdNumber& number, std::ostream* out) {
  *out << number.Masked();
}

}  // namespace tongban::identity
