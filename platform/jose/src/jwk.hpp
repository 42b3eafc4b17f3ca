// Private to tongban::jose: one JWK to and from its JSON object, shared by
// VerificationKey and JwkSet.
#pragma once

#include <boost/json/object.hpp>

#include "core/error.hpp"
#include "jose/verification_key.hpp"

namespace tongban::jose::detail {

inline constexpr std::string_view kUnsupportedKey = "jose.unsupported_key";

// See VerificationKey::FromJwk for the rules and reasons.
Result<VerificationKey> ParseJwk(const boost::json::object& jwk);

boost::json::object JwkObject(const VerificationKey& key);

}  // namespace tongban::jose::detail
