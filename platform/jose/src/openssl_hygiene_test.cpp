#include <gtest/gtest.h>
#include <openssl/err.h>

#include <thread>
#include <vector>

#include "jose/jwk_set.hpp"
#include "jose/jws.hpp"
#include "jose/jwt.hpp"
#include "jose/signing_key.hpp"

namespace tongban::jose {
namespace {

// OpenSSL's per-thread error queue must be empty after every call, failing or
// not, or a later TLS call on the same thread reads a stale error.
TEST(JoseOpenSslHygieneTest, ErrorQueueIsLeftEmpty) {
  ERR_clear_error();
  auto check = [](const char* what) { EXPECT_EQ(ERR_peek_error(), 0ul) << what; };

  SigningKey ec = SigningKey::Generate(Algorithm::kEs256);
  SigningKey ed = SigningKey::Generate(Algorithm::kEdDsa);
  check("generate");
  EXPECT_FALSE(EcP256PrivateKey::FromPem("garbage").ok());
  check("bad P-256 pem");
  EXPECT_FALSE(EcP256PrivateKey::FromPem(ed.ToPem()).ok());
  check("Ed25519 pem as P-256");
  EXPECT_FALSE(SigningKey::FromPem("garbage").ok());
  check("bad signing key pem");
  EXPECT_FALSE(EcP256PublicKey::FromCoordinates(std::string(32, '\1'), std::string(32, '\2')).ok());
  check("point off the curve");
  auto ec_pub = std::get<EcP256PublicKey>(ec.PublicKey().key());
  EXPECT_FALSE(ec_pub.Verify("m", std::string(64, '\0')).ok());
  EXPECT_FALSE(ec_pub.Verify("m", std::string(64, '\xff')).ok());
  EXPECT_FALSE(ec_pub.Verify("m", ec.Sign("n")).ok());
  check("bad ES256 signatures");

  JwkSet keys;
  ASSERT_TRUE(keys.Add(ec.PublicKey()).ok());
  ASSERT_TRUE(keys.Add(ed.PublicKey()).ok());
  std::string token = SignCompact(ec, "x");
  token[token.size() - 3] ^= 1;
  EXPECT_FALSE(VerifyCompact(token, keys, {Algorithm::kEs256}).ok());
  EXPECT_FALSE(JwkSet::Parse(R"({"keys":[{"kty":"EC","crv":"P-256","x":"AAAA","y":"AAAA"}]})").ok());
  check("jws and jwks");
}

TEST(JoseOpenSslHygieneTest, KeysAreSharedAcrossThreads) {
  const SigningKey ec = SigningKey::Generate(Algorithm::kEs256);
  const SigningKey ed = SigningKey::Generate(Algorithm::kEdDsa);
  JwkSet keys;
  ASSERT_TRUE(keys.Add(ec.PublicKey()).ok());
  ASSERT_TRUE(keys.Add(ed.PublicKey()).ok());
  std::vector<int> failures(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 100; ++i) {
        std::string payload = std::to_string(t) + "/" + std::to_string(i);
        for (const SigningKey* key : {&ec, &ed}) {
          auto verified =
              VerifyCompact(SignCompact(*key, payload), keys, {Algorithm::kEdDsa, Algorithm::kEs256});
          if (!verified.ok() || verified->payload != payload) ++failures[t];
        }
      }
    });
  }
  for (std::thread& th : threads) th.join();
  for (int f : failures) EXPECT_EQ(f, 0);
}

}  // namespace
}  // namespace tongban::jose
