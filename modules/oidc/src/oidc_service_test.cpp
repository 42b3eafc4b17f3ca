// The provider's use cases against real storage, on SQLite and PostgreSQL:
// code exchange with PKCE, code replay, refresh rotation and reuse detection,
// session binding, client_credentials, userinfo with its access record, and
// key rotation with overlap. Persons, sessions and the clock are fakes.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <thread>

#include "audit/audit.hpp"
#include "crypto/base64url.hpp"
#include "crypto/sha256.hpp"
#include "http/url_encoding.hpp"
#include "jose/jwt.hpp"
#include "oidc/service.hpp"
#include "outbox/outbox.hpp"
#include "testing/backend_test.hpp"

namespace tongban::oidc {
namespace {

constexpr const char* kIssuer = "https://sso.example.gov.cn";
constexpr const char* kRedirect = "https://rp.example.gov.cn/cb";
constexpr const char* kVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
constexpr const char* kChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

class FakeDirectory : public identity::Directory {
 public:
  std::optional<identity::PersonSummary> FindPerson(db::Transaction&, const std::string& id) override {
    if (id != "person_1") return std::nullopt;
    identity::PersonSummary p;
    p.person_id = id;
    p.name = "张三";
    p.phone_masked = "138****5678";
    return p;
  }
  std::optional<identity::EnterpriseSummary> FindEnterprise(db::Transaction&, const std::string&) override {
    return std::nullopt;
  }
  std::optional<identity::EnterpriseSummary> FindEnterpriseByUscc(db::Transaction&,
                                                                  const std::string&) override {
    return std::nullopt;
  }
  std::optional<identity::StaffSummary> FindStaff(db::Transaction&, const std::string&) override {
    return std::nullopt;
  }
};

// Revocation events of a grant family in the outbox.
const db::Sql kCountRevokedEvents{"count_oidc_test_revoked_events",
                                  "SELECT COUNT(*) FROM outbox_events WHERE topic = 'oidc.grant.revoked'",
                                  "SELECT COUNT(*) FROM outbox_events WHERE topic = 'oidc.grant.revoked'"};
std::int64_t RevokedEvents(db::Database& db) {
  std::int64_t n = -1;
  db.Run([&](db::Transaction& tx) { n = tx.Query(kCountRevokedEvents, {})[0].Int(0); });
  return n;
}

class FakeSessions : public identity::SessionControl {
 public:
  std::set<std::string> ended;
  Status EndSession(const std::string& id) override {
    ended.insert(id);
    return Status::Ok();
  }
  bool SessionLive(const std::string& id) override { return !ended.count(id); }
  bool SessionLiveIn(db::Transaction&, const std::string& id, bool* touch_due) override {
    *touch_due = touch_next;
    return SessionLive(id);
  }
  void TouchSession(db::Transaction&, const std::string& id) override { touched.push_back(id); }
  bool touch_next = false;
  std::vector<std::string> touched;
};

struct AccessRecord {
  std::string person_id, client_id, fields;
  bool unmasked = false;
};

class OidcServiceTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    std::vector<db::Migration> all;
    for (auto span : {audit::Migrations(), outbox::Migrations(), oidc::Migrations()}) {
      all.insert(all.end(), span.begin(), span.end());
    }
    ASSERT_TRUE(db::ApplyMigrations(db(), all).ok());
    Dependencies deps;
    deps.directory = &directory_;
    deps.sessions = &sessions_;
    deps.clock = &clock_;
    deps.phone = [](db::Transaction&, const std::string&) {
      return std::optional<std::string>("13812345678");
    };
    deps.record_access = [this](db::Transaction&, const std::string& person, const std::string& client,
                                const std::string&, const std::string& fields, bool unmasked,
                                const std::string&) {
      records_.push_back({person, client, fields, unmasked});
      return Status::Ok();
    };
    service_ = std::make_unique<OidcService>(db(), keys_, deps);
    ASSERT_TRUE(service_->Start().ok());
  }

