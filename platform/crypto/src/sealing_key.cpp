#include "crypto/sealing_key.hpp"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/params.h>

#include <algorithm>
#include <cstring>

#include "crypto/random.hpp"
#include "crypto/sm3.hpp"
#include "openssl_util.hpp"
#include "sm4_ctr.hpp"

namespace tongban::crypto {
namespace {

constexpr std::string_view kEncKeyInfo = "tongban seal v1 sm4-ctr key";
constexpr std::string_view kMacKeyInfo = "tongban seal v1 hmac-sm3 key";

// HKDF-Expand with HMAC-SM3 for output lengths up to one block: T(1).
Sm3Digest ExpandOneBlock(std::string_view prk, std::string_view info) {
  std::string input(info);
  input.push_back('\x01');
  return HmacSm3(prk, input);
}

// The tag over version || IV || uint64_be(len(AD)) || AD || ciphertext;
// `header_and_ciphertext` is version || IV || ciphertext as laid out in the
// sealed string.
Sm3Digest ComputeTag(const std::array<std::uint8_t, 32>& mac_key, std::string_view header_and_ciphertext,
                     std::string_view associated_data) {
  constexpr std::size_t kHeader = 1 + SealingKey::kIvSize;
  std::array<unsigned char, 8> ad_length{};
  auto n = static_cast<std::uint64_t>(associated_data.size());
  for (int i = 7; i >= 0; --i) {
    ad_length[static_cast<std::size_t>(i)] = static_cast<unsigned char>(n & 0xFF);
    n >>= 8;
  }

  detail::MacCtxPtr ctx(EVP_MAC_CTX_new(detail::HmacMac()));
  if (!ctx) detail::ThrowOpenSslFailure("EVP_MAC_CTX_new");
  char digest_name[] = "SM3";
  const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0),
                               OSSL_PARAM_construct_end()};
  std::string_view header = header_and_ciphertext.substr(0, kHeader);
  std::string_view ciphertext = header_and_ciphertext.substr(kHeader);
  Sm3Digest tag{};
  std::size_t size = 0;
  if (EVP_MAC_init(ctx.get(), mac_key.data(), mac_key.size(), params) != 1 ||
      EVP_MAC_update(ctx.get(), detail::Bytes(header), header.size()) != 1 ||
      EVP_MAC_update(ctx.get(), ad_length.data(), ad_length.size()) != 1 ||
      EVP_MAC_update(ctx.get(), detail::Bytes(associated_data), associated_data.size()) != 1 ||
      EVP_MAC_update(ctx.get(), detail::Bytes(ciphertext), ciphertext.size()) != 1 ||
      EVP_MAC_final(ctx.get(), tag.data(), &size, tag.size()) != 1 || size != tag.size()) {
    detail::ThrowOpenSslFailure("HMAC-SM3 tag");
  }
  return tag;
}

Error TagMismatch(std::string detail) {
  return Error::Make(ErrorCode::kInvalidArgument, "crypto.tag_mismatch",
                     "加密数据校验失败（已被篡改、截断或密钥不符）",
                     "sealed data failed authentication (tampered, truncated or wrong key)")
      .WithDetail(std::move(detail));
}

}  // namespace

SealingKey::SealingKey(const SymmetricKey& master_key) {
  Sm3Digest enc = ExpandOneBlock(master_key.bytes(), kEncKeyInfo);
  std::copy_n(enc.begin(), enc_key_.size(), enc_key_.begin());
  mac_key_ = ExpandOneBlock(master_key.bytes(), kMacKeyInfo);
  OPENSSL_cleanse(enc.data(), enc.size());
}

SealingKey::~SealingKey() {
  OPENSSL_cleanse(enc_key_.data(), enc_key_.size());
  OPENSSL_cleanse(mac_key_.data(), mac_key_.size());
}

std::string SealingKey::Seal(std::string_view plaintext, std::string_view associated_data) const {
  std::string sealed(plaintext.size() + kOverhead, '\0');
  sealed[0] = static_cast<char>(kVersion);
  detail::Sm4Iv iv{};
  std::string random = RandomBytes(kIvSize);
  std::memcpy(iv.data(), random.data(), iv.size());
  std::memcpy(sealed.data() + 1, iv.data(), iv.size());
  detail::Sm4CtrXor(enc_key_, iv, plaintext, sealed.data() + 1 + kIvSize);

  std::string_view body(sealed.data(), sealed.size() - kTagSize);
  Sm3Digest tag = ComputeTag(mac_key_, body, associated_data);
  std::memcpy(sealed.data() + body.size(), tag.data(), tag.size());
  return sealed;
}

Result<std::string> SealingKey::Open(std::string_view sealed, std::string_view associated_data) const {
  if (sealed.size() < kOverhead) {
    return TagMismatch("sealed value shorter than " + std::to_string(kOverhead) + " bytes");
  }
  if (static_cast<std::uint8_t>(sealed[0]) != kVersion) {
    return TagMismatch("unknown sealed format version " +
                       std::to_string(static_cast<std::uint8_t>(sealed[0])));
  }
  std::string_view body = sealed.substr(0, sealed.size() - kTagSize);
  std::string_view tag = sealed.substr(body.size());
  Sm3Digest expected = ComputeTag(mac_key_, body, associated_data);
  if (CRYPTO_memcmp(expected.data(), tag.data(), kTagSize) != 0) {
    return TagMismatch("HMAC-SM3 tag does not match");
  }
  detail::Sm4Iv iv{};
  std::memcpy(iv.data(), body.data() + 1, iv.size());
  std::string_view ciphertext = body.substr(1 + kIvSize);
  std::string plaintext(ciphertext.size(), '\0');
  detail::Sm4CtrXor(enc_key_, iv, ciphertext, plaintext.data());
  return plaintext;
}

}  // namespace tongban::crypto
