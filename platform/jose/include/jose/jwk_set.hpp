// A JWK Set (RFC 7517 §5): the public keys a verifier trusts, found by key ID.
// Ours is published at the OIDC provider's jwks_uri; a federated identity
// provider's is parsed from its jwks_uri document.
//
// A value type; not synchronised (build it, then share it as const).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "jose/verification_key.hpp"

namespace tongban::jose {

class JwkSet {
 public:
  // A JWKS document larger than this, or with more keys, is refused: a
  // federated provider's document is input from the network.
  static constexpr std::size_t kMaxDocumentSize = 64 * 1024;
  static constexpr std::size_t kMaxKeys = 64;

  JwkSet() = default;

  // kAlreadyExists "jose.duplicate_kid" when a key with this kid is present
  // (a kid must name exactly one key, or a token could pick between two).
  Status Add(VerificationKey key);

  // nullptr when no key has this kid.
  const VerificationKey* Find(std::string_view kid) const;

  const std::vector<VerificationKey>& keys() const { return keys_; }
  std::size_t size() const { return keys_.size(); }
  bool empty() const { return keys_.empty(); }

  // {"keys":[<VerificationKey::ToJwk()>, ...]} in insertion order.
  std::string ToJson() const;

  // The usable keys of a JWKS document. Keys this library cannot use — other
  // types or curves (RSA, P-384, Ed448), "use" other than "sig", "key_ops"
  // without "verify", an "alg" the key type is not bound to — are skipped, as
  // RFC 7517 §5 advises, so a provider that also publishes RSA keys still
  // works. Private members ("d") are ignored. A key without "kid" gets its
  // thumbprint. kInvalidArgument, reason:
  //   jose.malformed_jwks   not JSON, no "keys" array, too large, too many keys
  //   jose.malformed_jwk    a key of a supported type with a broken member
  //                         (field: "/keys/<index>")
  //   jose.duplicate_kid    two usable keys share a kid
  static Result<JwkSet> Parse(std::string_view jwks_json);

 private:
  std::vector<VerificationKey> keys_;
};

}  // namespace tongban::jose
