// Ed25519 signatures (RFC 8032, pure Ed25519 — no pre-hash, no context), the
// algorithm of the JWS ("alg": "EdDSA", RFC 8037) that every signed artefact
// carries beside its SM2 signature. Signatures are 64 bytes; public keys 32.
//
// Keys are immutable and cheap to copy (shared); all methods are thread-safe.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace tongban::crypto {

namespace detail {
class Pkey;
}

class Ed25519PublicKey {
 public:
  static constexpr std::size_t kSize = 32;

  // PEM SubjectPublicKeyInfo ("-----BEGIN PUBLIC KEY-----").
  static Result<Ed25519PublicKey> FromPem(std::string_view pem);
  // The 32-byte encoding of RFC 8032 §5.1.5 (the JWK "x" member, base64url-decoded).
  static Result<Ed25519PublicKey> FromRaw(std::string_view raw);
  std::string ToPem() const;
  std::string Raw() const;

  // OK, or kInvalidArgument "crypto.bad_signature".
  Status Verify(std::string_view message, std::string_view signature) const;

 private:
  friend class Ed25519PrivateKey;
  explicit Ed25519PublicKey(std::shared_ptr<const detail::Pkey> key);
  std::shared_ptr<const detail::Pkey> key_;
};

class Ed25519PrivateKey {
 public:
  static constexpr std::size_t kSeedSize = 32;
  static constexpr std::size_t kSignatureSize = 64;

  static Ed25519PrivateKey Generate();
  // Unencrypted PEM PKCS#8 ("-----BEGIN PRIVATE KEY-----", as written by
  // `openssl genpkey -algorithm ED25519`).
  static Result<Ed25519PrivateKey> FromPem(std::string_view pem);
  // The 32-byte private key of RFC 8032 §5.1.5 (the "SECRET KEY" of its test vectors).
  static Result<Ed25519PrivateKey> FromSeed(std::string_view seed);
  // Unencrypted PKCS#8 PEM; whoever writes it to disk must protect the file.
  std::string ToPem() const;

  Ed25519PublicKey PublicKey() const;

  // Deterministic 64-byte signature (RFC 8032 §5.1.6). Computed by libsodium,
  // which signs in less than half the time of OpenSSL 3.0's EVP_DigestSign
  // (measured 50 µs against 110 µs here; every token the OIDC provider issues
  // is signed); the signature is the same bit for bit (the RFC's vectors check it).
  std::string Sign(std::string_view message) const;

 private:
  struct SodiumSecretKey;  // seed ‖ public key, wiped when the last copy goes
  explicit Ed25519PrivateKey(std::shared_ptr<const detail::Pkey> key);
  std::shared_ptr<const detail::Pkey> key_;
  std::shared_ptr<const SodiumSecretKey> signing_key_;
};

}  // namespace tongban::crypto
