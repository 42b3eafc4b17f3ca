// 身份认证 — authentication: passwords (argon2id), one-time codes by SMS,
// cookie sessions with CSRF protection, lockout after repeated failures, and
// the session authenticator that turns a `tb_session` cookie into a Caller.
//
// Accounts (who exists, their roles and status) live in identity/accounts.hpp;
// this file only proves that a request comes from one of them. Personal data
// (phone numbers) is never stored here in plaintext: one-time codes are keyed
// by the phone's blind index, SMS events carry the phone sealed.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "db/database.hpp"
#include "db/migration.hpp"
#include "http/router.hpp"
#include "identity/accounts.hpp"
#include "identity/authenticator.hpp"
#include "identity/caller.hpp"
#include "identity/directory.hpp"
#include "outbox/outbox.hpp"
#include "privacy/personal_data.hpp"
#include "time/clock.hpp"

namespace tongban::identity {

// ---- passwords -------------------------------------------------------------

inline constexpr std::string_view kPasswordField = "/password";
inline constexpr std::size_t kMinPasswordChars = 8;
inline constexpr std::size_t kMaxPasswordChars = 128;

// Password rules (口令策略): at least 8 characters (code points), at most 128,
// not equal to any of `login_names` (ignoring case), and not one of a small
// list of the most common passwords. kInvalidArgument with field /password:
//   identity.password_too_short, identity.password_too_long,
//   identity.password_is_login_name, identity.password_common
Status CheckPasswordRules(std::string_view password, std::span<const std::string> login_names = {});

// Sets (or replaces) the subject's password in the caller's transaction,
// after CheckPasswordRules. Used by registration, password reset and the demo
// loader. Hashing costs about the time measured in the module README.
Status SetPassword(db::Transaction& tx, const std::string& subject_id, const std::string& password);

// ---- SMS -------------------------------------------------------------------

// One text message from a template (短信模板): the gateway fills the
// template's placeholders with params. message_id is the idempotency key the
// gateway deduplicates on (the outbox event id), so a resend after a crash
// never reaches the phone twice.
struct SmsMessage {
  std::string message_id;
  std::string phone;                                        // 11-digit mainland mobile number
  std::string template_id;                                  // "otp_login", "otp_register", "otp_reset"
  std::vector<std::pair<std::string, std::string>> params;  // {"code","123456"}, {"minutes","5"}
};

class SmsSender {
 public:
  virtual ~SmsSender() = default;
  // Ok once the gateway accepted the message (or had already accepted one with
  // the same message_id); kUnavailable when it should be retried.
  virtual Status Send(db::Transaction& tx, const SmsMessage& message) = 0;
};

// Demo mode: stores messages in the dev inbox table (sms_dev_inbox), shown at
// /dev/inbox and GET /api/v1/dev/sms-inbox. Never sends anything.
class DevSmsSender : public SmsSender {
 public:
  Status Send(db::Transaction& tx, const SmsMessage& message) override;
};

struct SmsGatewayOptions {
  std::string url;                          // http://host:port/path of the gateway's send endpoint
  std::string app_key;                      // sent as X-App-Key
  std::string app_secret;                   // HMAC-SM3 key (read from sms.app_secret_file)
  std::chrono::milliseconds timeout{3000};  // the outbox transaction waits this long at most
};

// An HTTP adapter for an SMS gateway (短信网关) in the JSON shape of the
// common Chinese providers: POST {"message_id","phone","template_id",
// "params":{…}} with headers X-App-Key, X-Timestamp (Unix ms) and
// X-Signature = hex HMAC-SM3(app_secret, timestamp + "\n" + body); the answer
// is {"code":"OK"|…,"message":…}. Plain http:// only: put TLS in a local
// proxy (documented in the module README).
class HttpSmsSender : public SmsSender {
 public:
  explicit HttpSmsSender(SmsGatewayOptions options) : options_(std::move(options)) {}
  // One POST to the gateway, holding no transaction (SmsDeliveryWorker's path).
  Status Deliver(const SmsMessage& message);
  // Deliver, ignoring `tx` (for callers that send from a subscriber directly).
  Status Send(db::Transaction& tx, const SmsMessage& message) override;
  // The signature the gateway checks (exposed for the sandbox and tests).
  static std::string Sign(std::string_view secret, std::string_view timestamp, std::string_view body);

