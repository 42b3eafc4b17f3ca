#include "identity/hmt_residence_permit_number.hpp"

#include <ostream>

#include "gb11643_number.hpp"
#include "mask.hpp"

namespace tongban::identity {
namespace {

Status CheckHmtRegion(std::string_view address_code);

constexpr Gb11643Document kHmtResidencePermit{"identity.hmt_residence_permit_",
                                              HmtResidencePermitNumber::kField, "港澳台居民居住证号码",
                                              "HMT residence permit number", &CheckHmtRegion};

Status CheckHmtRegion(std::string_view address_code) {
  if (address_code == "810000" || address_code == "820000" || address_code == "830000") return Status::Ok();
  return Gb11643Error(kHmtResidencePermit, "region", "港澳台居民居住证号码应以810000、820000或830000开头",
                      "An HMT residence permit number starts with 810000, 820000 or 830000");
}

}  // namespace

Result<HmtResidencePermitNumber> HmtResidencePermitNumber::Parse(std::string_view text,
                                                                 calendar::Date today) {
  TONGBAN_ASSIGN_OR_RETURN(Gb11643Fields fields, ParseGb11643(text, today, kHmtResidencePermit));
  const HmtRegion region = fields.value[1] == '1'   ? HmtRegion::kHongKong
                           : fields.value[1] == '2' ? HmtRegion::kMacau
                                                    : HmtRegion::kTaiwan;
  return HmtResidencePermitNumber(std::move(fields.value), region, fields.birth_date, fields.sex);
}

std::string HmtResidencePermitNumber::Masked() const {
  return MaskMiddle(value_, 3, 4);
}

void PrintTo(const HmtResidencePermitNumber& number, std::ostream* out) {
  *out << number.Masked();
}

}  // namespace tongban::identity
