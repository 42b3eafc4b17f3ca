#include "jose/jws.hpp"

#include "crypto/base64url.hpp"
#include "json_util.hpp"

namespace tongban::jose {
namespace {

Error Reject(std::string reason, std::string message_en, std::string detail = {}) {
  return Error::Make(ErrorCode::kUnauthenticated, std::move(reason), "令牌无效", std::move(message_en))
      .WithDetail(std::move(detail));
}

struct Segments {
  std::string_view header;
  std::string_view payload;
  std::string_view signature;
};

Result<Segments> Split(std::string_view token) {
  std::size_t first = token.find('.');
  std::size_t second = first == std::string_view::npos ? first : token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) {
    return Reject("jose.malformed", "the token is not a compact JWS (three dot-separated parts)");
  }
  return Segments{token.substr(0, first), token.substr(first + 1, second - first - 1),
                  token.substr(second + 1)};
}

Result<std::string> Decode(std::string_view segment, std::string_view what) {
  std::optional<std::string> bytes = crypto::Base64UrlDecode(segment);
  if (!bytes) return Reject("jose.bad_base64url", "the token's " + std::string(what) + " is not base64url");
  return std::move(*bytes);
}

// "kid" and "typ" are optional strings.
Result<std::string> OptionalString(const boost::json::object& header, std::string_view name) {
  const boost::json::value* v = detail::Find(header, name);
  if (v == nullptr) return std::string();
  if (!v->is_string()) {
    return Reject("jose.bad_header", "the token header's \"" + std::string(name) + "\" is not a string");
  }
  return std::string(v->get_string());
}

Result<JwsHeader> ReadHeader(const boost::json::object& header, AlgorithmSet allowed) {
  if (detail::Find(header, "crit") != nullptr) {
    return Reject("jose.crit_unsupported", "the token requires extensions (\"crit\") that are not supported");
  }
  const boost::json::value* alg = detail::Find(header, "alg");
  if (alg == nullptr || !alg->is_string()) {
    return Reject("jose.bad_header", "the token header has no \"alg\" string");
  }
  std::string_view name = alg->get_string();
  if (name == "none") return Reject("jose.alg_none", "unsigned tokens (\"alg\":\"none\") are refused");
  std::optional<Algorithm> algorithm = ParseAlgorithm(name);
  if (!algorithm) {
    return Reject("jose.unsupported_alg", "the token's algorithm is not supported",
                  "alg " + std::string(name));
  }
  if (!allowed.Contains(*algorithm)) {
    return Reject("jose.alg_not_allowed", "the token's algorithm is not allowed here",
                  "alg " + std::string(name));
  }
  JwsHeader out;
  out.algorithm = *algorithm;
  TONGBAN_ASSIGN_OR_RETURN(out.kid, OptionalString(header, "kid"));
  TONGBAN_ASSIGN_OR_RETURN(out.type, OptionalString(header, "typ"));
  return out;
}

Result<const VerificationKey*> SelectKey(const JwsHeader& header, const JwkSet& keys) {
  const VerificationKey* key = nullptr;
  if (header.kid.empty()) {
    if (keys.size() > 1) return Reject("jose.missing_kid", "the token names no key (\"kid\")");
    if (keys.empty()) return Reject("jose.unknown_kid", "no key is configured to verify the token");
    key = &keys.keys().front();
  } else {
    key = keys.Find(header.kid);
    if (key == nullptr) return Reject("jose.unknown_kid", "the token's key is unknown", "kid " + header.kid);
  }
  // The defence against algorithm confusion: the key decides the algorithm.
  if (key->algorithm() != header.algorithm) {
    return Reject("jose.alg_key_mismatch", "the token's algorithm does not match its key",
                  "alg " + std::string(AlgorithmName(header.algorithm)) + ", key " + key->kid() + " is " +
                      std::string(AlgorithmName(key->algorithm())));
  }
  return key;
}

}  // namespace

std::string SignCompact(const SigningKey& key, std::string_view payload, std::string_view type) {
  boost::json::object header;
  header["alg"] = AlgorithmName(key.algorithm());
  header["kid"] = key.kid();
  if (!type.empty()) header["typ"] = type;
  std::string token = crypto::Base64UrlEncode(detail::Serialize(header));
  token += '.';
  token += crypto::Base64UrlEncode(payload);
  std::string signature = key.Sign(token);
  token += '.';
  token += crypto::Base64UrlEncode(signature);
  return token;
}

Result<VerifiedJws> VerifyCompact(std::string_view token, const JwkSet& keys, AlgorithmSet allowed) {
  if (token.size() > kMaxTokenSize) {
    return Reject("jose.token_too_large", "the token is too large", std::to_string(token.size()) + " bytes");
  }
  TONGBAN_ASSIGN_OR_RETURN(Segments segments, Split(token));
  TONGBAN_ASSIGN_OR_RETURN(std::string header_json, Decode(segments.header, "header"));
  TONGBAN_ASSIGN_OR_RETURN(std::string payload, Decode(segments.payload, "payload"));
  TONGBAN_ASSIGN_OR_RETURN(std::string signature, Decode(segments.signature, "signature"));
  std::optional<boost::json::object> header_object = detail::ParseObject(header_json);
  if (!header_object) return Reject("jose.bad_json", "the token header is not a JSON object");
  TONGBAN_ASSIGN_OR_RETURN(JwsHeader header, ReadHeader(*header_object, allowed));
  TONGBAN_ASSIGN_OR_RETURN(const VerificationKey* key, SelectKey(header, keys));
  // The signing input is the token's own text up to the second dot, never a
  // re-encoding of what was decoded.
  std::string_view signing_input = token.substr(0, segments.header.size() + 1 + segments.payload.size());
  TONGBAN_RETURN_IF_ERROR(key->Verify(signing_input, signature));
  return VerifiedJws{std::move(header), std::move(payload), key->kid()};
}

}  // namespace tongban::jose
