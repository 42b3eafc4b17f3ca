#include "mask.hpp"

#include <cassert>

namespace tongban::identity {

std::string MaskMiddle(std::string_view text, std::size_t head, std::size_t tail) {
  assert(head + tail < text.size());
  std::string masked(text.substr(0, head));
  masked.append(text.size() - head - tail, '*');
  masked.append(text.substr(text.size() - tail));
  return masked;
}

std::string MaskDocumentNumber(std::string_view number) {
  return MaskMiddle(number, 1, number.size() >= 8 ? 3 : 1);
}

}  // namespace tongban::identity
