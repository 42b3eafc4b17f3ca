#include "jose/jwk_set.hpp"

#include <gtest/gtest.h>

#include "crypto/base64url.hpp"
#include "jose/signing_key.hpp"

namespace tongban::jose {
namespace {

// RFC 8037 appendix A.2 (Ed25519) and RFC 7515 appendix A.3 (P-256) public keys.
constexpr std::string_view kEdX = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
constexpr std::string_view kEcX = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";
constexpr std::string_view kEcY = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0";

std::string EdJwk(std::string_view extra = {}) {
  return R"({"kty":"OKP","crv":"Ed25519","x":")" + std::string(kEdX) + "\"" + std::string(extra) + "}";
}
std::string EcJwk(std::string_view extra = {}) {
  return R"({"kty":"EC","crv":"P-256","x":")" + std::string(kEcX) + R"(","y":")" + std::string(kEcY) + "\"" +
         std::string(extra) + "}";
}
std::string Jwks(std::initializer_list<std::string> keys) {
  std::string out = R"({"keys":[)";
  bool first = true;
  for (const std::string& key : keys) {
    if (!first) out += ",";
    out += key;
    first = false;
  }
  return out + "]}";
}

void ExpectError(const Result<JwkSet>& result, std::string_view reason, std::string_view field = {}) {
  ASSERT_FALSE(result.ok()) << "expected " << reason;
  EXPECT_EQ(result.error().reason, reason) << result.error().detail;
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(result.error().field, field);
}

