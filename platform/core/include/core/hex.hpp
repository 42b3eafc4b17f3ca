// Hexadecimal encoding of bytes.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tongban {

std::string HexEncode(std::string_view bytes);
// Lower- or upper-case input; nullopt on odd length or a non-hex character.
std::optional<std::string> HexDecode(std::string_view hex);

}  // namespace tongban
