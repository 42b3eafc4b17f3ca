#include "openssl_util.hpp"

#include <openssl/err.h>

#include "core/error.hpp"

namespace tongban::crypto::detail {
namespace {

template <typename T>
T* RequireFetched(T* algorithm, std::string_view name) {
  if (algorithm == nullptr) ThrowOpenSslFailure("fetch " + std::string(name));
  return algorithm;
}

}  // namespace

const EVP_MD* Sm3Md() {
  static EVP_MD* const md = RequireFetched(EVP_MD_fetch(nullptr, "SM3", nullptr), "SM3");
  return md;
}

EVP_MAC* HmacMac() {
  static EVP_MAC* const mac = RequireFetched(EVP_MAC_fetch(nullptr, "HMAC", nullptr), "HMAC");
  return mac;
}

const EVP_CIPHER* Sm4CtrCipher() {
  static EVP_CIPHER* const cipher = RequireFetched(EVP_CIPHER_fetch(nullptr, "SM4-CTR", nullptr), "SM4-CTR");
  return cipher;
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

void ThrowOpenSslFailure(std::string_view reason, std::string_view operation) {
  std::string detail = "OpenSSL failed: " + std::string(operation);
  if (std::string errors = DrainOpenSslErrors(); !errors.empty()) detail += ": " + errors;
  throw FatalError(
      Error::Make(ErrorCode::kInternal, std::string(reason), "密码运算失败", "cryptographic operation failed")
          .WithDetail(std::move(detail)));
}

void ThrowOpenSslFailure(std::string_view operation) {
  ThrowOpenSslFailure("crypto.openssl_failure", operation);
}

std::string BioToString(BIO* bio) {
  char* data = nullptr;
  long size = BIO_get_mem_data(bio, &data);
  if (size < 0 || (size > 0 && data == nullptr)) ThrowOpenSslFailure("BIO_get_mem_data");
  return std::string(data, static_cast<std::size_t>(size));
}

}  // namespace tongban::crypto::detail
