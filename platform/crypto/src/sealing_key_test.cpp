#include "crypto/sealing_key.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <set>

#include "core/hex.hpp"
#include "crypto/blind_index.hpp"
#include "crypto/sm3.hpp"
#include "sm4_ctr.hpp"

namespace tongban::crypto {
namespace {

std::string Unhex(std::string_view hex) {
  return HexDecode(hex).value();
}

template <std::size_t N>
std::array<std::uint8_t, N> ArrayFrom(std::string_view bytes) {
  std::array<std::uint8_t, N> a{};
  EXPECT_EQ(bytes.size(), N);
  std::memcpy(a.data(), bytes.data(), N);
  return a;
}

SymmetricKey KeyFromHex(std::string_view hex) {
  return SymmetricKey::FromBytes(Unhex(hex)).value();
}

const SymmetricKey& TestKey() {
  static const SymmetricKey key =
      KeyFromHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
  return key;
}

// GB/T 32907-2016 Appendix A, example 1: key = plaintext =
// 0123456789abcdeffedcba9876543210 → 681edf34d206965e86b3e94f536e4246.
// In CTR mode the first keystream block is SM4(key, IV), so encrypting a zero
// block with IV = the example's plaintext yields exactly the example's
// ciphertext — a KAT of the very primitive SealingKey uses.
TEST(Sm4Test, StandardExampleThroughCounterMode) {
  auto key = ArrayFrom<16>(Unhex("0123456789abcdeffedcba9876543210"));
  auto iv = ArrayFrom<16>(Unhex("0123456789abcdeffedcba9876543210"));
  std::string zeros(16, '\0');
  std::string out(16, '\0');
  detail::Sm4CtrXor(key, iv, zeros, out.data());
  EXPECT_EQ(HexEncode(out), "681edf34d206965e86b3e94f536e4246");
}

TEST(Sm4Test, CounterIncrementsAsOneBigEndianNumber) {
  auto key = ArrayFrom<16>(Unhex("0123456789abcdeffedcba9876543210"));
  auto iv = ArrayFrom<16>(Unhex("0123456789abcdeffedcba98765432ff"));
  auto next = ArrayFrom<16>(Unhex("0123456789abcdeffedcba9876543300"));
  std::string two_blocks(32, '\0'), one_block(16, '\0');
  detail::Sm4CtrXor(key, iv, std::string(32, '\0'), two_blocks.data());
  detail::Sm4CtrXor(key, next, std::string(16, '\0'), one_block.data());
  EXPECT_EQ(two_blocks.substr(16), one_block);
}

TEST(SealingKeyTest, RoundTrip) {
  SealingKey key(TestKey());
  const std::string plaintext = "11010519491231002X";  // a sample ID-card number
  std::string sealed = key.Seal(plaintext, "person/42/id_number");
  EXPECT_EQ(sealed.size(), plaintext.size() + SealingKey::kOverhead);
  EXPECT_EQ(sealed.find(plaintext), std::string::npos);
  auto opened = key.Open(sealed, "person/42/id_number");
  ASSERT_TRUE(opened.ok()) << opened.error().detail;
  EXPECT_EQ(*opened, plaintext);
}

TEST(SealingKeyTest, EmptyPlaintextAndEmptyAssociatedData) {
  SealingKey key(TestKey());
  std::string sealed = key.Seal("", "");
  EXPECT_EQ(sealed.size(), SealingKey::kOverhead);
  auto opened = key.Open(sealed, "");
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(*opened, "");
  EXPECT_FALSE(key.Open(sealed, "x").ok());
}

TEST(SealingKeyTest, LongPlaintextWithBinaryBytes) {
  SealingKey key(TestKey());
  std::string plaintext;
  for (int i = 0; i < 100000; ++i) plaintext += static_cast<char>(i * 31);
  auto opened = key.Open(key.Seal(plaintext, "ad"), "ad");
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(*opened, plaintext);
}

TEST(SealingKeyTest, EverySealUsesAFreshIv) {
  SealingKey key(TestKey());
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) seen.insert(key.Seal("same", "ad"));
  EXPECT_EQ(seen.size(), 100u);
}

TEST(SealingKeyTest, TamperingWithAnyByteIsDetected) {
  SealingKey key(TestKey());
  const std::string sealed = key.Seal("13800138000", "person/7/phone");
  for (std::size_t i = 0; i < sealed.size(); ++i) {
    for (unsigned char flip : {0x01, 0x80, 0xff}) {
      std::string tampered = sealed;
      tampered[i] = static_cast<char>(tampered[i] ^ flip);
      auto opened = key.Open(tampered, "person/7/phone");
      ASSERT_FALSE(opened.ok()) << "byte " << i << " flip " << int{flip};
      EXPECT_EQ(opened.error().reason, "crypto.tag_mismatch");
      EXPECT_EQ(opened.error().code, ErrorCode::kInvalidArgument);
    }
  }
}

TEST(SealingKeyTest, TruncationAndExtensionAreDetected) {
  SealingKey key(TestKey());
  const std::string sealed = key.Seal("hello", "ad");
  for (std::size_t n = 0; n < sealed.size(); ++n) {
    auto opened = key.Open(sealed.substr(0, n), "ad");
    ASSERT_FALSE(opened.ok()) << n;
    EXPECT_EQ(opened.error().reason, "crypto.tag_mismatch");
  }
  EXPECT_FALSE(key.Open(sealed + "x", "ad").ok());
  EXPECT_FALSE(key.Open(sealed.substr(1), "ad").ok());
}

TEST(SealingKeyTest, WrongAssociatedDataIsRejected) {
  SealingKey key(TestKey());
  const std::string sealed = key.Seal("secret", "person/1/id_number");
  for (std::string_view ad : {"person/2/id_number", "person/1/id_numbe", ""}) {
    auto opened = key.Open(sealed, ad);
    ASSERT_FALSE(opened.ok()) << ad;
    EXPECT_EQ(opened.error().reason, "crypto.tag_mismatch");
  }
  // The AD length is authenticated, so moving bytes between AD and ciphertext fails.
  EXPECT_FALSE(key.Open(sealed, std::string("person/1/id_number\0", 19)).ok());
}

TEST(SealingKeyTest, WrongKeyIsRejected) {
  const std::string sealed = SealingKey(TestKey()).Seal("secret", "ad");
  SealingKey other(SymmetricKey::Generate());
  auto opened = other.Open(sealed, "ad");
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().reason, "crypto.tag_mismatch");
}

