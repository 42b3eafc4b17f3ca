#include "crypto/sm3.hpp"

#include <openssl/core_names.h>
#include <openssl/params.h>

#include "core/hex.hpp"
#include "openssl_util.hpp"

namespace tongban::crypto {

using detail::Bytes;

Sm3Digest Sm3(std::string_view data) {
  Sm3Digest digest{};
  unsigned int size = 0;
  if (EVP_Digest(data.data(), data.size(), digest.data(), &size, detail::Sm3Md(), nullptr) != 1 ||
      size != digest.size()) {
    detail::ThrowOpenSslFailure("SM3");
  }
  return digest;
}

std::string Sm3Hex(std::string_view data) {
  return ToHex(Sm3(data));
}

std::string ToBytes(const Sm3Digest& digest) {
  return std::string(reinterpret_cast<const char*>(digest.data()), digest.size());
}

std::string ToHex(const Sm3Digest& digest) {
  return HexEncode(ToBytes(digest));
}

Sm3Digest HmacSm3(std::string_view key, std::string_view data) {
  detail::MacCtxPtr ctx(EVP_MAC_CTX_new(detail::HmacMac()));
  if (!ctx) detail::ThrowOpenSslFailure("EVP_MAC_CTX_new");
  char digest_name[] = "SM3";
  const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0),
                               OSSL_PARAM_construct_end()};
  Sm3Digest out{};
  std::size_t size = 0;
  if (EVP_MAC_init(ctx.get(), Bytes(key), key.size(), params) != 1 ||
      EVP_MAC_update(ctx.get(), Bytes(data), data.size()) != 1 ||
      EVP_MAC_final(ctx.get(), out.data(), &size, out.size()) != 1 || size != out.size()) {
    detail::ThrowOpenSslFailure("HMAC-SM3");
  }
  return out;
}

struct Sm3Hasher::Impl {
  detail::MdCtxPtr ctx{EVP_MD_CTX_new()};

  void Reset() {
    if (!ctx || EVP_DigestInit_ex2(ctx.get(), detail::Sm3Md(), nullptr) != 1) {
      detail::ThrowOpenSslFailure("SM3 init");
    }
  }
};

Sm3Hasher::Sm3Hasher() : impl_(std::make_unique<Impl>()) {
  impl_->Reset();
}
Sm3Hasher::~Sm3Hasher() = default;
Sm3Hasher::Sm3Hasher(Sm3Hasher&&) noexcept = default;
Sm3Hasher& Sm3Hasher::operator=(Sm3Hasher&&) noexcept = default;

void Sm3Hasher::Update(std::string_view data) {
  if (EVP_DigestUpdate(impl_->ctx.get(), data.data(), data.size()) != 1) {
    detail::ThrowOpenSslFailure("SM3 update");
  }
}

Sm3Digest Sm3Hasher::Finish() {
  Sm3Digest digest{};
  unsigned int size = 0;
  if (EVP_DigestFinal_ex(impl_->ctx.get(), digest.data(), &size) != 1 || size != digest.size()) {
    detail::ThrowOpenSslFailure("SM3 final");
  }
  impl_->Reset();
  return digest;
}

}  // namespace tongban::crypto
