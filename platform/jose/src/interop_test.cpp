// Known-answer tests from the RFCs, and tokens made by another implementation:
// the npm `jose` library (panva/jose 5.10.0 on Node 20). Nothing here touches
// the network; the npm tokens were generated once and pasted in.
//
// Generating script (run in a scratch folder outside the repository after
// `npm install jose@5.10.0`; `node make-fixtures.mjs`):
//
//   import * as jose from 'jose';
//   const ecJwk = {kty: 'EC', crv: 'P-256',
//     x: 'XgK8-x2qatr9rLnxhPnKpdZO5NE4fdfI0sQWAdKsdzQ',
//     y: 'RRuj5M7hp8GRgqaxPSGtEKWjwjsXWJqiBlUDF0c4zfE',
//     d: 'DAyRW29G_uLVpM0rNsK2JwBSymUhnZGU3CmZQtkWjPU'};   // made once by jose.generateKeyPair('ES256')
//   const edJwk = {kty: 'OKP', crv: 'Ed25519',              // RFC 8037 A.1
//     x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo',
//     d: 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A'};
//   for (const [jwk, alg] of [[ecJwk, 'ES256'], [edJwk, 'EdDSA']]) {
//     const kid = await jose.calculateJwkThumbprint(jwk, 'sha256');
//     const token = await new jose.SignJWT({sub: 'person-42', acr: 'L2', name: '张三'})
//         .setProtectedHeader({alg, kid, typ: 'JWT'})
//         .setIssuer('https://idp.example.gov.cn')
//         .setAudience(['dept-system', 'another-client'])
//         .setIssuedAt(1767225600)        // 2026-01-01T00:00:00Z
//         .setNotBefore(1767225600)
//         .setExpirationTime(1767229200)  // one hour later
//         .sign(await jose.importJWK(jwk, alg));
//     console.log(alg, 'kid', kid);
//     console.log(alg, 'token', token);
//   }
#include <gtest/gtest.h>

#include "crypto/base64url.hpp"
#include "crypto/ed25519.hpp"
#include "jose/jwk_set.hpp"
#include "jose/jws.hpp"
#include "jose/jwt.hpp"
#include "jose/signing_key.hpp"

