#include "crypto/sm2.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "core/hex.hpp"
#include "crypto/ed25519.hpp"
#include "crypto/random.hpp"

namespace tongban::crypto {
namespace {

std::string Unhex(std::string_view hex) {
  return HexDecode(hex).value();
}

// A fixture made once with the OpenSSL 3.0 command line, so that signatures
// from another implementation of GB/T 32918 with the GM/T 0009 default ID are
// checked, not only our own round trip:
//
//   openssl genpkey -algorithm SM2 -out sm2.pem
//   openssl pkey -in sm2.pem -pubout -out sm2_pub.pem           # kCliPublicKeyPem
//   printf '通办 SM2 interop fixture' > msg.txt                  # kCliMessage
//   openssl pkeyutl -sign -rawin -digest sm3 -pkeyopt distid:1234567812345678 -inkey sm2.pem -in msg.txt -out
//   msg.sig xxd -p msg.sig | tr -d '\n'                                  # kCliSignatureHex openssl pkeyutl
//   -sign -rawin -digest sm3 -inkey sm2.pem -in msg.txt -out empty.sig xxd -p empty.sig | tr -d '\n' #
//   kCliEmptyIdSignatureHex
//
// The last one is what OpenSSL 3.0 produces when nobody sets the ID.
constexpr std::string_view kCliPublicKeyPem =
    "-----BEGIN PUBLIC KEY-----\n"
    "MFkwEwYHKoZIzj0CAQYIKoEcz1UBgi0DQgAEw9s8eRc5AZBjwxtdDfqXBxTWlqiF\n"
    "jkmgHeuZMDa2CG2P/Tp9sYfLM1xb1a6wftttajnvW/7/oVoOJvkoKt6ELA==\n"
    "-----END PUBLIC KEY-----\n";
constexpr std::string_view kCliMessage = "通办 SM2 interop fixture";
constexpr std::string_view kCliSignatureHex =
    "3044022010c7f93cd784379bf560b3e13c0df0da3b7df37e57939e8eb3dd80ad4213004202201c5a19d5519b0a"
    "3ca8ebe4b9e43611b7253c1bf2806a95e08674feb835f094bd";
constexpr std::string_view kCliEmptyIdSignatureHex =
    "3045022100bdfaf2dbc6f39a7bfba3f13776a4cf2c3589feb4c7846ad81e0fbbf9c1695f9a02206f4afbcd8de8"
    "2a6ec55ca9a296e51a5387a6de4160da04f9c8906b03b693a906";

TEST(Sm2Test, SignVerifyRoundTrip) {
  Sm2PrivateKey key = Sm2PrivateKey::Generate();
  std::string signature = key.Sign("营业执照 91110000MA00000000");
  ASSERT_GE(signature.size(), 8u);
  EXPECT_EQ(static_cast<unsigned char>(signature[0]), 0x30);  // DER SEQUENCE
  EXPECT_TRUE(key.PublicKey().Verify("营业执照 91110000MA00000000", signature).ok());
}

TEST(Sm2Test, SignaturesAreRandomised) {
  Sm2PrivateKey key = Sm2PrivateKey::Generate();
  EXPECT_NE(key.Sign("m"), key.Sign("m"));
}

TEST(Sm2Test, VerifiesSignatureMadeByOpenSslCommandLine) {
  auto pub = Sm2PublicKey::FromPem(kCliPublicKeyPem);
  ASSERT_TRUE(pub.ok()) << pub.error().detail;
  EXPECT_TRUE(pub->Verify(kCliMessage, Unhex(kCliSignatureHex)).ok());
  EXPECT_FALSE(pub->Verify("通办 SM2 interop fixture.", Unhex(kCliSignatureHex)).ok());
}

// The OpenSSL 3.0 pitfall: a signature made with the empty default ID must
// not pass as one made with "1234567812345678", and vice versa.
TEST(Sm2Test, EmptyIdSignatureIsNotAcceptedUnderTheDefaultId) {
  auto pub = Sm2PublicKey::FromPem(kCliPublicKeyPem).value();
  Status st = pub.Verify(kCliMessage, Unhex(kCliEmptyIdSignatureHex));
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().reason, "crypto.bad_signature");
  EXPECT_TRUE(pub.Verify(kCliMessage, Unhex(kCliEmptyIdSignatureHex), "").ok());
  EXPECT_FALSE(pub.Verify(kCliMessage, Unhex(kCliSignatureHex), "").ok());
}

TEST(Sm2Test, WrongIdIsRejected) {
  Sm2PrivateKey key = Sm2PrivateKey::Generate();
  std::string signature = key.Sign("message");
  EXPECT_FALSE(key.PublicKey().Verify("message", signature, "1234567812345679").ok());
  EXPECT_FALSE(key.PublicKey().Verify("message", signature, "").ok());
  std::string custom = key.Sign("message", "alice@example.gov.cn");
  EXPECT_TRUE(key.PublicKey().Verify("message", custom, "alice@example.gov.cn").ok());
  EXPECT_FALSE(key.PublicKey().Verify("message", custom).ok());
}

TEST(Sm2Test, IdLengthLimit) {
  Sm2PrivateKey key = Sm2PrivateKey::Generate();
  const std::string longest(kSm2MaxIdSize, 'i');
  EXPECT_TRUE(key.PublicKey().Verify("m", key.Sign("m", longest), longest).ok());
  const std::string too_long(kSm2MaxIdSize + 1, 'i');
  EXPECT_THROW(key.Sign("m", too_long), FatalError);
  EXPECT_FALSE(key.PublicKey().Verify("m", key.Sign("m", longest), too_long).ok());
}

TEST(Sm2Test, TamperedMessageOrSignatureIsRejected) {
  Sm2PrivateKey key = Sm2PrivateKey::Generate();
  Sm2PublicKey pub = key.PublicKey();
  const std::string message = "办结 case 2024-000123";
  const std::string signature = key.Sign(message);
  for (std::size_t i = 0; i < message.size(); ++i) {
    std::string m = message;
    m[i] = static_cast<char>(m[i] ^ 0x01);
    EXPECT_FALSE(pub.Verify(m, signature).ok()) << "message byte " << i;
  }
  for (std::size_t i = 0; i < signature.size(); ++i) {
    std::string s = signature;
    s[i] = static_cast<char>(s[i] ^ 0x01);
    EXPECT_FALSE(pub.Verify(message, s).ok()) << "signature byte " << i;
  }
  EXPECT_FALSE(pub.Verify(message, "").ok());
  EXPECT_FALSE(pub.Verify(message, signature + '\0').ok());
  EXPECT_FALSE(pub.Verify(message, signature.substr(0, signature.size() - 1)).ok());
  EXPECT_FALSE(Sm2PrivateKey::Generate().PublicKey().Verify(message, signature).ok());
}

TEST(Sm2Test, PemRoundTrip) {
  Sm2PrivateKey key = Sm2PrivateKey::Generate();
  std::string pem = key.ToPem();
  EXPECT_EQ(pem.rfind("-----BEGIN PRIVATE KEY-----\n", 0), 0u);
  auto loaded = Sm2PrivateKey::FromPem(pem);
  ASSERT_TRUE(loaded.ok()) << loaded.error().detail;
  EXPECT_EQ(loaded->ToPem(), pem);

  std::string pub_pem = key.PublicKey().ToPem();
  EXPECT_EQ(pub_pem.rfind("-----BEGIN PUBLIC KEY-----\n", 0), 0u);
  auto pub = Sm2PublicKey::FromPem(pub_pem);
  ASSERT_TRUE(pub.ok()) << pub.error().detail;
  EXPECT_EQ(pub->ToPem(), pub_pem);
  EXPECT_TRUE(pub->Verify("x", loaded->Sign("x")).ok());
}

TEST(Sm2Test, MalformedOrForeignPemIsRejected) {
  auto bad = Sm2PrivateKey::FromPem("not a key");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().reason, "crypto.malformed_key");
  EXPECT_EQ(Sm2PublicKey::FromPem("").error().reason, "crypto.malformed_key");
  // A public key is not a private key.
  EXPECT_EQ(Sm2PrivateKey::FromPem(kCliPublicKeyPem).error().reason, "crypto.malformed_key");

