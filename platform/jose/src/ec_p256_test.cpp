#include "jose/ec_p256.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <memory>

#include "crypto/base64url.hpp"
#include "crypto/ed25519.hpp"
#include "crypto/sm2.hpp"

namespace tongban::jose {
namespace {

std::string Decode(std::string_view text) {
  return crypto::Base64UrlDecode(text).value();
}

// RFC 7515 appendix A.3: the P-256 key of the ES256 example.
constexpr std::string_view kRfc7515X = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";
constexpr std::string_view kRfc7515Y = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0";

TEST(EcP256Test, SignaturesAreRawSixtyFourBytesAndVerify) {
  EcP256PrivateKey key = EcP256PrivateKey::Generate();
  EcP256PublicKey pub = key.PublicKey();
  // r and s are left-padded to 32 bytes: a few hundred signatures almost
  // surely include one whose r or s has a leading zero byte.
  for (int i = 0; i < 600; ++i) {
    std::string message = "message " + std::to_string(i);
    std::string signature = key.Sign(message);
    ASSERT_EQ(signature.size(), 64u);
    ASSERT_TRUE(pub.Verify(message, signature).ok()) << i;
  }
}

TEST(EcP256Test, SignaturesAreRandomised) {
  EcP256PrivateKey key = EcP256PrivateKey::Generate();
  EXPECT_NE(key.Sign("m"), key.Sign("m"));
}

TEST(EcP256Test, WrongMessageKeyOrSignatureFails) {
  EcP256PrivateKey key = EcP256PrivateKey::Generate();
  std::string signature = key.Sign("message");
  EXPECT_EQ(key.PublicKey().Verify("messagf", signature).error().reason, "jose.bad_signature");
  EXPECT_FALSE(EcP256PrivateKey::Generate().PublicKey().Verify("message", signature).ok());
  std::string flipped = signature;
  flipped[10] ^= 1;
  EXPECT_FALSE(key.PublicKey().Verify("message", flipped).ok());
}

TEST(EcP256Test, DerAndWrongLengthSignaturesAreRefused) {
  EcP256PrivateKey key = EcP256PrivateKey::Generate();
  std::string raw = key.Sign("m");
  EXPECT_FALSE(key.PublicKey().Verify("m", raw.substr(0, 63)).ok());
  EXPECT_FALSE(key.PublicKey().Verify("m", raw + '\0').ok());
  EXPECT_FALSE(key.PublicKey().Verify("m", "").ok());
  // The same signature in DER (what OpenSSL produces) is not accepted as JWS.
  std::string der = "\x30\x44\x02\x20" + raw.substr(0, 32) + "\x02\x20" + raw.substr(32);
  EXPECT_FALSE(key.PublicKey().Verify("m", der).ok());
}

TEST(EcP256Test, ZeroAndOutOfRangeScalarsAreRefused) {
  EcP256PrivateKey key = EcP256PrivateKey::Generate();
  std::string raw = key.Sign("m");
  std::string zero(32, '\0');
  EXPECT_FALSE(key.PublicKey().Verify("m", zero + raw.substr(32)).ok());
  EXPECT_FALSE(key.PublicKey().Verify("m", raw.substr(0, 32) + zero).ok());
  EXPECT_FALSE(key.PublicKey().Verify("m", std::string(64, '\xff')).ok());
}

TEST(EcP256Test, CoordinatesRoundTrip) {
  auto pub = EcP256PublicKey::FromCoordinates(Decode(kRfc7515X), Decode(kRfc7515Y));
  ASSERT_TRUE(pub.ok()) << pub.error().detail;
  EXPECT_EQ(crypto::Base64UrlEncode(pub->X()), kRfc7515X);
  EXPECT_EQ(crypto::Base64UrlEncode(pub->Y()), kRfc7515Y);

  EcP256PublicKey generated = EcP256PrivateKey::Generate().PublicKey();
  auto again = EcP256PublicKey::FromCoordinates(generated.X(), generated.Y());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->ToPem(), generated.ToPem());
}

TEST(EcP256Test, PointOffTheCurveIsRefused) {
  std::string y = Decode(kRfc7515Y);
  y[31] ^= 1;
  auto pub = EcP256PublicKey::FromCoordinates(Decode(kRfc7515X), y);
  ASSERT_FALSE(pub.ok());
  EXPECT_EQ(pub.error().reason, "jose.malformed_key");
  EXPECT_EQ(pub.error().code, ErrorCode::kInvalidArgument);
}

TEST(EcP256Test, WrongCoordinateSizesAreRefused) {
  std::string x = Decode(kRfc7515X);
  std::string y = Decode(kRfc7515Y);
  EXPECT_EQ(EcP256PublicKey::FromCoordinates(x.substr(1), y).error().reason, "jose.malformed_key");
  EXPECT_EQ(EcP256PublicKey::FromCoordinates(x, y + std::string(1, '\0')).error().reason,
            "jose.malformed_key");
  EXPECT_EQ(EcP256PublicKey::FromCoordinates("", "").error().reason, "jose.malformed_key");
}

TEST(EcP256Test, PemRoundTrips) {
  EcP256PrivateKey key = EcP256PrivateKey::Generate();
  std::string pem = key.ToPem();
  EXPECT_NE(pem.find("-----BEGIN PRIVATE KEY-----"), std::string::npos);
  auto loaded = EcP256PrivateKey::FromPem(pem);
  ASSERT_TRUE(loaded.ok()) << loaded.error().detail;
  EXPECT_TRUE(key.PublicKey().Verify("m", loaded->Sign("m")).ok());

  auto pub = EcP256PublicKey::FromPem(key.PublicKey().ToPem());
  ASSERT_TRUE(pub.ok());
  EXPECT_EQ(pub->X(), key.PublicKey().X());
}

TEST(EcP256Test, Sec1PemIsAccepted) {
  // `openssl ecparam -name prime256v1 -genkey -noout` writes SEC1.
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"),
                                                          EVP_PKEY_free);
  ASSERT_TRUE(key);
  BIO* bio = BIO_new(BIO_s_mem());
  ASSERT_EQ(PEM_write_bio_PrivateKey_traditional(bio, key.get(), nullptr, nullptr, 0, nullptr, nullptr), 1);
  char* data = nullptr;
  long size = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<std::size_t>(size));
  BIO_free(bio);
  EXPECT_NE(pem.find("BEGIN EC PRIVATE KEY"), std::string::npos);
  EXPECT_TRUE(EcP256PrivateKey::FromPem(pem).ok());
}

