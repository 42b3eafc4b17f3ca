// routes: authenticate → decode → one service call → encode.
#include <charconv>

#include "http/json.hpp"
#include "http/problem.hpp"
#include "identity/accounts.hpp"

namespace tongban::identity {
namespace {

namespace json = boost::json;

constexpr std::size_t kMaxArrayItems = 16;
constexpr std::size_t kMaxIdChars = 64;

json::object ToJson(const PersonSummary& p) {
  return json::object{{"person_id", p.person_id},
                      {"name", p.name},
                      {"id_kind", p.id_kind},
                      {"id_number_masked", p.id_number_masked},
                      {"phone_masked", p.phone_masked},
                      {"assurance_level", AssuranceLevelCode(p.assurance)},
                      {"status", p.status}};
}

json::object ToJson(const EnterpriseSummary& e) {
  return json::object{{"enterprise_id", e.enterprise_id},
                      {"uscc", e.uscc},
                      {"name", e.name},
                      {"legal_representative_person_id", e.legal_representative_person_id},
                      {"registry_status", e.registry_status}};
}

json::array RolesJson(const std::vector<Role>& roles) {
  json::array out;
  for (Role r : roles) out.push_back(json::string(RoleCode(r)));
  return out;
}

json::object ToJson(const StaffSummary& s) {
  return json::object{{"staff_id", s.staff_id},
                      {"name", s.name},
                      {"department_id", s.department_id},
                      {"roles", RolesJson(s.roles)},
                      {"status", s.status}};
}

json::object ToJson(const PersonDetail& d) {
  json::object out = ToJson(d.summary);
  out["nationality"] = d.nationality;
  out["assurance_verified_by"] = d.assurance_verified_by;
  out["assurance_verified_at"] = d.assurance_verified_at;
  out["created_at"] = d.created_at;
  out["updated_at"] = d.updated_at;
  json::array enterprises;
  for (const auto& e : d.represented_enterprises) enterprises.push_back(ToJson(e));
  out["represented_enterprises"] = std::move(enterprises);
  return out;
}

json::object ToJson(const AccessLogEntry& e) {
  json::array fields;
  for (const auto& f : e.fields) fields.push_back(json::string(f));
  return json::object{{"seq", e.seq},
                      {"at", e.at},
                      {"reader_kind", e.reader_kind},
                      {"reader_id", e.reader_id},
                      {"reader_name", e.reader_name},
                      {"reader_department", e.reader_department},
                      {"reader_role", e.reader_role},
                      {"purpose", e.purpose},
                      {"fields", std::move(fields)},
                      {"unmasked", e.unmasked}};
}

template <typename T>
json::array Items(const std::vector<T>& values) {
  json::array out;
  for (const T& v : values) out.push_back(ToJson(v));
  return out;
}

Result<std::int64_t> IntParam(const http::Request& request, const char* name, std::int64_t fallback,
                              std::int64_t min, std::int64_t max) {
  auto text = request.QueryParam(name);
  if (!text) return fallback;
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || p != text->data() + text->size() || v < min || v > max) {
    return Error::Make(ErrorCode::kInvalidArgument, "http.bad_query_parameter",
                       std::string("查询参数 ") + name + " 应为 " + std::to_string(min) + "–" +
                           std::to_string(max) + " 之间的整数",
                       std::string("query parameter ") + name + " must be an integer within " +
                           std::to_string(min) + "–" + std::to_string(max),
                       name);
  }
  return v;
}

Result<std::string> TextParam(const http::Request& request, const char* name, std::size_t max_chars) {
  std::string value = request.QueryParam(name).value_or("");
  auto chars = http::Utf8Length(value);
  if (!chars || *chars > max_chars) {
    return Error::Make(
        ErrorCode::kInvalidArgument, "http.bad_query_parameter",
        std::string("查询参数 ") + name + " 不能超过 " + std::to_string(max_chars) + " 个字",
        std::string("query parameter ") + name + " is at most " + std::to_string(max_chars) + " characters",
        name);
  }
  return value;
}

Result<std::vector<std::string>> StringArray(const json::object& body, std::string_view key,
                                             std::size_t max_chars) {
  std::string field = "/" + std::string(key);
  auto it = body.find(key);
  if (it == body.end() || !it->value().is_array() || it->value().as_array().size() > kMaxArrayItems) {
    return Error::Make(ErrorCode::kInvalidArgument, "identity.expected_string_array",
                       field + " 须为字符串数组（最多 16 项）",
                       field + " must be an array of at most 16 strings", field);
  }
  std::vector<std::string> out;
  const json::array& items = it->value().as_array();
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!items[i].is_string() || items[i].as_string().size() > max_chars) {
      std::string at = field + "/" + std::to_string(i);
      return Error::Make(ErrorCode::kInvalidArgument, "identity.expected_string_array",
                         at + " 须为不超过 " + std::to_string(max_chars) + " 个字符的字符串",
                         at + " must be a string of at most " + std::to_string(max_chars) + " characters",
                         at);
    }
    out.emplace_back(items[i].as_string());
  }
  return out;
}