  auto ed = Sm2PrivateKey::FromPem(Ed25519PrivateKey::Generate().ToPem());
  ASSERT_FALSE(ed.ok());
  EXPECT_EQ(ed.error().reason, "crypto.wrong_key_type");
  EXPECT_EQ(Sm2PublicKey::FromPem(Ed25519PrivateKey::Generate().PublicKey().ToPem()).error().reason,
            "crypto.wrong_key_type");
}

// Encrypted PEM must fail at once rather than prompt on the terminal (the test
// would hang). Made with: openssl genpkey -algorithm SM2 -aes-128-cbc -pass pass:test
TEST(Sm2Test, EncryptedPemIsRefusedWithoutPrompting) {
  constexpr std::string_view kEncrypted =
      "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
      "MIHsMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAjJF3ERM46JZAICCAAw\n"
      "DAYIKoZIhvcNAgkFADAdBglghkgBZQMEAQIEEI/pE0COHK6XqaxU+NDTXKgEgZDD\n"
      "2J1gbsby5bDwkFqouL65rFpQhFO79sniSNV05OM5CqkKYFFafvxloUgqHHRkVAR9\n"
      "bO/W740TRgMOdEDxEIDNECAZJ9wH6MKrexwnL5qBae6Cz3g7sMlhH6mtY2KKbfAz\n"
      "djwQYRELwGpbF63F14xIx+/wCz+QwxJmY/eWE0njgV2EoPVambbfyNioqpZGg3Q=\n"
      "-----END ENCRYPTED PRIVATE KEY-----\n";
  auto key = Sm2PrivateKey::FromPem(kEncrypted);
  ASSERT_FALSE(key.ok());
  EXPECT_EQ(key.error().reason, "crypto.malformed_key");
}

