#include "jose/jwt.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <limits>

#include "json_util.hpp"

namespace tongban::jose {
namespace {

constexpr std::string_view kRegisteredNames[] = {"iss", "sub", "aud", "exp", "nbf", "iat", "jti"};

Error Reject(std::string reason, std::string message_en, std::string field = {}, std::string detail = {}) {
  return Error::Make(ErrorCode::kUnauthenticated, std::move(reason), "令牌无效", std::move(message_en),
                     std::move(field))
      .WithDetail(std::move(detail));
}

Error BadClaim(std::string_view name, std::string what) {
  return Reject("jose.bad_claim", "the token's \"" + std::string(name) + "\" claim " + what,
                "/" + std::string(name));
}

Result<std::string> StringClaim(const boost::json::object& claims, std::string_view name) {
  const boost::json::value* v = detail::Find(claims, name);
  if (v == nullptr) return std::string();
  if (!v->is_string()) return BadClaim(name, "is not a string");
  return std::string(v->get_string());
}

// RFC 7519 §2 NumericDate: seconds since the epoch, possibly fractional.
Result<std::optional<Instant>> TimeClaim(const boost::json::object& claims, std::string_view name) {
  const boost::json::value* v = detail::Find(claims, name);
  if (v == nullptr) return std::optional<Instant>();
  double seconds = 0;
  if (v->is_int64()) {
    seconds = static_cast<double>(v->get_int64());
  } else if (v->is_uint64()) {
    seconds = static_cast<double>(v->get_uint64());
  } else if (v->is_double()) {
    seconds = v->get_double();
  } else {
    return BadClaim(name, "is not a number");
  }
  if (!std::isfinite(seconds) || seconds < 0 || seconds > static_cast<double>(kMaxNumericDate)) {
    return BadClaim(name, "is out of range");
  }
  auto since_epoch = std::chrono::duration_cast<Instant::duration>(std::chrono::duration<double>(seconds));
  return std::optional<Instant>(Instant(since_epoch));
}

Result<std::vector<std::string>> AudienceClaim(const boost::json::object& claims) {
  const boost::json::value* v = detail::Find(claims, "aud");
  std::vector<std::string> audience;
  if (v == nullptr) return audience;
  if (v->is_string()) {
    audience.emplace_back(v->get_string());
    return audience;
  }
  if (!v->is_array()) return BadClaim("aud", "is neither a string nor an array");
  for (const boost::json::value& entry : v->get_array()) {
    if (!entry.is_string()) return BadClaim("aud", "holds a non-string");
    audience.emplace_back(entry.get_string());
  }
  return audience;
}

Result<RegisteredClaims> ReadRegisteredClaims(const boost::json::object& claims) {
  RegisteredClaims out;
  TONGBAN_ASSIGN_OR_RETURN(out.issuer, StringClaim(claims, "iss"));
  TONGBAN_ASSIGN_OR_RETURN(out.subject, StringClaim(claims, "sub"));
  TONGBAN_ASSIGN_OR_RETURN(out.jwt_id, StringClaim(claims, "jti"));
  TONGBAN_ASSIGN_OR_RETURN(out.audience, AudienceClaim(claims));
  TONGBAN_ASSIGN_OR_RETURN(out.expires_at, TimeClaim(claims, "exp"));
  TONGBAN_ASSIGN_OR_RETURN(out.not_before, TimeClaim(claims, "nbf"));
  TONGBAN_ASSIGN_OR_RETURN(out.issued_at, TimeClaim(claims, "iat"));
  return out;
}

// RFC 7515 §4.1.9: "typ" is a media type, compared case-insensitively, and
// "application/" may be left out.
std::string NormalisedType(std::string_view type) {
  std::string out(type);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  constexpr std::string_view kPrefix = "application/";
  if (out.starts_with(kPrefix) && out.find('/', kPrefix.size()) == std::string::npos) {
    out.erase(0, kPrefix.size());
  }
  return out;
}

std::string FormatSeconds(Instant t) {
  return std::to_string(std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count());
}

Status CheckClaims(const RegisteredClaims& claims, const JwtChecks& checks, Instant now) {
  if (checks.issuer && claims.issuer != *checks.issuer) {
    return Reject("jose.wrong_issuer", "the token was issued by someone else", "/iss",
                  "iss \"" + claims.issuer + "\"");
  }
  if (checks.audience &&
      std::find(claims.audience.begin(), claims.audience.end(), *checks.audience) == claims.audience.end()) {
    return Reject("jose.wrong_audience", "the token is meant for someone else", "/aud");
  }
  const std::chrono::seconds leeway = std::max(checks.leeway, std::chrono::seconds(0));
  if (!claims.expires_at) {
    if (checks.expiry == ExpiryRule::kRequired) {
      return Reject("jose.missing_claim", "the token has no expiry (\"exp\")", "/exp");
    }
  } else if (now >= *claims.expires_at + leeway) {
    return Reject("jose.expired", "the token has expired", "/exp",
                  "exp " + FormatSeconds(*claims.expires_at));
  }
  if (claims.not_before && now < *claims.not_before - leeway) {
    return Reject("jose.not_yet_valid", "the token is not valid yet", "/nbf",
                  "nbf " + FormatSeconds(*claims.not_before));
  }
  if (claims.issued_at && *claims.issued_at > now + leeway) {
    return Reject("jose.issued_in_future", "the token claims to be issued in the future", "/iat",
                  "iat " + FormatSeconds(*claims.issued_at));
  }
  return Status::Ok();
}

Error BadClaims(std::string message_en, std::string detail = {}) {
  return Error::Make(ErrorCode::kInvalidArgument, "jose.bad_claims", "令牌声明无效", std::move(message_en))
      .WithDetail(std::move(detail));
}

std::int64_t NumericDate(Instant t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

// Signs claims already known to be a JSON object with registered claims of
// the right types.
Result<std::string> SignCheckedClaims(const SigningKey& key, std::string_view claims_json,
                                      std::string_view type) {
  std::string token = SignCompact(key, claims_json, type);
  if (token.size() > kMaxTokenSize) {
    return Error::Make(ErrorCode::kInvalidArgument, "jose.token_too_large", "令牌过大",
                       "the claims make the token too large")
        .WithDetail(std::to_string(token.size()) + " bytes");
  }
  return token;
}

}  // namespace

Result<std::string> SignJwt(const SigningKey& key, std::string_view claims_json, std::string_view type) {
  std::optional<boost::json::object> claims = detail::ParseObject(claims_json);
  if (!claims) return BadClaims("the claims are not a JSON object");
  Result<RegisteredClaims> registered = ReadRegisteredClaims(*claims);
  if (!registered.ok()) return BadClaims("a registered claim has the wrong type", registered.error().field);
  return SignCheckedClaims(key, claims_json, type);
}

ExtraClaims& ExtraClaims::Set(std::string name, Value value) {
  for (auto& member : members_) {
    if (member.first == name) {
      member.second = std::move(value);
      return *this;
    }
  }
  members_.emplace_back(std::move(name), std::move(value));
  return *this;
}

ExtraClaims& ExtraClaims::SetString(std::string name, std::string value) {
  return Set(std::move(name), Value(std::in_place_index<0>, std::move(value)));
}
ExtraClaims& ExtraClaims::SetInteger(std::string name, std::int64_t value) {
  return Set(std::move(name), Value(std::in_place_index<1>, value));
}
ExtraClaims& ExtraClaims::SetBoolean(std::string name, bool value) {
  return Set(std::move(name), Value(std::in_place_index<2>, value));
}
ExtraClaims& ExtraClaims::SetStringList(std::string name, std::vector<std::string> values) {
  return Set(std::move(name), Value(std::in_place_index<3>, std::move(values)));
}
ExtraClaims& ExtraClaims::SetJson(std::string name, std::string json) {
  return Set(std::move(name), Value(std::in_place_index<4>, Json{std::move(json)}));
}

Result<std::string> SignJwt(const SigningKey& key, const RegisteredClaims& claims, const ExtraClaims& extra,
                            std::string_view type) {
  boost::json::object object;
  if (!claims.issuer.empty()) object["iss"] = claims.issuer;
  if (!claims.subject.empty()) object["sub"] = claims.subject;
  if (claims.audience.size() == 1) {
    object["aud"] = claims.audience.front();
  } else if (claims.audience.size() > 1) {
    boost::json::array audience;
    for (const std::string& a : claims.audience) audience.emplace_back(a);
    object["aud"] = std::move(audience);
  }
  if (claims.expires_at) object["exp"] = NumericDate(*claims.expires_at);
  if (claims.not_before) object["nbf"] = NumericDate(*claims.not_before);
  if (claims.issued_at) object["iat"] = NumericDate(*claims.issued_at);
  if (!claims.jwt_id.empty()) object["jti"] = claims.jwt_id;
  for (const auto& [name, value] : extra.members()) {
    if (std::find(std::begin(kRegisteredNames), std::end(kRegisteredNames), name) !=
        std::end(kRegisteredNames)) {
      return BadClaims("the extra claims repeat a registered claim", name);
    }
    boost::json::value& slot = object[name];
    if (const auto* text = std::get_if<std::string>(&value)) {
      slot = *text;
    } else if (const auto* integer = std::get_if<std::int64_t>(&value)) {
      slot = *integer;
    } else if (const auto* boolean = std::get_if<bool>(&value)) {
      slot = *boolean;
    } else if (const auto* list = std::get_if<std::vector<std::string>>(&value)) {
      boost::json::array array;
      for (const std::string& item : *list) array.emplace_back(item);
      slot = std::move(array);
    } else {
      boost::system::error_code ec;
      slot = boost::json::parse(std::get<ExtraClaims::Json>(value).text, ec);
      if (ec) return BadClaims("an extra claim is not valid JSON", name);
    }
  }
  // Built here from typed claims: no need to parse it back to check it.
  return SignCheckedClaims(key, detail::Serialize(object), type);
}

namespace {

const boost::json::value* FindClaim(std::string_view claims_json, std::string_view name,
                                    std::optional<boost::json::object>& storage) {
  storage = detail::ParseObject(claims_json);
  return storage ? detail::Find(*storage, name) : nullptr;
}

}  // namespace

std::optional<std::string> VerifiedJwt::StringClaim(std::string_view name) const {
  std::optional<boost::json::object> storage;
  const boost::json::value* v = FindClaim(claims_json, name, storage);
  if (v == nullptr || !v->is_string()) return std::nullopt;
  return std::string(v->get_string());
}

std::optional<std::int64_t> VerifiedJwt::IntegerClaim(std::string_view name) const {
  std::optional<boost::json::object> storage;
  const boost::json::value* v = FindClaim(claims_json, name, storage);
  if (v == nullptr) return std::nullopt;
  if (v->is_int64()) return v->get_int64();
  if (v->is_uint64() &&
      v->get_uint64() <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    return static_cast<std::int64_t>(v->get_uint64());
  }
  // 1767225600.0 is a whole number too; |d| < 2^63 keeps the cast defined.
  if (v->is_double() && std::trunc(v->get_double()) == v->get_double() &&
      std::fabs(v->get_double()) < 9.2e18) {
    return static_cast<std::int64_t>(v->get_double());
  }
  return std::nullopt;
}

std::optional<bool> VerifiedJwt::BooleanClaim(std::string_view name) const {
  std::optional<boost::json::object> storage;
  const boost::json::value* v = FindClaim(claims_json, name, storage);
  if (v == nullptr || !v->is_bool()) return std::nullopt;
  return v->get_bool();
}

std::optional<std::vector<std::string>> VerifiedJwt::StringListClaim(std::string_view name) const {
  std::optional<boost::json::object> storage;
  const boost::json::value* v = FindClaim(claims_json, name, storage);
  if (v == nullptr || !v->is_array()) return std::nullopt;
  std::vector<std::string> out;
  for (const boost::json::value& item : v->get_array()) {
    if (!item.is_string()) return std::nullopt;
    out.emplace_back(item.get_string());
  }
  return out;
}

Result<VerifiedJwt> VerifyJwt(std::string_view token, const JwkSet& keys, AlgorithmSet allowed,
                              const JwtChecks& checks, Instant now) {
  TONGBAN_ASSIGN_OR_RETURN(VerifiedJws jws, VerifyCompact(token, keys, allowed));
  if (checks.type && NormalisedType(jws.header.type) != NormalisedType(*checks.type)) {
    return Reject("jose.wrong_type", "the token is of another type", {}, "typ \"" + jws.header.type + "\"");
  }
  std::optional<boost::json::object> claims = detail::ParseObject(jws.payload);
  if (!claims) return Reject("jose.bad_json", "the token's claims are not a JSON object");
  TONGBAN_ASSIGN_OR_RETURN(RegisteredClaims registered, ReadRegisteredClaims(*claims));
  TONGBAN_RETURN_IF_ERROR(CheckClaims(registered, checks, now));
  return VerifiedJwt{std::move(jws.header), std::move(jws.key_id), std::move(registered),
                     std::move(jws.payload)};
}

}  // namespace tongban::jose
