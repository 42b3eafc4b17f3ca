#include "jose/jwt.hpp"

#include <gtest/gtest.h>

#include "crypto/base64url.hpp"

namespace tongban::jose {
namespace {

using std::chrono::seconds;

// 2026-01-01T00:00:00Z
constexpr std::int64_t kT0 = 1767225600;
Instant At(std::int64_t unix_seconds) {
  return Instant(seconds(unix_seconds));
}

void ExpectRejected(const Result<VerifiedJwt>& result, std::string_view reason, std::string_view field = {}) {
  ASSERT_FALSE(result.ok()) << "expected " << reason;
  EXPECT_EQ(result.error().reason, reason) << result.error().detail;
  EXPECT_EQ(result.error().code, ErrorCode::kUnauthenticated);
  if (!field.empty()) {
    EXPECT_EQ(result.error().field, field);
  }
}

class JwtTest : public ::testing::Test {
 protected:
  JwtTest() { EXPECT_TRUE(keys_.Add(key_.PublicKey()).ok()); }

  std::string Sign(std::string_view claims_json) {
    auto token = SignJwt(key_, claims_json);
    EXPECT_TRUE(token.ok()) << claims_json;
    return token.ok() ? *token : std::string();
  }

  Result<VerifiedJwt> Verify(std::string_view token, const JwtChecks& checks, Instant now) {
    return VerifyJwt(token, keys_, {Algorithm::kEdDsa}, checks, now);
  }