TEST(SealingKeyTest, UnknownVersionIsRejected) {
  SealingKey key(TestKey());
  std::string sealed = key.Seal("secret", "ad");
  sealed[0] = 0x02;
  EXPECT_EQ(key.Open(sealed, "ad").error().reason, "crypto.tag_mismatch");
}

// Pins the documented format (sealing_key.hpp, README) so that a refactor
// cannot silently change what is stored in databases: derive the subkeys,
// recompute the tag and decrypt with nothing but the primitives.
TEST(SealingKeyTest, FormatMatchesTheDocumentation) {
  SealingKey key(TestKey());
  const std::string plaintext = "张三 110105194912310025";
  const std::string ad = "person/9/name_and_id";
  const std::string sealed = key.Seal(plaintext, ad);

  std::string enc_key =
      ToBytes(HmacSm3(TestKey().bytes(), std::string("tongban seal v1 sm4-ctr key") + '\x01')).substr(0, 16);
  std::string mac_key =
      ToBytes(HmacSm3(TestKey().bytes(), std::string("tongban seal v1 hmac-sm3 key") + '\x01'));

  ASSERT_EQ(sealed[0], '\x01');
  std::string iv = sealed.substr(1, 16);
  std::string ciphertext = sealed.substr(17, plaintext.size());
  std::string tag = sealed.substr(17 + plaintext.size());
  ASSERT_EQ(tag.size(), 32u);

  std::string ad_length(8, '\0');
  ad_length[7] = static_cast<char>(ad.size());
  EXPECT_EQ(ToBytes(HmacSm3(mac_key, sealed.substr(0, 17) + ad_length + ad + ciphertext)), tag);

  std::string decrypted(ciphertext.size(), '\0');
  detail::Sm4CtrXor(ArrayFrom<16>(enc_key), ArrayFrom<16>(iv), ciphertext, decrypted.data());
  EXPECT_EQ(decrypted, plaintext);
}

TEST(SealingKeyTest, CopiesSealAndOpenAlike) {
  SealingKey key(TestKey());
  SealingKey copy = key;
  EXPECT_EQ(*copy.Open(key.Seal("x", "ad"), "ad"), "x");
}

TEST(SymmetricKeyTest, RejectsWrongLength) {
  for (std::size_t n : {0u, 16u, 31u, 33u, 64u}) {
    auto key = SymmetricKey::FromBytes(std::string(n, 'k'));
    ASSERT_FALSE(key.ok()) << n;
    EXPECT_EQ(key.error().reason, "crypto.bad_key_length");
  }
  EXPECT_TRUE(SymmetricKey::FromBytes(std::string(32, 'k')).ok());
}

TEST(SymmetricKeyTest, GeneratedKeysDiffer) {
  EXPECT_NE(SymmetricKey::Generate().bytes(), SymmetricKey::Generate().bytes());
  EXPECT_EQ(SymmetricKey::Generate().bytes().size(), SymmetricKey::kSize);
}

TEST(BlindIndexTest, DeterministicKeyedHex) {
  const SymmetricKey& key = TestKey();
  std::string index = BlindIndex(key, "11010519491231002X");
  EXPECT_EQ(index.size(), 64u);
  EXPECT_EQ(index, BlindIndex(key, "11010519491231002X"));
  EXPECT_EQ(index, ToHex(HmacSm3(key.bytes(), "11010519491231002X")));
  EXPECT_NE(index, BlindIndex(key, "11010519491231002x"));
  EXPECT_NE(index, BlindIndex(SymmetricKey::Generate(), "11010519491231002X"));
  EXPECT_NE(index, Sm3Hex("11010519491231002X"));
}

}  // namespace
}  // namespace tongban::crypto
