#include "identity/uscc.hpp"

#include <ostream>

#include "identity/check_character.hpp"

namespace tongban::identity {
namespace {

Error UsccError(std::string reason, std::string message_zh, std::string message_en) {
  return Error::Make(ErrorCode::kInvalidArgument, std::move(reason), std::move(message_zh),
                     std::move(message_en), std::string(Uscc::kField));
}

Error CharactersError() {
  return UsccError(
      "identity.uscc_characters",
      "统一社会信用代码只能由数字和大写字母（不含I、O、S、V、Z）组成，第3至8位为数字",
      "A unified social credit code uses digits and capital letters other than I, O, S, V and Z, "
      "with digits in positions 3 to 8");
}

}  // namespace

Result<Uscc> Uscc::Parse(std::string_view text) {
  std::string value(text);
  for (char& c : value) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (kUsccCharacters.find(c) == std::string_view::npos) return CharactersError();
  }
  if (value.size() != 18) {
    return UsccError("identity.uscc_length", "统一社会信用代码应为18位",
                     "A unified social credit code has exactly 18 characters");
  }
  for (std::size_t i = 2; i < 8; ++i) {
    if (value[i] < '0' || value[i] > '9') return CharactersError();
  }
  const std::string_view code(value);
  if (Gb32100CheckCharacter(code.substr(0, 17)) != code[17]) {
    return UsccError(
        "identity.uscc_check", "统一社会信用代码校验码不正确，请核对后重新输入",
        "The check character of the unified social credit code does not match; please check the code");
  }
  if (Gb11714CheckCharacter(code.substr(8, 8)) != code[16]) {
    return UsccError("identity.uscc_org_code_check",
                     "统一社会信用代码中的组织机构代码（第9至17位）校验码不正确",
                     "The organisation code in positions 9 to 17 of the unified social credit code does not "
                     "match its check character");
  }
  return Uscc(std::move(value));
}

std::ostream& operator<<(std::ostream& out, const Uscc& code) {
  return out << code.value();
}

}  // namespace tongban::identity
