#include "openssl_util.hpp"

#include <openssl/err.h>

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

std::string DrainOpenSslErrors() {
  std::string out;
  while (unsigned long code = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(code, buf, sizeof buf);
    if (!out.empty()) out += "; ";
    out += buf;
  }
  return out;
}

void ThrowOpenSslFailure(std::string_view operation) {
  std::string detail = "OpenSSL failed: " + std::string(operation);
  if (std::string errors = DrainOpenSslErrors(); !errors.empty()) detail += ": " + errors;
  throw FatalError(Error::Make(ErrorCode::kInternal, "jose.openssl_failure", "密码运算失败",
                               "cryptographic operation failed")
                       .WithDetail(std::move(detail)));
}

}  // namespace tongban::jose::detail
