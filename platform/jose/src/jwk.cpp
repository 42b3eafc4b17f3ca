#include "jwk.hpp"

#include <boost/json/array.hpp>

#include "crypto/base64url.hpp"
#include "json_util.hpp"

namespace tongban::jose::detail {
namespace {

Error Malformed(std::string message_en, std::string detail = {}) {
  return Error::Make(ErrorCode::kInvalidArgument, "jose.malformed_jwk", "JWK 格式无效", std::move(message_en))
      .WithDetail(std::move(detail));
}

Error Unsupported(std::string detail) {
  return Error::Make(ErrorCode::kInvalidArgument, std::string(kUnsupportedKey), "不支持的密钥类型",
                     "the JWK is not an Ed25519 or P-256 signature key")
      .WithDetail(std::move(detail));
}

// An optional string member: nullopt when absent; an error when not a string.
Result<std::optional<std::string>> OptionalString(const boost::json::object& jwk, std::string_view name) {
  const boost::json::value* v = Find(jwk, name);
  if (v == nullptr) return std::optional<std::string>();
  if (!v->is_string()) return Malformed("JWK member \"" + std::string(name) + "\" is not a string");
  return std::optional<std::string>(std::string(v->get_string()));
}

Result<std::string> RequiredString(const boost::json::object& jwk, std::string_view name) {
  TONGBAN_ASSIGN_OR_RETURN(std::optional<std::string> s, OptionalString(jwk, name));
  if (!s) return Malformed("JWK member \"" + std::string(name) + "\" is missing");
  return std::move(*s);
}

Result<std::string> Coordinate(const boost::json::object& jwk, std::string_view name, std::size_t size) {
  TONGBAN_ASSIGN_OR_RETURN(std::string text, RequiredString(jwk, name));
  std::optional<std::string> bytes = crypto::Base64UrlDecode(text);
  if (!bytes) return Malformed("JWK member \"" + std::string(name) + "\" is not base64url");
  if (bytes->size() != size) {
    return Malformed("JWK member \"" + std::string(name) + "\" has the wrong length",
                     "expected " + std::to_string(size) + " bytes, got " + std::to_string(bytes->size()));
  }
  return std::move(*bytes);
}

// "use" and "key_ops" (RFC 7517 §4.2, §4.3): a key published for anything but
// verifying signatures is not ours to verify with.
Status CheckUsage(const boost::json::object& jwk) {
  TONGBAN_ASSIGN_OR_RETURN(std::optional<std::string> use, OptionalString(jwk, "use"));
  if (use && *use != "sig") return Unsupported("\"use\":\"" + *use + "\"");
  if (const boost::json::value* ops = Find(jwk, "key_ops")) {
    if (!ops->is_array()) return Malformed("JWK member \"key_ops\" is not an array");
    bool verify = false;
    for (const boost::json::value& op : ops->get_array()) {
      if (!op.is_string()) return Malformed("JWK member \"key_ops\" holds a non-string");
      if (op.get_string() == "verify") verify = true;
    }
    if (!verify) return Unsupported("\"key_ops\" without \"verify\"");
  }
  return Status::Ok();
}

Result<VerificationKey> ParseKey(const boost::json::object& jwk, std::string kid) {
  TONGBAN_ASSIGN_OR_RETURN(std::string kty, RequiredString(jwk, "kty"));
  if (kty == "OKP") {
    TONGBAN_ASSIGN_OR_RETURN(std::string crv, RequiredString(jwk, "crv"));
    if (crv != "Ed25519") return Unsupported("OKP curve " + crv);
    TONGBAN_ASSIGN_OR_RETURN(std::string x, Coordinate(jwk, "x", crypto::Ed25519PublicKey::kSize));
    Result<crypto::Ed25519PublicKey> key = crypto::Ed25519PublicKey::FromRaw(x);
    if (!key.ok()) return Malformed("JWK holds an invalid Ed25519 key", key.error().detail);
    return VerificationKey::FromEd25519(std::move(key).value(), std::move(kid));
  }
  if (kty == "EC") {
    TONGBAN_ASSIGN_OR_RETURN(std::string crv, RequiredString(jwk, "crv"));
    if (crv != "P-256") return Unsupported("EC curve " + crv);
    TONGBAN_ASSIGN_OR_RETURN(std::string x, Coordinate(jwk, "x", EcP256PublicKey::kCoordinateSize));
    TONGBAN_ASSIGN_OR_RETURN(std::string y, Coordinate(jwk, "y", EcP256PublicKey::kCoordinateSize));
    Result<EcP256PublicKey> key = EcP256PublicKey::FromCoordinates(x, y);
    if (!key.ok()) return Malformed("JWK holds a point that is not on P-256", key.error().detail);
    return VerificationKey::FromEcP256(std::move(key).value(), std::move(kid));
  }
  return Unsupported("kty " + kty);
}

}  // namespace

Result<VerificationKey> ParseJwk(const boost::json::object& jwk) {
  TONGBAN_RETURN_IF_ERROR(CheckUsage(jwk));
  TONGBAN_ASSIGN_OR_RETURN(std::optional<std::string> kid, OptionalString(jwk, "kid"));
  TONGBAN_ASSIGN_OR_RETURN(std::optional<std::string> alg, OptionalString(jwk, "alg"));
  TONGBAN_ASSIGN_OR_RETURN(VerificationKey key, ParseKey(jwk, kid.value_or("")));
  // The key type fixes the algorithm; a JWK that names another one is meant
  // for something else (ECDH-ES on a P-256 key, say) and is not used.
  if (alg && *alg != AlgorithmName(key.algorithm())) {
    return Unsupported("\"alg\":\"" + *alg + "\" on a key bound to " +
                       std::string(AlgorithmName(key.algorithm())));
  }
  return key;
}

boost::json::object JwkObject(const VerificationKey& key) {
  boost::json::object jwk;
  if (const auto* ed = std::get_if<crypto::Ed25519PublicKey>(&key.key())) {
    jwk["kty"] = "OKP";
    jwk["crv"] = "Ed25519";
    jwk["x"] = crypto::Base64UrlEncode(ed->Raw());
  } else {
    const auto& ec = std::get<EcP256PublicKey>(key.key());
    jwk["kty"] = "EC";
    jwk["crv"] = "P-256";
    jwk["x"] = crypto::Base64UrlEncode(ec.X());
    jwk["y"] = crypto::Base64UrlEncode(ec.Y());
  }
  jwk["kid"] = key.kid();
  jwk["alg"] = AlgorithmName(key.algorithm());
  jwk["use"] = "sig";
  return jwk;
}

}  // namespace tongban::jose::detail
