// routes: decode → one service call → encode. Login routes do not read the
// session cookie (a stale cookie must not stand in the way of logging in).
#include <algorithm>
#include <map>

#include "core/utc.hpp"
#include "http/json.hpp"
#include "http/problem.hpp"
#include "identity/authentication.hpp"

namespace tongban::identity {
namespace {

namespace json = boost::json;

Caller Anonymous(const http::Request& r) {
  Caller c;
  c.remote_address = r.remote_address;
  c.request_id = r.request_id;
  return c;
}

http::Response Fail(const Error& error, const http::Request& r) {
  http::Response response = http::Problem(error, &r);
  if (auto seconds = RetryAfterSeconds(error))
    response.headers.emplace("Retry-After", std::to_string(*seconds));
  return response;
}

bool Secure(const http::Request& r) {
  return r.Header("X-Forwarded-Proto") == "https";
}

void SetCookies(http::Response& response, const http::Request& r, const std::string& token,
                const std::string& csrf, std::int64_t max_age) {
  const std::string attributes =
      "; Path=/; Max-Age=" + std::to_string(max_age) + "; SameSite=Lax" + (Secure(r) ? "; Secure" : "");
  response.headers.emplace("Set-Cookie", "tb_session=" + token + attributes + "; HttpOnly");
  response.headers.emplace("Set-Cookie", "tb_csrf=" + csrf + attributes);
  response.headers.emplace("Cache-Control", "no-store");
}

void ClearCookies(http::Response& response, const http::Request& r) {
  SetCookies(response, r, "", "", 0);
}

json::value ActingForJson(const std::optional<ActingFor>& a) {
  if (!a) return nullptr;
  json::array services;
  for (const std::string& s : a->services) services.push_back(json::value(s));
  return json::object{{"enterprise_id", a->enterprise_id}, {"enterprise_name", a->enterprise_name},
                      {"grant_id", a->grant_id},           {"legal_representative", a->legal_representative},
                      {"may_apply", a->may_apply},         {"services", std::move(services)},
                      {"expires_at", a->expires_at}};
}

const char* KindCode(CallerKind kind) {
  switch (kind) {
    case CallerKind::kPerson: return "person";
    case CallerKind::kStaff: return "staff";
    case CallerKind::kClient: return "client";
    case CallerKind::kAnonymous: break;
  }
  return "anonymous";
}

json::object CallerJson(const Caller& c) {
  json::array roles;
  for (Role role : c.roles) roles.push_back(json::value(RoleCode(role)));
  return json::object{
      {"subject_id", c.subject_id},       {"kind", KindCode(c.kind)},
      {"display_name", c.display_name},   {"roles", std::move(roles)},
      {"department_id", c.department_id}, {"assurance_level", AssuranceLevelCode(c.assurance)},
      {"session_id", c.session_id},       {"auth_method", c.auth_method},
      {"auth_time", c.auth_time},         {"acting_for", ActingForJson(c.acting_for)}};
}

json::value PersonJson(const std::optional<PersonSummary>& p) {
  if (!p) return nullptr;
  return json::object{{"person_id", p->person_id},
                      {"name", p->name},
                      {"id_kind", p->id_kind},
                      {"id_number_masked", p->id_number_masked},
                      {"phone_masked", p->phone_masked},
                      {"assurance_level", AssuranceLevelCode(p->assurance)},
                      {"status", p->status}};
}

http::Response LoggedIn(const Result<LoginOutcome>& outcome, const http::Request& r, int status,
                        const AuthOptions& options) {
  if (!outcome) return Fail(outcome.error(), r);
  json::object body = CallerJson(outcome->caller);
  body["csrf_token"] = outcome->session.csrf;
  http::Response response = http::JsonResponse(status, body);
  SetCookies(response, r, outcome->session.token, outcome->session.csrf,
             std::chrono::duration_cast<std::chrono::seconds>(options.session_absolute).count());
  return response;
}

// Decodes a JSON body with exactly the string fields listed (all required
// unless named in `optional`). Returns the first field error.
struct Fields {
  std::map<std::string, std::string> values;
};

Result<Fields> ReadFields(const http::Request& r,
                          std::initializer_list<std::pair<std::string_view, std::size_t>> spec,
                          std::initializer_list<std::string_view> allowed,
                          std::initializer_list<std::string_view> optional = {}) {
  auto body = http::ParseJsonObject(r);
  if (!body) return body.error();
  TONGBAN_RETURN_IF_ERROR(http::RejectUnknownFields(*body, allowed));
  Fields f;
  for (const auto& [key, max] : spec) {
    bool is_optional = std::find(optional.begin(), optional.end(), key) != optional.end();
    if (is_optional) {
      auto v = http::OptionalString(*body, key, max);
      if (!v) return v.error();
      if (*v) f.values[std::string(key)] = **v;
    } else {
      auto v = http::RequireString(*body, key, max);
      if (!v) return v.error();
      f.values[std::string(key)] = *v;
    }
  }
  return f;
}

std::string UserAgent(const http::Request& r) {
  return std::string(r.Header("User-Agent"));
}

http::Response SendOtp(AuthService& service, const http::Request& r) {
  auto f = ReadFields(r, {{"phone", 20}, {"purpose", 16}}, {"phone", "purpose"});
  if (!f) return Fail(f.error(), r);
  Status st = service.SendCode(f->values["phone"], f->values["purpose"], Anonymous(r));
  if (!st.ok()) return Fail(st.error(), r);
  return http::JsonResponse(
      202, json::object{
               {"sent", true},
               {"resend_after_seconds", service.options().otp_resend_interval.count()},
               {"expires_in_seconds",
                std::chrono::duration_cast<std::chrono::seconds>(service.options().otp_lifetime).count()}});
}

http::Response RegisterPerson(AuthService& service, const http::Request& r) {
  auto f = ReadFields(r,
                      {{"name", 64},
                       {"id_kind", 32},
                       {"id_number", 32},
                       {"nationality", 3},
                       {"phone", 20},
                       {"code", 16},
                       {"password", 4 * kMaxPasswordChars}},
                      {"name", "id_kind", "id_number", "nationality", "phone", "code", "password"},
                      {"nationality"});
  if (!f) return Fail(f.error(), r);
  auto& v = f->values;
  Registration reg{NewPerson{v["name"], v["id_kind"], v["id_number"],
                             v.count("nationality") ? v["nationality"] : "CHN", v["phone"]},
                   v["code"], v["password"]};
  return LoggedIn(service.Register(reg, Anonymous(r), UserAgent(r)), r, 201, service.options());
}

http::Response LoginPassword(AuthService& service, const http::Request& r) {
  auto f = ReadFields(r, {{"login", 64}, {"password", 4 * kMaxPasswordChars}}, {"login", "password"});
  if (!f) return Fail(f.error(), r);
  return LoggedIn(
      service.LoginWithPassword(f->values["login"], f->values["password"], Anonymous(r), UserAgent(r)), r,
      200, service.options());
}

http::Response LoginOtp(AuthService& service, const http::Request& r) {
  auto f = ReadFields(r, {{"phone", 20}, {"code", 16}}, {"phone", "code"});
  if (!f) return Fail(f.error(), r);
  return LoggedIn(service.LoginWithCode(f->values["phone"], f->values["code"], Anonymous(r), UserAgent(r)), r,
                  200, service.options());
}

http::Response ResetPassword(AuthService& service, const http::Request& r) {
  auto f = ReadFields(r, {{"phone", 20}, {"code", 16}, {"password", 4 * kMaxPasswordChars}},
                      {"phone", "code", "password"});
  if (!f) return Fail(f.error(), r);
  Status st =
      service.ResetPassword(f->values["phone"], f->values["code"], f->values["password"], Anonymous(r));
  if (!st.ok()) return Fail(st.error(), r);
  http::Response response = http::Response::NoContent();
  ClearCookies(response, r);
  return response;
}

http::Response Logout(AuthService& service, Authenticator& auth, const http::Request& r) {
  auto caller = AuthenticateRequest(auth, r);
  if (!caller) return Fail(caller.error(), r);
  Status st = service.Logout(*caller);
  if (!st.ok()) return Fail(st.error(), r);
  http::Response response = http::Response::NoContent();
  ClearCookies(response, r);
  return response;
}

http::Response GetMe(AuthService& service, Authenticator& auth, const http::Request& r) {
  auto caller = AuthenticateRequest(auth, r);
  if (!caller) return Fail(caller.error(), r);
  auto person = service.Me(*caller);
  if (!person) return Fail(person.error(), r);
  json::object body = CallerJson(*caller);
  body["person"] = PersonJson(*person);
  return http::JsonResponse(200, body);
}

http::Response ListSessions(AuthService& service, Authenticator& auth, const http::Request& r) {
  auto caller = AuthenticateRequest(auth, r);
  if (!caller) return Fail(caller.error(), r);
  auto sessions = service.ListSessions(*caller);
  if (!sessions) return Fail(sessions.error(), r);
  json::array items;
  auto iso = [](std::int64_t ms) {
    return FormatUtcMillis(std::chrono::system_clock::time_point(std::chrono::milliseconds(ms)));
  };
  for (const SessionInfo& s : *sessions) {
    items.push_back(json::object{{"session_id", s.session_id},
                                 {"auth_method", s.auth_method},
                                 {"created_at", iso(s.created_ms)},
                                 {"last_seen_at", iso(s.last_seen_ms)},
                                 {"expires_at", iso(s.expires_ms)},
                                 {"enterprise_id", s.enterprise_id},
                                 {"remote_address", s.remote_address},
                                 {"user_agent", s.user_agent},
                                 {"current", s.current}});
  }
  return http::JsonResponse(200, json::object{{"items", std::move(items)}});
}

http::Response RevokeSession(AuthService& service, Authenticator& auth, const http::Request& r) {
  auto caller = AuthenticateRequest(auth, r);
  if (!caller) return Fail(caller.error(), r);
  Status st = service.RevokeSession(*caller, r.PathParam("session_id"));
  if (!st.ok()) return Fail(st.error(), r);
  http::Response response = http::Response::NoContent();
  if (r.PathParam("session_id") == caller->session_id) ClearCookies(response, r);
  return response;
}

http::Response RevokeAll(AuthService& service, Authenticator& auth, const http::Request& r) {
  auto caller = AuthenticateRequest(auth, r);
  if (!caller) return Fail(caller.error(), r);
  Status st = service.RevokeAllSessions(*caller);
  if (!st.ok()) return Fail(st.error(), r);
  http::Response response = http::Response::NoContent();
  ClearCookies(response, r);
  return response;
}

http::Response ActFor(AuthService& service, Authenticator& auth, const http::Request& r) {
  auto caller = AuthenticateRequest(auth, r);
  if (!caller) return Fail(caller.error(), r);
  auto body = http::ParseJsonObject(r);
  if (!body) return Fail(body.error(), r);
  Status fields = http::RejectUnknownFields(*body, {"enterprise_id"});
  if (!fields.ok()) return Fail(fields.error(), r);
  const json::value* v = body->if_contains("enterprise_id");
  std::string enterprise_id;
  if (v == nullptr || (!v->is_null() && !v->is_string()) ||
      (v->is_string() && (v->as_string().empty() || v->as_string().size() > 64))) {
    return Fail(Error::Make(ErrorCode::kInvalidArgument, "identity.enterprise_id",
                            "enterprise_id 须为企业标识或 null",
                            "enterprise_id must be an enterprise id or null", "/enterprise_id"),
                r);
  }
  if (v->is_string()) enterprise_id = std::string(v->as_string());
  auto next = service.SwitchActingFor(*caller, enterprise_id);
  if (!next) return Fail(next.error(), r);
  return http::JsonResponse(200, CallerJson(*next));
}

http::Response DevInbox(AuthService& service, Authenticator& auth, const http::Request& r) {
  auto caller = AuthenticateRequest(auth, r);
  if (!caller) return Fail(caller.error(), r);
  auto messages = service.DevInbox(*caller, 50);
  if (!messages) return Fail(messages.error(), r);
  json::array items;
  for (const DevInboxMessage& m : *messages) {
    items.push_back(json::object{{"message_id", m.message_id},
                                 {"phone", m.phone},
                                 {"template_id", m.template_id},
                                 {"text", m.text},
                                 {"created_at", m.created_at}});
  }
  return http::JsonResponse(200, json::object{{"items", std::move(items)}});
}

}  // namespace

void RegisterAuthRoutes(http::Router& router, AuthService& service, Authenticator& auth, db::Database& /*db*/,
                        bool demo) {
  using http::Method;
  AuthService* s = &service;
  Authenticator* a = &auth;
  auto add = [&router](Method m, const char* pattern, http::Handler h, const char* id) {
    router.Add(m, pattern, std::move(h), http::Execution::kWorker, id);
  };
  add(
      Method::kPost, "/api/v1/auth/otp", [s](const http::Request& r) { return SendOtp(*s, r); }, "sendOtp");
  add(
      Method::kPost, "/api/v1/auth/register", [s](const http::Request& r) { return RegisterPerson(*s, r); },
      "registerPerson");
  add(
      Method::kPost, "/api/v1/auth/login/password",
      [s](const http::Request& r) { return LoginPassword(*s, r); }, "loginWithPassword");
  add(
      Method::kPost, "/api/v1/auth/login/otp", [s](const http::Request& r) { return LoginOtp(*s, r); },
      "loginWithCode");
  add(
      Method::kPost, "/api/v1/auth/logout", [s, a](const http::Request& r) { return Logout(*s, *a, r); },
      "logout");
  add(
      Method::kPost, "/api/v1/auth/password-reset",
      [s](const http::Request& r) { return ResetPassword(*s, r); }, "resetPassword");
  add(
      Method::kGet, "/api/v1/me", [s, a](const http::Request& r) { return GetMe(*s, *a, r); }, "getMe");
  add(
      Method::kGet, "/api/v1/me/sessions", [s, a](const http::Request& r) { return ListSessions(*s, *a, r); },
      "listMySessions");
  add(
      Method::kDelete, "/api/v1/me/sessions", [s, a](const http::Request& r) { return RevokeAll(*s, *a, r); },
      "revokeAllMySessions");
  add(
      Method::kDelete, "/api/v1/me/sessions/{session_id}",
      [s, a](const http::Request& r) { return RevokeSession(*s, *a, r); }, "revokeMySession");
  add(
      Method::kPost, "/api/v1/me/acting-for", [s, a](const http::Request& r) { return ActFor(*s, *a, r); },
      "switchActingFor");
  if (demo) {
    add(
        Method::kGet, "/api/v1/dev/sms-inbox", [s, a](const http::Request& r) { return DevInbox(*s, *a, r); },
        "listDevSmsInbox");
  }
}

}  // namespace tongban::identity
