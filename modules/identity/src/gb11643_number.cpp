#include "gb11643_number.hpp"

#include "identity/check_character.hpp"

namespace tongban::identity {
namespace {

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

int Digits(std::string_view text) {
  int value = 0;
  for (char c : text) value = value * 10 + (c - '0');
  return value;
}

std::string Cat(std::string_view a, std::string_view b) {
  std::string text(a);
  text.append(b);
  return text;
}

}  // namespace

Error Gb11643Error(const Gb11643Document& doc, std::string_view suffix, std::string message_zh,
                   std::string message_en) {
  return Error::Make(ErrorCode::kInvalidArgument, Cat(doc.reason_prefix, suffix), std::move(message_zh),
                     std::move(message_en), std::string(doc.field));
}

Result<Gb11643Fields> ParseGb11643(std::string_view text, calendar::Date today, const Gb11643Document& doc) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool last = i + 1 == text.size();
    if (!IsDigit(text[i]) && !(last && (text[i] == 'X' || text[i] == 'x'))) {
      return Gb11643Error(doc, "characters", Cat(doc.name_zh, "应由17位数字和1位数字或字母X组成"),
                          "A " + std::string(doc.name_en) + " is 17 digits followed by a digit or X");
    }
  }
  if (text.size() != kGb11643Length) {
    return Gb11643Error(doc, "length", Cat(doc.name_zh, "应为18位"),
                        "A " + std::string(doc.name_en) + " has exactly 18 characters");
  }
  std::string value(text);
  if (value.back() == 'x') value.back() = 'X';

  if (Gb11643CheckCharacter(std::string_view(value).substr(0, 17)) != value.back()) {
    return Gb11643Error(doc, "check_digit", Cat(doc.name_zh, "校验码不正确，请核对后重新输入"),
                        "The check character of the " + std::string(doc.name_en) +
                            " does not match; please check the number");
  }

  const std::string_view digits(value);
  Result<calendar::Date> birth = calendar::Date::FromYmd(
      Digits(digits.substr(6, 4)), Digits(digits.substr(10, 2)), Digits(digits.substr(12, 2)));
  if (!birth.ok() || birth->year() < kGb11643EarliestBirthYear || *birth > today) {
    return Gb11643Error(
        doc, "birth_date", Cat(doc.name_zh, "中的出生日期无效"),
        "The birth date in the " + std::string(doc.name_en) + " is not a real date from 1900-01-01 to today");
  }

  TONGBAN_RETURN_IF_ERROR(doc.check_region(digits.substr(0, 6)));

  const Sex sex = (value[16] - '0') % 2 == 1 ? Sex::kMale : Sex::kFemale;
  return Gb11643Fields{std::move(value), *birth, sex};
}

}  // namespace tongban::identity
