#include "crypto/random.hpp"

#include <gtest/gtest.h>

#include <set>

#include "crypto/base64url.hpp"

namespace tongban::crypto {
namespace {

TEST(RandomTest, BytesHaveTheRequestedSizeAndDiffer) {
  EXPECT_EQ(RandomBytes(0), "");
  EXPECT_EQ(RandomBytes(1).size(), 1u);
  EXPECT_EQ(RandomBytes(100000).size(), 100000u);
  EXPECT_NE(RandomBytes(32), RandomBytes(32));
}

TEST(RandomTest, BytesAreNotObviouslyBiased) {
  std::string bytes = RandomBytes(1 << 16);
  int counts[256] = {};
  for (char c : bytes) ++counts[static_cast<unsigned char>(c)];
  for (int n : counts) {  // expected 256 per value; 5 sigma is about ±80
    EXPECT_GT(n, 150);
    EXPECT_LT(n, 360);
  }
}

TEST(RandomTest, TokensAreUrlSafeAndUnique) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string token = RandomToken();
    ASSERT_EQ(token.size(), 43u);
    ASSERT_EQ(token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
              std::string::npos);
    ASSERT_EQ(Base64UrlDecode(token)->size(), 32u);
    seen.insert(token);
  }
  EXPECT_EQ(seen.size(), 1000u);
  EXPECT_EQ(RandomToken(16).size(), 22u);
}

}  // namespace
}  // namespace tongban::crypto
