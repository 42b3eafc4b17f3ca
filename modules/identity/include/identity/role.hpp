// 角色 — role: what a person may do on the platform. Residents and enterprise
// agents act for themselves or their principals; staff roles act within a
// department's scope (checked by the policy, not here).
//
// 三权分立 (separation of duties; GB/T 22239-2019, 等级保护 2.0, sets apart
// system, audit and security administration in its security management centre
// requirements): the system administrator, the security administrator and the
// audit administrator are separate people, so no account holds two of those
// roles.
#pragma once

#include <span>
#include <string_view>

#include "core/error.hpp"

namespace tongban::identity {

// Stored codes (RoleCode) never change; new roles are appended.
enum class Role {
  kResident,          // "resident"           自然人 / 市民
  kEnterpriseAgent,   // "enterprise_agent"   经办人
  kWindowOfficer,     // "window_officer"     窗口人员
  kReviewer,          // "reviewer"           审批人员
  kDepartmentAdmin,   // "department_admin"   部门管理员
  kPlatformOperator,  // "platform_operator"  平台运营（大数据中心）
  kSystemAdmin,       // "system_admin"       系统管理员
  kSecurityAdmin,     // "security_admin"     安全管理员
  kAuditAdmin,        // "audit_admin"        审计管理员
};

inline constexpr Role kAllRoles[] = {Role::kResident,    Role::kEnterpriseAgent, Role::kWindowOfficer,
                                     Role::kReviewer,    Role::kDepartmentAdmin, Role::kPlatformOperator,
                                     Role::kSystemAdmin, Role::kSecurityAdmin,   Role::kAuditAdmin};
inline constexpr std::string_view kRoleField = "/role";

std::string_view RoleCode(Role role);

// Exactly one of RoleCode's codes; otherwise kInvalidArgument, reason
// identity.role_unknown, field kRoleField.
Result<Role> ParseRole(std::string_view code);

// The three administrators of 三权分立: system, security and audit.
constexpr bool IsSeparatedAdministrator(Role role) {
  return role == Role::kSystemAdmin || role == Role::kSecurityAdmin || role == Role::kAuditAdmin;
}

// Whether one staff member may hold both roles: false only for two different
// separated administrators. Whether staff and resident roles share an account
// is the account model's decision, not this rule's.
constexpr bool MayHoldTogether(Role a, Role b) {
  return a == b || !(IsSeparatedAdministrator(a) && IsSeparatedAdministrator(b));
}

// Ok when every pair of `roles` may be held together; otherwise
// kInvalidArgument, reason identity.roles_separation_of_duties, field kRoleField.
Status CheckSeparationOfDuties(std::span<const Role> roles);

}  // namespace tongban::identity
