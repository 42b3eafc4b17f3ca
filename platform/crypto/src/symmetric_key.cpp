#include "crypto/symmetric_key.hpp"

#include <openssl/crypto.h>

#include <algorithm>

#include "crypto/random.hpp"

namespace tongban::crypto {

SymmetricKey SymmetricKey::Generate() {
  SymmetricKey key;
  std::string random = RandomBytes(kSize);
  std::copy(random.begin(), random.end(), key.bytes_.begin());
  OPENSSL_cleanse(random.data(), random.size());
  return key;
}

Result<SymmetricKey> SymmetricKey::FromBytes(std::string_view bytes) {
  if (bytes.size() != kSize) {
    return Error::Make(ErrorCode::kInvalidArgument, "crypto.bad_key_length", "密钥长度必须为 32 字节",
                       "a symmetric key must be exactly 32 bytes")
        .WithDetail("got " + std::to_string(bytes.size()) + " bytes");
  }
  SymmetricKey key;
  std::copy(bytes.begin(), bytes.end(), key.bytes_.begin());
  return key;
}

SymmetricKey::~SymmetricKey() {
  OPENSSL_cleanse(bytes_.data(), bytes_.size());
}

}  // namespace tongban::crypto