// Runs `handle` with the authenticated caller; an unacceptable credential is
// answered here (anonymous callers reach the service, which says 401).
template <typename F>
http::Response WithCaller(CompositeAuthenticator& authenticator, const http::Request& request, F handle) {
  auto caller = authenticator.Authenticate(request);
  if (!caller) return http::Problem(caller.error(), &request);
  return handle(*caller);
}

http::Response SearchPersons(AccountService& s, const Caller& caller, const http::Request& r) {
  auto q = TextParam(r, "q", kMaxSearchChars);
  if (!q) return http::Problem(q.error(), &r);
  auto purpose = TextParam(r, "purpose", privacy::kMaxPurposeChars);
  if (!purpose) return http::Problem(purpose.error(), &r);
  auto limit = IntParam(r, "limit", 50, 1, kMaxPageSize);
  if (!limit) return http::Problem(limit.error(), &r);
  auto after = TextParam(r, "after", kMaxIdChars);
  if (!after) return http::Problem(after.error(), &r);
  auto found = s.SearchPersons(caller, PersonSearch{*q, *purpose, *after, static_cast<int>(*limit)});
  if (!found) return http::Problem(found.error(), &r);
  json::object out{{"items", Items(*found)}};
  if (static_cast<std::int64_t>(found->size()) == *limit) out["next_after"] = found->back().person_id;
  return http::JsonResponse(200, out);
}

http::Response ReadPerson(AccountService& s, const Caller& caller, const http::Request& r) {
  auto purpose = TextParam(r, "purpose", privacy::kMaxPurposeChars);
  if (!purpose) return http::Problem(purpose.error(), &r);
  auto person = s.ReadPerson(caller, r.PathParam("person_id"), *purpose);
  if (!person) return http::Problem(person.error(), &r);
  return http::JsonResponse(200, ToJson(*person));
}

http::Response UnmaskPerson(AccountService& s, const Caller& caller, const http::Request& r) {
  auto body = http::ParseJsonObject(r);
  if (!body) return http::Problem(body.error(), &r);
  if (Status st = http::RejectUnknownFields(*body, {"fields", "purpose"}); !st.ok()) {
    return http::Problem(st.error(), &r);
  }
  auto fields = StringArray(*body, "fields", 32);
  if (!fields) return http::Problem(fields.error(), &r);
  auto purpose = http::RequireString(*body, "purpose", privacy::kMaxPurposeChars);
  if (!purpose) return http::Problem(purpose.error(), &r);
  auto plain = s.UnmaskPerson(caller, r.PathParam("person_id"), *fields, *purpose);
  if (!plain) return http::Problem(plain.error(), &r);
  json::object out{{"person_id", plain->person_id}};
  if (plain->id_number) out["id_number"] = *plain->id_number;
  if (plain->phone) out["phone"] = *plain->phone;
  http::Response response = http::JsonResponse(200, out);
  response.headers.emplace("Cache-Control", "no-store");
  return response;
}

http::Response VerifyInPerson(AccountService& s, const Caller& caller, const http::Request& r) {
  auto body = http::ParseJsonObject(r);
  if (!body) return http::Problem(body.error(), &r);
  if (Status st = http::RejectUnknownFields(*body, {"id_number"}); !st.ok())
    return http::Problem(st.error(), &r);
  auto number = http::RequireString(*body, "id_number", kMaxDocumentNumberChars);
  if (!number) return http::Problem(number.error(), &r);
  auto person = s.VerifyInPerson(caller, r.PathParam("person_id"), *number);
  if (!person) return http::Problem(person.error(), &r);
  return http::JsonResponse(200, ToJson(*person));
}