TEST(EcP256Test, OtherKeyTypesAreRefused) {
  EXPECT_EQ(EcP256PrivateKey::FromPem(crypto::Ed25519PrivateKey::Generate().ToPem()).error().reason,
            "jose.wrong_key_type");
  EXPECT_EQ(EcP256PrivateKey::FromPem(crypto::Sm2PrivateKey::Generate().ToPem()).error().reason,
            "jose.wrong_key_type");
  EXPECT_EQ(
      EcP256PublicKey::FromPem(crypto::Ed25519PrivateKey::Generate().PublicKey().ToPem()).error().reason,
      "jose.wrong_key_type");

  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> p384(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-384"),
                                                           EVP_PKEY_free);
  BIO* bio = BIO_new(BIO_s_mem());
  ASSERT_EQ(PEM_write_bio_PKCS8PrivateKey(bio, p384.get(), nullptr, nullptr, 0, nullptr, nullptr), 1);
  char* data = nullptr;
  long size = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<std::size_t>(size));
  BIO_free(bio);
  auto loaded = EcP256PrivateKey::FromPem(pem);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().reason, "jose.wrong_key_type");
  EXPECT_NE(loaded.error().detail.find("secp384r1"), std::string::npos) << loaded.error().detail;
}

TEST(EcP256Test, GarbageAndEncryptedPemAreMalformed) {
  EXPECT_EQ(EcP256PrivateKey::FromPem("garbage").error().reason, "jose.malformed_key");
  EXPECT_EQ(EcP256PublicKey::FromPem("").error().reason, "jose.malformed_key");
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"),
                                                          EVP_PKEY_free);
  BIO* bio = BIO_new(BIO_s_mem());
  char passphrase[] = "secret";
  ASSERT_EQ(PEM_write_bio_PKCS8PrivateKey(bio, key.get(), EVP_aes_256_cbc(), passphrase, 6, nullptr, nullptr),
            1);
  char* data = nullptr;
  long size = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<std::size_t>(size));
  BIO_free(bio);
  EXPECT_EQ(EcP256PrivateKey::FromPem(pem).error().reason, "jose.malformed_key");
}

}  // namespace
}  // namespace tongban::jose
