#include "jose/jwk_set.hpp"

#include <boost/json/array.hpp>

#include "json_util.hpp"
#include "jwk.hpp"

namespace tongban::jose {
namespace {

Error MalformedJwks(std::string message_en, std::string detail = {}) {
  return Error::Make(ErrorCode::kInvalidArgument, "jose.malformed_jwks", "JWKS 文档格式无效",
                     std::move(message_en))
      .WithDetail(std::move(detail));
}

}  // namespace

Status JwkSet::Add(VerificationKey key) {
  if (Find(key.kid()) != nullptr) {
    return Error::Make(ErrorCode::kAlreadyExists, "jose.duplicate_kid", "密钥标识重复",
                       "two keys have the same key ID")
        .WithDetail("kid " + key.kid());
  }
  keys_.push_back(std::move(key));
  return Status::Ok();
}

const VerificationKey* JwkSet::Find(std::string_view kid) const {
  for (const VerificationKey& key : keys_) {
    if (key.kid() == kid) return &key;
  }
  return nullptr;
}

std::string JwkSet::ToJson() const {
  boost::json::array keys;
  keys.reserve(keys_.size());
  for (const VerificationKey& key : keys_) keys.emplace_back(detail::JwkObject(key));
  boost::json::object document;
  document["keys"] = std::move(keys);
  return detail::Serialize(document);
}

Result<JwkSet> JwkSet::Parse(std::string_view jwks_json) {
  if (jwks_json.size() > kMaxDocumentSize) {
    return MalformedJwks("the JWKS document is too large", std::to_string(jwks_json.size()) + " bytes");
  }
  std::optional<boost::json::object> document = detail::ParseObject(jwks_json);
  if (!document) return MalformedJwks("the JWKS document is not a JSON object");
  const boost::json::value* keys = detail::Find(*document, "keys");
  if (keys == nullptr || !keys->is_array()) return MalformedJwks("the JWKS document has no \"keys\" array");
  if (keys->get_array().size() > kMaxKeys) {
    return MalformedJwks("the JWKS document has too many keys", std::to_string(keys->get_array().size()));
  }
  JwkSet set;
  std::size_t index = 0;
  for (const boost::json::value& entry : keys->get_array()) {
    std::string field = "/keys/" + std::to_string(index++);
    if (!entry.is_object()) {
      return Error::Make(ErrorCode::kInvalidArgument, "jose.malformed_jwk", "JWK 格式无效",
                         "a JWKS entry is not a JSON object", field);
    }
    Result<VerificationKey> key = detail::ParseJwk(entry.get_object());
    if (!key.ok()) {
      if (key.error().reason == detail::kUnsupportedKey) continue;
      Error error = key.error();
      error.field = field;
      return error;
    }
    Status added = set.Add(std::move(key).value());
    if (!added.ok()) {
      Error error = std::move(added.error());
      error.code = ErrorCode::kInvalidArgument;
      error.field = field;
      return error;
    }
  }
  return set;
}

}  // namespace tongban::jose
