#include "http/url_encoding.hpp"

#include <gtest/gtest.h>

namespace tongban::http {
namespace {

TEST(UrlEncodingTest, PercentEncodingRoundTrips) {
  EXPECT_EQ(PercentEncode("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
  EXPECT_EQ(*PercentDecode("a%20b+c", PlusAsSpace::kYes), "a b c");
  EXPECT_EQ(*PercentDecode("a+b", PlusAsSpace::kNo), "a+b");
  EXPECT_EQ(*PercentDecode(PercentEncode("~-._ +%/é"), PlusAsSpace::kNo), "~-._ +%/é");
  EXPECT_FALSE(PercentDecode("%2", PlusAsSpace::kYes));
  EXPECT_FALSE(PercentDecode("%zz", PlusAsSpace::kYes));
}

TEST(UrlEncodingTest, ParsesForms) {
  auto form = ParseForm("grant_type=refresh_token&refresh_token=a%2Bb&&scope=openid+profile&empty=&bare");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->find("refresh_token")->second, "a+b");
  EXPECT_EQ(form->find("scope")->second, "openid profile");
  EXPECT_EQ(form->find("empty")->second, "");
  EXPECT_EQ(form->find("bare")->second, "");
  EXPECT_EQ(form->size(), 5u);
  EXPECT_FALSE(ParseForm("a=%"));
  EXPECT_FALSE(ParseForm("ok=1&b%zz=2"));
}

TEST(UrlEncodingTest, AppendsToQuery) {
  EXPECT_EQ(AppendQuery("https://rp/cb", {{"code", "x y"}, {"state", "s"}}),
            "https://rp/cb?code=x%20y&state=s");
  EXPECT_EQ(AppendQuery("https://rp/cb?a=1", {{"code", "c"}}), "https://rp/cb?a=1&code=c");
  EXPECT_EQ(AppendQuery("/login", {}), "/login");
}

}  // namespace
}  // namespace tongban::http
