#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "oidc/routes.hpp"

namespace tongban::oidc {
namespace {

namespace json = boost::json;

TEST(TokenResponseJsonTest, RefreshGrantAnswer) {
  TokenResponse t{"eyJ.a.b", 600, "rt-next", "eyJ.i.d", "openid profile"};
  std::string text = TokenResponseJson(t);
  EXPECT_EQ(text,
            R"({"access_token":"eyJ.a.b","token_type":"Bearer","expires_in":600,"scope":"openid profile",)"
            R"("refresh_token":"rt-next","id_token":"eyJ.i.d"})");
  json::object o = json::parse(text).as_object();
  EXPECT_EQ(o.at("expires_in").as_int64(), 600);
}

TEST(TokenResponseJsonTest, ClientCredentialsAnswerHasNoRefreshOrIdToken) {
  TokenResponse t{"eyJ.a.b", 600, "", "", "bench.read"};
  json::object o = json::parse(TokenResponseJson(t)).as_object();
  EXPECT_EQ(o.size(), 4u);
  EXPECT_FALSE(o.contains("refresh_token"));
  EXPECT_FALSE(o.contains("id_token"));
  EXPECT_EQ(o.at("token_type").as_string(), "Bearer");
}

TEST(TokenResponseJsonTest, Escapes) {
  TokenResponse t{"a\"b\\c", 1, "", "", "x\ny"};
  json::object o = json::parse(TokenResponseJson(t)).as_object();
  EXPECT_EQ(o.at("access_token").as_string(), "a\"b\\c");
  EXPECT_EQ(o.at("scope").as_string(), "x\ny");
}

}  // namespace
}  // namespace tongban::oidc
