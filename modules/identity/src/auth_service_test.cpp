// AuthService on both back ends, with a fake clock and fake accounts: codes
// through the outbox into the dev inbox, registration, password and code
// login, lockout per account and per source, CSRF, session expiry and
// revocation, password reset, acting for an enterprise.
#include <gtest/gtest.h>
#include <sodium.h>

#include <map>
#include <regex>
#include <thread>

#include "audit/audit.hpp"
#include "auth_store.hpp"
#include "crypto/key_set.hpp"
#include "identity/authentication.hpp"
#include "outbox/outbox.hpp"
#include "testing/backend_test.hpp"

namespace tongban::identity {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr char kPhone[] = "13800138000";
constexpr char kIdNumber[] = "11010519491231002X";
constexpr char kPassword[] = "correct horse battery";

class FakeAccounts : public AccountGateway {
 public:
  Result<std::string> RegisterPerson(db::Transaction&, const NewPerson& p) override {
    for (const auto& [id, s] : subjects) {
      if (s.phone == p.phone) {
        return Error::Make(ErrorCode::kAlreadyExists, "identity.person_exists", "已注册", "exists", "/phone");
      }
    }
    std::string id = "person_" + std::to_string(subjects.size() + 1);
    LoginSubject s;
    s.subject_id = id;
    s.display_name = p.name;
    s.roles = {Role::kResident};
    s.status = "active";
    s.phone = p.phone;
    subjects[id] = s;
    id_numbers[p.id_number] = id;
    return id;
  }
  std::optional<LoginSubject> FindByLogin(db::Transaction&, const std::string& login) override {
    for (const auto& [id, s] : subjects) {
      if (s.phone == login) return s;
    }
    auto it = id_numbers.find(login);
    if (it != id_numbers.end()) return subjects.at(it->second);
    return std::nullopt;
  }
  std::optional<LoginSubject> FindSubject(db::Transaction&, const std::string& id) override {
    auto it = subjects.find(id);
    if (it == subjects.end()) return std::nullopt;
    return it->second;
  }
  std::optional<PersonSummary> FindPerson(db::Transaction&, const std::string& id) override {
    auto it = subjects.find(id);
    if (it == subjects.end()) return std::nullopt;
    PersonSummary p;
    p.person_id = id;
    p.name = it->second.display_name;
    p.phone_masked = "138****8000";
    p.status = it->second.status;
    return p;
  }