  IssuedClient MakeClient(ClientType type = ClientType::kConfidential, bool phone = false) {
    NewClient n;
    n.name = "测试系统";
    n.type = type;
    n.redirect_uris = {kRedirect};
    n.post_logout_redirect_uris = {"https://rp.example.gov.cn/bye"};
    n.scopes = {"openid", "profile", "phone", "catalog.read"};
    n.phone_entitled = phone;
    auto c = service_->CreateClientAs(audit::Actor{"system:test", "system", "", ""}, n, "req");
    EXPECT_TRUE(c.ok());
    return *c;
  }

  identity::Caller Person(identity::AssuranceLevel level = identity::AssuranceLevel::kL2) {
    identity::Caller c;
    c.kind = identity::CallerKind::kPerson;
    c.subject_id = "person_1";
    c.roles = {identity::Role::kResident};
    c.assurance = level;
    c.session_id = "sess_1";
    c.auth_method = "pwd";
    c.auth_time = 1'800'000'000;
    return c;
  }

  AuthorizeRequest Request(const Client& c, std::string scope = "openid profile") {
    AuthorizeRequest r;
    r.client_id = c.client_id;
    r.redirect_uri = kRedirect;
    r.response_type = "code";
    r.scope = std::move(scope);
    r.state = "st";
    r.nonce = "n-1";
    r.code_challenge = kChallenge;
    r.code_challenge_method = "S256";
    return r;
  }

  // The code from a successful authorize redirect.
  std::string CodeFrom(const AuthorizeOutcome& out) {
    EXPECT_EQ(out.kind, AuthorizeOutcome::Kind::kRedirect) << out.error.message_en;
    auto q = out.location.find("code=");
    EXPECT_NE(q, std::string::npos) << out.location;
    auto end = out.location.find('&', q);
    return *http::PercentDecode(out.location.substr(q + 5, end - q - 5), http::PlusAsSpace::kNo);
  }

  TokenOutcome Exchange(const IssuedClient& c, const std::string& code, std::string verifier = kVerifier) {
    TokenRequest t;
    t.grant_type = "authorization_code";
    t.code = code;
    t.redirect_uri = kRedirect;
    t.code_verifier = std::move(verifier);
    t.client = {c.client.client_id, c.client_secret, true};
    return service_->Token(t, kIssuer, "req");
  }

  TokenOutcome Refresh(const IssuedClient& c, const std::string& token) {
    TokenRequest t;
    t.grant_type = "refresh_token";
    t.refresh_token = token;
    t.client = {c.client.client_id, c.client_secret, false};
    return service_->Token(t, kIssuer, "req");
  }

