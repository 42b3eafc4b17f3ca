#include "crypto/base64url.hpp"

#include <gtest/gtest.h>

#include "crypto/random.hpp"

namespace tongban::crypto {
namespace {

// RFC 4648 §10, without the padding.
TEST(Base64UrlTest, Rfc4648Vectors) {
  const std::pair<std::string_view, std::string_view> vectors[] = {
      {"", ""},           {"f", "Zg"},          {"fo", "Zm8"},         {"foo", "Zm9v"},
      {"foob", "Zm9vYg"}, {"fooba", "Zm9vYmE"}, {"foobar", "Zm9vYmFy"}};
  for (auto [plain, encoded] : vectors) {
    EXPECT_EQ(Base64UrlEncode(plain), encoded);
    EXPECT_EQ(Base64UrlDecode(encoded), std::string(plain));
  }
}

TEST(Base64UrlTest, UsesTheUrlAlphabet) {
  EXPECT_EQ(Base64UrlEncode("\xfb\xff\xbf"), "-_-_");
  EXPECT_EQ(Base64UrlDecode("-_-_"), std::string("\xfb\xff\xbf"));
}

TEST(Base64UrlTest, RejectsNonCanonicalText) {
  for (std::string_view bad :
       {"Zg==", "Zm9v+", "Zm9v/", "+/+/", "Zm 9v", "Zm9v\n", "Z", "Zm9vY", "Zh", "Zm9", "Zm-"}) {
    EXPECT_FALSE(Base64UrlDecode(bad).has_value()) << bad;
  }
  EXPECT_TRUE(Base64UrlDecode("Zm8").has_value());
}

TEST(Base64UrlTest, RoundTripsEveryLength) {
  for (std::size_t n = 0; n < 100; ++n) {
    std::string bytes = RandomBytes(n);
    auto decoded = Base64UrlDecode(Base64UrlEncode(bytes));
    ASSERT_TRUE(decoded.has_value()) << n;
    EXPECT_EQ(*decoded, bytes);
  }
}

}  // namespace
}  // namespace tongban::crypto
