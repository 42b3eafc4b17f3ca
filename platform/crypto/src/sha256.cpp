#include "crypto/sha256.hpp"

#include <openssl/evp.h>

#include "openssl_util.hpp"

namespace tongban::crypto {

std::string Sha256(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha256(), nullptr) != 1 || size != 32) {
    detail::ThrowOpenSslFailure("SHA-256");
  }
  return std::string(reinterpret_cast<const char*>(digest), size);
}

}  // namespace tongban::crypto
