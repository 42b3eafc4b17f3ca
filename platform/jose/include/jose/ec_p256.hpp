// ECDSA on NIST P-256 with SHA-256 — the JWS algorithm "ES256" (RFC 7518 §3.4).
// Lives in jose rather than crypto because its one use is JOSE, and because
// its signature format is JOSE's: the fixed 64-byte concatenation r || s (each
// a 32-byte big-endian integer), not the DER SEQUENCE that OpenSSL and X.509
// use. Sign converts DER to r || s and Verify converts back.
//
// Keys are immutable and cheap to copy (shared); all methods are thread-safe.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace tongban::jose {

namespace detail {
class EcKey;
}

class EcP256PublicKey {
 public:
  static constexpr std::size_t kCoordinateSize = 32;

  // The affine coordinates, 32 bytes each, big-endian (the base64url-decoded
  // JWK "x" and "y", RFC 7518 §6.2.1). A point not on the curve is refused.
  // kInvalidArgument "jose.malformed_key".
  static Result<EcP256PublicKey> FromCoordinates(std::string_view x, std::string_view y);
  // PEM SubjectPublicKeyInfo of a P-256 key. kInvalidArgument
  // "jose.malformed_key" / "jose.wrong_key_type" (another curve or algorithm).
  static Result<EcP256PublicKey> FromPem(std::string_view pem);
  std::string ToPem() const;

  // 32 bytes each, left-padded with zeros.
  std::string X() const;
  std::string Y() const;

  // OK, or kInvalidArgument "jose.bad_signature" for a wrong signature or one
  // that is not exactly 64 bytes (a DER signature is refused, not converted).
  Status Verify(std::string_view message, std::string_view signature) const;

 private:
  friend class EcP256PrivateKey;
  explicit EcP256PublicKey(std::shared_ptr<const detail::EcKey> key);
  std::shared_ptr<const detail::EcKey> key_;
};

class EcP256PrivateKey {
 public:
  static constexpr std::size_t kSignatureSize = 64;

  static EcP256PrivateKey Generate();
  // Unencrypted PEM, PKCS#8 ("BEGIN PRIVATE KEY", as written by
  // `openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256`) or SEC1
  // ("BEGIN EC PRIVATE KEY"). Encrypted PEM is refused, never prompted for.
  // kInvalidArgument "jose.malformed_key" / "jose.wrong_key_type".
  static Result<EcP256PrivateKey> FromPem(std::string_view pem);
  // Unencrypted PKCS#8 PEM; whoever writes it to disk must protect the file.
  std::string ToPem() const;

  EcP256PublicKey PublicKey() const;

  // The 64-byte r || s signature of SHA-256(message). Randomised: two
  // signatures of one message differ.
  std::string Sign(std::string_view message) const;

 private:
  explicit EcP256PrivateKey(std::shared_ptr<const detail::EcKey> key);
  std::shared_ptr<const detail::EcKey> key_;
};

}  // namespace tongban::jose