 private:
  SmsGatewayOptions options_;
};

struct DevInboxMessage {
  std::string message_id;
  std::string phone;
  std::string template_id;
  std::string text;
  std::string created_at;
};
// Newest first; demo mode only.
std::vector<DevInboxMessage> ListDevInbox(db::Transaction& tx, int limit);

// ---- sessions and the service ---------------------------------------------

// What the session store keeps about one login (never the token itself).
struct SessionInfo {
  std::string session_id;
  std::string subject_id;
  std::string auth_method;  // "pwd", "otp"
  std::int64_t created_ms = 0;
  std::int64_t last_seen_ms = 0;
  std::int64_t expires_ms = 0;  // absolute expiry
  std::string enterprise_id;    // acting for; empty = for oneself
  std::string remote_address;
  std::string user_agent;
  bool current = false;  // the session of the request that asked
};

struct AuthOptions {
  std::chrono::minutes session_idle{30};
  std::chrono::hours session_absolute{12};
  std::chrono::minutes otp_lifetime{5};
  int otp_max_tries = 5;
  std::chrono::seconds otp_resend_interval{60};  // per phone
  int otp_per_phone_per_hour = 10;
  int otp_per_source_per_hour = 30;
  int failures_before_lockout = 5;
  std::chrono::minutes first_lockout{1};  // doubles with each further failure
  std::chrono::hours max_lockout{24};
  std::chrono::minutes source_window{15};
  int source_max_failures = 30;  // failures per source address per window
};

// Seconds a kResourceExhausted error of this service asks the client to wait
// (the Retry-After header); nullopt for other errors.
std::optional<std::int64_t> RetryAfterSeconds(const Error& error);

// Pure lockout rule: how long an account stays locked after its
// `failures`-th consecutive failure (zero below the threshold).
std::chrono::milliseconds LockoutAfter(const AuthOptions& options, int failures);

// A freshly issued session: the cookie values go to the browser once.
struct IssuedSession {
  std::string session_id;
  std::string token;  // tb_session cookie
  std::string csrf;   // tb_csrf cookie and X-CSRF-Token header
  std::int64_t expires_ms = 0;
};

struct LoginOutcome {
  IssuedSession session;
  Caller caller;
};

struct Registration {
  NewPerson person;
  std::string code;
  std::string password;
};

// Seam over the accounts part (AccountService), so tests can use a fake.
class AccountGateway {
 public:
  virtual ~AccountGateway() = default;
  virtual Result<std::string> RegisterPerson(db::Transaction& tx, const NewPerson& person) = 0;  // person_id
  virtual std::optional<LoginSubject> FindByLogin(db::Transaction& tx, const std::string& login) = 0;
  virtual std::optional<LoginSubject> FindSubject(db::Transaction& tx, const std::string& subject_id) = 0;
  virtual std::optional<PersonSummary> FindPerson(db::Transaction& tx, const std::string& person_id) = 0;
};

// The production gateway over AccountService.
std::unique_ptr<AccountGateway> MakeAccountGateway(AccountService& accounts);

// Login, sessions, one-time codes, password reset. Thread-safe (state is in
// the database). Every state change writes an audit record, and SMS sends an
// outbox event, in its own transaction.
class AuthService : public SessionControl {
 public:
  AuthService(db::Database& db, AccountGateway& accounts, const privacy::Vault& vault,
              const calendar::Clock& clock, AuthOptions options = {});

  // Optional: the delegation module's resolver (null: nobody may act for an enterprise).
  void SetPrincipalResolver(PrincipalResolver* resolver) { resolver_ = resolver; }

  // One-time code (验证码) for purpose "login", "register" or "reset". The
  // answer is the same whether or not an account holds the phone.
  // kResourceExhausted identity.otp_throttled (with retry_after_seconds).
  Status SendCode(const std::string& phone, const std::string& purpose, const Caller& caller);

  Result<LoginOutcome> Register(const Registration& registration, const Caller& caller,
                                const std::string& user_agent);
  Result<LoginOutcome> LoginWithPassword(const std::string& login, const std::string& password,
                                         const Caller& caller, const std::string& user_agent);
  Result<LoginOutcome> LoginWithCode(const std::string& phone, const std::string& code, const Caller& caller,
                                     const std::string& user_agent);
  // Ends every session of the account holding the phone.
  Status ResetPassword(const std::string& phone, const std::string& code, const std::string& password,
                       const Caller& caller);

