// routes: decode → one service call → encode.
#include "delegation/routes.hpp"

#include "http/json.hpp"
#include "http/problem.hpp"

namespace tongban::delegation {
namespace {

namespace json = boost::json;
using identity::Caller;

constexpr std::size_t kMaxLoginChars = 64;
constexpr std::size_t kMaxUsccChars = 18;
constexpr std::size_t kMaxExpiryChars = 40;

json::value OrNull(const std::string& text) {
  if (text.empty()) return nullptr;
  return json::value(text);
}

json::array Strings(const std::vector<std::string>& items) {
  json::array out;
  for (const std::string& s : items) out.push_back(json::value(s));
  return out;
}

json::object ToJson(const GrantView& v) {
  const Grant& g = v.grant;
  return json::object{{"grant_id", g.grant_id},
                      {"enterprise_id", g.enterprise_id},
                      {"enterprise_name", v.enterprise_name},
                      {"parent_grant_id", OrNull(g.parent_grant_id)},
                      {"grantor_person_id", g.grantor_person_id},
                      {"grantor_name", v.grantor_name},
                      {"grantee_kind", GranteeKindCode(g.grantee_kind)},
                      {"grantee_id", g.grantee_id},
                      {"grantee_name", v.grantee_name},
                      {"grantee_phone_masked", OrNull(v.grantee_phone_masked)},
                      {"grantee_uscc", OrNull(v.grantee_uscc)},
                      {"scope", Strings(g.scope)},
                      {"mode", GrantModeCode(g.mode)},
                      {"may_delegate", g.may_delegate},
                      {"expires_at", g.expires_at},
                      {"status", GrantStatusCode(g.status)},
                      {"live", v.live},
                      {"created_at", g.created_at},
                      {"revoked_at", OrNull(g.revoked_at)},
                      {"revoked_by", OrNull(g.revoked_by)}};
}

json::object ToJson(const Administrator& a) {
  return json::object{{"enterprise_id", a.enterprise_id}, {"person_id", a.person_id},
                      {"person_name", a.person_name},     {"phone_masked", a.phone_masked},
                      {"appointed_by", a.appointed_by},   {"appointed_at", a.appointed_at}};
}

json::object ToJson(const Principal& p) {
  if (p.enterprise_id.empty()) {
    return json::object{{"kind", "self"}, {"enterprise_id", nullptr}, {"name", p.name}};
  }
  const identity::ActingFor& a = p.rights;
  return json::object{{"kind", "enterprise"},
                      {"enterprise_id", p.enterprise_id},
                      {"name", p.name},
                      {"legal_representative", a.legal_representative},
                      {"grant_id", OrNull(a.grant_id)},
                      {"may_apply", a.may_apply},
                      {"services", Strings(a.services)},
                      {"expires_at", OrNull(a.expires_at)}};
}

template <typename T>
http::Response Items(const std::vector<T>& items) {
  json::array out;
  for (const T& item : items) out.push_back(ToJson(item));
  return http::JsonResponse(200, json::object{{"items", std::move(out)}});
}

Result<std::vector<std::string>> ScopeOf(const json::object& body) {
  const json::value* v = body.if_contains("scope");
  if (!v || !v->is_array()) {
    return Error::Make(ErrorCode::kInvalidArgument, "delegation.scope_type",
                       "scope 应为事项或类别编码的数组（全部事项为 [\"*\"]）",
                       "scope must be an array of service item or category codes ([\"*\"] for all)",
                       "/scope");
  }
  std::vector<std::string> out;
  const json::array& a = v->as_array();
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!a[i].is_string()) {
      return Error::Make(ErrorCode::kInvalidArgument, "delegation.scope_code", "事项或类别编码格式不正确",
                         "a scope code must be a string", "/scope/" + std::to_string(i));
    }
    out.emplace_back(a[i].as_string().c_str(), a[i].as_string().size());
  }
  return out;
}

