#include "crypto/ed25519.hpp"

#include <openssl/evp.h>
#include <sodium.h>

#include <array>
#include <stdexcept>

#include "pkey.hpp"

namespace tongban::crypto {
namespace {

constexpr const char* kAlgorithm = "ED25519";

std::shared_ptr<const detail::Pkey> Share(detail::PkeyPtr key) {
  return std::make_shared<const detail::Pkey>(std::move(key));
}

Error BadRawKey(std::string_view what, std::size_t size) {
  return Error::Make(ErrorCode::kInvalidArgument, "crypto.malformed_key", "密钥格式无效",
                     "malformed " + std::string(what))
      .WithDetail("expected 32 bytes, got " + std::to_string(size));
}

}  // namespace

Ed25519PublicKey::Ed25519PublicKey(std::shared_ptr<const detail::Pkey> key) : key_(std::move(key)) {}

Result<Ed25519PublicKey> Ed25519PublicKey::FromPem(std::string_view pem) {
  TONGBAN_ASSIGN_OR_RETURN(detail::PkeyPtr key,
                           detail::ReadPublicKeyPem(pem, kAlgorithm, "Ed25519 public key"));
  return Ed25519PublicKey(Share(std::move(key)));
}

Result<Ed25519PublicKey> Ed25519PublicKey::FromRaw(std::string_view raw) {
  if (raw.size() != kSize) return BadRawKey("Ed25519 public key", raw.size());
  detail::PkeyPtr key(
      EVP_PKEY_new_raw_public_key_ex(nullptr, kAlgorithm, nullptr, detail::Bytes(raw), raw.size()));
  if (!key) detail::ThrowOpenSslFailure("EVP_PKEY_new_raw_public_key_ex");
  return Ed25519PublicKey(Share(std::move(key)));
}

std::string Ed25519PublicKey::ToPem() const {
  return detail::WritePublicKeyPem(key_->get());
}

std::string Ed25519PublicKey::Raw() const {
  std::string raw(kSize, '\0');
  std::size_t size = raw.size();
  if (EVP_PKEY_get_raw_public_key(key_->get(), reinterpret_cast<unsigned char*>(raw.data()), &size) != 1 ||
      size != kSize) {
    detail::ThrowOpenSslFailure("EVP_PKEY_get_raw_public_key");
  }
  return raw;
}

Status Ed25519PublicKey::Verify(std::string_view message, std::string_view signature) const {
  if (!detail::VerifyMessage(key_->get(), nullptr, std::nullopt, message, signature)) {
    return detail::BadSignature();
  }
  return Status::Ok();
}

struct Ed25519PrivateKey::SodiumSecretKey {
  std::array<unsigned char, crypto_sign_SECRETKEYBYTES> bytes{};
  ~SodiumSecretKey() { sodium_memzero(bytes.data(), bytes.size()); }
};

Ed25519PrivateKey::Ed25519PrivateKey(std::shared_ptr<const detail::Pkey> key) : key_(std::move(key)) {
  static const bool initialised = sodium_init() >= 0;
  if (!initialised) throw std::runtime_error("libsodium could not be initialised");
  std::array<unsigned char, kSeedSize> seed{};
  std::size_t size = seed.size();
  if (EVP_PKEY_get_raw_private_key(key_->get(), seed.data(), &size) != 1 || size != seed.size()) {
    detail::ThrowOpenSslFailure("EVP_PKEY_get_raw_private_key");
  }
  auto secret = std::make_shared<SodiumSecretKey>();
  std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> public_key{};
  crypto_sign_seed_keypair(public_key.data(), secret->bytes.data(), seed.data());
  sodium_memzero(seed.data(), seed.size());
  signing_key_ = std::move(secret);
}

Ed25519PrivateKey Ed25519PrivateKey::Generate() {
  return Ed25519PrivateKey(Share(detail::GenerateKey(kAlgorithm)));
}

Result<Ed25519PrivateKey> Ed25519PrivateKey::FromPem(std::string_view pem) {
  TONGBAN_ASSIGN_OR_RETURN(detail::PkeyPtr key,
                           detail::ReadPrivateKeyPem(pem, kAlgorithm, "Ed25519 private key"));
  return Ed25519PrivateKey(Share(std::move(key)));
}

Result<Ed25519PrivateKey> Ed25519PrivateKey::FromSeed(std::string_view seed) {
  if (seed.size() != kSeedSize) return BadRawKey("Ed25519 private key", seed.size());
  detail::PkeyPtr key(
      EVP_PKEY_new_raw_private_key_ex(nullptr, kAlgorithm, nullptr, detail::Bytes(seed), seed.size()));
  if (!key) detail::ThrowOpenSslFailure("EVP_PKEY_new_raw_private_key_ex");
  return Ed25519PrivateKey(Share(std::move(key)));
}

std::string Ed25519PrivateKey::ToPem() const {
  return detail::WritePrivateKeyPem(key_->get());
}

Ed25519PublicKey Ed25519PrivateKey::PublicKey() const {
  return Ed25519PublicKey(Share(detail::PublicPart(key_->get())));
}

std::string Ed25519PrivateKey::Sign(std::string_view message) const {
  std::string signature(kSignatureSize, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(signature.data()), nullptr,
                       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       signing_key_->bytes.data());
  return signature;
}

}  // namespace tongban::crypto