http::Response SearchEnterprises(AccountService& s, const Caller& caller, const http::Request& r) {
  auto q = TextParam(r, "q", kMaxSearchChars);
  if (!q) return http::Problem(q.error(), &r);
  auto after = TextParam(r, "after", kMaxIdChars);
  if (!after) return http::Problem(after.error(), &r);
  auto limit = IntParam(r, "limit", 50, 1, kMaxPageSize);
  if (!limit) return http::Problem(limit.error(), &r);
  auto found = s.SearchEnterprises(caller, *q, *after, static_cast<int>(*limit));
  if (!found) return http::Problem(found.error(), &r);
  json::object out{{"items", Items(*found)}};
  if (static_cast<std::int64_t>(found->size()) == *limit) out["next_after"] = found->back().enterprise_id;
  return http::JsonResponse(200, out);
}

http::Response CreateEnterprise(AccountService& s, const Caller& caller, const http::Request& r) {
  auto body = http::ParseJsonObject(r);
  if (!body) return http::Problem(body.error(), &r);
  if (Status st = http::RejectUnknownFields(
          *body, {"uscc", "name", "legal_representative_person_id", "registry_status"});
      !st.ok()) {
    return http::Problem(st.error(), &r);
  }
  auto uscc = http::RequireString(*body, "uscc", 32);
  if (!uscc) return http::Problem(uscc.error(), &r);
  auto name = http::RequireString(*body, "name", kMaxEnterpriseNameChars);
  if (!name) return http::Problem(name.error(), &r);
  auto legal = http::RequireString(*body, "legal_representative_person_id", kMaxIdChars);
  if (!legal) return http::Problem(legal.error(), &r);
  auto status = http::OptionalString(*body, "registry_status", 32);
  if (!status) return http::Problem(status.error(), &r);
  auto created = s.CreateEnterprise(caller, NewEnterprise{*uscc, *name, *legal, status->value_or("active")});
  if (!created) return http::Problem(created.error(), &r);
  http::Response response = http::JsonResponse(201, ToJson(*created));
  response.headers.emplace("Location", "/api/v1/admin/enterprises/" + created->enterprise_id);
  return response;
}

http::Response ReadEnterprise(AccountService& s, const Caller& caller, const http::Request& r) {
  auto e = s.ReadEnterprise(caller, r.PathParam("enterprise_id"));
  if (!e) return http::Problem(e.error(), &r);
  return http::JsonResponse(200, ToJson(*e));
}

http::Response ListStaff(AccountService& s, const Caller& caller, const http::Request& r) {
  auto after = TextParam(r, "after", kMaxIdChars);
  if (!after) return http::Problem(after.error(), &r);
  auto limit = IntParam(r, "limit", 50, 1, kMaxPageSize);
  if (!limit) return http::Problem(limit.error(), &r);
  auto found = s.ListStaff(caller, *after, static_cast<int>(*limit));
  if (!found) return http::Problem(found.error(), &r);
  json::object out{{"items", Items(*found)}};
  if (static_cast<std::int64_t>(found->size()) == *limit) out["next_after"] = found->back().staff_id;
  return http::JsonResponse(200, out);
}

http::Response CreateStaff(AccountService& s, const Caller& caller, const http::Request& r) {
  auto body = http::ParseJsonObject(r);
  if (!body) return http::Problem(body.error(), &r);
  if (Status st = http::RejectUnknownFields(*body, {"username", "name", "department_id"}); !st.ok()) {
    return http::Problem(st.error(), &r);
  }
  auto username = http::RequireString(*body, "username", kMaxUsernameChars);
  if (!username) return http::Problem(username.error(), &r);
  auto name = http::RequireString(*body, "name", kMaxPersonNameChars);
  if (!name) return http::Problem(name.error(), &r);
  auto department = http::RequireString(*body, "department_id", kMaxDepartmentIdChars);
  if (!department) return http::Problem(department.error(), &r);
  auto created = s.CreateStaff(caller, NewStaff{*username, *name, *department});
  if (!created) return http::Problem(created.error(), &r);
  return http::JsonResponse(201, ToJson(*created));
}

