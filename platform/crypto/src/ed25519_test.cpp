#include "crypto/ed25519.hpp"

#include <gtest/gtest.h>

#include "core/hex.hpp"
#include "crypto/base64url.hpp"
#include "crypto/sm2.hpp"

namespace tongban::crypto {
namespace {

std::string Unhex(std::string_view hex) {
  return HexDecode(hex).value();
}

struct Rfc8032Vector {
  const char* name;
  std::string_view secret_key;
  std::string_view public_key;
  std::string_view message;
  std::string_view signature;
};

// RFC 8032 §7.1, TEST 1–3.
constexpr Rfc8032Vector kVectors[] = {
    {"TEST 1", "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
     "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
     "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9"
     "b46bd25bf5f0595bbe24655141438e7a100b"},
    {"TEST 2", "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
     "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
     "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f1"
     "1d8c387b2eaeb4302aeeb00d291612bb0c00"},
    {"TEST 3", "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
     "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
     "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984d"
     "c6594a7c15e9716ed28dc027beceea1ec40a"},
};

TEST(Ed25519Test, Rfc8032Vectors) {
  for (const auto& v : kVectors) {
    SCOPED_TRACE(v.name);
    auto key = Ed25519PrivateKey::FromSeed(Unhex(v.secret_key));
    ASSERT_TRUE(key.ok());
    EXPECT_EQ(HexEncode(key->PublicKey().Raw()), v.public_key);
    std::string message = Unhex(v.message);
    std::string signature = key->Sign(message);
    EXPECT_EQ(HexEncode(signature), v.signature);

    auto pub = Ed25519PublicKey::FromRaw(Unhex(v.public_key));
    ASSERT_TRUE(pub.ok());
    EXPECT_TRUE(pub->Verify(message, Unhex(v.signature)).ok());
    EXPECT_FALSE(pub->Verify(message + "x", Unhex(v.signature)).ok());
  }
}

TEST(Ed25519Test, GenerateSignVerify) {
  Ed25519PrivateKey key = Ed25519PrivateKey::Generate();
  std::string signature = key.Sign("电子证照");
  EXPECT_EQ(signature.size(), Ed25519PrivateKey::kSignatureSize);
  EXPECT_EQ(signature, key.Sign("电子证照"));  // deterministic
  EXPECT_TRUE(key.PublicKey().Verify("电子证照", signature).ok());
  EXPECT_FALSE(Ed25519PrivateKey::Generate().PublicKey().Verify("电子证照", signature).ok());
}

TEST(Ed25519Test, TamperedSignatureIsRejected) {
  Ed25519PrivateKey key = Ed25519PrivateKey::Generate();
  Ed25519PublicKey pub = key.PublicKey();
  const std::string signature = key.Sign("message");
  for (std::size_t i = 0; i < signature.size(); ++i) {
    std::string s = signature;
    s[i] = static_cast<char>(s[i] ^ 0x01);
    Status st = pub.Verify("message", s);
    ASSERT_FALSE(st.ok()) << i;
    EXPECT_EQ(st.error().reason, "crypto.bad_signature");
  }
  EXPECT_FALSE(pub.Verify("message", "").ok());
  EXPECT_FALSE(pub.Verify("message", signature.substr(0, 63)).ok());
  EXPECT_FALSE(pub.Verify("message", signature + '\0').ok());
}

TEST(Ed25519Test, PemRoundTripAndRawExport) {
  Ed25519PrivateKey key = Ed25519PrivateKey::Generate();
  std::string pem = key.ToPem();
  EXPECT_EQ(pem.rfind("-----BEGIN PRIVATE KEY-----\n", 0), 0u);
  auto loaded = Ed25519PrivateKey::FromPem(pem);
  ASSERT_TRUE(loaded.ok()) << loaded.error().detail;
  EXPECT_EQ(loaded->Sign("x"), key.Sign("x"));

  std::string pub_pem = key.PublicKey().ToPem();
  EXPECT_EQ(pub_pem.rfind("-----BEGIN PUBLIC KEY-----\n", 0), 0u);
  auto pub = Ed25519PublicKey::FromPem(pub_pem);
  ASSERT_TRUE(pub.ok());
  EXPECT_EQ(pub->Raw(), key.PublicKey().Raw());
  EXPECT_EQ(pub->Raw().size(), Ed25519PublicKey::kSize);
  EXPECT_EQ(Base64UrlEncode(pub->Raw()).size(), 43u);  // the JWK "x"
}

// RFC 8410 §10.1 example public key, as a PEM SPKI; its raw form is the last 32 bytes.
TEST(Ed25519Test, LoadsRfc8410PublicKey) {
  auto pub = Ed25519PublicKey::FromPem(
      "-----BEGIN PUBLIC KEY-----\n"
      "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n"
      "-----END PUBLIC KEY-----\n");
  ASSERT_TRUE(pub.ok()) << pub.error().detail;
  EXPECT_EQ(HexEncode(pub->Raw()), "19bf44096984cdfe8541bac167dc3b96c85086aa30b6b6cb0c5c38ad703166e1");
}

TEST(Ed25519Test, BadInputsAreRejected) {
  EXPECT_EQ(Ed25519PrivateKey::FromSeed(std::string(31, 'a')).error().reason, "crypto.malformed_key");
  EXPECT_EQ(Ed25519PublicKey::FromRaw(std::string(33, 'a')).error().reason, "crypto.malformed_key");
  EXPECT_EQ(Ed25519PrivateKey::FromPem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
                .error()
                .reason,
            "crypto.malformed_key");
  EXPECT_EQ(Ed25519PrivateKey::FromPem(Sm2PrivateKey::Generate().ToPem()).error().reason,
            "crypto.wrong_key_type");
}

}  // namespace
}  // namespace tongban::crypto
