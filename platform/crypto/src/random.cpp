#include "crypto/random.hpp"

#include <openssl/rand.h>

#include <algorithm>
#include <climits>

#include "crypto/base64url.hpp"
#include "openssl_util.hpp"

namespace tongban::crypto {

std::string RandomBytes(std::size_t size) {
  std::string out(size, '\0');
  auto* p = reinterpret_cast<unsigned char*>(out.data());
  while (size > 0) {
    std::size_t piece = std::min<std::size_t>(size, INT_MAX);
    if (RAND_bytes(p, static_cast<int>(piece)) != 1) detail::ThrowOpenSslFailure("RAND_bytes");
    p += piece;
    size -= piece;
  }
  return out;
}

std::string RandomToken(std::size_t size) {
  return Base64UrlEncode(RandomBytes(size));
}

}  // namespace tongban::crypto