Result<GrantRequest> GrantRequestOf(const http::Request& request) {
  auto body = http::ParseJsonObject(request);
  if (!body) return body.error();
  TONGBAN_RETURN_IF_ERROR(http::RejectUnknownFields(
      *body, {"grantee_login", "grantee_uscc", "scope", "mode", "may_delegate", "expires_at"}));
  GrantRequest out;
  TONGBAN_ASSIGN_OR_RETURN(auto login, http::OptionalString(*body, "grantee_login", kMaxLoginChars));
  TONGBAN_ASSIGN_OR_RETURN(auto uscc, http::OptionalString(*body, "grantee_uscc", kMaxUsccChars));
  out.grantee_login = login.value_or("");
  out.grantee_uscc = uscc.value_or("");
  TONGBAN_ASSIGN_OR_RETURN(out.scope, ScopeOf(*body));
  TONGBAN_ASSIGN_OR_RETURN(out.mode, http::RequireString(*body, "mode", 16));
  if (const json::value* d = body->if_contains("may_delegate"); d && !d->is_null()) {
    if (!d->is_bool()) {
      return Error::Make(ErrorCode::kInvalidArgument, "delegation.may_delegate_type",
                         "may_delegate 应为 true 或 false", "may_delegate must be true or false",
                         "/may_delegate");
    }
    out.may_delegate = d->as_bool();
  }
  TONGBAN_ASSIGN_OR_RETURN(out.expires_at, http::RequireString(*body, "expires_at", kMaxExpiryChars));
  return out;
}

using Handler = http::Response (*)(DelegationService&, const Caller&, const http::Request&);

http::Response ListAdministrators(DelegationService& s, const Caller& c, const http::Request& r) {
  auto list = s.ListAdministrators(c, r.PathParam("enterprise_id"));
  if (!list) return http::Problem(list.error(), &r);
  return Items(*list);
}

http::Response AppointAdministrator(DelegationService& s, const Caller& c, const http::Request& r) {
  auto body = http::ParseJsonObject(r);
  if (!body) return http::Problem(body.error(), &r);
  Status fields = http::RejectUnknownFields(*body, {"login"});
  if (!fields.ok()) return http::Problem(fields.error(), &r);
  auto login = http::RequireString(*body, "login", kMaxLoginChars);
  if (!login) return http::Problem(login.error(), &r);
  auto appointed = s.AppointAdministrator(c, r.PathParam("enterprise_id"), *login);
  if (!appointed) return http::Problem(appointed.error(), &r);
  return http::JsonResponse(201, ToJson(*appointed));
}

http::Response RemoveAdministrator(DelegationService& s, const Caller& c, const http::Request& r) {
  Status st = s.RemoveAdministrator(c, r.PathParam("enterprise_id"), r.PathParam("person_id"));
  if (!st.ok()) return http::Problem(st.error(), &r);
  return http::Response::NoContent();
}

http::Response ListEnterpriseGrants(DelegationService& s, const Caller& c, const http::Request& r) {
  auto list = s.ListEnterpriseGrants(c, r.PathParam("enterprise_id"));
  if (!list) return http::Problem(list.error(), &r);
  return Items(*list);
}

http::Response Created(const Result<GrantView>& g, const http::Request& r) {
  if (!g) return http::Problem(g.error(), &r);
  http::Response response = http::JsonResponse(201, ToJson(*g));
  response.headers.emplace("Location", "/api/v1/grants/" + g->grant.grant_id);
  return response;
}

http::Response CreateGrant(DelegationService& s, const Caller& c, const http::Request& r) {
  auto request = GrantRequestOf(r);
  if (!request) return http::Problem(request.error(), &r);
  return Created(s.CreateGrant(c, r.PathParam("enterprise_id"), *request), r);
}

