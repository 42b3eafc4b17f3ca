// 脱敏 — the one masking rule every identifier of this module shares.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tongban::identity {

// The first `head` and last `tail` characters of `text` with one '*' for every
// character between them, so the mask is as long as the text. Precondition
// (asserted): head + tail < text.size(), so at least one character is hidden.
// `text` is ASCII: every identifier is by the time it is masked.
std::string MaskMiddle(std::string_view text, std::size_t head, std::size_t tail);

// The rule for document numbers with no structure of their own to show
// (passports, mainland travel permits): the first character and the last three
// when the number has at least 8 characters, else the first and the last — at
// most four characters and never more than half of the number.
std::string MaskDocumentNumber(std::string_view number);

}  // namespace tongban::identity