// The other direction of interoperability: the openssl command line verifies
// our signature with the GM/T 0009 default ID (skipped where the CLI is absent).
TEST(Sm2Test, OpenSslCommandLineVerifiesOurSignature) {
  if (std::system("openssl version >/dev/null 2>&1") != 0) GTEST_SKIP() << "no openssl CLI";
  auto dir = std::filesystem::temp_directory_path() / ("tongban-sm2-" + RandomToken(8));
  std::filesystem::create_directories(dir);
  Sm2PrivateKey key = Sm2PrivateKey::Generate();
  const std::string message = "通办 signed by tongban";
  auto write = [](const std::filesystem::path& p, std::string_view data) {
    std::ofstream(p, std::ios::binary).write(data.data(), static_cast<std::streamsize>(data.size()));
  };
  write(dir / "pub.pem", key.PublicKey().ToPem());
  write(dir / "msg", message);
  write(dir / "sig", key.Sign(message));
  write(dir / "empty_id.sig", key.Sign(message, ""));
  const std::string verify = "openssl pkeyutl -verify -rawin -digest sm3 -pubin -inkey " +
                             (dir / "pub.pem").string() + " -in " + (dir / "msg").string();
  const std::string quiet = " >/dev/null 2>&1";
  EXPECT_EQ(
      std::system(
          (verify + " -pkeyopt distid:1234567812345678 -sigfile " + (dir / "sig").string() + quiet).c_str()),
      0);
  EXPECT_NE(std::system((verify + " -pkeyopt distid:1234567812345678 -sigfile " +
                         (dir / "empty_id.sig").string() + quiet)
                            .c_str()),
            0);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace tongban::crypto
