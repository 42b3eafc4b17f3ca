// The permission table and the one decision function (identity/policy.hpp).
// Each module owns one block of rows below, in module order; a row's name
// starts with its module.
#include "identity/policy.hpp"

#include <algorithm>

namespace tongban::identity {
namespace {

using R = Role;

std::vector<Permission> BuildTable() {
  std::vector<Permission> t;
  // ---- identity -----------------------------------------------------------
  t.push_back({"identity.account.read_own", Rule::kSelf, {}, false, ""});
  t.push_back({"identity.session.manage_own", Rule::kSelf, {}, false, ""});
  t.push_back({"identity.access_log.read_own", Rule::kSelf, {}, false, ""});
  // Window officers find the person in front of them (then verify in person).
  t.push_back({"identity.person.list",
               Rule::kRole,
               {R::kWindowOfficer, R::kPlatformOperator, R::kSecurityAdmin},
               false,
               ""});
  t.push_back({"identity.person.read",
               Rule::kRole,
               {R::kWindowOfficer, R::kPlatformOperator, R::kSecurityAdmin},
               false,
               ""});
  t.push_back({"identity.person.unmask", Rule::kRole, {R::kSecurityAdmin}, false, ""});
  t.push_back({"identity.person.verify_in_person", Rule::kRole, {R::kWindowOfficer}, false, ""});
  t.push_back({"identity.enterprise.read", Rule::kRole, {R::kPlatformOperator}, false, ""});
  t.push_back({"identity.enterprise.create", Rule::kRole, {R::kPlatformOperator}, false, ""});
  t.push_back(
      {"identity.staff.list", Rule::kRole, {R::kSystemAdmin, R::kSecurityAdmin, R::kAuditAdmin}, false, ""});
  t.push_back({"identity.staff.create", Rule::kRole, {R::kSystemAdmin}, false, ""});
  t.push_back({"identity.staff.assign_roles", Rule::kRole, {R::kSecurityAdmin}, false, ""});
  t.push_back({"identity.staff.disable", Rule::kRole, {R::kSecurityAdmin}, false, ""});
  t.push_back({"identity.department_staff.list", Rule::kDepartment, {R::kDepartmentAdmin}, false, ""});
  t.push_back({"identity.audit.read", Rule::kRole, {R::kAuditAdmin}, false, ""});
  t.push_back(
      {"identity.dev_inbox.read", Rule::kAnyone, {}, false, ""});  // demo mode only (route absent otherwise)
  // ---- delegation ---------------------------------------------------------
  // Natural persons pass; the delegation service then decides by the enterprise
  // relationship (legal representative, administrator, grantor, holder).
  // Platform operators may read an enterprise's administrators and grants.
  t.push_back({"delegation.principal.list_own", Rule::kRole, {R::kResident, R::kEnterpriseAgent}, false, ""});
  t.push_back({"delegation.grant.list_own", Rule::kRole, {R::kResident, R::kEnterpriseAgent}, false, ""});
  t.push_back({"delegation.grant.create", Rule::kRole, {R::kResident, R::kEnterpriseAgent}, false, ""});
  t.push_back({"delegation.grant.delegate", Rule::kRole, {R::kResident, R::kEnterpriseAgent}, false, ""});
  t.push_back({"delegation.grant.revoke", Rule::kRole, {R::kResident, R::kEnterpriseAgent}, false, ""});
  t.push_back({"delegation.grant.read",
               Rule::kRole,
               {R::kResident, R::kEnterpriseAgent, R::kPlatformOperator},
               false,
               ""});
  t.push_back({"delegation.enterprise_grant.list",
               Rule::kRole,
               {R::kResident, R::kEnterpriseAgent, R::kPlatformOperator},
               false,
               ""});
  t.push_back({"delegation.administrator.list",
               Rule::kRole,
               {R::kResident, R::kEnterpriseAgent, R::kPlatformOperator},
               false,
               ""});
  t.push_back(
      {"delegation.administrator.manage", Rule::kRole, {R::kResident, R::kEnterpriseAgent}, false, ""});
  // ---- oidc ---------------------------------------------------------------
  t.push_back({"oidc.client.list", Rule::kRole, {R::kPlatformOperator}, false, ""});
  t.push_back({"oidc.client.create", Rule::kRole, {R::kPlatformOperator}, false, ""});
  t.push_back({"oidc.client.disable", Rule::kRole, {R::kPlatformOperator}, false, ""});
  t.push_back({"oidc.client.rotate_secret", Rule::kRole, {R::kPlatformOperator}, false, ""});
  t.push_back({"oidc.signing_key.rotate", Rule::kRole, {R::kSecurityAdmin}, false, ""});
  // ---- catalog ------------------------------------------------------------
  // Public reads. Drafts and item writes: platform operators for every item,
  // department administrators for their own department's (two rows, as
  // kDepartment admits only the caller's department); the catalog service
  // asks for the role row first, then the department row.
  t.push_back({"catalog.published.read", Rule::kAnyone, {}, false, ""});
  t.push_back({"catalog.draft.read", Rule::kRole, {R::kPlatformOperator}, false, ""});
  t.push_back({"catalog.department_draft.read", Rule::kDepartment, {R::kDepartmentAdmin}, false, ""});
  t.push_back({"catalog.item.write", Rule::kRole, {R::kPlatformOperator}, false, ""});
  t.push_back({"catalog.department_item.write", Rule::kDepartment, {R::kDepartmentAdmin}, false, ""});
  t.push_back({"catalog.life_event.write", Rule::kRole, {R::kPlatformOperator}, false, ""});
  t.push_back({"catalog.document.import", Rule::kRole, {R::kPlatformOperator}, false, ""});
  t.push_back({"catalog.document.export", Rule::kRole, {R::kPlatformOperator}, false, ""});
  return t;
}

bool HoldsAny(const Caller& caller, const std::vector<Role>& roles) {
  return std::any_of(roles.begin(), roles.end(), [&](Role r) { return caller.Has(r); });
}

bool ServiceInScope(const ActingFor& acting, const std::string& service_code) {
  if (service_code.empty()) return true;
  for (const std::string& s : acting.services) {
    if (s == "*" || s == service_code) return true;
    // A category code covers its items: "C01" covers "C01-…".
    if (service_code.size() > s.size() && service_code.compare(0, s.size(), s) == 0 &&
        service_code[s.size()] == '-') {
      return true;
    }
  }
  return false;
}

Error Forbidden() {
  return Error::Make(ErrorCode::kPermissionDenied, "identity.forbidden", "无权执行此操作",
                     "You are not allowed to do this");
}

Error Unauthenticated() {
  return Error::Make(ErrorCode::kUnauthenticated, "identity.unauthenticated", "请先登录", "Log in first");
}

}  // namespace

const std::vector<Permission>& AllPermissions() {
  static const std::vector<Permission> table = BuildTable();
  return table;
}

Status Authorize(const Caller& caller, std::string_view permission, const Target& target) {
  const auto& table = AllPermissions();
  auto it =
      std::find_if(table.begin(), table.end(), [&](const Permission& p) { return p.name == permission; });
  if (it == table.end()) {
    return Error::Make(ErrorCode::kInternal, "identity.unknown_permission", "内部错误", "Internal error")
        .WithDetail("no such permission: " + std::string(permission));
  }
  const Permission& p = *it;
  if (p.rule == Rule::kAnyone) return Status::Ok();
  if (!caller.authenticated()) return Unauthenticated();
  switch (p.rule) {
    case Rule::kAnyone: return Status::Ok();
    case Rule::kSelf: {
      if (caller.kind == CallerKind::kStaff && HoldsAny(caller, p.roles)) return Status::Ok();
      if (caller.kind != CallerKind::kPerson) return Forbidden();
      if (caller.acting_for) {
        const ActingFor& a = *caller.acting_for;
        if (target.enterprise_id.empty() || target.enterprise_id != a.enterprise_id) return Forbidden();
        if (p.applies && !a.may_apply) return Forbidden();
        if (!ServiceInScope(a, target.service_code)) return Forbidden();
        return Status::Ok();
      }
      if (!target.enterprise_id.empty()) return Forbidden();
      if (!target.owner_person_id.empty() && target.owner_person_id != caller.subject_id) return Forbidden();
      return Status::Ok();
    }
    case Rule::kRole: return HoldsAny(caller, p.roles) ? Status::Ok() : Status(Forbidden());
    case Rule::kDepartment:
      if (caller.kind != CallerKind::kStaff || !HoldsAny(caller, p.roles)) return Forbidden();
      if (caller.department_id.empty() || target.department_id != caller.department_id) return Forbidden();
      return Status::Ok();
    case Rule::kClientScope:
      if (caller.kind != CallerKind::kClient) return Forbidden();
      return caller.HasScope(std::string(p.scope)) ? Status::Ok() : Status(Forbidden());
  }
  return Forbidden();
}

}  // namespace tongban::identity
