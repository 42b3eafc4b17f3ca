// JSON Web Tokens (RFC 7519) on top of the compact JWS of jws.hpp: ID tokens,
// JWT access tokens, and tokens of federated identity providers.
//
// No hidden clock: the verifier takes `now` from the caller (a calendar::Clock
// at the edge, a fixed instant in tests). Claims go in either as JSON object
// text or as RegisteredClaims (RFC 7519 §4.1) plus ExtraClaims, so that a
// module's service code needs no JSON library; they come out as
// RegisteredClaims plus typed readers for the others (VerifiedJwt::StringClaim
// and friends) and the exact payload text.
//
// VerifyJwt first applies every JWS rule of jws.hpp (same reasons), then, all
// kUnauthenticated, in this order:
//   jose.wrong_type          JwtChecks::type is set and the header "typ" differs
//   jose.bad_json            the payload is not a JSON object (or not UTF-8)
//   jose.bad_claim           a registered claim has the wrong type: iss/sub/jti not a
//                            string, aud neither a string nor an array of strings,
//                            exp/nbf/iat not a number in [0, kMaxNumericDate]
//                            (field: "/exp" etc.)
//   jose.wrong_issuer        JwtChecks::issuer is set and "iss" is absent or differs
//   jose.wrong_audience      JwtChecks::audience is set and "aud" is absent or neither
//                            equals it nor is an array containing it
//   jose.missing_claim       "exp" is absent and JwtChecks::expiry is kRequired (field "/exp")
//   jose.expired             now >= exp + leeway
//   jose.not_yet_valid       now < nbf - leeway
//   jose.issued_in_future    iat > now + leeway
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/error.hpp"
#include "jose/algorithm.hpp"
#include "jose/jwk_set.hpp"
#include "jose/jws.hpp"
#include "jose/signing_key.hpp"

namespace tongban::jose {

// The same type as calendar::Instant (platform/time), without depending on it.
using Instant = std::chrono::system_clock::time_point;

// NumericDate values beyond this (2200-01-01T00:00:00Z) are refused as
// jose.bad_claim: they are nonsense, and Instant cannot hold much later ones.
inline constexpr std::int64_t kMaxNumericDate = 7'258'118'400;

// The registered claims (RFC 7519 §4.1). Empty strings, an empty audience and
// nullopt times mean "absent".
struct RegisteredClaims {
  std::string issuer;                 // "iss"
  std::string subject;                // "sub"
  std::vector<std::string> audience;  // "aud": one string is written as a string, several as an array
  std::optional<Instant> expires_at;  // "exp" (whole seconds when we write it)
  std::optional<Instant> not_before;  // "nbf"
  std::optional<Instant> issued_at;   // "iat"
  std::string jwt_id;                 // "jti"
};

enum class ExpiryRule {
  kRequired,  // a token without "exp" is refused (jose.missing_claim) — the default
  kOptional,  // "exp" is checked when present
};

// What a verifier demands beyond a good signature. Unset optionals are not checked.
struct JwtChecks {
  std::optional<std::string> issuer;    // exact, case-sensitive match of "iss"
  std::optional<std::string> audience;  // "aud" equals it or is an array that contains it
  ExpiryRule expiry = ExpiryRule::kRequired;
  std::chrono::seconds leeway{0};  // clock skew tolerated on exp, nbf and iat; negative counts as 0
  // Header "typ" (explicit typing, RFC 8725 §3.11), e.g. "at+jwt" for access
  // tokens (RFC 9068) so that an ID token is never accepted as one. Compared
  // case-insensitively, with an optional "application/" prefix on either side.
  std::optional<std::string> type;
};

struct VerifiedJwt {
  JwsHeader header;
  std::string key_id;  // kid of the key that verified the token
  RegisteredClaims claims;
  std::string claims_json;  // the payload, a JSON object, exactly as signed

  // Other claims, read from claims_json so that callers need no JSON library.
  // nullopt when the claim is absent or of another JSON type (an integer claim
  // must be a whole number; a list must be an array of strings).
  std::optional<std::string> StringClaim(std::string_view name) const;
  std::optional<std::int64_t> IntegerClaim(std::string_view name) const;
  std::optional<bool> BooleanClaim(std::string_view name) const;
  std::optional<std::vector<std::string>> StringListClaim(std::string_view name) const;
};

// Signs `claims_json` (a JSON object, signed byte for byte as given) with the
// header {"alg","kid","typ":type}. kInvalidArgument:
//   jose.bad_claims        not a JSON object, or a registered claim of the wrong
//                          type (we never issue a token we would refuse)
//   jose.token_too_large   the token would exceed kMaxTokenSize
Result<std::string> SignJwt(const SigningKey& key, std::string_view claims_json,
                            std::string_view type = "JWT");

// Claims beyond the registered ones ("nonce", "acr", "auth_time", "scope",
// ...), built without a JSON library. Setting a name again replaces its value;
// members are written in the order first set.
class ExtraClaims {
 public:
  ExtraClaims& SetString(std::string name, std::string value);
  ExtraClaims& SetInteger(std::string name, std::int64_t value);
  ExtraClaims& SetBoolean(std::string name, bool value);
  ExtraClaims& SetStringList(std::string name, std::vector<std::string> values);
  // Any JSON value as text (an object, say); checked when signing.
  ExtraClaims& SetJson(std::string name, std::string json);

  struct Json {
    std::string text;
  };
  using Value = std::variant<std::string, std::int64_t, bool, std::vector<std::string>, Json>;
  const std::vector<std::pair<std::string, Value>>& members() const { return members_; }

 private:
  ExtraClaims& Set(std::string name, Value value);
  std::vector<std::pair<std::string, Value>> members_;
};

// Signs the registered claims (those set) followed by `extra`. kInvalidArgument
// "jose.bad_claims" when `extra` repeats a registered claim name or holds JSON
// text that is not valid JSON; otherwise as the overload above.
Result<std::string> SignJwt(const SigningKey& key, const RegisteredClaims& claims,
                            const ExtraClaims& extra = {}, std::string_view type = "JWT");

Result<VerifiedJwt> VerifyJwt(std::string_view token, const JwkSet& keys, AlgorithmSet allowed,
                              const JwtChecks& checks, Instant now);

}  // namespace tongban::jose
