#include "oidc/model.hpp"

#include <gtest/gtest.h>

namespace tongban::oidc {
namespace {

NewClient Valid() {
  NewClient c;
  c.name = "不动产登记系统";
  c.redirect_uris = {"https://rp.example.gov.cn/callback"};
  return c;
}

TEST(RedirectUriTest, AcceptsHttpsAndLoopbackHttp) {
  EXPECT_TRUE(ValidateRedirectUri("https://rp.example.gov.cn/cb?x=1", "/r").ok());
  EXPECT_TRUE(ValidateRedirectUri("http://127.0.0.1:8081/cb", "/r").ok());
  EXPECT_TRUE(ValidateRedirectUri("http://localhost/cb", "/r").ok());
  EXPECT_TRUE(ValidateRedirectUri("http://[::1]:9/cb", "/r").ok());
  EXPECT_TRUE(ValidateRedirectUri("http://rp.example.gov.cn/cb", "/r").ok());
}

TEST(RedirectUriTest, RefusesUnsafeForms) {
  for (const char* uri : {"", "https://rp.example.gov.cn/cb#frag", "https://*.example.gov.cn/cb",
                          "https://user:pw@rp.example.gov.cn/cb", "javascript:alert(1)", "https:///cb",
                          "https://rp.example.gov.cn/c b", "ftp://rp.example.gov.cn/cb",
                          "http://user@rp.example.gov.cn/cb", "http:///cb"}) {
    Status st = ValidateRedirectUri(uri, "/redirect_uris/0");
    ASSERT_FALSE(st.ok()) << uri;
    EXPECT_EQ(st.error().reason, "oidc.bad_redirect_uri") << uri;
    EXPECT_EQ(st.error().field, "/redirect_uris/0");
  }
  EXPECT_FALSE(ValidateRedirectUri("https://a.cn/" + std::string(600, 'a'), "/r").ok());
}

TEST(RedirectUriTest, MatchingIsExact) {
  Client c;
  c.redirect_uris = {"https://rp.example.gov.cn/callback"};
  EXPECT_TRUE(c.HasRedirectUri("https://rp.example.gov.cn/callback"));
  EXPECT_FALSE(c.HasRedirectUri("https://rp.example.gov.cn/callback/"));
  EXPECT_FALSE(c.HasRedirectUri("https://rp.example.gov.cn/callback?x=1"));
  EXPECT_FALSE(c.HasRedirectUri("https://RP.example.gov.cn/callback"));
  EXPECT_FALSE(c.HasRedirectUri("https://rp.example.gov.cn/callbackx"));
  EXPECT_FALSE(c.HasRedirectUri("https://rp.example.gov.cn/"));
}

TEST(NewClientTest, FillsDefaults) {
  auto c = ValidateNewClient(Valid());
  ASSERT_TRUE(c.ok()) << c.error().message_en;
  EXPECT_EQ(c->scopes, (std::vector<std::string>{"openid", "profile"}));
  EXPECT_EQ(c->grant_types, (std::vector<GrantType>{GrantType::kAuthorizationCode, GrantType::kRefreshToken,
                                                    GrantType::kClientCredentials}));
  NewClient pub = Valid();
  pub.type = ClientType::kPublic;
  auto p = ValidateNewClient(pub);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->grant_types.size(), 2u);
}

TEST(NewClientTest, RefusesBadInput) {
  NewClient n = Valid();
  n.name = "  ";
  EXPECT_EQ(ValidateNewClient(n).error().field, "/name");
  n = Valid();
  n.name = std::string(101, 'x');
  EXPECT_EQ(ValidateNewClient(n).error().reason, "oidc.bad_name");
  n = Valid();
  n.redirect_uris.push_back("https://*.evil.example.com/cb");
  EXPECT_EQ(ValidateNewClient(n).error().field, "/redirect_uris/1");
  n = Valid();
  n.scopes = {"openid", "bad scope"};
  EXPECT_EQ(ValidateNewClient(n).error().field, "/scopes/1");
  n = Valid();
  n.type = ClientType::kPublic;
  n.grant_types = {GrantType::kClientCredentials};
  EXPECT_EQ(ValidateNewClient(n).error().reason, "oidc.bad_grant_types");
  n = Valid();
  n.redirect_uris.clear();
  EXPECT_EQ(ValidateNewClient(n).error().reason, "oidc.bad_redirect_uri");
  n = Valid();
  n.redirect_uris.clear();
  n.grant_types = {GrantType::kClientCredentials};
  EXPECT_TRUE(ValidateNewClient(n).ok());
}

TEST(ScopeTest, ParsesAndRefuses) {
  EXPECT_EQ(*ParseScope("openid  profile openid"), (std::vector<std::string>{"openid", "profile"}));
  EXPECT_TRUE(ParseScope("")->empty());
  EXPECT_FALSE(ParseScope("openid pro\"file"));
  EXPECT_EQ(JoinScope({"a", "b"}), "a b");
}

// RFC 7636 Appendix B.
constexpr const char* kVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
constexpr const char* kChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

TEST(PkceTest, S256) {
  EXPECT_TRUE(VerifyPkceS256(kVerifier, kChallenge));
  std::string wrong = kVerifier;
  wrong.back() = 'j';
  EXPECT_FALSE(VerifyPkceS256(wrong, kChallenge));
  // "plain": the verifier itself as the challenge never verifies.
  EXPECT_FALSE(VerifyPkceS256(kChallenge, kChallenge));
  EXPECT_FALSE(IsValidCodeVerifier("short"));
  EXPECT_FALSE(IsValidCodeVerifier(std::string(129, 'a')));
  EXPECT_FALSE(IsValidCodeVerifier(std::string(43, '+')));
  EXPECT_FALSE(IsValidCodeChallenge("abc"));
}

AuthorizationCode Code() {
  AuthorizationCode c;
  c.client_id = "client_a";
  c.redirect_uri = "https://rp/cb";
  c.code_challenge = kChallenge;
  c.expires_at = 1000;
  return c;
}

TEST(CodeTest, Verdicts) {
  EXPECT_EQ(JudgeCode(Code(), "client_a", "https://rp/cb", kVerifier, 999), CodeVerdict::kExchange);
  EXPECT_EQ(JudgeCode(Code(), "client_a", "https://rp/cb", kVerifier, 1000), CodeVerdict::kExpired);
  EXPECT_EQ(JudgeCode(Code(), "client_b", "https://rp/cb", kVerifier, 0), CodeVerdict::kWrongClient);
  EXPECT_EQ(JudgeCode(Code(), "client_a", "https://rp/cb2", kVerifier, 0), CodeVerdict::kWrongRedirectUri);
  EXPECT_EQ(JudgeCode(Code(), "client_a", "https://rp/cb", "", 0), CodeVerdict::kPkceFailed);
  std::string wrong = std::string(43, 'a');
  EXPECT_EQ(JudgeCode(Code(), "client_a", "https://rp/cb", wrong, 0), CodeVerdict::kPkceFailed);
  AuthorizationCode used = Code();
  used.used_at = "2026-11-21T00:00:00.000Z";
  EXPECT_EQ(JudgeCode(used, "client_a", "https://rp/cb", kVerifier, 0), CodeVerdict::kReplay);
  AuthorizationCode no_pkce = Code();
  no_pkce.code_challenge.clear();
  EXPECT_EQ(JudgeCode(no_pkce, "client_a", "https://rp/cb", "", 0), CodeVerdict::kExchange);
  EXPECT_EQ(JudgeCode(no_pkce, "client_a", "https://rp/cb", kVerifier, 0), CodeVerdict::kPkceFailed);
}

TEST(RefreshTest, RotationAndReuse) {
  RefreshToken t{"h", "g", 1000, ""};
  Grant g;
  g.client_id = "client_a";
  EXPECT_EQ(JudgeRefresh(t, g, "client_a", 10), RefreshVerdict::kRotate);
  EXPECT_EQ(JudgeRefresh(t, g, "client_b", 10), RefreshVerdict::kWrongClient);
  EXPECT_EQ(JudgeRefresh(t, g, "client_a", 1000), RefreshVerdict::kExpired);
  t.used_at = "2026-11-21T00:00:00.000Z";
  EXPECT_EQ(JudgeRefresh(t, g, "client_a", 10), RefreshVerdict::kReuse);
  g.revoked_at = "2026-11-21T00:00:01.000Z";
  EXPECT_EQ(JudgeRefresh(t, g, "client_a", 10), RefreshVerdict::kRevoked);
}

TEST(SecretTest, HashIsSm3Hex) {
  EXPECT_EQ(HashSecret("abc"), "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
}

}  // namespace
}  // namespace tongban::oidc
