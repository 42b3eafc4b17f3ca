// 校验码 — the check characters of the identifiers this module validates.
//
// Pure functions over ASCII text, exposed so that demo data, fixtures and the
// tests can make valid numbers from the same algorithm that checks them. Each
// returns std::nullopt when the body is not of the form the standard defines;
// none of them reads or keeps its input beyond the call.
#pragma once

#include <optional>
#include <string_view>

namespace tongban::identity {

// GB 11643-1999 公民身份号码 §8.2, ISO 7064:1983 MOD 11-2: the 18th character of
// a citizen identity number from its first 17 digits. Weights 2^(18-i) mod 11
// (7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2); a weighted sum S gives the character
// (12 - S mod 11) mod 11, where 10 is written 'X'. Used by the resident ID
// number and the HMT residence permit number.
std::optional<char> Gb11643CheckCharacter(std::string_view first17);

// The 31 characters of GB 32100-2015 §4.1 in value order: digits, then the
// capital letters without I, O, S, V and Z (A=10 … Y=30).
inline constexpr std::string_view kUsccCharacters = "0123456789ABCDEFGHJKLMNPQRTUWXY";

// GB 32100-2015 法人和其他组织统一社会信用代码 §4.3 (ISO 7064 MOD 31-3 form): the
// 18th character from the first 17, all from kUsccCharacters. Weights
// 3^(i-1) mod 31 (1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28); the check
// value is 31 - S mod 31, where 31 means 0.
std::optional<char> Gb32100CheckCharacter(std::string_view first17);

// GB 11714-1997 全国组织机构代码编制规则 §5: the 9th character of an organisation
// code from its 8-character body of digits and capital letters (A=10 … Z=35).
// Weights 3 7 9 10 5 8 4 2; the check value is 11 - S mod 11, written 'X' for
// 10 and '0' for 11. Positions 9–17 of a unified social credit code are an
// organisation code.
std::optional<char> Gb11714CheckCharacter(std::string_view first8);

}  // namespace tongban::identity
