// AuthService: login, sessions, one-time codes, password reset.
//
// Failures must be remembered even though the request fails (a wrong password
// counts towards the lockout, a wrong code towards its five tries), so those
// write units commit and hand the error back through `outcome` instead of
// returning it (which would roll the count back).
#include <algorithm>
#include <array>
#include <cstring>

#include "auth_password.hpp"
#include "auth_store.hpp"
#include "core/hex.hpp"
#include "core/ids.hpp"
#include "core/utc.hpp"
#include "crypto/random.hpp"
#include "crypto/sm3.hpp"
#include "identity/authentication.hpp"
#include "identity/person_identifier.hpp"
#include "identity/phone_number.hpp"
#include "identity/policy.hpp"
#include "time/shanghai_time.hpp"
#include "tongban_identity_auth_migrations.hpp"

namespace tongban::identity {
namespace {

using std::chrono::duration_cast;
using std::chrono::milliseconds;

constexpr std::string_view kRetryPrefix = "retry_after_s=";
constexpr std::int64_t kTouchEveryMs = 60'000;

Error Throttled(const char* reason, const char* zh, const char* en, std::int64_t retry_ms) {
  std::int64_t seconds = std::max<std::int64_t>(1, (retry_ms + 999) / 1000);
  return Error::Make(ErrorCode::kResourceExhausted, reason, zh, en)
      .WithDetail(std::string(kRetryPrefix) + std::to_string(seconds));
}

Error TooManyAttempts(std::int64_t retry_ms) {
  return Throttled("identity.too_many_attempts", "尝试次数过多，请稍后再试",
                   "Too many attempts; try again later", retry_ms);
}

Error LoginFailed() {
  return Error::Make(ErrorCode::kUnauthenticated, "identity.login_failed", "登录名或密码错误",
                     "Wrong login name or password");
}

Error CodeInvalid() {
  return Error::Make(ErrorCode::kInvalidArgument, "identity.otp_invalid", "验证码错误或已过期",
                     "The code is wrong or has expired", "/code");
}

Error Unauthenticated() {
  return Error::Make(ErrorCode::kUnauthenticated, "identity.unauthenticated", "请先登录", "Log in first");
}

Error Forbidden() {
  return Error::Make(ErrorCode::kPermissionDenied, "identity.forbidden", "无权执行此操作",
                     "You are not allowed to do this");
}

Error NoGrant() {
  return Error::Make(ErrorCode::kPermissionDenied, "delegation.no_grant", "没有该企业的有效授权",
                     "You hold no live grant of this enterprise", "/enterprise_id");
}

// Own sessions and account: any person or staff member, acting for anyone —
// the object is the caller's own login, so there is no one else's object to
// confuse it with. System clients (bearer tokens without a session) have none.
Status RequireOwnLogin(const Caller& caller) {
  if (!caller.authenticated()) return Unauthenticated();
  if (caller.kind == CallerKind::kClient || caller.session_id.empty()) return Forbidden();
  return Status::Ok();
}

std::string CodeHash(const std::string& otp_id, std::string_view code) {
  return crypto::Sm3Hex(otp_id + ":" + std::string(code));
}

// Six uniformly random digits (rejection sampling over 32 random bits).
std::string NewCode() {
  constexpr std::uint32_t kLimit = 4'294'000'000u;  // a multiple of 10^6 below 2^32
  for (;;) {
    std::string bytes = crypto::RandomBytes(4);
    std::uint32_t v = 0;
    std::memcpy(&v, bytes.data(), 4);
    if (v >= kLimit) continue;
    std::string code = std::to_string(v % 1'000'000u);
    return std::string(6 - code.size(), '0') + code;
  }
}

// The phone of these requests is the JSON field /phone.
Result<PhoneNumber> ParsePhone(const std::string& text) {
  auto phone = PhoneNumber::Parse(text);
  if (!phone) {
    Error e = phone.error();
    e.field = "/phone";
    return e;
  }
  return phone;
}

bool ValidPurpose(const std::string& purpose) {
  return purpose == "login" || purpose == "register" || purpose == "reset";
}

audit::Actor AnonymousActor(const Caller& caller) {
  audit::Actor a = caller.ToActor();
  if (!caller.authenticated()) a.principal = "";
  return a;
}

audit::Actor SubjectActor(const LoginSubject& s) {
  audit::Actor a;
  a.subject = s.subject_id;
  a.role = s.roles.empty() ? (s.staff ? "staff" : "resident") : std::string(RoleCode(s.roles.front()));
  a.department = s.department_id;
  return a;
}

Caller CallerOf(const LoginSubject& s, const SessionInfo& session) {
  Caller c;
  c.kind = s.staff ? CallerKind::kStaff : CallerKind::kPerson;
  c.subject_id = s.subject_id;
  c.display_name = s.display_name;
  c.roles = s.roles;
  c.department_id = s.department_id;
  c.assurance = s.assurance;
  c.session_id = session.session_id;
  c.auth_method = session.auth_method;
  c.auth_time = session.created_ms / 1000;
  c.remote_address = session.remote_address;
  return c;
}

}  // namespace

std::optional<std::int64_t> RetryAfterSeconds(const Error& error) {
  if (error.code != ErrorCode::kResourceExhausted || error.detail.rfind(kRetryPrefix, 0) != 0)
    return std::nullopt;
  return std::stoll(error.detail.substr(kRetryPrefix.size()));
}

std::chrono::milliseconds LockoutAfter(const AuthOptions& options, int failures) {
  if (failures < options.failures_before_lockout) return milliseconds(0);
  int doublings = std::min(failures - options.failures_before_lockout, 30);
  milliseconds lock = duration_cast<milliseconds>(options.first_lockout) * (std::int64_t{1} << doublings);
  return std::min(lock, duration_cast<milliseconds>(options.max_lockout));
}

AuthService::AuthService(db::Database& db, AccountGateway& accounts, const privacy::Vault& vault,
                         const calendar::Clock& clock, AuthOptions options)
    : db_(db), accounts_(accounts), vault_(vault), clock_(clock), options_(options) {}

namespace {

std::int64_t Ms(calendar::Instant t) {
  return duration_cast<milliseconds>(t.time_since_epoch()).count();
}

}  // namespace

// ---- one-time codes --------------------------------------------------------

Status AuthService::SendCode(const std::string& phone_text, const std::string& purpose,
                             const Caller& caller) {
  if (!ValidPurpose(purpose)) {
    return Error::Make(ErrorCode::kInvalidArgument, "identity.otp_purpose",
                       "用途须为 login、register 或 reset", "purpose must be login, register or reset",
                       "/purpose");
  }
  auto phone = ParsePhone(phone_text);
  if (!phone) return phone.error();
  const std::string digits(phone->Reveal());
  const std::string phone_index = vault_.Index("otp_phone", digits);
  const std::string code = NewCode();
  const std::string otp_id = NewUlid();
  const std::int64_t now = Ms(clock_.Now());
  const std::int64_t hour_ago = now - 3'600'000;
  const std::int64_t interval = duration_cast<milliseconds>(options_.otp_resend_interval).count();
  const std::string sealed =
      HexEncode(vault_.Seal(digits + ":" + code + ":" + purpose, "otp_codes/" + otp_id + "/sms"));

  return db_.Write([&](db::Transaction& tx) -> Status {
    SqlAuthStore store(tx);
    // A resend of the same purpose waits `interval`; all purposes share the hourly cap.
    const std::int64_t lifetime_ms = duration_cast<milliseconds>(options_.otp_lifetime).count();
    if (auto last = store.LatestOtp(phone_index, purpose);
        last && last->expires_ms - lifetime_ms + interval > now) {
      return Throttled("identity.otp_throttled", "验证码发送过于频繁，请稍后再试",
                       "Codes are sent too often; try again later",
                       last->expires_ms - lifetime_ms + interval - now);
    }
    WindowCount by_phone = store.OtpSendsByPhoneSince(phone_index, hour_ago);
    if (by_phone.count >= options_.otp_per_phone_per_hour) {
      return Throttled("identity.otp_throttled", "验证码发送过于频繁，请稍后再试",
                       "Codes are sent too often; try again later", by_phone.oldest_ms + 3'600'000 - now);
    }
    WindowCount by_source = store.OtpSendsBySourceSince(caller.remote_address, hour_ago);
    if (by_source.count >= options_.otp_per_source_per_hour) {
      return Throttled("identity.otp_throttled", "验证码发送过于频繁，请稍后再试",
                       "Codes are sent too often; try again later", by_source.oldest_ms + 3'600'000 - now);
    }
    // Login and reset codes go only to a phone that holds an active account;
    // the answer is the same either way (no user enumeration).
    bool deliver = true;
    std::string subject_id;
    if (purpose != "register") {
      auto subject = accounts_.FindByLogin(tx, digits);
      deliver = subject && subject->status == "active" && subject->phone == digits;
      if (subject) subject_id = subject->subject_id;
    }
    store.InsertOtp(otp_id, phone_index, purpose, CodeHash(otp_id, code), caller.remote_address, now,
                    now + duration_cast<milliseconds>(options_.otp_lifetime).count());
    if (deliver) {
      outbox::Publish(tx, outbox::NewEvent{"identity.otp.issued", "otp_code", otp_id,
                                           "{\"otp_id\":\"" + otp_id + "\",\"sealed\":\"" + sealed + "\"}",
                                           caller.request_id});
    }
    audit::Append(
        tx, audit::Record{AnonymousActor(caller), "identity.otp.send", "otp_code", otp_id, caller.request_id,
                          audit::Outcome::kSuccess, "purpose=" + purpose + (deliver ? "" : " undelivered")});
    return Status::Ok();
  });
}

namespace {

// Checks `code` against the newest code of the phone for `purpose`; counts a
// wrong try. Consumes the code on success.
Status CheckCode(SqlAuthStore& store, const std::string& phone_index, const std::string& purpose,
                 const std::string& code, std::int64_t now, int max_tries) {
  if (code.size() != 6 ||
      !std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return Error::Make(ErrorCode::kInvalidArgument, "identity.otp_format", "验证码为 6 位数字",
                       "The code is 6 digits", "/code");
  }
  auto otp = store.LatestOtp(phone_index, purpose);
  if (!otp || otp->consumed_ms || otp->expires_ms <= now) return CodeInvalid();
  // The try is counted before the comparison, atomically, so concurrent
  // requests cannot exceed max_tries; consuming is guarded the same way, so
  // a code is used once even by two requests at the same instant.
  if (!store.CountOtpAttempt(otp->otp_id, max_tries)) {
    return Error::Make(ErrorCode::kInvalidArgument, "identity.otp_tries_exhausted",
                       "验证码错误次数过多，请重新获取", "Too many wrong tries; request a new code", "/code");
  }
  if (CodeHash(otp->otp_id, code) != otp->code_hash) return CodeInvalid();
  if (!store.ConsumeOtp(otp->otp_id, now)) return CodeInvalid();
  return Status::Ok();
}

IssuedSession Issue(SqlAuthStore& store, const std::string& subject_id, const std::string& method,
                    const Caller& caller, const std::string& user_agent, std::int64_t now,
                    std::int64_t lifetime_ms, SessionInfo* info) {
  IssuedSession issued;
  issued.session_id = "sess_" + NewUlid();
  issued.token = crypto::RandomToken(32);
  issued.csrf = crypto::RandomToken(16);
  issued.expires_ms = now + lifetime_ms;
  SessionInfo s;
  s.session_id = issued.session_id;
  s.subject_id = subject_id;
  s.auth_method = method;
  s.created_ms = now;
  s.last_seen_ms = now;
  s.expires_ms = issued.expires_ms;
  s.remote_address = caller.remote_address;
  s.user_agent = user_agent.substr(0, 256);
  store.InsertSession(s, crypto::Sm3Hex(issued.token), crypto::Sm3Hex(issued.csrf));
  *info = s;
  return issued;
}

}  // namespace

// ---- login -----------------------------------------------------------------

Result<LoginOutcome> AuthService::Register(const Registration& r, const Caller& caller,
                                           const std::string& user_agent) {
  auto phone = ParsePhone(r.person.phone);
  if (!phone) return phone.error();
  const std::string digits(phone->Reveal());
  // The document is checked before the code, so a typo in it costs no try of the code.
  auto kind = PersonIdentifier::ParseKind(r.person.id_kind);
  if (!kind) {
    Error e = kind.error();
    e.field = "/id_kind";
    return e;
  }
  const bool passport = *kind == PersonIdentifier::Kind::kPassport;
  auto document = PersonIdentifier::Parse(*kind, r.person.id_number, passport ? r.person.nationality : "",
                                          calendar::ShanghaiDate(clock_.Now()));
  if (!document) return document.error();
  std::vector<std::string> names = {digits, r.person.id_number};
  TONGBAN_RETURN_IF_ERROR(CheckPasswordRules(r.password, names));
  const std::string hash = HashPassword(r.password);
  const std::string phone_index = vault_.Index("otp_phone", digits);
  const std::int64_t now = Ms(clock_.Now());
  const std::string now_text = FormatUtcMillis(clock_.Now());
  const std::int64_t lifetime = duration_cast<milliseconds>(options_.session_absolute).count();

  LoginOutcome out;
  Status outcome;
  Status st = db_.Write([&](db::Transaction& tx) -> Status {
    outcome = Status::Ok();
    SqlAuthStore store(tx);
    Status code = CheckCode(store, phone_index, "register", r.code, now, options_.otp_max_tries);
    if (!code.ok()) {
      outcome = code;  // keep the counted try
      return Status::Ok();
    }
    auto person_id = accounts_.RegisterPerson(tx, r.person);
    if (!person_id) return person_id.error();
    auto subject = accounts_.FindSubject(tx, *person_id);
    if (!subject) {
      return Error::Make(ErrorCode::kInternal, "identity.registration_lost", "内部错误", "Internal error")
          .WithDetail("registered person not found: " + *person_id);
    }
    store.UpsertPassword(*person_id, hash, now_text);
    SessionInfo info;
    out.session = Issue(store, *person_id, "otp", caller, user_agent, now, lifetime, &info);
    out.caller = CallerOf(*subject, info);
    audit::Append(tx, audit::Record{SubjectActor(*subject), "identity.auth.register", "person", *person_id,
                                    caller.request_id, audit::Outcome::kSuccess, ""});
    audit::Append(tx,
                  audit::Record{SubjectActor(*subject), "identity.session.login", "session", info.session_id,
                                caller.request_id, audit::Outcome::kSuccess, "method=otp registration"});
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  if (!outcome.ok()) return outcome.error();
  return out;
}

Result<LoginOutcome> AuthService::LoginWithPassword(const std::string& login, const std::string& password,
                                                    const Caller& caller, const std::string& user_agent) {
  if (login.empty() || login.size() > 64) {
    return Error::Make(ErrorCode::kInvalidArgument, "identity.login_name",
                       "请输入登录名（手机号、证件号或工号）",
                       "Enter a login name (phone, ID number or staff username)", "/login");
  }
  if (password.empty() || password.size() > 4 * kMaxPasswordChars) {
    return Error::Make(ErrorCode::kInvalidArgument, "identity.password_missing", "请输入密码",
                       "Enter the password", std::string(kPasswordField));
  }
  const std::int64_t now = Ms(clock_.Now());
  const std::int64_t window_start = now - duration_cast<milliseconds>(options_.source_window).count();
  const std::int64_t window_ms = duration_cast<milliseconds>(options_.source_window).count();

  // Read: who holds the login and their hash. Hashing happens outside any
  // transaction (tens of milliseconds of CPU).
  std::optional<LoginSubject> subject;
  std::optional<std::string> hash;
  WindowCount source;
  std::string lock_key;
  db_.Run([&](db::Transaction& tx) {
    SqlAuthStore store(tx);
    source = store.SourceFailuresSince(caller.remote_address, window_start);
    subject = accounts_.FindByLogin(tx, login);
    lock_key = subject ? subject->subject_id : "login:" + crypto::Sm3Hex(login);
    if (subject) hash = store.FindPassword(subject->subject_id);
  });
  if (source.count >= options_.source_max_failures) {
    return TooManyAttempts(source.oldest_ms + window_ms - now);
  }

  // Count the attempt before checking the password, atomically: a burst of
  // parallel guesses cannot get more tries than the lockout allows, because
  // the attempt that reaches the threshold locks the account for the others
  // while it is checked. A success clears the count.
  std::int64_t locked_until = 0;
  int attempt = 0;
  milliseconds lock{0};
  Status counted = db_.Write([&](db::Transaction& tx) -> Status {
    SqlAuthStore store(tx);
    locked_until = store.FindLockout(lock_key).locked_until_ms;
    attempt = 0;
    lock = milliseconds(0);
    if (locked_until > now) return Status::Ok();  // locked: not checked, not counted
    attempt = store.CountAttempt(lock_key);
    lock = LockoutAfter(options_, attempt);
    if (lock.count() > 0) store.LockUntil(lock_key, now + lock.count());
    return Status::Ok();
  });
  if (!counted.ok()) return counted.error();
  if (locked_until > now) return TooManyAttempts(locked_until - now);

  bool match = false;
  if (subject && hash) {
    match = VerifyPassword(*hash, password);
  } else {
    VerifyAgainstDummy(password);
  }
  const bool active = subject && subject->status == "active";

  if (!match) {
    Status st = db_.Write([&](db::Transaction& tx) -> Status {
      SqlAuthStore store(tx);
      store.AddSourceFailure(caller.remote_address, now);
      store.ForgetSourceFailuresBefore(caller.remote_address, window_start);
      const std::string object_id = subject ? subject->subject_id : "";
      audit::Append(tx, audit::Record{AnonymousActor(caller), "identity.login.fail", "account", object_id,
                                      caller.request_id, audit::Outcome::kFailed,
                                      "method=pwd failures=" + std::to_string(attempt)});
      if (lock.count() > 0) {
        audit::Append(tx, audit::Record{AnonymousActor(caller), "identity.account.lock", "account", object_id,
                                        caller.request_id, audit::Outcome::kSuccess,
                                        "seconds=" + std::to_string(lock.count() / 1000)});
      }
      return Status::Ok();
    });
    if (!st.ok()) return st.error();
    if (lock.count() > 0) return TooManyAttempts(lock.count());
    return LoginFailed();
  }
  if (!active) {
    return Error::Make(ErrorCode::kPermissionDenied, "identity.account_disabled", "账号已停用",
                       "This account is disabled");
  }
  std::optional<std::string> rehash;
  if (PasswordNeedsRehash(*hash)) rehash = HashPassword(password);
  const std::string now_text = FormatUtcMillis(clock_.Now());
  const std::int64_t lifetime = duration_cast<milliseconds>(options_.session_absolute).count();
  LoginOutcome out;
  Status st = db_.Write([&](db::Transaction& tx) -> Status {
    SqlAuthStore store(tx);
    store.ClearLockout(lock_key);
    if (rehash) store.UpsertPassword(subject->subject_id, *rehash, now_text);
    SessionInfo info;
    out.session = Issue(store, subject->subject_id, "pwd", caller, user_agent, now, lifetime, &info);
    out.caller = CallerOf(*subject, info);
    audit::Append(tx, audit::Record{SubjectActor(*subject), "identity.session.login", "session",
                                    info.session_id, caller.request_id, audit::Outcome::kSuccess,
                                    rehash ? "method=pwd rehashed" : "method=pwd"});
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return out;
}

Result<LoginOutcome> AuthService::LoginWithCode(const std::string& phone_text, const std::string& code,
                                                const Caller& caller, const std::string& user_agent) {
  auto phone = ParsePhone(phone_text);
  if (!phone) return phone.error();
  const std::string digits(phone->Reveal());
  const std::string phone_index = vault_.Index("otp_phone", digits);
  const std::int64_t now = Ms(clock_.Now());
  const std::int64_t window_ms = duration_cast<milliseconds>(options_.source_window).count();
  const std::int64_t lifetime = duration_cast<milliseconds>(options_.session_absolute).count();

  LoginOutcome out;
  Status outcome;
  Status st = db_.Write([&](db::Transaction& tx) -> Status {
    outcome = Status::Ok();
    SqlAuthStore store(tx);
    WindowCount source = store.SourceFailuresSince(caller.remote_address, now - window_ms);
    if (source.count >= options_.source_max_failures) {
      outcome = TooManyAttempts(source.oldest_ms + window_ms - now);
      return Status::Ok();
    }
    Status checked = CheckCode(store, phone_index, "login", code, now, options_.otp_max_tries);
    auto subject = accounts_.FindByLogin(tx, digits);
    if (checked.ok() && (!subject || subject->phone != digits)) checked = CodeInvalid();
    if (!checked.ok()) {
      store.AddSourceFailure(caller.remote_address, now);
      audit::Append(tx, audit::Record{AnonymousActor(caller), "identity.login.fail", "account",
                                      subject ? subject->subject_id : "", caller.request_id,
                                      audit::Outcome::kFailed, "method=otp"});
      outcome = checked;
      return Status::Ok();
    }
    if (subject->status != "active") {
      outcome = Error::Make(ErrorCode::kPermissionDenied, "identity.account_disabled", "账号已停用",
                            "This account is disabled");
      return Status::Ok();
    }
    store.ClearLockout(subject->subject_id);
    SessionInfo info;
    out.session = Issue(store, subject->subject_id, "otp", caller, user_agent, now, lifetime, &info);
    out.caller = CallerOf(*subject, info);
    audit::Append(tx,
                  audit::Record{SubjectActor(*subject), "identity.session.login", "session", info.session_id,
                                caller.request_id, audit::Outcome::kSuccess, "method=otp"});
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  if (!outcome.ok()) return outcome.error();
  return out;
}

Status AuthService::ResetPassword(const std::string& phone_text, const std::string& code,
                                  const std::string& password, const Caller& caller) {
  auto phone = ParsePhone(phone_text);
  if (!phone) return phone.error();
  const std::string digits(phone->Reveal());
  std::vector<std::string> names = {digits};
  TONGBAN_RETURN_IF_ERROR(CheckPasswordRules(password, names));
  const std::string hash = HashPassword(password);
  const std::string phone_index = vault_.Index("otp_phone", digits);
  const std::int64_t now = Ms(clock_.Now());
  const std::string now_text = FormatUtcMillis(clock_.Now());

  Status outcome;
  Status st = db_.Write([&](db::Transaction& tx) -> Status {
    outcome = Status::Ok();
    SqlAuthStore store(tx);
    Status checked = CheckCode(store, phone_index, "reset", code, now, options_.otp_max_tries);
    auto subject = accounts_.FindByLogin(tx, digits);
    if (checked.ok() && (!subject || subject->phone != digits)) checked = CodeInvalid();
    if (!checked.ok()) {
      outcome = checked;
      return Status::Ok();
    }
    store.UpsertPassword(subject->subject_id, hash, now_text);
    std::int64_t ended = store.RevokeSessionsOf(subject->subject_id, now);
    store.ClearLockout(subject->subject_id);
    audit::Append(tx, audit::Record{SubjectActor(*subject), "identity.password.reset", "account",
                                    subject->subject_id, caller.request_id, audit::Outcome::kSuccess,
                                    "sessions_ended=" + std::to_string(ended)});
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return outcome;
}

// ---- sessions --------------------------------------------------------------

Status AuthService::Logout(const Caller& caller) {
  TONGBAN_RETURN_IF_ERROR(RequireOwnLogin(caller));
  const std::int64_t now = Ms(clock_.Now());
  return db_.Write([&](db::Transaction& tx) -> Status {
    SqlAuthStore(tx).RevokeSessionById(caller.session_id, now);
    audit::Append(tx, audit::Record{caller.ToActor(), "identity.session.logout", "session", caller.session_id,
                                    caller.request_id, audit::Outcome::kSuccess, ""});
    return Status::Ok();
  });
}

Result<std::vector<SessionInfo>> AuthService::ListSessions(const Caller& caller) {
  TONGBAN_RETURN_IF_ERROR(RequireOwnLogin(caller));
  const std::int64_t now = Ms(clock_.Now());
  const std::int64_t idle = duration_cast<milliseconds>(options_.session_idle).count();
  std::vector<SessionInfo> sessions;
  db_.Run([&](db::Transaction& tx) {
    sessions = SqlAuthStore(tx).ListLiveSessions(caller.subject_id, now, now - idle);
  });
  for (SessionInfo& s : sessions) s.current = s.session_id == caller.session_id;
  return sessions;
}

Status AuthService::RevokeSession(const Caller& caller, const std::string& session_id) {
  TONGBAN_RETURN_IF_ERROR(RequireOwnLogin(caller));
  const std::int64_t now = Ms(clock_.Now());
  return db_.Write([&](db::Transaction& tx) -> Status {
    // Someone else's session and a non-existent one answer alike.
    if (!SqlAuthStore(tx).RevokeSession(session_id, caller.subject_id, now)) {
      return Error::Make(ErrorCode::kNotFound, "identity.session_not_found", "未找到该会话",
                         "No such session", "/session_id");
    }
    audit::Append(tx, audit::Record{caller.ToActor(), "identity.session.revoke", "session", session_id,
                                    caller.request_id, audit::Outcome::kSuccess, ""});
    return Status::Ok();
  });
}

Status AuthService::RevokeAllSessions(const Caller& caller) {
  TONGBAN_RETURN_IF_ERROR(RequireOwnLogin(caller));
  const std::int64_t now = Ms(clock_.Now());
  return db_.Write([&](db::Transaction& tx) -> Status {
    std::int64_t n = SqlAuthStore(tx).RevokeSessionsOf(caller.subject_id, now);
    audit::Append(
        tx, audit::Record{caller.ToActor(), "identity.session.revoke_all", "account", caller.subject_id,
                          caller.request_id, audit::Outcome::kSuccess, "sessions=" + std::to_string(n)});
    return Status::Ok();
  });
}

Result<Caller> AuthService::SwitchActingFor(const Caller& caller, const std::string& enterprise_id) {
  TONGBAN_RETURN_IF_ERROR(RequireOwnLogin(caller));
  if (caller.kind != CallerKind::kPerson) return Forbidden();
  Caller next = caller;
  next.acting_for.reset();
  next.roles.erase(std::remove(next.roles.begin(), next.roles.end(), Role::kEnterpriseAgent),
                   next.roles.end());
  if (!enterprise_id.empty()) {
    if (resolver_ == nullptr) return NoGrant();
    Result<ActingFor> acting = NoGrant();
    db_.Run([&](db::Transaction& tx) { acting = resolver_->Resolve(tx, caller.subject_id, enterprise_id); });
    if (!acting) return acting.error();
    next.acting_for = *acting;
    next.roles.push_back(Role::kEnterpriseAgent);
  }
  Status st = db_.Write([&](db::Transaction& tx) -> Status {
    SqlAuthStore(tx).SetSessionEnterprise(caller.session_id, enterprise_id);
    audit::Append(tx, audit::Record{next.ToActor(), "identity.session.act_for", "session", caller.session_id,
                                    caller.request_id, audit::Outcome::kSuccess,
                                    enterprise_id.empty() ? "self" : "enterprise=" + enterprise_id});
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return next;
}

Result<std::vector<DevInboxMessage>> AuthService::DevInbox(const Caller& caller, int limit) {
  TONGBAN_RETURN_IF_ERROR(Authorize(caller, "identity.dev_inbox.read"));
  std::vector<DevInboxMessage> out;
  db_.Run([&](db::Transaction& tx) { out = ListDevInbox(tx, std::clamp(limit, 1, 200)); });
  return out;
}

Result<std::optional<PersonSummary>> AuthService::Me(const Caller& caller) {
  TONGBAN_RETURN_IF_ERROR(RequireOwnLogin(caller));
  std::optional<PersonSummary> person;
  if (caller.kind == CallerKind::kPerson) {
    db_.Run([&](db::Transaction& tx) { person = accounts_.FindPerson(tx, caller.subject_id); });
  }
  return person;
}

Result<Caller> AuthService::CallerOfToken(const std::string& token, const std::string& csrf_header,
                                          bool unsafe_method, bool self_fallback) {
  const std::int64_t now = Ms(clock_.Now());
  const std::int64_t idle = duration_cast<milliseconds>(options_.session_idle).count();
  std::optional<StoredSession> session;
  std::optional<LoginSubject> subject;
  std::optional<Result<ActingFor>> acting;
  db_.Run([&](db::Transaction& tx) {
    session = SqlAuthStore(tx).FindSessionByTokenHash(crypto::Sm3Hex(token));
    if (!session || session->revoked_ms || session->info.expires_ms <= now ||
        session->info.last_seen_ms + idle <= now) {
      session.reset();
      return;
    }
    subject = accounts_.FindSubject(tx, session->info.subject_id);
    if (subject && !session->info.enterprise_id.empty()) {
      acting = resolver_ ? resolver_->Resolve(tx, subject->subject_id, session->info.enterprise_id)
                         : Result<ActingFor>(NoGrant());
    }
  });
  if (!session) return Unauthenticated();
  if (unsafe_method && (csrf_header.empty() || crypto::Sm3Hex(csrf_header) != session->csrf_hash)) {
    return Error::Make(ErrorCode::kPermissionDenied, "identity.csrf_failed", "请求校验失败，请刷新页面后重试",
                       "CSRF check failed: send the tb_csrf cookie's value in X-CSRF-Token");
  }
  if (!subject || subject->status != "active") return Unauthenticated();
  Caller caller = CallerOf(*subject, session->info);
  if (acting) {
    if (acting->ok()) {
      caller.acting_for = acting->value();
      caller.roles.push_back(Role::kEnterpriseAgent);
    } else if (!self_fallback) {
      return acting->error();
    }
  }
  if (session->info.last_seen_ms + kTouchEveryMs <= now) {
    // Idle expiry has a resolution of a minute: one write per session per minute at most.
    const std::string id = session->info.session_id;
    Status touched = db_.Write([&](db::Transaction& tx) -> Status {
      SqlAuthStore(tx).TouchSession(id, now);
      return Status::Ok();
    });
    if (!touched.ok()) return touched.error();
  }
  return caller;
}

Status AuthService::EndSession(const std::string& session_id) {
  const std::int64_t now = Ms(clock_.Now());
  return db_.Write([&](db::Transaction& tx) -> Status {
    if (SqlAuthStore(tx).RevokeSessionById(session_id, now)) {
      audit::Append(tx,
                    audit::Record{audit::Actor{"system:identity", "system", "", ""}, "identity.session.end",
                                  "session", session_id, "", audit::Outcome::kSuccess, ""});
    }
    return Status::Ok();
  });
}

bool AuthService::SessionLive(const std::string& session_id) {
  bool live = false;
  bool touch_due = false;
  db_.Run([&](db::Transaction& tx) { live = SessionLiveIn(tx, session_id, &touch_due); });
  if (touch_due) {
    Status touched = db_.Write([&](db::Transaction& tx) -> Status {
      TouchSession(tx, session_id);
      return Status::Ok();
    });
    (void)touched;  // the session is live either way; a failed touch only shortens its idle time
  }
  return live;
}

// A system refreshing tokens of this login is using it: the session is kept
// from idling out under the person working in that system (as a request with
// the cookie would), with at most one write per session per minute.
bool AuthService::SessionLiveIn(db::Transaction& tx, const std::string& session_id, bool* touch_due) {
  const std::int64_t now = Ms(clock_.Now());
  const std::int64_t idle = duration_cast<milliseconds>(options_.session_idle).count();
  std::optional<StoredSession> s = SqlAuthStore(tx).FindSession(session_id);
  bool live = s && !s->revoked_ms && s->info.expires_ms > now && s->info.last_seen_ms + idle > now;
  *touch_due = live && s->info.last_seen_ms + kTouchEveryMs <= now;
  return live;
}

void AuthService::TouchSession(db::Transaction& tx, const std::string& session_id) {
  SqlAuthStore(tx).TouchSession(session_id, Ms(clock_.Now()));
}

// ---- SMS -------------------------------------------------------------------

namespace {

// The payload written by SendCode: {"otp_id":"<ULID>","sealed":"<hex>"}, only
// [0-9A-Za-z] inside the quotes, so the value is the text up to the next quote.
std::optional<std::string> Field(const std::string& payload, std::string_view key) {
  std::string needle = "\"" + std::string(key) + "\":\"";
  auto start = payload.find(needle);
  if (start == std::string::npos) return std::nullopt;
  start += needle.size();
  auto end = payload.find('"', start);
  if (end == std::string::npos) return std::nullopt;
  return payload.substr(start, end - start);
}

Error BadEvent(const std::string& event_id) {
  return Error::Make(ErrorCode::kInternal, "identity.bad_otp_event", "内部错误", "malformed otp event")
      .WithDetail("event " + event_id);
}

}  // namespace

namespace {

// The message of an identity.otp.issued event (phone and code sealed in it).
Result<SmsMessage> MessageOf(const privacy::Vault& vault, const std::string& event_id,
                             const std::string& payload, int minutes) {
  auto otp_id = Field(payload, "otp_id");
  auto sealed_hex = Field(payload, "sealed");
  if (!otp_id || !sealed_hex) return BadEvent(event_id);
  auto sealed = HexDecode(*sealed_hex);
  if (!sealed) return BadEvent(event_id);
  auto plain = vault.Open(*sealed, "otp_codes/" + *otp_id + "/sms");
  if (!plain) return BadEvent(event_id);
  // "<phone>:<code>:<purpose>"
  auto first = plain->find(':');
  auto second = first == std::string::npos ? std::string::npos : plain->find(':', first + 1);
  if (second == std::string::npos) return BadEvent(event_id);
  SmsMessage m;
  m.message_id = event_id;
  m.phone = plain->substr(0, first);
  m.template_id = "otp_" + plain->substr(second + 1);
  m.params = {{"code", plain->substr(first + 1, second - first - 1)}, {"minutes", std::to_string(minutes)}};
  return m;
}

}  // namespace

outbox::Subscriber AuthService::SmsSubscriber(SmsSender& sender) {
  const privacy::Vault* vault = &vault_;
  const int minutes = static_cast<int>(options_.otp_lifetime.count());
  return outbox::Subscriber{"identity.sms",
                            {"identity.otp.issued"},
                            [vault, &sender, minutes](db::Transaction& tx, const outbox::Event& e) -> Status {
                              auto message = MessageOf(*vault, e.event_id, e.payload, minutes);
                              if (!message) return message.error();
                              return sender.Send(tx, *message);
                            }};
}

outbox::Subscriber AuthService::SmsQueueSubscriber() {
  const calendar::Clock* clock = &clock_;
  return outbox::Subscriber{"identity.sms",
                            {"identity.otp.issued"},
                            [clock](db::Transaction& tx, const outbox::Event& e) -> Status {
                              SqlAuthStore(tx).QueueSms(e.event_id, e.payload, Ms(clock->Now()));
                              return Status::Ok();
                            }};
}

int AuthService::DeliverQueuedSms(HttpSmsSender& sender, int limit) {
  const std::int64_t now = Ms(clock_.Now());
  const int minutes = static_cast<int>(options_.otp_lifetime.count());
  std::vector<QueuedSms> due;
  db_.Run([&](db::Transaction& tx) { due = SqlAuthStore(tx).DueSms(now, limit); });
  int sent = 0;
  for (const QueuedSms& q : due) {
    auto message = MessageOf(vault_, q.message_id, q.payload, minutes);
    Status st = message ? sender.Deliver(*message) : Status(message.error());
    const std::int64_t after = Ms(clock_.Now());
    const std::int64_t backoff =
        std::min<std::int64_t>(300'000, std::int64_t{1000} << std::min(q.attempts, 9));
    Status marked = db_.Write([&](db::Transaction& tx) -> Status {
      SqlAuthStore store(tx);
      if (st.ok()) {
        store.MarkSmsSent(q.message_id, after);
      } else {
        store.RetrySmsAt(q.message_id, after + backoff, st.error().reason + ": " + st.error().detail);
      }
      return Status::Ok();
    });
    if (st.ok() && marked.ok()) ++sent;
  }
  return sent;
}

std::span<const db::Migration> AuthMigrations() {
  return auth_migrations::kMigrations;
}

}  // namespace tongban::identity
