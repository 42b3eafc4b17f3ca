// The structure shared by every number coded after GB 11643-1999 (公民身份号码):
// the resident ID number and the HMT residence permit number, which differ
// only in which address codes they allow and in the names their errors use.
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"
#include "identity/sex.hpp"
#include "time/date.hpp"

namespace tongban::identity {

struct Gb11643Document {
  std::string_view reason_prefix;  // "identity.id_number_" → identity.id_number_length, …
  std::string_view field;          // JSON pointer of the number
  std::string_view name_zh;        // "居民身份证号码"
  std::string_view name_en;        // "resident ID number"
  // Returns the error for an unacceptable address code, or an ok Status.
  Status (*check_region)(std::string_view address_code);
};

struct Gb11643Fields {
  std::string value;  // 18 characters, X upper case
  calendar::Date birth_date;
  Sex sex;
};

inline constexpr int kGb11643Length = 18;
// No one alive was born before this; the standard's own example of 1880 is history.
inline constexpr int kGb11643EarliestBirthYear = 1900;

// Validates in the order documented on ResidentIdNumber::Parse.
Result<Gb11643Fields> ParseGb11643(std::string_view text, calendar::Date today, const Gb11643Document& doc);

// An error of `doc` with reason prefix + `suffix`.
Error Gb11643Error(const Gb11643Document& doc, std::string_view suffix, std::string message_zh,
                   std::string message_en);

}  // namespace tongban::identity
