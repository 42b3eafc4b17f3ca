// A public key as a JWS verifier sees it: bound to exactly one algorithm by
// its type (an Ed25519 key verifies only "EdDSA", a P-256 key only "ES256")
// and named by a key ID ("kid"). The binding is what stops algorithm
// confusion: a token's "alg" must equal the key's algorithm, so a key can
// never be used with an algorithm it was not made for.
//
// Immutable and cheap to copy; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "core/error.hpp"
#include "crypto/ed25519.hpp"
#include "jose/algorithm.hpp"
#include "jose/ec_p256.hpp"

namespace tongban::jose {

class VerificationKey {
 public:
  // An empty `kid` becomes the key's RFC 7638 thumbprint (see Thumbprint()).
  static VerificationKey FromEd25519(crypto::Ed25519PublicKey key, std::string kid = {});
  static VerificationKey FromEcP256(EcP256PublicKey key, std::string kid = {});

  // One public JWK (RFC 7517) of a supported type: {"kty":"OKP","crv":"Ed25519","x"}
  // or {"kty":"EC","crv":"P-256","x","y"}. Private members ("d") are ignored.
  // A JWK without "kid" gets its thumbprint. kInvalidArgument, reason:
  //   jose.malformed_jwk    not a JSON object, a member of the wrong type, bad
  //                         base64url, wrong coordinate size, point not on the curve
  //   jose.unsupported_key  another "kty"/"crv" (RSA, P-384, Ed448, ...), "use"
  //                         other than "sig", "key_ops" without "verify", or an
  //                         "alg" other than the one the key type is bound to
  static Result<VerificationKey> FromJwk(std::string_view jwk_json);

  Algorithm algorithm() const;
  const std::string& kid() const { return kid_; }

  // The RFC 7638 JWK thumbprint: base64url(SHA-256(canonical JWK)), where the
  // canonical JWK holds only the required members in lexicographic order:
  //   {"crv":"Ed25519","kty":"OKP","x":"..."}   {"crv":"P-256","kty":"EC","x":"...","y":"..."}
  std::string Thumbprint() const;

  // The public JWK, members in this order:
  //   {"kty":"OKP","crv":"Ed25519","x":...,"kid":...,"alg":"EdDSA","use":"sig"}
  //   {"kty":"EC","crv":"P-256","x":...,"y":...,"kid":...,"alg":"ES256","use":"sig"}
  std::string ToJwk() const;

  // Checks a JWS signature (raw bytes, for ES256 the 64-byte r || s) over the
  // signing input. OK, or kUnauthenticated "jose.bad_signature".
  Status Verify(std::string_view signing_input, std::string_view signature) const;

  // The underlying key, for callers that need the bytes (e.g. to compare keys).
  const std::variant<crypto::Ed25519PublicKey, EcP256PublicKey>& key() const { return key_; }

 private:
  using Key = std::variant<crypto::Ed25519PublicKey, EcP256PublicKey>;
  VerificationKey(Key key, std::string kid);

  Key key_;
  std::string kid_;
};

}  // namespace tongban::jose