  std::map<std::string, LoginSubject> subjects;
  std::map<std::string, std::string> id_numbers;
};

class FakeResolver : public PrincipalResolver {
 public:
  Result<ActingFor> Resolve(db::Transaction&, const std::string& person_id,
                            const std::string& enterprise_id) override {
    if (!granted || person_id != grantee || enterprise_id != "ent_1") {
      return Error::Make(ErrorCode::kPermissionDenied, "delegation.no_grant", "无授权", "no grant",
                         "/enterprise_id");
    }
    ActingFor a;
    a.enterprise_id = enterprise_id;
    a.enterprise_name = "示例科技有限公司";
    a.grant_id = "grant_1";
    a.may_apply = true;
    a.services = {"*"};
    return a;
  }
  bool granted = true;
  std::string grantee;
};

class AuthServiceTest : public tongban::testing::BackendTest {
 protected:
  AuthServiceTest()
      : keys_(crypto::KeySet::Generate()), vault_(keys_), clock_(calendar::Instant(hours(493'000))) {}

  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    std::vector<db::Migration> all;
    for (auto span : {audit::Migrations(), outbox::Migrations(), AuthMigrations()}) {
      all.insert(all.end(), span.begin(), span.end());
    }
    auto applied = db::ApplyMigrations(db(), all);
    ASSERT_TRUE(applied.ok()) << applied.error().message_en;
    service_ = std::make_unique<AuthService>(db(), accounts_, vault_, clock_, options_);
    service_->SetPrincipalResolver(&resolver_);
    dispatcher_ = std::make_unique<outbox::Dispatcher>(
        db(), std::vector<outbox::Subscriber>{service_->SmsSubscriber(sender_)}, outbox::DispatcherOptions{});
  }

  Caller From(const std::string& address = "198.51.100.1") {
    Caller c;
    c.remote_address = address;
    c.request_id = "req-test";
    return c;
  }

  // Delivers pending SMS events and returns the newest code sent to `phone`.
  std::string CodeFromInbox(const std::string& phone) {
    EXPECT_TRUE(dispatcher_->RunOnce().ok());
    std::vector<DevInboxMessage> inbox;
    db().Run([&](db::Transaction& tx) { inbox = ListDevInbox(tx, 10); });
    for (const DevInboxMessage& m : inbox) {
      if (m.phone != phone) continue;
      std::smatch match;
      if (std::regex_search(m.text, match, std::regex("([0-9]{6})"))) return match[1];
    }
    return {};
  }

  LoginOutcome RegisterDemo() {
    EXPECT_TRUE(service_->SendCode(kPhone, "register", From()).ok());
    std::string code = CodeFromInbox(kPhone);
    EXPECT_EQ(code.size(), 6u);
    auto out = service_->Register(
        Registration{NewPerson{"张三", "resident_id", kIdNumber, "CHN", kPhone}, code, kPassword}, From(),
        "test-agent");
    EXPECT_TRUE(out.ok()) << (out.ok() ? "" : out.error().reason);
    return out.ok() ? *out : LoginOutcome{};
  }

  Result<Caller> Who(const IssuedSession& s, bool unsafe = false, const std::string& csrf = "") {
    return service_->CallerOfToken(s.token, csrf, unsafe, false);
  }

  std::vector<std::string> AuditActions() {
    std::vector<std::string> out;
    db().Run([&](db::Transaction& tx) {
      for (const auto& r : audit::List(tx, 0, 1000)) out.push_back(r.record.action);
    });
    return out;
  }

  AuthOptions options_;
  crypto::KeySet keys_;
  privacy::Vault vault_;
  calendar::FakeClock clock_;
  FakeAccounts accounts_;
  FakeResolver resolver_;
  DevSmsSender sender_;
  std::unique_ptr<AuthService> service_;
  std::unique_ptr<outbox::Dispatcher> dispatcher_;
};

TEST_P(AuthServiceTest, RegistersWithACodeFromTheDevInboxAndIsLoggedIn) {
  LoginOutcome out = RegisterDemo();
  EXPECT_EQ(out.caller.kind, CallerKind::kPerson);
  EXPECT_EQ(out.caller.auth_method, "otp");
  auto who = Who(out.session);
  ASSERT_TRUE(who.ok()) << who.error().reason;
  EXPECT_EQ(who->subject_id, out.caller.subject_id);
  EXPECT_TRUE(who->Has(Role::kResident));
  // The token and the code are stored only as hashes.
  db().Run(
      [&](db::Transaction& tx) { EXPECT_FALSE(SqlAuthStore(tx).FindSessionByTokenHash(out.session.token)); });
  auto actions = AuditActions();
  EXPECT_NE(std::find(actions.begin(), actions.end(), "identity.auth.register"), actions.end());
  EXPECT_NE(std::find(actions.begin(), actions.end(), "identity.session.login"), actions.end());
  // Then by password, with the phone or the ID number as login name.
  EXPECT_TRUE(service_->LoginWithPassword(kPhone, kPassword, From(), "ua").ok());
  EXPECT_TRUE(service_->LoginWithPassword(kIdNumber, kPassword, From(), "ua").ok());
}

TEST_P(AuthServiceTest, ARedeliveredSmsEventLeavesOneMessage) {
  ASSERT_TRUE(service_->SendCode(kPhone, "register", From()).ok());
  ASSERT_TRUE(dispatcher_->RunOnce().ok());
  // A second dispatcher (a restarted process) finds nothing left to send.
  outbox::Dispatcher again(db(), {service_->SmsSubscriber(sender_)}, outbox::DispatcherOptions{});
  ASSERT_TRUE(again.RunOnce().ok());
  std::vector<DevInboxMessage> inbox;
  db().Run([&](db::Transaction& tx) { inbox = ListDevInbox(tx, 10); });
  ASSERT_EQ(inbox.size(), 1u);
  EXPECT_EQ(inbox[0].template_id, "otp_register");
  EXPECT_NE(inbox[0].text.find("5 分钟"), std::string::npos);
}

TEST_P(AuthServiceTest, AWrongCodeCountsAndFiveTriesEndTheCode) {
  ASSERT_TRUE(service_->SendCode(kPhone, "register", From()).ok());
  std::string code = CodeFromInbox(kPhone);
  std::string wrong = code == "000000" ? "111111" : "000000";
  Registration reg{NewPerson{"张三", "resident_id", kIdNumber, "CHN", kPhone}, wrong, kPassword};
  for (int i = 0; i < 5; ++i) {
    auto r = service_->Register(reg, From(), "ua");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "identity.otp_invalid");
  }
  reg.code = code;
  auto r = service_->Register(reg, From(), "ua");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().reason, "identity.otp_tries_exhausted");
  EXPECT_TRUE(accounts_.subjects.empty());
}

TEST_P(AuthServiceTest, ACodeExpiresAfterFiveMinutesAndIsUsedOnce) {
  ASSERT_TRUE(service_->SendCode(kPhone, "register", From()).ok());
  std::string code = CodeFromInbox(kPhone);
  clock_.Advance(minutes(5));
  Registration reg{NewPerson{"张三", "resident_id", kIdNumber, "CHN", kPhone}, code, kPassword};
  EXPECT_EQ(service_->Register(reg, From(), "ua").error().reason, "identity.otp_invalid");

  ASSERT_TRUE(service_->SendCode(kPhone, "register", From()).ok());
  reg.code = CodeFromInbox(kPhone);
  ASSERT_TRUE(service_->Register(reg, From(), "ua").ok());
  // Consumed: the same code does not register twice.
  EXPECT_EQ(service_->Register(reg, From(), "ua").error().reason, "identity.otp_invalid");
}

TEST_P(AuthServiceTest, ResendsAreThrottledPerPhoneAndPerSource) {
  ASSERT_TRUE(service_->SendCode(kPhone, "register", From()).ok());
  Status again = service_->SendCode(kPhone, "register", From());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().reason, "identity.otp_throttled");
  EXPECT_EQ(RetryAfterSeconds(again.error()), 60);
  EXPECT_TRUE(service_->SendCode(kPhone, "reset", From()).ok());  // another purpose need not wait
  clock_.Advance(seconds(61));
  EXPECT_TRUE(service_->SendCode(kPhone, "register", From()).ok());
  // One source sending to many phones.
  for (int i = 0; i < options_.otp_per_source_per_hour - 2; ++i) {
    std::string phone = "1390000" + std::to_string(1000 + i);
    ASSERT_TRUE(service_->SendCode(phone, "register", From("203.0.113.9")).ok()) << i;
  }
  ASSERT_TRUE(service_->SendCode("13700001000", "register", From("203.0.113.9")).ok());
  ASSERT_TRUE(service_->SendCode("13700001001", "register", From("203.0.113.9")).ok());
  Status flood = service_->SendCode("13700001002", "register", From("203.0.113.9"));
  ASSERT_FALSE(flood.ok());
  EXPECT_EQ(flood.error().reason, "identity.otp_throttled");
  EXPECT_TRUE(service_->SendCode("13700001002", "register", From("203.0.113.10")).ok());
}

