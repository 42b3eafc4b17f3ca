#include "jose/verification_key.hpp"

#include "crypto/base64url.hpp"
#include "json_util.hpp"
#include "jwk.hpp"
#include "openssl_util.hpp"

namespace tongban::jose {
namespace {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

// RFC 7638 §3.2: the required members only, sorted, no whitespace. Every value
// is base64url or a fixed name, so nothing needs escaping.
std::string CanonicalJwk(const std::variant<crypto::Ed25519PublicKey, EcP256PublicKey>& key) {
  return std::visit(Overloaded{
                        [](const crypto::Ed25519PublicKey& k) {
                          return R"({"crv":"Ed25519","kty":"OKP","x":")" + crypto::Base64UrlEncode(k.Raw()) +
                                 R"("})";
                        },
                        [](const EcP256PublicKey& k) {
                          return R"({"crv":"P-256","kty":"EC","x":")" + crypto::Base64UrlEncode(k.X()) +
                                 R"(","y":")" + crypto::Base64UrlEncode(k.Y()) + R"("})";
                        },
                    },
                    key);
}

}  // namespace

VerificationKey::VerificationKey(Key key, std::string kid) : key_(std::move(key)), kid_(std::move(kid)) {
  if (kid_.empty()) kid_ = Thumbprint();
}

VerificationKey VerificationKey::FromEd25519(crypto::Ed25519PublicKey key, std::string kid) {
  return VerificationKey(Key(std::move(key)), std::move(kid));
}

VerificationKey VerificationKey::FromEcP256(EcP256PublicKey key, std::string kid) {
  return VerificationKey(Key(std::move(key)), std::move(kid));
}

Result<VerificationKey> VerificationKey::FromJwk(std::string_view jwk_json) {
  std::optional<boost::json::object> jwk = detail::ParseObject(jwk_json);
  if (!jwk) {
    return Error::Make(ErrorCode::kInvalidArgument, "jose.malformed_jwk", "JWK 格式无效",
                       "the JWK is not a JSON object");
  }
  return detail::ParseJwk(*jwk);
}

Algorithm VerificationKey::algorithm() const {
  return std::holds_alternative<crypto::Ed25519PublicKey>(key_) ? Algorithm::kEdDsa : Algorithm::kEs256;
}

std::string VerificationKey::Thumbprint() const {
  return crypto::Base64UrlEncode(detail::Sha256(CanonicalJwk(key_)));
}

std::string VerificationKey::ToJwk() const {
  return detail::Serialize(detail::JwkObject(*this));
}

Status VerificationKey::Verify(std::string_view signing_input, std::string_view signature) const {
  bool valid = std::visit([&](const auto& k) { return k.Verify(signing_input, signature).ok(); }, key_);
  if (!valid) {
    return Error::Make(ErrorCode::kUnauthenticated, "jose.bad_signature", "签名验证失败",
                       "the token's signature does not verify");
  }
  return Status::Ok();
}

}  // namespace tongban::jose