namespace tongban::jose {
namespace {

std::string Decode(std::string_view text) {
  return crypto::Base64UrlDecode(text).value();
}

// --- RFC 8037 appendix A (Ed25519) -----------------------------------------

constexpr std::string_view kRfc8037D = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";           // A.1
constexpr std::string_view kRfc8037X = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";           // A.1, A.2
constexpr std::string_view kRfc8037Thumbprint = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k";  // A.3
constexpr std::string_view kRfc8037Jws =                                                        // A.4
    "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc."
    "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";
// A.4 with the second half of the signature (S) garbled — the form in which
// this vector was first handed to us. It is not a valid signature (Node's
// crypto.verify agrees), so it doubles as a tampered-signature case.
constexpr std::string_view kGarbledRfc8037Jws =
    "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc."
    "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcmR4bPPZgDozbibnH-1Jw1QJkR5jCBJy-HQCAw";

SigningKey Rfc8037Key() {
  return SigningKey::FromEd25519(crypto::Ed25519PrivateKey::FromSeed(Decode(kRfc8037D)).value());
}

TEST(Rfc8037Test, A2PublicKeyFromThePrivateKey) {
  EXPECT_EQ(crypto::Base64UrlEncode(std::get<crypto::Ed25519PublicKey>(Rfc8037Key().PublicKey().key()).Raw()),
            kRfc8037X);
}

TEST(Rfc8037Test, A3Thumbprint) {
  EXPECT_EQ(Rfc8037Key().PublicKey().Thumbprint(), kRfc8037Thumbprint);
  EXPECT_EQ(Rfc8037Key().kid(), kRfc8037Thumbprint);
}

TEST(Rfc8037Test, A4SignatureIsReproduced) {
  std::string_view input = kRfc8037Jws.substr(0, kRfc8037Jws.rfind('.'));
  std::string signature = Rfc8037Key().Sign(input);
  EXPECT_EQ(crypto::Base64UrlEncode(signature), kRfc8037Jws.substr(kRfc8037Jws.rfind('.') + 1));
}

TEST(Rfc8037Test, A4JwsVerifies) {
  JwkSet keys =
      JwkSet::Parse(R"({"keys":[{"kty":"OKP","crv":"Ed25519","x":")" + std::string(kRfc8037X) + R"("}]})")
          .value();
  auto verified = VerifyCompact(kRfc8037Jws, keys, {Algorithm::kEdDsa});
  ASSERT_TRUE(verified.ok()) << verified.error().reason;
  EXPECT_EQ(verified->payload, "Example of Ed25519 signing");
  EXPECT_EQ(verified->header.kid, "");
  EXPECT_EQ(verified->key_id, kRfc8037Thumbprint);
  EXPECT_EQ(VerifyCompact(kGarbledRfc8037Jws, keys, {Algorithm::kEdDsa}).error().reason,
            "jose.bad_signature");
  // ...and not where EdDSA is not allowed.
  EXPECT_EQ(VerifyCompact(kRfc8037Jws, keys, {Algorithm::kEs256}).error().reason, "jose.alg_not_allowed");
}

// --- RFC 7515 appendix A.3 (ES256) -----------------------------------------

constexpr std::string_view kRfc7515Jwk =
    R"({"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",)"
    R"("y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"})";
constexpr std::string_view kRfc7515Jws =
    "eyJhbGciOiJFUzI1NiJ9."
    "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ."
    "DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";

TEST(Rfc7515Test, A3Es256JwtVerifies) {
  JwkSet keys;
  ASSERT_TRUE(keys.Add(VerificationKey::FromJwk(kRfc7515Jwk).value()).ok());
  JwtChecks checks;
  checks.issuer = "joe";
  auto verified =
      VerifyJwt(kRfc7515Jws, keys, {Algorithm::kEs256}, checks, Instant(std::chrono::seconds(1300819379)));
  ASSERT_TRUE(verified.ok()) << verified.error().reason;
  EXPECT_EQ(verified->claims.issuer, "joe");
  EXPECT_EQ(verified->claims_json,
            "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}");
  EXPECT_EQ(
      VerifyJwt(kRfc7515Jws, keys, {Algorithm::kEs256}, checks, Instant(std::chrono::seconds(1300819380)))
          .error()
          .reason,
      "jose.expired");
}

// --- tokens made by npm `jose` ---------------------------------------------

constexpr std::string_view kNpmEcJwks =
    R"({"keys":[{"kty":"EC","crv":"P-256","x":"XgK8-x2qatr9rLnxhPnKpdZO5NE4fdfI0sQWAdKsdzQ",)"
    R"("y":"RRuj5M7hp8GRgqaxPSGtEKWjwjsXWJqiBlUDF0c4zfE","kid":"CIwVTQGXSmckan-py8YXHrBwqHpvYPNW-kP4RFXabnk"}]})";
constexpr std::string_view kNpmEcKid = "CIwVTQGXSmckan-py8YXHrBwqHpvYPNW-kP4RFXabnk";
constexpr std::string_view kNpmEs256Token =
    "eyJhbGciOiJFUzI1NiIsImtpZCI6IkNJd1ZUUUdYU21ja2FuLXB5OFlYSHJCd3FIcHZZUE5XLWtQNFJGWGFibmsiLCJ0eXAiOiJKV1Qi"
    "fQ."
    "eyJzdWIiOiJwZXJzb24tNDIiLCJhY3IiOiJMMiIsIm5hbWUiOiLlvKDkuIkiLCJpc3MiOiJodHRwczovL2lkcC5leGFtcGxlLmdvdi5j"
    "biIs"
    "ImF1ZCI6WyJkZXB0LXN5c3RlbSIsImFub3RoZXItY2xpZW50Il0sImlhdCI6MTc2NzIyNTYwMCwibmJmIjoxNzY3MjI1NjAwLCJleHAi"
    "OjE3"
    "NjcyMjkyMDB9."
    "KzHIahjc9lrRb1J-PXVy6e-1sIpsoUt35aMlLmEcjwS7-rr10oKCqPIyZYM_ruwZuT3VSkhVSc9UX7K9seDpqg";
constexpr std::string_view kNpmEdDsaToken =
    "eyJhbGciOiJFZERTQSIsImtpZCI6ImtQcktfcW14VldhWVZBOXd3QkY2SXVvM3ZWeno3VHhIQ1R3WEJ5Z3JTNGsiLCJ0eXAiOiJKV1Qi"
    "fQ."
    "eyJzdWIiOiJwZXJzb24tNDIiLCJhY3IiOiJMMiIsIm5hbWUiOiLlvKDkuIkiLCJpc3MiOiJodHRwczovL2lkcC5leGFtcGxlLmdvdi5j"
    "biIs"
    "ImF1ZCI6WyJkZXB0LXN5c3RlbSIsImFub3RoZXItY2xpZW50Il0sImlhdCI6MTc2NzIyNTYwMCwibmJmIjoxNzY3MjI1NjAwLCJleHAi"
    "OjE3"
    "NjcyMjkyMDB9."
    "tQvfIHKGOdWnxKYTi0eS114kcffkT3bk0sh4eJ3TLiUJfjINElvhQ2kNAwmdWPWqjUv4meH_b4JD_bcKeVpXDg";

const Instant kNpmIssuedAt = Instant(std::chrono::seconds(1767225600));

JwtChecks NpmChecks() {
  JwtChecks checks;
  checks.issuer = "https://idp.example.gov.cn";
  checks.audience = "dept-system";
  checks.type = "JWT";
  return checks;
}

TEST(NpmJoseTest, Es256TokenVerifies) {
  JwkSet keys = JwkSet::Parse(kNpmEcJwks).value();
  auto verified = VerifyJwt(kNpmEs256Token, keys, {Algorithm::kEs256}, NpmChecks(),
                            kNpmIssuedAt + std::chrono::minutes(5));
  ASSERT_TRUE(verified.ok()) << verified.error().reason << " " << verified.error().detail;
  EXPECT_EQ(verified->header.algorithm, Algorithm::kEs256);
  EXPECT_EQ(verified->key_id, kNpmEcKid);
  EXPECT_EQ(verified->claims.subject, "person-42");
  EXPECT_EQ(verified->claims.audience, (std::vector<std::string>{"dept-system", "another-client"}));
  EXPECT_EQ(verified->claims.expires_at, kNpmIssuedAt + std::chrono::hours(1));
  EXPECT_NE(verified->claims_json.find(R"("name":"张三")"), std::string::npos);

  EXPECT_EQ(
      VerifyJwt(kNpmEs256Token, keys, {Algorithm::kEs256}, NpmChecks(), kNpmIssuedAt + std::chrono::hours(1))
          .error()
          .reason,
      "jose.expired");
}

// npm `jose` and we agree on the RFC 7638 thumbprint of a P-256 key.
TEST(NpmJoseTest, Es256ThumbprintMatches) {
  JwkSet keys = JwkSet::Parse(kNpmEcJwks).value();
  EXPECT_EQ(keys.keys().front().Thumbprint(), kNpmEcKid);
}

TEST(NpmJoseTest, EdDsaTokenVerifies) {
  JwkSet keys;
  ASSERT_TRUE(keys.Add(Rfc8037Key().PublicKey()).ok());
  auto verified = VerifyJwt(kNpmEdDsaToken, keys, {Algorithm::kEdDsa}, NpmChecks(), kNpmIssuedAt);
  ASSERT_TRUE(verified.ok()) << verified.error().reason;
  EXPECT_EQ(verified->claims.subject, "person-42");
}

// Ed25519 is deterministic and our header has npm's member order, so signing
// the same claims with the same key gives the same token, byte for byte.
TEST(NpmJoseTest, EdDsaTokenIsReproducedExactly) {
  std::string_view token = kNpmEdDsaToken;
  std::size_t first = token.find('.');
  std::string claims = Decode(token.substr(first + 1, token.rfind('.') - first - 1));
  auto ours = SignJwt(Rfc8037Key(), claims, "JWT");
  ASSERT_TRUE(ours.ok());
  EXPECT_EQ(*ours, kNpmEdDsaToken);
}

TEST(NpmJoseTest, CrossAlgorithmPresentationIsRefused) {
  // The npm ES256 token's kid names a P-256 key; relabelling the header as
  // EdDSA must not make the verifier treat that key as Ed25519.
  JwkSet keys = JwkSet::Parse(kNpmEcJwks).value();
  std::string_view token = kNpmEs256Token;
  std::string header = R"({"alg":"EdDSA","kid":")" + std::string(kNpmEcKid) + R"(","typ":"JWT"})";
  std::string relabelled = crypto::Base64UrlEncode(header) + std::string(token.substr(token.find('.')));
  EXPECT_EQ(VerifyCompact(relabelled, keys, {Algorithm::kEdDsa, Algorithm::kEs256}).error().reason,
            "jose.alg_key_mismatch");
}

}  // namespace
}  // namespace tongban::jose