TEST_P(AuthServiceTest, LoginCodesReachOnlyRegisteredPhonesWithTheSameAnswer) {
  EXPECT_TRUE(service_->SendCode("13911112222", "login", From()).ok());
  EXPECT_EQ(CodeFromInbox("13911112222"), "");
  RegisterDemo();
  clock_.Advance(seconds(61));
  ASSERT_TRUE(service_->SendCode(kPhone, "login", From()).ok());
  std::string code = CodeFromInbox(kPhone);
  ASSERT_EQ(code.size(), 6u);
  auto login = service_->LoginWithCode(kPhone, code, From(), "ua");
  ASSERT_TRUE(login.ok()) << login.error().reason;
  EXPECT_EQ(login->caller.auth_method, "otp");
  EXPECT_EQ(service_->LoginWithCode(kPhone, code, From(), "ua").error().reason, "identity.otp_invalid");
}

TEST_P(AuthServiceTest, FiveWrongPasswordsLockTheAccountForAMinuteThenTwo) {
  RegisterDemo();
  for (int i = 1; i <= 4; ++i) {
    auto r = service_->LoginWithPassword(kPhone, "wrong password", From(), "ua");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "identity.login_failed") << i;
  }
  auto locked = service_->LoginWithPassword(kPhone, "wrong password", From(), "ua");
  ASSERT_FALSE(locked.ok());
  EXPECT_EQ(locked.error().reason, "identity.too_many_attempts");
  EXPECT_EQ(RetryAfterSeconds(locked.error()), 60);
  // Even the right password waits.
  auto right = service_->LoginWithPassword(kPhone, kPassword, From(), "ua");
  ASSERT_FALSE(right.ok());
  EXPECT_EQ(right.error().reason, "identity.too_many_attempts");
  clock_.Advance(seconds(61));
  auto sixth = service_->LoginWithPassword(kPhone, "wrong password", From(), "ua");
  ASSERT_FALSE(sixth.ok());
  EXPECT_EQ(RetryAfterSeconds(sixth.error()), 120);
  clock_.Advance(seconds(121));
  ASSERT_TRUE(service_->LoginWithPassword(kPhone, kPassword, From(), "ua").ok());
  // Success resets the count.
  EXPECT_EQ(service_->LoginWithPassword(kPhone, "wrong password", From(), "ua").error().reason,
            "identity.login_failed");
  auto actions = AuditActions();
  EXPECT_NE(std::find(actions.begin(), actions.end(), "identity.account.lock"), actions.end());
  EXPECT_NE(std::find(actions.begin(), actions.end(), "identity.login.fail"), actions.end());
}

