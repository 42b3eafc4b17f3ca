#include "openssl_util.hpp"

#include "core/error.hpp"

namespace tongban::jose::detail {

const EVP_MD* Sha256Md() {
  static EVP_MD* const md = [] {
    EVP_MD* fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    if (fetched == nullptr) ThrowOpenSslFailure("fetch SHA256");
    return fetched;
  }();
  return md;
}

std::string Sha256(std::string_view data) {
  std::string digest(EVP_MAX_MD_SIZE, '\0');
  unsigned int size = 0;
  if (EVP_Digest(Bytes(data), data.size(), reinterpret_cast<unsigned char*>(digest.data()), &size, Sha256Md(),
                 nullptr) != 1) {
    ThrowOpenSslFailure("EVP_Digest SHA256");
  }
  digest.resize(size);
  return digest;
}

}  // namespace tongban::jose::detail