  FakeDirectory directory_;
  FakeSessions sessions_;
  calendar::FakeClock clock_{calendar::Instant(std::chrono::seconds(1'800'000'100))};
  crypto::KeySet keys_ = crypto::KeySet::Generate();
  std::vector<AccessRecord> records_;
  std::unique_ptr<OidcService> service_;
};

TEST_P(OidcServiceTest, CodeFlowIssuesVerifiableTokens) {
  IssuedClient c = MakeClient();
  AuthorizeOutcome out = service_->Authorize(Person(), Request(c.client), "/oidc/authorize?x", kIssuer);
  EXPECT_NE(out.location.find("state=st"), std::string::npos);
  EXPECT_NE(out.location.find("iss=https%3A%2F%2Fsso.example.gov.cn"), std::string::npos);
  TokenOutcome t = Exchange(c, CodeFrom(out));
  ASSERT_TRUE(t.response) << t.error.error << ": " << t.error.description;
  EXPECT_FALSE(t.response->refresh_token.empty());
  auto jwks = jose::JwkSet::Parse(service_->JwksJson());
  ASSERT_TRUE(jwks.ok());
  EXPECT_EQ(jwks->size(), 2u);  // EdDSA and ES256
  jose::JwtChecks checks;
  checks.issuer = kIssuer;
  checks.audience = c.client.client_id;
  auto id = jose::VerifyJwt(t.response->id_token, *jwks, {jose::Algorithm::kEdDsa}, checks, clock_.Now());
  ASSERT_TRUE(id.ok()) << id.error().reason;
  EXPECT_EQ(id->claims.subject, "person_1");
  EXPECT_EQ(id->StringClaim("nonce"), "n-1");
  EXPECT_EQ(id->StringClaim("acr"), "L2");
  EXPECT_EQ(id->StringClaim("sid"), "sess_1");
  EXPECT_EQ(id->IntegerClaim("auth_time"), 1'800'000'000);
  EXPECT_EQ(id->StringListClaim("amr"), (std::vector<std::string>{"pwd"}));
  auto at = service_->VerifyAccessToken(t.response->access_token, kIssuer);
  ASSERT_TRUE(at.ok());
  EXPECT_EQ(at->client_id, c.client.client_id);
  // An ID token is not an access token (typ at+jwt).
  EXPECT_FALSE(service_->VerifyAccessToken(t.response->id_token, kIssuer).ok());
  // Nor is an access token for another issuer.
  EXPECT_FALSE(service_->VerifyAccessToken(t.response->access_token, "https://other").ok());
}

TEST_P(OidcServiceTest, WrongVerifierAndMissingPkceAreRefused) {
  IssuedClient c = MakeClient();
  std::string code = CodeFrom(service_->Authorize(Person(), Request(c.client), "/", kIssuer));
  TokenOutcome t = Exchange(c, code, std::string(43, 'a'));
  ASSERT_FALSE(t.response);
  EXPECT_EQ(t.error.error, "invalid_grant");
  IssuedClient pub = MakeClient(ClientType::kPublic);
  AuthorizeRequest r = Request(pub.client);
  r.code_challenge.clear();
  r.code_challenge_method.clear();
  AuthorizeOutcome out = service_->Authorize(Person(), r, "/", kIssuer);
  EXPECT_EQ(out.kind, AuthorizeOutcome::Kind::kRedirect);
  EXPECT_NE(out.location.find("error=invalid_request"), std::string::npos) << out.location;
  r = Request(pub.client);
  r.code_challenge_method = "plain";
  out = service_->Authorize(Person(), r, "/", kIssuer);
  EXPECT_NE(out.location.find("error=invalid_request"), std::string::npos);
}

TEST_P(OidcServiceTest, UnregisteredRedirectUriIsNeverRedirectedTo) {
  IssuedClient c = MakeClient();
  AuthorizeRequest r = Request(c.client);
  r.redirect_uri = "https://evil.example.com/cb";
  AuthorizeOutcome out = service_->Authorize(Person(), r, "/", kIssuer);
  EXPECT_EQ(out.kind, AuthorizeOutcome::Kind::kError);
  EXPECT_EQ(out.error.reason, "oidc.bad_redirect_uri");
  EXPECT_TRUE(out.location.empty());
  r = Request(c.client);
  r.response_type = "token";
  out = service_->Authorize(Person(), r, "/", kIssuer);
  EXPECT_NE(out.location.find("error=unsupported_response_type"), std::string::npos);
}

TEST_P(OidcServiceTest, NoSessionGoesToLoginAndPromptNoneFails) {
  IssuedClient c = MakeClient();
  identity::Caller anonymous;
  AuthorizeOutcome out =
      service_->Authorize(anonymous, Request(c.client), "/oidc/authorize?a=1&prompt=login", kIssuer);
  EXPECT_EQ(out.kind, AuthorizeOutcome::Kind::kLogin);
  EXPECT_EQ(out.location, "/login?return_to=%2Foidc%2Fauthorize%3Fa%3D1");
  AuthorizeRequest r = Request(c.client);
  r.prompt = "none";
  out = service_->Authorize(anonymous, r, "/", kIssuer);
  EXPECT_NE(out.location.find("error=login_required"), std::string::npos);
}

TEST_P(OidcServiceTest, AssuranceBelowTheClientsRequirementIsDenied) {
  IssuedClient c = MakeClient();
  AuthorizeRequest r = Request(c.client);
  r.acr_values = "L3";
  AuthorizeOutcome out = service_->Authorize(Person(identity::AssuranceLevel::kL2), r, "/", kIssuer);
  EXPECT_NE(out.location.find("error=access_denied"), std::string::npos);
  EXPECT_NE(out.location.find("L3"), std::string::npos);
  out = service_->Authorize(Person(identity::AssuranceLevel::kL3), r, "/", kIssuer);
  EXPECT_NE(out.location.find("code="), std::string::npos);
}

TEST_P(OidcServiceTest, ReplayedCodeRevokesWhatItIssued) {
  IssuedClient c = MakeClient();
  std::string code = CodeFrom(service_->Authorize(Person(), Request(c.client), "/", kIssuer));
  TokenOutcome first = Exchange(c, code);
  ASSERT_TRUE(first.response);
  TokenOutcome second = Exchange(c, code);
  ASSERT_FALSE(second.response);
  EXPECT_EQ(second.error.error, "invalid_grant");
  EXPECT_FALSE(Refresh(c, first.response->refresh_token).response);
  auto at = service_->VerifyAccessToken(first.response->access_token, kIssuer);
  ASSERT_FALSE(at.ok());
  EXPECT_EQ(at.error().reason, "oidc.invalid_token");
}

TEST_P(OidcServiceTest, RefreshRotatesAndReuseRevokesTheFamily) {
  IssuedClient c = MakeClient();
  TokenOutcome t = Exchange(c, CodeFrom(service_->Authorize(Person(), Request(c.client), "/", kIssuer)));
  ASSERT_TRUE(t.response);
  TokenOutcome r1 = Refresh(c, t.response->refresh_token);
  ASSERT_TRUE(r1.response) << r1.error.description;
  EXPECT_NE(r1.response->refresh_token, t.response->refresh_token);
  TokenOutcome r2 = Refresh(c, r1.response->refresh_token);
  ASSERT_TRUE(r2.response);
  // The first token again: theft. The whole family dies, including r2's token.
  TokenOutcome reuse = Refresh(c, t.response->refresh_token);
  ASSERT_FALSE(reuse.response);
  EXPECT_EQ(reuse.error.error, "invalid_grant");
  TokenOutcome after = Refresh(c, r2.response->refresh_token);
  ASSERT_FALSE(after.response);
  EXPECT_NE(after.error.description.find("revoked"), std::string::npos);
  // Another client presenting a token learns nothing and revokes nothing.
  IssuedClient other = MakeClient();
  TokenOutcome t2 = Exchange(c, CodeFrom(service_->Authorize(Person(), Request(c.client), "/", kIssuer)));
  ASSERT_TRUE(t2.response);
  EXPECT_FALSE(Refresh(other, t2.response->refresh_token).response);
  EXPECT_TRUE(Refresh(c, t2.response->refresh_token).response);
}

// Two presentations of one refresh token at once: exactly one rotates, the
// other is a reuse, and the family — including the winner's new token — dies.
TEST_P(OidcServiceTest, ConcurrentRefreshOfOneTokenRevokesTheFamily) {
  IssuedClient c = MakeClient();
  TokenOutcome t = Exchange(c, CodeFrom(service_->Authorize(Person(), Request(c.client), "/", kIssuer)));
  ASSERT_TRUE(t.response);
  TokenOutcome a, b;
  std::thread first([&] { a = Refresh(c, t.response->refresh_token); });
  std::thread second([&] { b = Refresh(c, t.response->refresh_token); });
  first.join();
  second.join();
  ASSERT_EQ(int(a.response.has_value()) + int(b.response.has_value()), 1);
  const TokenOutcome& won = a.response ? a : b;
  const TokenOutcome& lost = a.response ? b : a;
  EXPECT_EQ(lost.error.error, "invalid_grant");
  EXPECT_EQ(RevokedEvents(db()), 1);  // whichever way the loser found out, the revocation has its event
  EXPECT_FALSE(Refresh(c, won.response->refresh_token).response);
  EXPECT_FALSE(service_->VerifyAccessToken(won.response->access_token, kIssuer).ok());
}

// Two exchanges of one code at once: one gets tokens, which the other revokes.
TEST_P(OidcServiceTest, ConcurrentExchangeOfOneCodeRevokesWhatItIssued) {
  IssuedClient c = MakeClient();
  std::string code = CodeFrom(service_->Authorize(Person(), Request(c.client), "/", kIssuer));
  TokenOutcome a, b;
  std::thread first([&] { a = Exchange(c, code); });
  std::thread second([&] { b = Exchange(c, code); });
  first.join();
  second.join();
  ASSERT_EQ(int(a.response.has_value()) + int(b.response.has_value()), 1);
  EXPECT_EQ(RevokedEvents(db()), 1);
  const TokenOutcome& won = a.response ? a : b;
  EXPECT_FALSE(Refresh(c, won.response->refresh_token).response);
  EXPECT_FALSE(service_->VerifyAccessToken(won.response->access_token, kIssuer).ok());
}

TEST_P(OidcServiceTest, RefreshTokensDieWithTheSession) {
  IssuedClient c = MakeClient();
  TokenOutcome t = Exchange(c, CodeFrom(service_->Authorize(Person(), Request(c.client), "/", kIssuer)));
  ASSERT_TRUE(t.response);
  sessions_.ended.insert("sess_1");
  TokenOutcome r = Refresh(c, t.response->refresh_token);
  ASSERT_FALSE(r.response);
  EXPECT_EQ(r.error.error, "invalid_grant");
}

// The session is read with the token; when its use is due to be recorded
// the rotation's own write records it (no separate write).
TEST_P(OidcServiceTest, ARefreshRecordsTheSessionsUseInItsRotation) {
  IssuedClient c = MakeClient();
  TokenOutcome t = Exchange(c, CodeFrom(service_->Authorize(Person(), Request(c.client), "/", kIssuer)));
  ASSERT_TRUE(t.response);
  TokenOutcome quiet = Refresh(c, t.response->refresh_token);
  ASSERT_TRUE(quiet.response);
  EXPECT_TRUE(sessions_.touched.empty());
  sessions_.touch_next = true;
  TokenOutcome due = Refresh(c, quiet.response->refresh_token);
  ASSERT_TRUE(due.response);
  EXPECT_EQ(sessions_.touched, std::vector<std::string>{"sess_1"});
  sessions_.touched.clear();
  EXPECT_FALSE(
      Refresh(c, quiet.response->refresh_token).response);  // reuse: nothing rotated, nothing touched
  EXPECT_TRUE(sessions_.touched.empty());
}

// The token endpoint starts on the I/O thread only where nothing can wait:
// on SQLite, for the grants whose writes are asynchronous.
TEST_P(OidcServiceTest, OnlyRefreshAndClientCredentialsOnSqliteNeverWait) {
  bool sqlite = db().dialect() == db::Dialect::kSqlite;
  EXPECT_EQ(service_->TokenNeverWaits("refresh_token"), sqlite);
  EXPECT_EQ(service_->TokenNeverWaits("client_credentials"), sqlite);
  EXPECT_FALSE(service_->TokenNeverWaits("authorization_code"));
  EXPECT_FALSE(service_->TokenNeverWaits(""));
}

TEST_P(OidcServiceTest, WrongSecretIsInvalidClient) {
  IssuedClient c = MakeClient();
  c.client_secret = "wrong";
  TokenOutcome t = Exchange(c, "whatever");
  EXPECT_EQ(t.error.error, "invalid_client");
  EXPECT_EQ(t.error.status, 401);
}

TEST_P(OidcServiceTest, ClientCredentialsWithScopes) {
  IssuedClient c = MakeClient();
  TokenRequest t;
  t.grant_type = "client_credentials";
  t.scope = "catalog.read";
  t.client = {c.client.client_id, c.client_secret, false};
  TokenOutcome out = service_->Token(t, kIssuer, "req");
  ASSERT_TRUE(out.response) << out.error.description;
  EXPECT_TRUE(out.response->id_token.empty());
  EXPECT_TRUE(out.response->refresh_token.empty());
  auto at = service_->VerifyAccessToken(out.response->access_token, kIssuer);
  ASSERT_TRUE(at.ok());
  EXPECT_EQ(at->subject, c.client.client_id);
  EXPECT_EQ(at->scopes, (std::vector<std::string>{"catalog.read"}));
  t.scope = "openid";
  EXPECT_EQ(service_->Token(t, kIssuer, "req").error.error, "invalid_scope");
  t.scope = "catalog.write";
  EXPECT_EQ(service_->Token(t, kIssuer, "req").error.error, "invalid_scope");
}

TEST_P(OidcServiceTest, UserInfoRecordsTheReadAndMasksThePhone) {
  IssuedClient c = MakeClient();
  TokenOutcome t = Exchange(
      c, CodeFrom(service_->Authorize(Person(), Request(c.client, "openid profile phone"), "/", kIssuer)));
  ASSERT_TRUE(t.response);
  auto info = service_->GetUserInfo(t.response->access_token, kIssuer, "req");
  ASSERT_TRUE(info.ok()) << info.error().reason;
  EXPECT_EQ(info->subject, "person_1");
  EXPECT_EQ(info->name, "张三");
  EXPECT_EQ(info->phone_number, "138****5678");
  ASSERT_EQ(records_.size(), 1u);
  EXPECT_EQ(records_[0].client_id, c.client.client_id);
  EXPECT_EQ(records_[0].fields, "name,phone");
  EXPECT_FALSE(records_[0].unmasked);
  IssuedClient entitled = MakeClient(ClientType::kConfidential, true);
  TokenOutcome t2 = Exchange(
      entitled,
      CodeFrom(service_->Authorize(Person(), Request(entitled.client, "openid phone"), "/", kIssuer)));
  ASSERT_TRUE(t2.response);
  auto info2 = service_->GetUserInfo(t2.response->access_token, kIssuer, "req");
  ASSERT_TRUE(info2.ok());
  EXPECT_EQ(info2->phone_number, "13812345678");
  ASSERT_EQ(records_.size(), 2u);
  EXPECT_TRUE(records_[1].unmasked);
  EXPECT_FALSE(info2->name);
}

TEST_P(OidcServiceTest, LogoutEndsTheSessionAndRedirectsOnlyToRegisteredUris) {
  IssuedClient c = MakeClient();
  TokenOutcome t = Exchange(c, CodeFrom(service_->Authorize(Person(), Request(c.client), "/", kIssuer)));
  ASSERT_TRUE(t.response);
  LogoutRequest bad{t.response->id_token, "https://evil.example.com/", "s", ""};
  auto refused = service_->Logout(identity::Caller{}, bad, kIssuer, "req");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().reason, "oidc.bad_post_logout_redirect_uri");
  EXPECT_TRUE(sessions_.ended.empty());
  LogoutRequest good{t.response->id_token, "https://rp.example.gov.cn/bye", "s 1", ""};
  auto out = service_->Logout(identity::Caller{}, good, kIssuer, "req");
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->location, "https://rp.example.gov.cn/bye?state=s%201");
  EXPECT_TRUE(sessions_.ended.count("sess_1"));
  EXPECT_FALSE(service_->VerifyAccessToken(t.response->access_token, kIssuer).ok());
}

TEST_P(OidcServiceTest, KeyRotationKeepsThePreviousKeyPublished) {
  IssuedClient c = MakeClient();
  TokenOutcome before = Exchange(c, CodeFrom(service_->Authorize(Person(), Request(c.client), "/", kIssuer)));
  ASSERT_TRUE(before.response);
  auto kid = service_->RotateSigningKeyAs(audit::Actor{"system:test", "system", "", ""}, "EdDSA", "req");
  ASSERT_TRUE(kid.ok());
  auto jwks = jose::JwkSet::Parse(service_->JwksJson());
  ASSERT_TRUE(jwks.ok());
  EXPECT_EQ(jwks->size(), 3u);
  EXPECT_NE(jwks->Find(*kid), nullptr);
  EXPECT_TRUE(service_->VerifyAccessToken(before.response->access_token, kIssuer).ok());
  TokenOutcome after = Refresh(c, before.response->refresh_token);
  ASSERT_TRUE(after.response);
  EXPECT_NE(after.response->access_token.find('.'), std::string::npos);
  auto verified =
      jose::VerifyJwt(after.response->id_token, *jwks, {jose::Algorithm::kEdDsa}, {}, clock_.Now());
  ASSERT_TRUE(verified.ok());
  EXPECT_EQ(verified->key_id, *kid);
  EXPECT_FALSE(service_->RotateSigningKeyAs(audit::Actor{}, "HS256", "req").ok());
}

TONGBAN_INSTANTIATE_BACKEND_TESTS(OidcServiceTest);

}  // namespace
}  // namespace tongban::oidc