TEST_P(AuthServiceTest, AnUnknownLoginNameLocksOutAlikeNoEnumeration) {
  for (int i = 1; i <= 4; ++i) {
    EXPECT_EQ(service_->LoginWithPassword("13999999999", "wrong password", From(), "ua").error().reason,
              "identity.login_failed");
  }
  auto locked = service_->LoginWithPassword("13999999999", "wrong password", From(), "ua");
  EXPECT_EQ(locked.error().reason, "identity.too_many_attempts");
  EXPECT_EQ(RetryAfterSeconds(locked.error()), 60);
}

TEST_P(AuthServiceTest, ManyFailuresFromOneSourceAreRefusedInAWindow) {
  RegisterDemo();
  for (int i = 0; i < options_.source_max_failures; ++i) {
    std::string login = "1360000" + std::to_string(1000 + i);  // spread over names: no account lockout
    EXPECT_FALSE(service_->LoginWithPassword(login, "wrong password", From("192.0.2.5"), "ua").ok());
  }
  auto refused = service_->LoginWithPassword(kPhone, kPassword, From("192.0.2.5"), "ua");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().reason, "identity.too_many_attempts");
  EXPECT_TRUE(service_->LoginWithPassword(kPhone, kPassword, From("192.0.2.6"), "ua").ok());
  clock_.Advance(options_.source_window + seconds(1));
  EXPECT_TRUE(service_->LoginWithPassword(kPhone, kPassword, From("192.0.2.5"), "ua").ok());
}

TEST_P(AuthServiceTest, UnsafeMethodsNeedTheSessionsCsrfToken) {
  LoginOutcome out = RegisterDemo();
  EXPECT_TRUE(Who(out.session, false).ok());
  auto missing = Who(out.session, true, "");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().reason, "identity.csrf_failed");
  LoginOutcome other = *service_->LoginWithPassword(kPhone, kPassword, From(), "ua");
  EXPECT_EQ(Who(out.session, true, other.session.csrf).error().reason, "identity.csrf_failed");
  EXPECT_TRUE(Who(out.session, true, out.session.csrf).ok());
}

