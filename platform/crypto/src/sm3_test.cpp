#include "crypto/sm3.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/hex.hpp"

namespace tongban::crypto {
namespace {

std::string Abcd16() {
  std::string s;
  for (int i = 0; i < 16; ++i) s += "abcd";
  return s;
}

// GB/T 32905-2016 Appendix A, example 1.
TEST(Sm3Test, StandardExampleAbc) {
  EXPECT_EQ(Sm3Hex("abc"), "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
}

// GB/T 32905-2016 Appendix A, example 2: "abcd" repeated 16 times (64 bytes).
TEST(Sm3Test, StandardExampleAbcdRepeated) {
  EXPECT_EQ(Sm3Hex(Abcd16()), "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
}

TEST(Sm3Test, EmptyInput) {
  EXPECT_EQ(Sm3Hex(""), "1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b");
}

TEST(Sm3Test, DigestConversions) {
  Sm3Digest d = Sm3("abc");
  EXPECT_EQ(ToBytes(d).size(), kSm3DigestSize);
  EXPECT_EQ(HexEncode(ToBytes(d)), ToHex(d));
  EXPECT_EQ(ToHex(d), Sm3Hex("abc"));
}

TEST(Sm3HasherTest, AnySplitGivesTheOneShotDigest) {
  const std::string message = Abcd16() + "xyz";
  const Sm3Digest expected = Sm3(message);
  for (std::size_t cut = 0; cut <= message.size(); ++cut) {
    Sm3Hasher h;
    h.Update(std::string_view(message).substr(0, cut));
    h.Update(std::string_view(message).substr(cut));
    EXPECT_EQ(h.Finish(), expected) << "cut at " << cut;
  }
}

TEST(Sm3HasherTest, FinishResetsForReuse) {
  Sm3Hasher h;
  h.Update("ab");
  h.Update("c");
  EXPECT_EQ(h.Finish(), Sm3("abc"));
  EXPECT_EQ(h.Finish(), Sm3(""));
  h.Update(Abcd16());
  EXPECT_EQ(h.Finish(), Sm3(Abcd16()));
}

TEST(Sm3HasherTest, Movable) {
  Sm3Hasher a;
  a.Update("ab");
  Sm3Hasher b = std::move(a);
  b.Update("c");
  EXPECT_EQ(b.Finish(), Sm3("abc"));
  a = Sm3Hasher();
  a.Update("abc");
  EXPECT_EQ(a.Finish(), Sm3("abc"));
}

// HMAC by its definition (RFC 2104) on top of Sm3, block size 64:
// H((K' ^ opad) || H((K' ^ ipad) || m)), K' = H(K) if |K| > 64, zero-padded.
std::string HmacByDefinition(std::string key, std::string_view message) {
  if (key.size() > 64) key = ToBytes(Sm3(key));
  key.resize(64, '\0');
  std::string inner(key), outer(key);
  for (auto& c : inner) c = static_cast<char>(c ^ 0x36);
  for (auto& c : outer) c = static_cast<char>(c ^ 0x5c);
  return ToHex(Sm3(outer + ToBytes(Sm3(inner + std::string(message)))));
}

TEST(HmacSm3Test, MatchesRfc2104DefinitionForAllKeyShapes) {
  const std::string message = "The quick brown fox jumps over the lazy dog";
  for (std::size_t key_size : {0u, 1u, 16u, 32u, 63u, 64u, 65u, 100u, 200u}) {
    std::string key(key_size, '\0');
    for (std::size_t i = 0; i < key_size; ++i) key[i] = static_cast<char>(i * 7 + 1);
    EXPECT_EQ(ToHex(HmacSm3(key, message)), HmacByDefinition(key, message)) << key_size;
    EXPECT_EQ(ToHex(HmacSm3(key, "")), HmacByDefinition(key, "")) << key_size;
  }
}

TEST(HmacSm3Test, KeyMatters) {
  EXPECT_NE(HmacSm3("key-1", "data"), HmacSm3("key-2", "data"));
  EXPECT_NE(HmacSm3("key", "data"), Sm3("data"));
}

}  // namespace
}  // namespace tongban::crypto