TEST(JwkTest, Ed25519JwkHasTheDocumentedForm) {
  auto key = VerificationKey::FromJwk(EdJwk());
  ASSERT_TRUE(key.ok()) << key.error().detail;
  EXPECT_EQ(key->algorithm(), Algorithm::kEdDsa);
  // RFC 8037 A.3: the thumbprint, used as the kid when the JWK has none.
  EXPECT_EQ(key->kid(), "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
  EXPECT_EQ(key->ToJwk(),
            R"({"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",)"
            R"("kid":"kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k","alg":"EdDSA","use":"sig"})");
}

TEST(JwkTest, P256JwkHasTheDocumentedForm) {
  auto key = VerificationKey::FromJwk(EcJwk(R"(,"kid":"k1")"));
  ASSERT_TRUE(key.ok()) << key.error().detail;
  EXPECT_EQ(key->algorithm(), Algorithm::kEs256);
  EXPECT_EQ(key->kid(), "k1");
  // The thumbprint npm `jose` 5.10 computes for this key (calculateJwkThumbprint).
  EXPECT_EQ(key->Thumbprint(), "oKIywvGUpTVTyxMQ3bwIIeQUudfr_CkLMjCE19ECD-U");
  EXPECT_EQ(key->ToJwk(),
            R"({"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",)"
            R"("y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","kid":"k1","alg":"ES256","use":"sig"})");
}

TEST(JwkTest, GeneratedKeysAreNamedByTheirThumbprint) {
  for (Algorithm alg : {Algorithm::kEdDsa, Algorithm::kEs256}) {
    SigningKey key = SigningKey::Generate(alg);
    EXPECT_EQ(key.kid(), key.PublicKey().Thumbprint());
    EXPECT_EQ(key.kid().size(), 43u);
    EXPECT_EQ(key.algorithm(), alg);
    SigningKey named = SigningKey::FromPem(key.ToPem(), "2026-01").value();
    EXPECT_EQ(named.kid(), "2026-01");
    EXPECT_EQ(named.PublicKey().Thumbprint(), key.kid());
  }
}

TEST(JwkTest, SigningKeyPemOfAnotherTypeIsRefused) {
  auto key = SigningKey::FromPem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
  ASSERT_FALSE(key.ok());
  EXPECT_EQ(key.error().reason, "jose.malformed_key");
}

TEST(JwkTest, PrivateMembersAreIgnored) {
  auto key = VerificationKey::FromJwk(EdJwk(R"(,"d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A")"));
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(key->ToJwk().find("\"d\""), std::string::npos);
}

TEST(JwkTest, UnsupportedKeysAreNamedAsSuch) {
  for (
      std::string jwk : {
          std::string(
              R"({"kty":"RSA","n":"sXchDaQebHnPiGvyDOAT4saGEUetSyo9MKLOoWFsueri23bOdgWp4Dy1Wl","e":"AQAB"})"),
          std::string(
              R"({"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"})"),
          std::string(R"({"kty":"OKP","crv":"Ed448","x":"AAAA"})"),
          std::string(R"({"kty":"OKP","crv":"X25519","x":"AAAA"})"),
          std::string(R"({"kty":"EC","crv":"P-384","x":"AAAA","y":"AAAA"})"),
          std::string(R"({"kty":"EC","crv":"secp256k1","x":"AAAA","y":"AAAA"})"),
          EcJwk(R"(,"use":"enc")"),
          EcJwk(R"(,"alg":"ECDH-ES")"),
          EcJwk(R"(,"alg":"EdDSA")"),
          EdJwk(R"(,"alg":"ES256")"),
          EdJwk(R"(,"key_ops":["sign"])"),
      }) {
    auto key = VerificationKey::FromJwk(jwk);
    ASSERT_FALSE(key.ok()) << jwk;
    EXPECT_EQ(key.error().reason, "jose.unsupported_key") << jwk;
  }
  EXPECT_TRUE(VerificationKey::FromJwk(EdJwk(R"(,"key_ops":["verify"],"use":"sig","alg":"EdDSA")")).ok());
}

TEST(JwkTest, BrokenSupportedKeysAreMalformed) {
  std::string short_x = crypto::Base64UrlEncode(std::string(31, 'a'));
  for (std::string jwk : {
           std::string("not json"),
           std::string("[]"),
           std::string(R"({"crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"})"),
           std::string(R"({"kty":5})"),
           std::string(R"({"kty":"OKP","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"})"),
           std::string(R"({"kty":"OKP","crv":"Ed25519"})"),
           std::string(R"({"kty":"OKP","crv":"Ed25519","x":")") + short_x + "\"}",
           std::string(R"({"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo="})"),
           std::string(R"({"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo"})"),
           std::string(R"({"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU"})"),
           std::string(R"({"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",)"
                       R"("y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5b0"})"),  // not on the curve
           EdJwk(R"(,"kid":7)"),
           EdJwk(R"(,"alg":null)"),
           EdJwk(R"(,"use":1)"),
           EdJwk(R"(,"key_ops":"verify")"),
       }) {
    auto key = VerificationKey::FromJwk(jwk);
    ASSERT_FALSE(key.ok()) << jwk;
    EXPECT_EQ(key.error().reason, "jose.malformed_jwk") << jwk;
    EXPECT_EQ(key.error().code, ErrorCode::kInvalidArgument);
  }
}

TEST(JwkSetTest, DocumentRoundTrips) {
  SigningKey ed = SigningKey::Generate(Algorithm::kEdDsa);
  SigningKey ec = SigningKey::Generate(Algorithm::kEs256);
  JwkSet set;
  ASSERT_TRUE(set.Add(ed.PublicKey()).ok());
  ASSERT_TRUE(set.Add(ec.PublicKey()).ok());
  std::string json = set.ToJson();
  EXPECT_EQ(json, "{\"keys\":[" + ed.PublicKey().ToJwk() + "," + ec.PublicKey().ToJwk() + "]}");

  auto parsed = JwkSet::Parse(json);
  ASSERT_TRUE(parsed.ok()) << parsed.error().detail;
  ASSERT_EQ(parsed->size(), 2u);
  EXPECT_EQ(parsed->Find(ed.kid())->algorithm(), Algorithm::kEdDsa);
  EXPECT_EQ(parsed->Find(ec.kid())->algorithm(), Algorithm::kEs256);
  EXPECT_EQ(parsed->ToJson(), json);
  EXPECT_EQ(parsed->Find("nope"), nullptr);
}

TEST(JwkSetTest, EmptySetIsAnEmptyKeysArray) {
  EXPECT_EQ(JwkSet().ToJson(), R"({"keys":[]})");
  auto parsed = JwkSet::Parse(R"({"keys":[]})");
  ASSERT_TRUE(parsed.ok());
  EXPECT_TRUE(parsed->empty());
}

// A federated provider's JWKS often also holds RSA keys and encryption keys:
// those are skipped, the usable ones kept.
TEST(JwkSetTest, UnusableKeysAreSkipped) {
  auto set = JwkSet::Parse(Jwks({
      R"({"kty":"RSA","kid":"rsa1","use":"sig","alg":"RS256","n":"0vx7agoebGcQSuuPiLJXZpt","e":"AQAB"})",
      EcJwk(R"(,"kid":"enc","use":"enc","alg":"ECDH-ES")"),
      EcJwk(R"(,"kid":"ec","use":"sig","alg":"ES256")"),
      R"({"kty":"EC","crv":"P-521","kid":"p521","x":"AA","y":"AA"})",
      EdJwk(R"(,"kid":"ed")"),
  }));
  ASSERT_TRUE(set.ok()) << set.error().detail;
  ASSERT_EQ(set->size(), 2u);
  EXPECT_EQ(set->keys()[0].kid(), "ec");
  EXPECT_EQ(set->keys()[1].kid(), "ed");
}

TEST(JwkSetTest, MalformedDocumentsAreRefused) {
  ExpectError(JwkSet::Parse("nope"), "jose.malformed_jwks");
  ExpectError(JwkSet::Parse("[]"), "jose.malformed_jwks");
  ExpectError(JwkSet::Parse("{}"), "jose.malformed_jwks");
  ExpectError(JwkSet::Parse(R"({"keys":{}})"), "jose.malformed_jwks");
  ExpectError(JwkSet::Parse(Jwks({EdJwk(), "5"})), "jose.malformed_jwk", "/keys/1");
  ExpectError(JwkSet::Parse(Jwks({EdJwk(R"(,"kid":false)")})), "jose.malformed_jwk", "/keys/0");
  ExpectError(JwkSet::Parse(Jwks({EcJwk(), R"({"kty":"OKP","crv":"Ed25519","x":"AAAA"})"})),
              "jose.malformed_jwk", "/keys/1");
}

TEST(JwkSetTest, DuplicateKidsAreRefused) {
  ExpectError(JwkSet::Parse(Jwks({EdJwk(R"(,"kid":"same")"), EcJwk(R"(,"kid":"same")")})),
              "jose.duplicate_kid", "/keys/1");
  JwkSet set;
  SigningKey key = SigningKey::Generate(Algorithm::kEdDsa);
  ASSERT_TRUE(set.Add(key.PublicKey()).ok());
  Status again = set.Add(key.PublicKey());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().reason, "jose.duplicate_kid");
  EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);
}

TEST(JwkSetTest, OversizedDocumentsAreRefused) {
  std::string padding(JwkSet::kMaxDocumentSize, ' ');
  ExpectError(JwkSet::Parse(R"({"keys":[]})" + padding), "jose.malformed_jwks");
  std::vector<std::string> many;
  std::string json = R"({"keys":[)";
  for (std::size_t i = 0; i <= JwkSet::kMaxKeys; ++i) {
    if (i > 0) json += ",";
    json += EdJwk(R"(,"kid":"k)" + std::to_string(i) + "\"");
  }
  json += "]}";
  ExpectError(JwkSet::Parse(json), "jose.malformed_jwks");
}

}  // namespace
}  // namespace tongban::jose