TEST_P(AuthServiceTest, SessionsExpireWhenIdleAndAtTheirAbsoluteEnd) {
  LoginOutcome out = RegisterDemo();
  clock_.Advance(minutes(29));
  ASSERT_TRUE(Who(out.session).ok());  // touches last_seen
  clock_.Advance(minutes(29));
  ASSERT_TRUE(Who(out.session).ok());
  clock_.Advance(minutes(31));
  EXPECT_EQ(Who(out.session).error().reason, "identity.unauthenticated");
  EXPECT_FALSE(service_->SessionLive(out.session.session_id));

  LoginOutcome busy = *service_->LoginWithPassword(kPhone, kPassword, From(), "ua");
  for (int i = 0; i < 12 * 3 - 1; ++i) {
    clock_.Advance(minutes(20));
    ASSERT_TRUE(Who(busy.session).ok()) << i;
  }
  clock_.Advance(minutes(20));
  EXPECT_FALSE(Who(busy.session).ok());
}

// SessionLiveIn asks for a touch at most once a minute, and a touch moves
// the session's last use.
TEST_P(AuthServiceTest, ASessionReadInAnotherTransactionSaysWhenItsUseIsDue) {
  LoginOutcome out = RegisterDemo();
  auto ask = [&] {
    bool due = true;
    bool live = false;
    db().Run([&](db::Transaction& tx) { live = service_->SessionLiveIn(tx, out.session.session_id, &due); });
    return std::pair{live, due};
  };
  EXPECT_EQ(ask(), std::pair(true, false));
  clock_.Advance(minutes(2));
  EXPECT_EQ(ask(), std::pair(true, true));
  ASSERT_TRUE(db().Write([&](db::Transaction& tx) -> Status {
                    service_->TouchSession(tx, out.session.session_id);
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(ask(), std::pair(true, false));
  bool due = true;
  db().Run([&](db::Transaction& tx) { EXPECT_FALSE(service_->SessionLiveIn(tx, "sess_unknown", &due)); });
  EXPECT_FALSE(due);
}

// A department system refreshing its tokens keeps the login alive (OIDC asks
// SessionLive on every refresh), but not beyond the absolute end.
TEST_P(AuthServiceTest, AskingWhetherASessionIsLiveKeepsItFromIdlingOut) {
  LoginOutcome out = RegisterDemo();
  for (int i = 0; i < 4; ++i) {
    clock_.Advance(minutes(25));
    ASSERT_TRUE(service_->SessionLive(out.session.session_id)) << i;
  }
  EXPECT_TRUE(Who(out.session).ok());  // 100 minutes after login, never idle for 30
  clock_.Advance(minutes(31));
  EXPECT_FALSE(service_->SessionLive(out.session.session_id));
  EXPECT_FALSE(Who(out.session).ok());
}

TEST_P(AuthServiceTest, RevokingOneSessionOrAllEndsThem) {
  LoginOutcome a = RegisterDemo();
  LoginOutcome b = *service_->LoginWithPassword(kPhone, kPassword, From(), "ua-b");
  LoginOutcome c = *service_->LoginWithPassword(kPhone, kPassword, From(), "ua-c");
  Caller me = *Who(a.session);
  auto list = service_->ListSessions(me);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 3u);
  EXPECT_EQ(std::count_if(list->begin(), list->end(), [](const SessionInfo& s) { return s.current; }), 1);

  ASSERT_TRUE(service_->RevokeSession(me, b.session.session_id).ok());
  EXPECT_EQ(Who(b.session).error().reason, "identity.unauthenticated");
  EXPECT_EQ(service_->RevokeSession(me, b.session.session_id).error().reason, "identity.session_not_found");
  EXPECT_EQ(service_->RevokeSession(me, "sess_nope").error().reason, "identity.session_not_found");
  EXPECT_TRUE(Who(c.session).ok());

  ASSERT_TRUE(service_->RevokeAllSessions(me).ok());
  EXPECT_FALSE(Who(a.session).ok());
  EXPECT_FALSE(Who(c.session).ok());
  EXPECT_FALSE(service_->SessionLive(c.session.session_id));
}

TEST_P(AuthServiceTest, SomeoneElsesSessionCannotBeRevoked) {
  LoginOutcome mine = RegisterDemo();
  accounts_.subjects["person_9"] = LoginSubject{
      "person_9", false, "李四", {Role::kResident}, "", AssuranceLevel::kL1, "active", "13600000000"};
  ASSERT_TRUE(
      db().Write([&](db::Transaction& tx) { return SetPassword(tx, "person_9", "another good one"); }).ok());
  LoginOutcome theirs = *service_->LoginWithPassword("13600000000", "another good one", From(), "ua");
  Caller me = *Who(mine.session);
  EXPECT_EQ(service_->RevokeSession(me, theirs.session.session_id).error().reason,
            "identity.session_not_found");
  EXPECT_TRUE(Who(theirs.session).ok());
}

TEST_P(AuthServiceTest, APasswordResetEndsEverySessionAndChangesThePassword) {
  LoginOutcome a = RegisterDemo();
  clock_.Advance(seconds(61));
  ASSERT_TRUE(service_->SendCode(kPhone, "reset", From()).ok());
  std::string code = CodeFromInbox(kPhone);
  EXPECT_EQ(service_->ResetPassword(kPhone, code, "short", From()).error().reason,
            "identity.password_too_short");
  ASSERT_TRUE(service_->ResetPassword(kPhone, code, "a brand new secret", From()).ok());
  EXPECT_FALSE(Who(a.session).ok());
  EXPECT_EQ(service_->LoginWithPassword(kPhone, kPassword, From(), "ua").error().reason,
            "identity.login_failed");
  EXPECT_TRUE(service_->LoginWithPassword(kPhone, "a brand new secret", From(), "ua").ok());
  EXPECT_EQ(service_->ResetPassword(kPhone, code, "another new secret", From()).error().reason,
            "identity.otp_invalid");
}

TEST_P(AuthServiceTest, ADisabledAccountIsNoLongerAuthenticated) {
  LoginOutcome a = RegisterDemo();
  accounts_.subjects[a.caller.subject_id].status = "disabled";
  EXPECT_EQ(Who(a.session).error().reason, "identity.unauthenticated");
  EXPECT_EQ(service_->LoginWithPassword(kPhone, kPassword, From(), "ua").error().reason,
            "identity.account_disabled");
}

TEST_P(AuthServiceTest, ActingForAnEnterpriseEndsWithItsGrant) {
  LoginOutcome a = RegisterDemo();
  resolver_.grantee = a.caller.subject_id;
  Caller me = *Who(a.session);
  EXPECT_EQ(service_->SwitchActingFor(me, "ent_2").error().reason, "delegation.no_grant");
  auto acting = service_->SwitchActingFor(me, "ent_1");
  ASSERT_TRUE(acting.ok()) << acting.error().reason;
  EXPECT_TRUE(acting->Has(Role::kEnterpriseAgent));
  auto now = Who(a.session);
  ASSERT_TRUE(now.ok());
  ASSERT_TRUE(now->acting_for);
  EXPECT_EQ(now->acting_for->enterprise_id, "ent_1");
  EXPECT_EQ(now->ToActor().principal, "ent_1");

  resolver_.granted = false;  // revoked: the very next request is refused
  EXPECT_EQ(Who(a.session).error().reason, "delegation.no_grant");
  auto fallback = service_->CallerOfToken(a.session.token, a.session.csrf, true, true);
  ASSERT_TRUE(fallback.ok());
  EXPECT_FALSE(fallback->acting_for);
  ASSERT_TRUE(service_->SwitchActingFor(*fallback, "").ok());
  auto self = Who(a.session);
  ASSERT_TRUE(self.ok());
  EXPECT_FALSE(self->acting_for);
  EXPECT_FALSE(self->Has(Role::kEnterpriseAgent));
}

TEST_P(AuthServiceTest, EndSessionForOidcLogout) {
  LoginOutcome a = RegisterDemo();
  EXPECT_TRUE(service_->SessionLive(a.session.session_id));
  ASSERT_TRUE(service_->EndSession(a.session.session_id).ok());
  ASSERT_TRUE(service_->EndSession(a.session.session_id).ok());  // already gone: still ok
  EXPECT_FALSE(service_->SessionLive(a.session.session_id));
  EXPECT_FALSE(service_->SessionLive("sess_unknown"));
}

TEST_P(AuthServiceTest, AHashWithOldParametersIsRehashedAtLogin) {
  LoginOutcome a = RegisterDemo();
  ASSERT_GE(sodium_init(), 0);
  char old_hash[crypto_pwhash_STRBYTES];
  ASSERT_EQ(crypto_pwhash_str_alg(old_hash, kPassword, sizeof kPassword - 1, 1, 8u << 20,
                                  crypto_pwhash_ALG_ARGON2ID13),
            0);
  ASSERT_TRUE(db().Write([&](db::Transaction& tx) {
                    SqlAuthStore(tx).UpsertPassword(a.caller.subject_id, old_hash,
                                                    "2026-01-01T00:00:00.000Z");
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_TRUE(service_->LoginWithPassword(kPhone, kPassword, From(), "ua").ok());
  std::optional<std::string> now;
  db().Run([&](db::Transaction& tx) { now = SqlAuthStore(tx).FindPassword(a.caller.subject_id); });
  ASSERT_TRUE(now);
  EXPECT_NE(*now, old_hash);
  EXPECT_EQ(now->rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0), 0u) << *now;
  EXPECT_TRUE(service_->LoginWithPassword(kPhone, kPassword, From(), "ua").ok());
}

TEST_P(AuthServiceTest, TheSessionAuthenticatorReadsTheCookieAndChecksCsrf) {
  LoginOutcome a = RegisterDemo();
  SessionAuthenticator auth(*service_);
  http::Request r;
  r.method = http::Method::kGet;
  r.path = "/api/v1/me/sessions";
  EXPECT_FALSE(auth.TryAuthenticate(r));  // no cookie: not this scheme's request
  r.headers.emplace("Cookie", "theme=dark; tb_session=" + a.session.token + "; tb_csrf=" + a.session.csrf);
  auto got = auth.TryAuthenticate(r);
  ASSERT_TRUE(got && got->ok());
  EXPECT_EQ((*got)->subject_id, a.caller.subject_id);

  r.method = http::Method::kDelete;
  got = auth.TryAuthenticate(r);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->error().reason, "identity.csrf_failed");
  r.headers.emplace("X-CSRF-Token", a.session.csrf);
  got = auth.TryAuthenticate(r);
  ASSERT_TRUE(got && got->ok());

  http::Request forged;
  forged.path = "/api/v1/me";
  forged.headers.emplace("Cookie", "tb_session=not-a-token");
  got = auth.TryAuthenticate(forged);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->error().reason, "identity.unauthenticated");
}

TEST_P(AuthServiceTest, AGoneGrantStillLetsOneSwitchBackOrLogOut) {
  LoginOutcome a = RegisterDemo();
  resolver_.grantee = a.caller.subject_id;
  ASSERT_TRUE(service_->SwitchActingFor(*Who(a.session), "ent_1").ok());
  resolver_.granted = false;
  SessionAuthenticator auth(*service_);
  auto request = [&](http::Method m, const std::string& path) {
    http::Request r;
    r.method = m;
    r.path = path;
    r.headers.emplace("Cookie", "tb_session=" + a.session.token);
    r.headers.emplace("X-CSRF-Token", a.session.csrf);
    return auth.TryAuthenticate(r);
  };
  EXPECT_EQ(request(http::Method::kGet, "/api/v1/me/sessions")->error().reason, "delegation.no_grant");
  EXPECT_EQ(request(http::Method::kPost, "/api/v1/cases")->error().reason, "delegation.no_grant");
  for (auto [m, path] :
       {std::pair{http::Method::kGet, "/api/v1/me"}, std::pair{http::Method::kPost, "/api/v1/me/acting-for"},
        std::pair{http::Method::kPost, "/api/v1/auth/logout"}}) {
    auto got = request(m, path);
    ASSERT_TRUE(got && got->ok()) << path;
    EXPECT_FALSE((*got)->acting_for) << path;
  }
}

TEST_P(AuthServiceTest, ParallelGuessesGetNoMoreTriesThanTheLockoutAllows) {
  RegisterDemo();
  std::vector<std::string> reasons(12);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < reasons.size(); ++i) {
    threads.emplace_back([&, i] {
      auto r = service_->LoginWithPassword(kPhone, "wrong password " + std::to_string(i), From(), "ua");
      reasons[i] = r.ok() ? "ok" : r.error().reason;
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(std::count(reasons.begin(), reasons.end(), "identity.login_failed"), 4);
  EXPECT_EQ(std::count(reasons.begin(), reasons.end(), "identity.too_many_attempts"), 8);
}

TEST_P(AuthServiceTest, OneCodeLogsInOnceEvenFromParallelRequests) {
  RegisterDemo();
  clock_.Advance(seconds(61));
  ASSERT_TRUE(service_->SendCode(kPhone, "login", From()).ok());
  std::string code = CodeFromInbox(kPhone);
  std::vector<int> ok(8, 0);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < ok.size(); ++i) {
    threads.emplace_back(
        [&, i] { ok[i] = service_->LoginWithCode(kPhone, code, From(), "ua").ok() ? 1 : 0; });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(std::count(ok.begin(), ok.end(), 1), 1);
}

TEST_P(AuthServiceTest, ABadDocumentIsRefusedBeforeTheCodeIsTried) {
  ASSERT_TRUE(service_->SendCode(kPhone, "register", From()).ok());
  std::string code = CodeFromInbox(kPhone);
  Registration reg{NewPerson{"张三", "resident_id", "110105194912310021", "CHN", kPhone}, code, kPassword};
  for (int i = 0; i < 6; ++i) {
    auto r = service_->Register(reg, From(), "ua");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().field, "/id_number");
  }
  reg.person.id_kind = "identity_card";
  EXPECT_EQ(service_->Register(reg, From(), "ua").error().field, "/id_kind");
  reg.person.id_kind = "resident_id";
  reg.person.id_number = kIdNumber;
  EXPECT_TRUE(service_->Register(reg, From(), "ua").ok());  // the code kept all its tries
}

TEST_P(AuthServiceTest, AGatewayMessageIsQueuedOnceAndRetriedWithBackoffOutsideTransactions) {
  outbox::Dispatcher queueing(db(), {service_->SmsQueueSubscriber()}, outbox::DispatcherOptions{});
  ASSERT_TRUE(service_->SendCode(kPhone, "register", From()).ok());
  ASSERT_TRUE(queueing.RunOnce().ok());
  ASSERT_TRUE(queueing.RunOnce().ok());
  std::vector<QueuedSms> due;
  const auto now_ms = [&] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(clock_.Now().time_since_epoch()).count();
  };
  db().Run([&](db::Transaction& tx) { due = SqlAuthStore(tx).DueSms(now_ms(), 10); });
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].payload.find(kPhone), std::string::npos);  // sealed, not plaintext

  // Nobody listens on port 1: the try fails, the message waits 1 s, then 2 s.
  HttpSmsSender unreachable(SmsGatewayOptions{"http://127.0.0.1:1/v1/sms/send", "k", "s", milliseconds(500)});
  EXPECT_EQ(service_->DeliverQueuedSms(unreachable), 0);
  db().Run([&](db::Transaction& tx) { due = SqlAuthStore(tx).DueSms(now_ms(), 10); });
  EXPECT_TRUE(due.empty());
  clock_.Advance(seconds(1));
  db().Run([&](db::Transaction& tx) { due = SqlAuthStore(tx).DueSms(now_ms(), 10); });
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].attempts, 1);
  EXPECT_EQ(service_->DeliverQueuedSms(unreachable), 0);
  clock_.Advance(seconds(1));
  db().Run([&](db::Transaction& tx) { due = SqlAuthStore(tx).DueSms(now_ms(), 10); });
  EXPECT_TRUE(due.empty());
  clock_.Advance(seconds(1));
  db().Run([&](db::Transaction& tx) { due = SqlAuthStore(tx).DueSms(now_ms(), 10); });
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].attempts, 2);
}

TONGBAN_INSTANTIATE_BACKEND_TESTS(AuthServiceTest);

}  // namespace
}  // namespace tongban::identity
