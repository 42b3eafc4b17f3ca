#include "crypto/blind_index.hpp"

#include "crypto/sm3.hpp"

namespace tongban::crypto {

std::string BlindIndex(const SymmetricKey& key, std::string_view value) {
  return ToHex(HmacSm3(key.bytes(), value));
}

}  // namespace tongban::crypto
