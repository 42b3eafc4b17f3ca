#include <gtest/gtest.h>
#include <openssl/err.h>

#include <thread>
#include <vector>

#include "crypto/ed25519.hpp"
#include "crypto/sealing_key.hpp"
#include "crypto/sm2.hpp"
#include "crypto/sm3.hpp"

namespace tongban::crypto {
namespace {

// OpenSSL keeps a per-thread error queue; an entry left behind by a crypto
// call would be blamed on the next TLS call of the same thread (SSL_get_error
// reads the queue). Every public function must leave it empty, failing or not.
TEST(OpenSslHygieneTest, ErrorQueueIsLeftEmpty) {
  ERR_clear_error();
  auto check = [](const char* what) { EXPECT_EQ(ERR_peek_error(), 0ul) << what; };

  Sm2PrivateKey sm2 = Sm2PrivateKey::Generate();
  check("sm2 generate");
  ASSERT_TRUE(Sm2PrivateKey::FromPem(sm2.ToPem()).ok());
  check("sm2 private pem");
  ASSERT_TRUE(Sm2PublicKey::FromPem(sm2.PublicKey().ToPem()).ok());
  check("sm2 public pem");
  EXPECT_TRUE(sm2.PublicKey().Verify("m", sm2.Sign("m")).ok());
  check("sm2 sign/verify");
  EXPECT_FALSE(sm2.PublicKey().Verify("m", "garbage").ok());
  check("sm2 verify garbage");
  EXPECT_FALSE(Sm2PrivateKey::FromPem("garbage").ok());
  check("sm2 bad pem");

  Ed25519PrivateKey ed = Ed25519PrivateKey::Generate();
  ASSERT_TRUE(Ed25519PrivateKey::FromPem(ed.ToPem()).ok());
  ASSERT_TRUE(Ed25519PublicKey::FromPem(ed.PublicKey().ToPem()).ok());
  EXPECT_FALSE(ed.PublicKey().Verify("m", std::string(64, 'x')).ok());
  EXPECT_FALSE(Ed25519PrivateKey::FromPem(sm2.ToPem()).ok());
  check("ed25519");

  SealingKey key(SymmetricKey::Generate());
  EXPECT_FALSE(key.Open(key.Seal("x", "a"), "b").ok());
  HmacSm3("", "");
  check("sealing");
}

TEST(OpenSslHygieneTest, KeysAndSealingKeysAreSharedAcrossThreads) {
  const Sm2PrivateKey sm2 = Sm2PrivateKey::Generate();
  const Sm2PublicKey sm2_pub = sm2.PublicKey();
  const Ed25519PrivateKey ed = Ed25519PrivateKey::Generate();
  const Ed25519PublicKey ed_pub = ed.PublicKey();
  const SealingKey sealing(SymmetricKey::Generate());
  std::vector<std::thread> threads;
  threads.reserve(8);
  std::vector<int> failures(8, 0);
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        std::string m = "thread " + std::to_string(t) + " message " + std::to_string(i);
        if (!sm2_pub.Verify(m, sm2.Sign(m)).ok()) ++failures[t];
        if (!ed_pub.Verify(m, ed.Sign(m)).ok()) ++failures[t];
        auto opened = sealing.Open(sealing.Seal(m, "ad"), "ad");
        if (!opened.ok() || *opened != m) ++failures[t];
        if (Sm3(m) != Sm3(m)) ++failures[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int f : failures) EXPECT_EQ(f, 0);
}

}  // namespace
}  // namespace tongban::crypto