  Status Logout(const Caller& caller);
  Result<std::vector<SessionInfo>> ListSessions(const Caller& caller);
  Status RevokeSession(const Caller& caller, const std::string& session_id);
  Status RevokeAllSessions(const Caller& caller);  // including the current one
  // Acting for an enterprise (or for oneself with an empty id), checked by the resolver.
  Result<Caller> SwitchActingFor(const Caller& caller, const std::string& enterprise_id);
  // The demo SMS inbox (the route exists only in demo mode), newest first.
  Result<std::vector<DevInboxMessage>> DevInbox(const Caller& caller, int limit);
  // The caller's own person record (masked), or nullopt for staff.
  Result<std::optional<PersonSummary>> Me(const Caller& caller);

  // Builds the caller of a session token (the SessionAuthenticator's work).
  // Errors: 401 identity.unauthenticated (no such session, revoked, expired,
  // account disabled or gone), 403 identity.csrf_failed (unsafe method
  // without the session's X-CSRF-Token), 403 delegation.no_grant (acting for
  // an enterprise whose grant is gone) — unless `self_fallback`, when the
  // caller then acts for themselves (so they can switch back or log out).
  Result<Caller> CallerOfToken(const std::string& token, const std::string& csrf_header, bool unsafe_method,
                               bool self_fallback);

  // SessionControl
  Status EndSession(const std::string& session_id) override;
  bool SessionLive(const std::string& session_id) override;
  bool SessionLiveIn(db::Transaction& tx, const std::string& session_id, bool* touch_due) override;
  void TouchSession(db::Transaction& tx, const std::string& session_id) override;

  // The outbox subscriber that sends one-time codes through `sender` inside
  // its transaction (DevSmsSender: a table insert).
  outbox::Subscriber SmsSubscriber(SmsSender& sender);
  // For a network gateway: the subscriber only queues the message
  // (sms_outgoing, exactly once with the event), and DeliverQueuedSms sends
  // due messages with no transaction open, marking each sent or scheduling a
  // retry (2^attempts seconds, at most 5 minutes). Returns how many were sent.
  outbox::Subscriber SmsQueueSubscriber();
  int DeliverQueuedSms(HttpSmsSender& sender, int limit = 50);

  const AuthOptions& options() const { return options_; }

 private:
  db::Database& db_;
  AccountGateway& accounts_;
  const privacy::Vault& vault_;
  const calendar::Clock& clock_;
  AuthOptions options_;
  PrincipalResolver* resolver_ = nullptr;
};

// A thread that calls AuthService::DeliverQueuedSms every `poll` until Stop.
class SmsDeliveryWorker {
 public:
  SmsDeliveryWorker(AuthService& service, HttpSmsSender& sender, std::chrono::milliseconds poll);
  ~SmsDeliveryWorker();
  SmsDeliveryWorker(const SmsDeliveryWorker&) = delete;
  SmsDeliveryWorker& operator=(const SmsDeliveryWorker&) = delete;
  void Start();
  void Stop();  // idempotent; waits for the current pass

 private:
  struct State;
  AuthService& service_;
  HttpSmsSender& sender_;
  std::chrono::milliseconds poll_;
  std::unique_ptr<State> state_;
};

// Reads the tb_session cookie; enforces X-CSRF-Token on unsafe methods.
class SessionAuthenticator : public Authenticator {
 public:
  explicit SessionAuthenticator(AuthService& service) : service_(service) {}
  std::optional<Result<Caller>> TryAuthenticate(const http::Request& request) override;

 private:
  AuthService& service_;
};

// POST /api/v1/auth/{otp,register,login/password,login/otp,logout,password-reset},
// GET /api/v1/me, GET|DELETE /api/v1/me/sessions, DELETE /api/v1/me/sessions/{session_id},
// POST /api/v1/me/acting-for; in demo mode also GET /api/v1/dev/sms-inbox.
void RegisterAuthRoutes(http::Router& router, AuthService& service, Authenticator& authenticator,
                        db::Database& db, bool demo);

// The tables of this part (auth_*, session_*, otp_*, sms_*).
std::span<const db::Migration> AuthMigrations();

}  // namespace tongban::identity