  // A token valid from kT0 to kT0 + 3600, for issuer "https://idp" and audience "rp".
  std::string Standard() {
    return Sign(
        R"({"iss":"https://idp","aud":"rp","sub":"p1","iat":1767225600,"nbf":1767225600,"exp":1767229200})");
  }
  JwtChecks StandardChecks() {
    JwtChecks checks;
    checks.issuer = "https://idp";
    checks.audience = "rp";
    return checks;
  }

  SigningKey key_ = SigningKey::Generate(Algorithm::kEdDsa);
  JwkSet keys_;
};

TEST_F(JwtTest, RegisteredClaimsRoundTrip) {
  RegisteredClaims claims;
  claims.issuer = "https://tongban.example.gov.cn";
  claims.subject = "person-1";
  claims.audience = {"dept-a"};
  claims.issued_at = At(kT0);
  claims.not_before = At(kT0);
  claims.expires_at = At(kT0 + 600);
  claims.jwt_id = "j-1";
  ExtraClaims extra;
  extra.SetString("nonce", "n-0S6").SetString("acr", "L2").SetString("name", "张三");
  extra.SetInteger("auth_time", kT0 - 5).SetBoolean("email_verified", false);
  extra.SetStringList("amr", {"pwd", "otp"}).SetJson("address", R"({"region":"上海"})");
  extra.SetString("acr", "L3");  // replaces, keeping its place
  auto token = SignJwt(key_, claims, extra);
  ASSERT_TRUE(token.ok()) << token.error().reason;

  JwtChecks checks;
  checks.issuer = claims.issuer;
  checks.audience = "dept-a";
  checks.type = "JWT";
  auto verified = Verify(*token, checks, At(kT0 + 1));
  ASSERT_TRUE(verified.ok()) << verified.error().reason;
  EXPECT_EQ(verified->claims.issuer, claims.issuer);
  EXPECT_EQ(verified->claims.subject, "person-1");
  EXPECT_EQ(verified->claims.audience, std::vector<std::string>{"dept-a"});
  EXPECT_EQ(verified->claims.issued_at, At(kT0));
  EXPECT_EQ(verified->claims.not_before, At(kT0));
  EXPECT_EQ(verified->claims.expires_at, At(kT0 + 600));
  EXPECT_EQ(verified->claims.jwt_id, "j-1");
  EXPECT_EQ(verified->key_id, key_.kid());
  EXPECT_EQ(
      verified->claims_json,
      R"({"iss":"https://tongban.example.gov.cn","sub":"person-1","aud":"dept-a","exp":1767226200,)"
      R"("nbf":1767225600,"iat":1767225600,"jti":"j-1","nonce":"n-0S6","acr":"L3","name":"张三",)"
      R"("auth_time":1767225595,"email_verified":false,"amr":["pwd","otp"],"address":{"region":"上海"}})");
  EXPECT_EQ(verified->StringClaim("nonce"), "n-0S6");
  EXPECT_EQ(verified->StringClaim("acr"), "L3");
  EXPECT_EQ(verified->IntegerClaim("auth_time"), kT0 - 5);
  EXPECT_EQ(verified->BooleanClaim("email_verified"), false);
  EXPECT_EQ(verified->StringListClaim("amr"), (std::vector<std::string>{"pwd", "otp"}));
  // Absent, or of another type: nullopt.
  EXPECT_EQ(verified->StringClaim("missing"), std::nullopt);
  EXPECT_EQ(verified->StringClaim("auth_time"), std::nullopt);
  EXPECT_EQ(verified->IntegerClaim("nonce"), std::nullopt);
  EXPECT_EQ(verified->BooleanClaim("nonce"), std::nullopt);
  EXPECT_EQ(verified->StringListClaim("address"), std::nullopt);
  EXPECT_EQ(verified->StringListClaim("aud"), std::nullopt);
}

TEST_F(JwtTest, IntegerClaimsMustBeWholeNumbers) {
  auto verified =
      Verify(Sign(R"({"exp":1767229200,"a":1767225600.0,"b":1.5,"c":18446744073709551615,"d":-3})"),
             JwtChecks{}, At(kT0));
  ASSERT_TRUE(verified.ok());
  EXPECT_EQ(verified->IntegerClaim("a"), kT0);
  EXPECT_EQ(verified->IntegerClaim("b"), std::nullopt);
  EXPECT_EQ(verified->IntegerClaim("c"), std::nullopt);
  EXPECT_EQ(verified->IntegerClaim("d"), -3);
  EXPECT_EQ(verified->IntegerClaim("exp"), 1767229200);
}

TEST_F(JwtTest, SeveralAudiencesAreWrittenAsAnArray) {
  RegisteredClaims claims;
  claims.audience = {"a", "b"};
  claims.expires_at = At(kT0 + 60);
  auto token = SignJwt(key_, claims);
  ASSERT_TRUE(token.ok());
  JwtChecks checks;
  checks.audience = "b";
  auto verified = Verify(*token, checks, At(kT0));
  ASSERT_TRUE(verified.ok());
  EXPECT_EQ(verified->claims_json, R"({"aud":["a","b"],"exp":1767225660})");
}

TEST_F(JwtTest, ClaimsTextIsSignedAsGiven) {
  std::string claims = "{ \"exp\" : 1767229200 ,\n \"x\": [1, 2] }";
  auto verified = Verify(Sign(claims), JwtChecks{}, At(kT0));
  ASSERT_TRUE(verified.ok());
  EXPECT_EQ(verified->claims_json, claims);
}

TEST_F(JwtTest, StandardTokenVerifies) {
  EXPECT_TRUE(Verify(Standard(), StandardChecks(), At(kT0)).ok());
  EXPECT_TRUE(Verify(Standard(), StandardChecks(), At(kT0 + 3599)).ok());
}

// --- exp -------------------------------------------------------------------

TEST_F(JwtTest, ExpiredAtExpItself) {
  ExpectRejected(Verify(Standard(), StandardChecks(), At(kT0 + 3600)), "jose.expired", "/exp");
  ExpectRejected(Verify(Standard(), StandardChecks(), At(kT0 + 86400)), "jose.expired");
}

TEST_F(JwtTest, LeewayExtendsExpiry) {
  JwtChecks checks = StandardChecks();
  checks.leeway = seconds(30);
  EXPECT_TRUE(Verify(Standard(), checks, At(kT0 + 3629)).ok());
  ExpectRejected(Verify(Standard(), checks, At(kT0 + 3630)), "jose.expired");
  checks.leeway = seconds(-30);  // counts as none
  ExpectRejected(Verify(Standard(), checks, At(kT0 + 3600)), "jose.expired");
}

TEST_F(JwtTest, FractionalExpIsHonoured) {
  std::string token = Sign(R"({"exp":1767225600.5})");
  EXPECT_TRUE(Verify(token, JwtChecks{}, At(kT0) + std::chrono::milliseconds(499)).ok());
  ExpectRejected(Verify(token, JwtChecks{}, At(kT0) + std::chrono::milliseconds(500)), "jose.expired");
}

TEST_F(JwtTest, ExpIsRequiredUnlessToldOtherwise) {
  std::string token = Sign(R"({"iss":"https://idp","aud":"rp"})");
  ExpectRejected(Verify(token, StandardChecks(), At(kT0)), "jose.missing_claim", "/exp");
  JwtChecks optional = StandardChecks();
  optional.expiry = ExpiryRule::kOptional;
  EXPECT_TRUE(Verify(token, optional, At(kT0)).ok());
  // Optional still means checked when present.
  ExpectRejected(Verify(Standard(), optional, At(kT0 + 3600)), "jose.expired");
}

// --- nbf and iat -----------------------------------------------------------

TEST_F(JwtTest, NotValidBeforeNbf) {
  ExpectRejected(Verify(Standard(), StandardChecks(), At(kT0 - 1)), "jose.not_yet_valid", "/nbf");
  JwtChecks checks = StandardChecks();
  checks.leeway = seconds(5);
  EXPECT_TRUE(Verify(Standard(), checks, At(kT0 - 5)).ok());
  ExpectRejected(Verify(Standard(), checks, At(kT0 - 6)), "jose.not_yet_valid");
}

TEST_F(JwtTest, IssuedInTheFutureIsRefused) {
  std::string token = Sign(R"({"iat":1767225700,"exp":1767229200})");
  ExpectRejected(Verify(token, JwtChecks{}, At(kT0)), "jose.issued_in_future", "/iat");
  JwtChecks checks;
  checks.leeway = seconds(100);
  EXPECT_TRUE(Verify(token, checks, At(kT0)).ok());
  EXPECT_TRUE(Verify(token, JwtChecks{}, At(kT0 + 100)).ok());
}

// --- iss and aud -----------------------------------------------------------

TEST_F(JwtTest, IssuerMustMatchExactly) {
  for (std::string_view issuer : {"https://idp/", "https://IDP", "https://idp.evil", ""}) {
    JwtChecks checks = StandardChecks();
    checks.issuer = std::string(issuer);
    ExpectRejected(Verify(Standard(), checks, At(kT0)), "jose.wrong_issuer", "/iss");
  }
  std::string no_issuer = Sign(R"({"aud":"rp","exp":1767229200})");
  ExpectRejected(Verify(no_issuer, StandardChecks(), At(kT0)), "jose.wrong_issuer");
  JwtChecks unchecked = StandardChecks();
  unchecked.issuer.reset();
  EXPECT_TRUE(Verify(no_issuer, unchecked, At(kT0)).ok());
}

TEST_F(JwtTest, AudienceStringOrArrayMustContainTheExpectedOne) {
  JwtChecks checks = StandardChecks();
  checks.issuer.reset();
  EXPECT_TRUE(Verify(Sign(R"({"aud":"rp","exp":1767229200})"), checks, At(kT0)).ok());
  EXPECT_TRUE(Verify(Sign(R"({"aud":["x","rp"],"exp":1767229200})"), checks, At(kT0)).ok());
  for (std::string_view claims : {R"({"aud":"rp2","exp":1767229200})", R"({"aud":"RP","exp":1767229200})",
                                  R"({"aud":["x","y"],"exp":1767229200})", R"({"aud":[],"exp":1767229200})",
                                  R"({"aud":"","exp":1767229200})", R"({"exp":1767229200})"}) {
    ExpectRejected(Verify(Sign(claims), checks, At(kT0)), "jose.wrong_audience", "/aud");
  }
}

// --- claim types -----------------------------------------------------------

TEST_F(JwtTest, RegisteredClaimsOfTheWrongTypeAreBadClaim) {
  struct Case {
    std::string claims;
    std::string field;
  };
  for (const Case& c : std::vector<Case>{
           {R"({"exp":"1767229200"})", "/exp"},
           {R"({"exp":null})", "/exp"},
           {R"({"exp":-1})", "/exp"},
           {R"({"exp":1e300})", "/exp"},
           {R"({"exp":99999999999999999999999})", "/exp"},
           {R"({"exp":7258118401})", "/exp"},
           {R"({"exp":1767229200,"nbf":true})", "/nbf"},
           {R"({"exp":1767229200,"iat":{}})", "/iat"},
           {R"({"exp":1767229200,"iss":5})", "/iss"},
           {R"({"exp":1767229200,"sub":["p"]})", "/sub"},
           {R"({"exp":1767229200,"jti":1})", "/jti"},
           {R"({"exp":1767229200,"aud":5})", "/aud"},
           {R"({"exp":1767229200,"aud":["rp",5]})", "/aud"},
       }) {
    // Sign the payload directly: SignJwt refuses to issue such tokens.
    ExpectRejected(Verify(SignCompact(key_, c.claims, "JWT"), JwtChecks{}, At(kT0)), "jose.bad_claim",
                   c.field);
  }
}

TEST_F(JwtTest, PayloadThatIsNotAJsonObjectIsBadJson) {
  for (std::string_view payload : {"", "not json", "[1,2]", "\"s\"", "{\"exp\":1"}) {
    ExpectRejected(Verify(SignCompact(key_, payload, "JWT"), JwtChecks{}, At(kT0)), "jose.bad_json");
  }
}

// --- typ -------------------------------------------------------------------

TEST_F(JwtTest, ExplicitTypeIsChecked) {
  auto access_token = SignJwt(key_, R"({"exp":1767229200})", "at+jwt");
  ASSERT_TRUE(access_token.ok());
  JwtChecks checks;
  for (std::string_view type : {"at+jwt", "AT+JWT", "application/at+jwt"}) {
    checks.type = std::string(type);
    EXPECT_TRUE(Verify(*access_token, checks, At(kT0)).ok()) << type;
  }
  // An ID token (typ JWT) is not an access token.
  checks.type = "at+jwt";
  ExpectRejected(Verify(Standard(), checks, At(kT0)), "jose.wrong_type");
  ExpectRejected(Verify(SignCompact(key_, R"({"exp":1767229200})"), checks, At(kT0)), "jose.wrong_type");
}

// --- the JWS rules apply ---------------------------------------------------

TEST_F(JwtTest, JwsRulesApply) {
  ExpectRejected(VerifyJwt(Standard(), keys_, {Algorithm::kEs256}, StandardChecks(), At(kT0)),
                 "jose.alg_not_allowed");
  std::string token = Standard();
  token.back() = token.back() == 'A' ? 'Q' : 'A';
  auto result = Verify(token, StandardChecks(), At(kT0));
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(result.error().reason == "jose.bad_signature" || result.error().reason == "jose.bad_base64url");
  // An expired token with a bad signature reports the signature, not the time.
  std::string expired = Standard();
  std::string other = SignJwt(SigningKey::Generate(Algorithm::kEdDsa), R"({"exp":1})").value();
  std::string spliced = expired.substr(0, expired.rfind('.')) + other.substr(other.rfind('.'));
  ExpectRejected(Verify(spliced, StandardChecks(), At(kT0 + 999999)), "jose.bad_signature");
}

// --- signing ---------------------------------------------------------------

TEST_F(JwtTest, SigningRefusesBadClaims) {
  for (std::string_view claims : {"", "[]", "{\"exp\":\"soon\"}", "{\"aud\":[1]}", "{"}) {
    auto token = SignJwt(key_, claims);
    ASSERT_FALSE(token.ok()) << claims;
    EXPECT_EQ(token.error().reason, "jose.bad_claims");
    EXPECT_EQ(token.error().code, ErrorCode::kInvalidArgument);
  }
  RegisteredClaims registered;
  registered.issuer = "https://idp";
  for (const ExtraClaims& extra :
       {ExtraClaims().SetString("iss", "x"), ExtraClaims().SetInteger("exp", 1),
        ExtraClaims().SetJson("blob", "{nope"), ExtraClaims().SetJson("blob", "")}) {
    auto token = SignJwt(key_, registered, extra);
    ASSERT_FALSE(token.ok());
    EXPECT_EQ(token.error().reason, "jose.bad_claims");
  }
}

TEST_F(JwtTest, SigningRefusesTokensTooLargeToVerify) {
  auto token = SignJwt(key_, R"({"exp":1767229200,"blob":")" + std::string(kMaxTokenSize, 'x') + "\"}");
  ASSERT_FALSE(token.ok());
  EXPECT_EQ(token.error().reason, "jose.token_too_large");
}

}  // namespace
}  // namespace tongban::jose
