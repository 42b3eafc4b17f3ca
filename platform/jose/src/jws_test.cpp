#include "jose/jws.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include "crypto/base64url.hpp"

namespace tongban::jose {
namespace {

using crypto::Base64UrlEncode;

constexpr AlgorithmSet kBoth = {Algorithm::kEdDsa, Algorithm::kEs256};

JwkSet SetOf(std::initializer_list<const SigningKey*> keys) {
  JwkSet set;
  for (const SigningKey* key : keys) EXPECT_TRUE(set.Add(key->PublicKey()).ok());
  return set;
}

// A token with any header, signed by `signer` over the usual signing input:
// what an attacker who holds `signer` can produce.
std::string Forge(std::string_view header_json, std::string_view payload, const SigningKey& signer) {
  std::string input = Base64UrlEncode(header_json) + "." + Base64UrlEncode(payload);
  return input + "." + Base64UrlEncode(signer.Sign(input));
}

std::string Header(std::string_view alg, std::string_view kid) {
  return R"({"alg":")" + std::string(alg) + R"(","kid":")" + std::string(kid) + R"("})";
}

// Every verification failure is kUnauthenticated with the given reason.
void ExpectRejected(const Result<VerifiedJws>& result, std::string_view reason) {
  ASSERT_FALSE(result.ok()) << "expected " << reason;
  EXPECT_EQ(result.error().reason, reason) << result.error().detail;
  EXPECT_EQ(result.error().code, ErrorCode::kUnauthenticated);
}

class JwsTest : public ::testing::Test {
 protected:
  SigningKey ed_ = SigningKey::Generate(Algorithm::kEdDsa);
  SigningKey ec_ = SigningKey::Generate(Algorithm::kEs256);
  JwkSet keys_ = SetOf({&ed_, &ec_});
};

TEST_F(JwsTest, EdDsaRoundTrip) {
  std::string token = SignCompact(ed_, "hello, 通办", "JWT");
  auto verified = VerifyCompact(token, keys_, {Algorithm::kEdDsa});
  ASSERT_TRUE(verified.ok()) << verified.error().reason;
  EXPECT_EQ(verified->payload, "hello, 通办");
  EXPECT_EQ(verified->header.algorithm, Algorithm::kEdDsa);
  EXPECT_EQ(verified->header.kid, ed_.kid());
  EXPECT_EQ(verified->header.type, "JWT");
  EXPECT_EQ(verified->key_id, ed_.kid());
}

TEST_F(JwsTest, Es256RoundTrip) {
  std::string token = SignCompact(ec_, "{\"a\":1}");
  auto verified = VerifyCompact(token, keys_, {Algorithm::kEs256});
  ASSERT_TRUE(verified.ok()) << verified.error().reason;
  EXPECT_EQ(verified->payload, "{\"a\":1}");
  EXPECT_EQ(verified->header.algorithm, Algorithm::kEs256);
  EXPECT_EQ(verified->header.type, "");
  EXPECT_EQ(crypto::Base64UrlDecode(token.substr(token.rfind('.') + 1))->size(), 64u);
}

TEST_F(JwsTest, HeaderIsAlgKidTyp) {
  std::string token = SignCompact(ed_, "x", "JWT");
  EXPECT_EQ(*crypto::Base64UrlDecode(token.substr(0, token.find('.'))),
            R"({"alg":"EdDSA","kid":")" + ed_.kid() + R"(","typ":"JWT"})");
  token = SignCompact(ec_, "x");
  EXPECT_EQ(*crypto::Base64UrlDecode(token.substr(0, token.find('.'))),
            R"({"alg":"ES256","kid":")" + ec_.kid() + R"("})");
}

TEST_F(JwsTest, EmptyPayloadIsAllowed) {
  auto verified = VerifyCompact(SignCompact(ed_, ""), keys_, kBoth);
  ASSERT_TRUE(verified.ok());
  EXPECT_EQ(verified->payload, "");
}

// --- algorithms ------------------------------------------------------------

TEST_F(JwsTest, AlgNoneIsRefused) {
  std::string unsigned_token = Base64UrlEncode(Header("none", ed_.kid())) + "." + Base64UrlEncode("{}") + ".";
  ExpectRejected(VerifyCompact(unsigned_token, keys_, kBoth), "jose.alg_none");
  ExpectRejected(VerifyCompact(Base64UrlEncode(R"({"alg":"none"})") + ".e30.", keys_, kBoth),
                 "jose.alg_none");
}

// The classic confusion: an HS256 token whose HMAC key is the verifier's
// public key (which libjwt 1.10 accepts). We implement no HMAC at all.
TEST_F(JwsTest, Hs256WithThePublicKeyAsSecretIsRefused) {
  for (std::string secret :
       {ec_.PublicKey().ToJwk(), std::get<EcP256PublicKey>(ec_.PublicKey().key()).ToPem()}) {
    std::string input = Base64UrlEncode(Header("HS256", ec_.kid())) + "." + Base64UrlEncode("{}");
    unsigned char mac[EVP_MAX_MD_SIZE];
    std::size_t mac_size = 0;
    ASSERT_NE(EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA256", nullptr, secret.data(), secret.size(),
                        reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, sizeof mac,
                        &mac_size),
              nullptr);
    std::string token =
        input + "." + Base64UrlEncode(std::string_view(reinterpret_cast<const char*>(mac), mac_size));
    ExpectRejected(VerifyCompact(token, keys_, kBoth), "jose.unsupported_alg");
  }
}

TEST_F(JwsTest, UnimplementedAlgorithmsAreUnsupported) {
  for (std::string_view alg :
       {"RS256", "PS256", "ES384", "ES512", "HS512", "eddsa", "es256", "Ed25519", ""}) {
    ExpectRejected(VerifyCompact(Forge(Header(alg, ed_.kid()), "{}", ed_), keys_, kBoth),
                   "jose.unsupported_alg");
  }
}

TEST_F(JwsTest, AlgorithmsOffTheAllowListAreRefused) {
  ExpectRejected(VerifyCompact(SignCompact(ed_, "x"), keys_, {Algorithm::kEs256}), "jose.alg_not_allowed");
  ExpectRejected(VerifyCompact(SignCompact(ec_, "x"), keys_, {Algorithm::kEdDsa}), "jose.alg_not_allowed");
  ExpectRejected(VerifyCompact(SignCompact(ed_, "x"), keys_, {}), "jose.alg_not_allowed");
}

// An ES256 key presented with alg EdDSA: the attacker signs with an Ed25519
// key of their own and names our P-256 key. The key's algorithm wins.
TEST_F(JwsTest, Es256KeyPresentedWithEdDsaIsRefused) {
  SigningKey attacker = SigningKey::Generate(Algorithm::kEdDsa);
  ExpectRejected(VerifyCompact(Forge(Header("EdDSA", ec_.kid()), "{}", attacker), keys_, kBoth),
                 "jose.alg_key_mismatch");
}

TEST_F(JwsTest, Ed25519KeyPresentedWithEs256IsRefused) {
  SigningKey attacker = SigningKey::Generate(Algorithm::kEs256);
  ExpectRejected(VerifyCompact(Forge(Header("ES256", ed_.kid()), "{}", attacker), keys_, kBoth),
                 "jose.alg_key_mismatch");
}

// The mismatch is refused even when the only key is the wrong type and no kid is given.
TEST_F(JwsTest, AlgKeyMismatchWithoutKid) {
  JwkSet only_ec = SetOf({&ec_});
  ExpectRejected(VerifyCompact(Forge(R"({"alg":"EdDSA"})", "{}", ed_), only_ec, kBoth),
                 "jose.alg_key_mismatch");
}

// --- keys ------------------------------------------------------------------

TEST_F(JwsTest, UnknownKidIsRefused) {
  SigningKey stranger = SigningKey::Generate(Algorithm::kEdDsa);
  ExpectRejected(VerifyCompact(SignCompact(stranger, "x"), keys_, kBoth), "jose.unknown_kid");
  ExpectRejected(VerifyCompact(SignCompact(ed_, "x"), JwkSet(), kBoth), "jose.unknown_kid");
}

TEST_F(JwsTest, MissingKidNeedsASingleKeySet) {
  std::string token = Forge(R"({"alg":"EdDSA"})", "x", ed_);
  ExpectRejected(VerifyCompact(token, keys_, kBoth), "jose.missing_kid");
  auto verified = VerifyCompact(token, SetOf({&ed_}), kBoth);
  ASSERT_TRUE(verified.ok());
  EXPECT_EQ(verified->header.kid, "");
  EXPECT_EQ(verified->key_id, ed_.kid());
  ExpectRejected(VerifyCompact(token, JwkSet(), kBoth), "jose.unknown_kid");
}

// A key embedded in the token is never trusted.
TEST_F(JwsTest, EmbeddedJwkIsIgnored) {
  SigningKey attacker = SigningKey::Generate(Algorithm::kEdDsa);
  std::string header =
      R"({"alg":"EdDSA","kid":")" + ed_.kid() + R"(","jwk":)" + attacker.PublicKey().ToJwk() + "}";
  ExpectRejected(VerifyCompact(Forge(header, "{}", attacker), keys_, kBoth), "jose.bad_signature");
}

// --- signatures ------------------------------------------------------------

TEST_F(JwsTest, TamperedTokensFail) {
  for (const SigningKey* key : {&ed_, &ec_}) {
    std::string token = SignCompact(*key, R"({"sub":"alice"})");
    std::size_t dot = token.find('.');
    std::string other_payload =
        token.substr(0, dot + 1) + Base64UrlEncode(R"({"sub":"admin"})") + token.substr(token.rfind('.'));
    ExpectRejected(VerifyCompact(other_payload, keys_, kBoth), "jose.bad_signature");

    std::string signature = *crypto::Base64UrlDecode(token.substr(token.rfind('.') + 1));
    std::string truncated = token.substr(0, token.rfind('.') + 1) + Base64UrlEncode(signature.substr(1));
    ExpectRejected(VerifyCompact(truncated, keys_, kBoth), "jose.bad_signature");

    std::string empty_signature = token.substr(0, token.rfind('.') + 1);
    ExpectRejected(VerifyCompact(empty_signature, keys_, kBoth), "jose.bad_signature");
  }
}

TEST_F(JwsTest, SignatureByAnotherKeyOfTheSameTypeFails) {
  SigningKey impostor = SigningKey::Generate(Algorithm::kEs256);
  ExpectRejected(VerifyCompact(Forge(Header("ES256", ec_.kid()), "{}", impostor), keys_, kBoth),
                 "jose.bad_signature");
}

// --- structure -------------------------------------------------------------

TEST_F(JwsTest, WrongNumberOfSegmentsIsMalformed) {
  std::string token = SignCompact(ed_, "x");
  for (std::string bad : {std::string(), std::string("abc"), token.substr(0, token.rfind('.')), token + ".",
                          token + ".abc", std::string("a.b.c.d")}) {
    ExpectRejected(VerifyCompact(bad, keys_, kBoth), "jose.malformed");
  }
}

TEST_F(JwsTest, BadBase64UrlIsRefused) {
  std::string token = SignCompact(ed_, "payload!");
  std::size_t first = token.find('.');
  std::size_t second = token.rfind('.');
  std::string header = token.substr(0, first);
  std::string payload = token.substr(first + 1, second - first - 1);
  std::string signature = token.substr(second + 1);
  for (std::string bad : {
           header + "=." + payload + "." + signature,         // padding
           header + "." + payload + "=." + signature,         // padding
           header + "." + payload + "." + signature + "==",   // padding
           header + "." + payload + "+/." + signature,        // standard base64 alphabet
           header + " ." + payload + "." + signature,         // whitespace
           header + "." + payload + "." + signature + "\n",   // trailing newline
           header + "." + payload + "." + signature + "AAA",  // length 4k+1 (86 + 3)
           "%7B." + payload + "." + signature,                // percent-encoding
       }) {
    ExpectRejected(VerifyCompact(bad, keys_, kBoth), "jose.bad_base64url");
  }
}

TEST_F(JwsTest, HeaderThatIsNotAJsonObjectIsBadJson) {
  for (std::string header :
       {std::string("not json"), std::string(R"(["alg","EdDSA"])"), std::string("\"EdDSA\""),
        std::string(R"({"alg":"EdDSA")"), std::string(R"({"alg":"EdDSA"} x)"),
        std::string("{\"alg\":\"EdDSA\",\"kid\":\"\xff\xfe\"}"), std::string()}) {
    ExpectRejected(VerifyCompact(Forge(header, "{}", ed_), keys_, kBoth), "jose.bad_json");
  }
  ExpectRejected(VerifyCompact("..", keys_, kBoth), "jose.bad_json");
}

TEST_F(JwsTest, HeaderMembersOfTheWrongTypeAreBadHeader) {
  for (std::string header :
       {std::string(R"({"kid":"k"})"), std::string(R"({"alg":5})"), std::string(R"({"alg":["EdDSA"]})"),
        std::string(R"({"alg":null})"), std::string(R"({"alg":"EdDSA","kid":5})"),
        std::string(R"({"alg":"EdDSA","kid":"k","typ":true})")}) {
    ExpectRejected(VerifyCompact(Forge(header, "{}", ed_), keys_, kBoth), "jose.bad_header");
  }
}

TEST_F(JwsTest, CritIsRefusedEvenWhenSigned) {
  for (std::string crit : {std::string(R"(["exp"])"), std::string("[]"), std::string(R"(["b64"])")}) {
    std::string header =
        R"({"alg":"EdDSA","kid":")" + ed_.kid() + R"(","crit":)" + crit + R"(,"exp":1,"b64":true})";
    ExpectRejected(VerifyCompact(Forge(header, "{}", ed_), keys_, kBoth), "jose.crit_unsupported");
  }
}

// A repeated member keeps its last value, as JavaScript's JSON.parse does.
TEST_F(JwsTest, RepeatedHeaderMemberKeepsTheLastValue) {
  std::string header = R"({"alg":"none","alg":"EdDSA","kid":")" + ed_.kid() + R"("})";
  EXPECT_TRUE(VerifyCompact(Forge(header, "{}", ed_), keys_, kBoth).ok());
  header = R"({"alg":"EdDSA","alg":"none","kid":")" + ed_.kid() + R"("})";
  ExpectRejected(VerifyCompact(Forge(header, "{}", ed_), keys_, kBoth), "jose.alg_none");
}

TEST_F(JwsTest, OversizedTokensAreRefusedBeforeParsing) {
  ExpectRejected(VerifyCompact(std::string(kMaxTokenSize + 1, 'A'), keys_, kBoth), "jose.token_too_large");
  std::string big = SignCompact(ed_, std::string(kMaxTokenSize, 'x'));
  ExpectRejected(VerifyCompact(big, keys_, kBoth), "jose.token_too_large");
}

TEST_F(JwsTest, TokenOfExactlyTheLimitIsAccepted) {
  // Find a payload and typ length that make the token exactly kMaxTokenSize long.
  for (std::size_t typ = 0; typ < 4; ++typ) {
    for (std::size_t n = 12000; n < 12400; ++n) {
      std::string token = SignCompact(ed_, std::string(n, 'x'), std::string(typ, 't'));
      if (token.size() == kMaxTokenSize) {
        EXPECT_TRUE(VerifyCompact(token, keys_, kBoth).ok());
        return;
      }
    }
  }
  FAIL() << "no combination reached the limit exactly";
}

}  // namespace
}  // namespace tongban::jose
