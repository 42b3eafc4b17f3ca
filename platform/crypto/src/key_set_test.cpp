#include "crypto/key_set.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>

#include "core/hex.hpp"
#include "crypto/sealing_key.hpp"

namespace tongban::crypto {
namespace {

namespace fs = std::filesystem;

mode_t ModeOf(const fs::path& p) {
  struct stat st {};
  EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
  return st.st_mode & 07777;
}

// A sized read: GCC 12 at -O3 reports a false -Wnull-dereference inside
// std::istreambuf_iterator.
std::string ReadAll(const fs::path& p) {
  std::string content(fs::file_size(p), '\0');
  std::ifstream(p, std::ios::binary).read(content.data(), static_cast<std::streamsize>(content.size()));
  return content;
}

void WriteFile(const fs::path& p, std::string_view content, mode_t mode = 0600) {
  fs::remove(p);
  std::ofstream(p, std::ios::binary).write(content.data(), static_cast<std::streamsize>(content.size()));
  ASSERT_EQ(::chmod(p.c_str(), mode), 0);
}

class KeySetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "tongban-keyset-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    root_ = pattern;
  }
  void TearDown() override { fs::remove_all(root_); }

  KeySetPaths Generated() {
    auto paths = GenerateKeySet(root_ / "keys");
    EXPECT_TRUE(paths.ok()) << paths.error().message_en << " " << paths.error().detail;
    return *paths;
  }

  fs::path root_;
};

TEST_F(KeySetTest, GenerateThenLoad) {
  KeySetPaths paths = Generated();
  EXPECT_EQ(paths.data_encryption_key, root_ / "keys" / "data_encryption.key");
  EXPECT_EQ(ModeOf(root_ / "keys"), 0700u);
  for (const fs::path& p :
       {paths.data_encryption_key, paths.blind_index_key, paths.sm2_signing_key, paths.ed25519_signing_key}) {
    EXPECT_EQ(ModeOf(p), 0600u) << p;
  }
  EXPECT_EQ(ReadAll(paths.data_encryption_key).size(), 65u);  // 64 hex + newline

  auto keys = LoadKeySet(paths);
  ASSERT_TRUE(keys.ok()) << keys.error().message_en << " " << keys.error().detail;
  EXPECT_EQ(keys->sm2_signing_key.ToPem(), ReadAll(paths.sm2_signing_key));
  EXPECT_EQ(keys->ed25519_signing_key.ToPem(), ReadAll(paths.ed25519_signing_key));
  EXPECT_NE(keys->data_encryption_key.bytes(), keys->blind_index_key.bytes());

  // Data sealed under the loaded key opens under the key loaded a second time.
  std::string sealed = SealingKey(keys->data_encryption_key).Seal("secret", "ad");
  auto again = LoadKeySet(paths);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*SealingKey(again->data_encryption_key).Open(sealed, "ad"), "secret");
  EXPECT_TRUE(again->sm2_signing_key.PublicKey().Verify("m", keys->sm2_signing_key.Sign("m")).ok());
}

TEST_F(KeySetTest, GenerateRefusesToOverwrite) {
  KeySetPaths paths = Generated();
  const std::string before = ReadAll(paths.blind_index_key);
  auto again = GenerateKeySet(root_ / "keys");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(again.error().reason, "crypto.key_file_exists");
  EXPECT_NE(again.error().message_en.find("data_encryption.key"), std::string::npos);
  EXPECT_EQ(ReadAll(paths.blind_index_key), before);
}

TEST_F(KeySetTest, GenerateRefusesWhenAnyOneFileExistsAndWritesNothing) {
  fs::create_directories(root_ / "keys");
  WriteFile(root_ / "keys" / "ed25519_signing.pem", "placeholder");
  auto result = GenerateKeySet(root_ / "keys");
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message_en.find("ed25519_signing.pem"), std::string::npos);
  EXPECT_FALSE(fs::exists(root_ / "keys" / "data_encryption.key"));
  EXPECT_EQ(ReadAll(root_ / "keys" / "ed25519_signing.pem"), "placeholder");
}

TEST_F(KeySetTest, GenerateCreatesMissingParents) {
  auto paths = GenerateKeySet(root_ / "a" / "b" / "keys");
  ASSERT_TRUE(paths.ok());
  EXPECT_EQ(ModeOf(root_ / "a" / "b" / "keys"), 0700u);
  EXPECT_TRUE(LoadKeySet(*paths).ok());
}

