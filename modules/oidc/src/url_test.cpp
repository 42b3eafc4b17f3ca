#include "url.hpp"

#include <gtest/gtest.h>

namespace tongban::oidc {
namespace {

TEST(UrlTest, PercentEncodingRoundTrips) {
  EXPECT_EQ(PercentEncode("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
  EXPECT_EQ(*PercentDecode("a%20b+c", true), "a b c");
  EXPECT_EQ(*PercentDecode("a+b", false), "a+b");
  EXPECT_FALSE(PercentDecode("%2", true));
  EXPECT_FALSE(PercentDecode("%zz", true));
}

TEST(UrlTest, ParsesForms) {
  auto form = ParseForm("grant_type=refresh_token&refresh_token=a%2Bb&&scope=openid+profile&empty=");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->find("refresh_token")->second, "a+b");
  EXPECT_EQ(form->find("scope")->second, "openid profile");
  EXPECT_EQ(form->find("empty")->second, "");
  EXPECT_FALSE(ParseForm("a=%"));
}

TEST(UrlTest, AppendsToQuery) {
  EXPECT_EQ(AppendQuery("https://rp/cb", {{"code", "x y"}, {"state", "s"}}),
            "https://rp/cb?code=x%20y&state=s");
  EXPECT_EQ(AppendQuery("https://rp/cb?a=1", {{"code", "c"}}), "https://rp/cb?a=1&code=c");
}

TEST(UrlTest, Base64) {
  EXPECT_EQ(*Base64Decode("Y2xpZW50OnNlY3JldA=="), "client:secret");
  EXPECT_EQ(*Base64Decode(""), "");
  EXPECT_FALSE(Base64Decode("Y2xpZW50OnNlY3JldA="));
  EXPECT_FALSE(Base64Decode("Y2x=ZW50"));
  EXPECT_FALSE(Base64Decode("Y2x*"));
}

}  // namespace
}  // namespace tongban::oidc
