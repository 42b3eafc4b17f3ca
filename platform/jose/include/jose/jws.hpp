// JWS Compact Serialization (RFC 7515 §7.1): BASE64URL(header) "." BASE64URL(payload)
// "." BASE64URL(signature), with the header {"alg","kid","typ"}.
//
// The verifier's rule: the caller states which algorithms it accepts, every
// key is bound to exactly one algorithm, and a token is accepted only when its
// "alg" is on the caller's list AND equals the algorithm of the key its "kid"
// names. Keys come only from the caller's JwkSet, never from the token ("jwk",
// "jku", "x5u", "x5c" headers are ignored). "crit" is refused: we understand
// no extensions. Base64url is strict (no padding, no whitespace, no stray bits).
//
// Every rejection is kUnauthenticated with one of these stable reasons, in the
// order they are checked:
//   jose.token_too_large     longer than kMaxTokenSize
//   jose.malformed           not three segments separated by two dots
//   jose.bad_base64url       a segment is not strict unpadded base64url
//   jose.bad_json            the header is not a JSON object (or not UTF-8)
//   jose.bad_header          "alg" missing or not a string; "kid" or "typ" not a string
//   jose.crit_unsupported    the header has "crit"
//   jose.alg_none            "alg":"none" (an unsecured JWS)
//   jose.unsupported_alg     an algorithm this library does not implement (HS256, RS256, ...)
//   jose.alg_not_allowed     implemented, but not on the caller's allow-list
//   jose.missing_kid         no "kid" and the set holds more than one key
//   jose.unknown_kid         no key in the set has this "kid" (or the set is empty)
//   jose.alg_key_mismatch    the key named by "kid" is bound to another algorithm
//   jose.bad_signature       the signature does not verify
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "jose/algorithm.hpp"
#include "jose/jwk_set.hpp"
#include "jose/signing_key.hpp"

namespace tongban::jose {

// Tokens travel in headers and URLs; nothing we issue or accept comes close.
inline constexpr std::size_t kMaxTokenSize = 16 * 1024;

struct JwsHeader {
  Algorithm algorithm = Algorithm::kEdDsa;
  std::string kid;   // empty when the header has none
  std::string type;  // "typ"; empty when the header has none
};

struct VerifiedJws {
  JwsHeader header;
  std::string payload;  // the decoded payload bytes
  std::string key_id;   // kid of the key that verified it (set even when the header had none)
};

// Signs `payload` with `key`; the header is {"alg":<key's algorithm>,"kid":<key's kid>}
// plus "typ" when `type` is not empty. A result longer than kMaxTokenSize is
// produced but no verifier here accepts it.
std::string SignCompact(const SigningKey& key, std::string_view payload, std::string_view type = {});

// Verifies a compact JWS against `keys`, accepting only the algorithms in
// `allowed`. A header without "kid" is accepted only when `keys` holds exactly
// one key (OpenID Connect Core §10.1: with several keys a kid is required).
Result<VerifiedJws> VerifyCompact(std::string_view token, const JwkSet& keys, AlgorithmSet allowed);

}  // namespace tongban::jose
