// A private key that signs JWS, bound like its VerificationKey to exactly one
// algorithm (Ed25519 → "EdDSA", P-256 → "ES256") and named by a key ID.
//
// Immutable and cheap to copy (the key material is shared); thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "core/error.hpp"
#include "crypto/ed25519.hpp"
#include "jose/algorithm.hpp"
#include "jose/ec_p256.hpp"
#include "jose/verification_key.hpp"

namespace tongban::jose {

class SigningKey {
 public:
  // An empty `kid` becomes the RFC 7638 thumbprint of the public key — the
  // default everywhere, so that a kid names one key and nothing else.
  static SigningKey FromEd25519(crypto::Ed25519PrivateKey key, std::string kid = {});
  static SigningKey FromEcP256(EcP256PrivateKey key, std::string kid = {});
  // A fresh random key for `algorithm`, named by its thumbprint.
  static SigningKey Generate(Algorithm algorithm);

  // Unencrypted PKCS#8 PEM of an Ed25519 or a P-256 key (SEC1 for P-256 is
  // accepted too); the key type picks the algorithm. kInvalidArgument
  // "jose.malformed_key" for anything else (SM2, RSA, P-384, encrypted PEM).
  static Result<SigningKey> FromPem(std::string_view pem, std::string kid = {});
  // Unencrypted PKCS#8 PEM; whoever stores it must protect it (seal it).
  std::string ToPem() const;

  Algorithm algorithm() const { return public_key_.algorithm(); }
  const std::string& kid() const { return public_key_.kid(); }
  const VerificationKey& PublicKey() const { return public_key_; }

  // The JWS signature (raw bytes; for ES256 the 64-byte r || s) of `signing_input`.
  std::string Sign(std::string_view signing_input) const;

 private:
  using Key = std::variant<crypto::Ed25519PrivateKey, EcP256PrivateKey>;
  SigningKey(Key key, VerificationKey public_key);

  Key key_;
  VerificationKey public_key_;
};

}  // namespace tongban::jose