TEST_F(KeySetTest, MissingFileIsNamed) {
  KeySetPaths paths = Generated();
  fs::remove(paths.sm2_signing_key);
  auto keys = LoadKeySet(paths);
  ASSERT_FALSE(keys.ok());
  EXPECT_EQ(keys.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(keys.error().reason, "crypto.key_file_missing");
  EXPECT_NE(keys.error().message_en.find(paths.sm2_signing_key.string()), std::string::npos);
  EXPECT_NE(keys.error().message_zh.find(paths.sm2_signing_key.string()), std::string::npos);
}

TEST_F(KeySetTest, FileOpenToGroupOrOthersIsRefused) {
  KeySetPaths paths = Generated();
  for (mode_t mode : {0640, 0604, 0660, 0644, 0610, 0601}) {
    ASSERT_EQ(::chmod(paths.blind_index_key.c_str(), mode), 0);
    auto keys = LoadKeySet(paths);
    ASSERT_FALSE(keys.ok()) << std::oct << mode;
    EXPECT_EQ(keys.error().reason, "crypto.key_file_permissions");
    EXPECT_NE(keys.error().message_en.find(paths.blind_index_key.string()), std::string::npos);
  }
  for (mode_t mode : {0600, 0400}) {
    ASSERT_EQ(::chmod(paths.blind_index_key.c_str(), mode), 0);
    EXPECT_TRUE(LoadKeySet(paths).ok()) << std::oct << mode;
  }
}

TEST_F(KeySetTest, DirectoryIsNotAKeyFile) {
  KeySetPaths paths = Generated();
  paths.data_encryption_key = root_;
  ASSERT_EQ(::chmod(root_.c_str(), 0700), 0);
  EXPECT_EQ(LoadKeySet(paths).error().reason, "crypto.key_file_unreadable");
}

TEST_F(KeySetTest, SymmetricKeyFileFormat) {
  KeySetPaths paths = Generated();
  const std::string hex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
  // Accepted: what `openssl rand -hex 32 > file` writes, upper case, surrounding space.
  for (const std::string& ok :
       {hex, hex + "\n", "  " + hex + "\r\n",
        std::string("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F")}) {
    WriteFile(paths.data_encryption_key, ok);
    auto keys = LoadKeySet(paths);
    ASSERT_TRUE(keys.ok()) << ok << ": " << keys.error().message_en;
    EXPECT_EQ(HexEncode(keys->data_encryption_key.bytes()), hex);
  }
  for (const std::string& bad : {std::string(), hex.substr(2), hex + "00", "zz" + hex.substr(2),
                                 hex.substr(0, 32) + " " + hex.substr(32), std::string(32, 'k')}) {
    WriteFile(paths.data_encryption_key, bad);
    auto keys = LoadKeySet(paths);
    ASSERT_FALSE(keys.ok()) << bad;
    EXPECT_EQ(keys.error().reason, "crypto.key_file_malformed");
    EXPECT_NE(keys.error().message_en.find(paths.data_encryption_key.string()), std::string::npos);
  }
}

TEST_F(KeySetTest, WrongAlgorithmInPemFileIsMalformed) {
  KeySetPaths paths = Generated();
  std::swap(paths.sm2_signing_key, paths.ed25519_signing_key);
  auto keys = LoadKeySet(paths);
  ASSERT_FALSE(keys.ok());
  EXPECT_EQ(keys.error().reason, "crypto.key_file_malformed");
  EXPECT_NE(keys.error().message_en.find("ed25519_signing.pem"), std::string::npos);
  EXPECT_NE(keys.error().message_en.find("SM2"), std::string::npos);
}

TEST_F(KeySetTest, GarbagePemFileIsMalformed) {
  KeySetPaths paths = Generated();
  WriteFile(paths.ed25519_signing_key, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
  EXPECT_EQ(LoadKeySet(paths).error().reason, "crypto.key_file_malformed");
}

TEST(KeySetGenerateTest, InMemoryKeySetsDiffer) {
  KeySet a = KeySet::Generate();
  KeySet b = KeySet::Generate();
  EXPECT_NE(a.data_encryption_key.bytes(), b.data_encryption_key.bytes());
  EXPECT_NE(a.sm2_signing_key.ToPem(), b.sm2_signing_key.ToPem());
}

}  // namespace
}  // namespace tongban::crypto