http::Response AssignRoles(AccountService& s, const Caller& caller, const http::Request& r) {
  auto body = http::ParseJsonObject(r);
  if (!body) return http::Problem(body.error(), &r);
  if (Status st = http::RejectUnknownFields(*body, {"roles"}); !st.ok()) return http::Problem(st.error(), &r);
  auto codes = StringArray(*body, "roles", 32);
  if (!codes) return http::Problem(codes.error(), &r);
  std::vector<Role> roles;
  for (std::size_t i = 0; i < codes->size(); ++i) {
    auto role = ParseRole((*codes)[i]);
    if (!role) {
      Error e = role.error();
      e.field = "/roles/" + std::to_string(i);
      return http::Problem(e, &r);
    }
    roles.push_back(*role);
  }
  auto staff = s.AssignRoles(caller, r.PathParam("staff_id"), roles);
  if (!staff) return http::Problem(staff.error(), &r);
  return http::JsonResponse(200, ToJson(*staff));
}

http::Response DisableStaff(AccountService& s, const Caller& caller, const http::Request& r) {
  auto staff = s.DisableStaff(caller, r.PathParam("staff_id"));
  if (!staff) return http::Problem(staff.error(), &r);
  return http::JsonResponse(200, ToJson(*staff));
}

http::Response MyAccessLog(AccountService& s, const Caller& caller, const http::Request& r) {
  auto before = IntParam(r, "before", 0, 0, INT64_MAX);
  if (!before) return http::Problem(before.error(), &r);
  auto limit = IntParam(r, "limit", 50, 1, kMaxPageSize);
  if (!limit) return http::Problem(limit.error(), &r);
  auto page = s.ListMyAccessLog(caller, *before, static_cast<int>(*limit));
  if (!page) return http::Problem(page.error(), &r);
  json::object out{{"items", Items(page->items)}};
  if (page->next_before != 0) out["next_before"] = page->next_before;
  return http::JsonResponse(200, out);
}

}  // namespace

void RegisterAccountRoutes(http::Router& router, AccountService& service,
                           CompositeAuthenticator& authenticator) {
  using Handle = http::Response (*)(AccountService&, const Caller&, const http::Request&);
  auto add = [&](http::Method method, const char* pattern, Handle handle, const char* operation_id) {
    router.Add(
        method, pattern,
        [&service, &authenticator, handle](const http::Request& r) {
          return WithCaller(authenticator, r,
                            [&](const Caller& caller) { return handle(service, caller, r); });
        },
        http::Execution::kWorker, operation_id);
  };
  using http::Method;
  add(Method::kGet, "/api/v1/admin/persons", SearchPersons, "searchPersons");
  add(Method::kGet, "/api/v1/admin/persons/{person_id}", ReadPerson, "getPerson");
  add(Method::kPost, "/api/v1/admin/persons/{person_id}/unmask", UnmaskPerson, "unmaskPerson");
  add(Method::kPost, "/api/v1/admin/persons/{person_id}/verify-in-person", VerifyInPerson,
      "verifyPersonInPerson");
  add(Method::kGet, "/api/v1/admin/enterprises", SearchEnterprises, "searchEnterprises");
  add(Method::kPost, "/api/v1/admin/enterprises", CreateEnterprise, "createEnterprise");
  add(Method::kGet, "/api/v1/admin/enterprises/{enterprise_id}", ReadEnterprise, "getEnterprise");
  add(Method::kGet, "/api/v1/admin/staff", ListStaff, "listStaff");
  add(Method::kPost, "/api/v1/admin/staff", CreateStaff, "createStaff");
  add(Method::kPut, "/api/v1/admin/staff/{staff_id}/roles", AssignRoles, "assignStaffRoles");
  add(Method::kPost, "/api/v1/admin/staff/{staff_id}/disable", DisableStaff, "disableStaff");
  add(Method::kGet, "/api/v1/me/access-log", MyAccessLog, "listMyAccessLog");
}

}  // namespace tongban::identity