http::Response CreateSubGrant(DelegationService& s, const Caller& c, const http::Request& r) {
  auto request = GrantRequestOf(r);
  if (!request) return http::Problem(request.error(), &r);
  return Created(s.CreateSubGrant(c, r.PathParam("grant_id"), *request), r);
}

http::Response GetGrant(DelegationService& s, const Caller& c, const http::Request& r) {
  auto g = s.GetGrant(c, r.PathParam("grant_id"));
  if (!g) return http::Problem(g.error(), &r);
  return http::JsonResponse(200, ToJson(*g));
}

http::Response RevokeGrant(DelegationService& s, const Caller& c, const http::Request& r) {
  auto revoked = s.RevokeGrant(c, r.PathParam("grant_id"));
  if (!revoked) return http::Problem(revoked.error(), &r);
  return Items(*revoked);
}

http::Response ListMyGrants(DelegationService& s, const Caller& c, const http::Request& r) {
  std::string direction = r.QueryParam("direction").value_or("held");
  if (direction != "held" && direction != "given") {
    return http::Problem(Error::Make(ErrorCode::kInvalidArgument, "delegation.direction",
                                     "direction 应为 held（我持有的）或 given（我授出的）",
                                     "direction must be held or given", "direction"),
                         &r);
  }
  auto list = s.ListMyGrants(c, direction == "held" ? Direction::kHeld : Direction::kGiven);
  if (!list) return http::Problem(list.error(), &r);
  return Items(*list);
}

http::Response ListPrincipals(DelegationService& s, const Caller& c, const http::Request& r) {
  auto p = s.ListPrincipals(c);
  if (!p) return http::Problem(p.error(), &r);
  json::array items;
  for (const Principal& principal : p->principals) items.push_back(ToJson(principal));
  json::array managed;
  for (const ManagedEnterprise& m : p->managed) {
    managed.push_back(json::object{{"enterprise_id", m.enterprise_id},
                                   {"name", m.name},
                                   {"legal_representative", m.legal_representative}});
  }
  return http::JsonResponse(200, json::object{{"items", std::move(items)}, {"managed", std::move(managed)}});
}

}  // namespace

void RegisterDelegationRoutes(http::Router& router, DelegationService& service,
                              identity::Authenticator& authenticator) {
  using http::Execution;
  using http::Method;
  auto add = [&](Method method, const char* path, Handler handler, const char* operation) {
    router.Add({method, path,
                [&service, &authenticator, handler](const http::Request& r) {
                  auto caller = identity::AuthenticateRequest(authenticator, r);
                  if (!caller) return http::Problem(caller.error(), &r);
                  return handler(service, *caller, r);
                },
                Execution::kWorker, operation});
  };
  add(Method::kGet, "/api/v1/enterprises/{enterprise_id}/administrators", ListAdministrators,
      "listEnterpriseAdministrators");
  add(Method::kPost, "/api/v1/enterprises/{enterprise_id}/administrators", AppointAdministrator,
      "appointEnterpriseAdministrator");
  add(Method::kDelete, "/api/v1/enterprises/{enterprise_id}/administrators/{person_id}", RemoveAdministrator,
      "removeEnterpriseAdministrator");
  add(Method::kGet, "/api/v1/enterprises/{enterprise_id}/grants", ListEnterpriseGrants,
      "listEnterpriseGrants");
  add(Method::kPost, "/api/v1/enterprises/{enterprise_id}/grants", CreateGrant, "createGrant");
  add(Method::kGet, "/api/v1/grants/{grant_id}", GetGrant, "getGrant");
  add(Method::kDelete, "/api/v1/grants/{grant_id}", RevokeGrant, "revokeGrant");
  add(Method::kPost, "/api/v1/grants/{grant_id}/sub-grants", CreateSubGrant, "createSubGrant");
  add(Method::kGet, "/api/v1/me/grants", ListMyGrants, "listMyGrants");
  add(Method::kGet, "/api/v1/me/principals", ListPrincipals, "listMyPrincipals");
}

}  // namespace tongban::delegation
