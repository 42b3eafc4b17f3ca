#include "identity/role.hpp"

#include <string>

namespace tongban::identity {

std::string_view RoleCode(Role role) {
  switch (role) {
    case Role::kResident: return "resident";
    case Role::kEnterpriseAgent: return "enterprise_agent";
    case Role::kWindowOfficer: return "window_officer";
    case Role::kReviewer: return "reviewer";
    case Role::kDepartmentAdmin: return "department_admin";
    case Role::kPlatformOperator: return "platform_operator";
    case Role::kSystemAdmin: return "system_admin";
    case Role::kSecurityAdmin: return "security_admin";
    case Role::kAuditAdmin: return "audit_admin";
  }
  return "";
}

Result<Role> ParseRole(std::string_view code) {
  for (Role role : kAllRoles) {
    if (RoleCode(role) == code) return role;
  }
  return Error::Make(ErrorCode::kInvalidArgument, "identity.role_unknown", "未知的角色", "Unknown role",
                     std::string(kRoleField));
}

Status CheckSeparationOfDuties(std::span<const Role> roles) {
  for (std::size_t i = 0; i < roles.size(); ++i) {
    for (std::size_t j = i + 1; j < roles.size(); ++j) {
      if (!MayHoldTogether(roles[i], roles[j])) {
        return Error::Make(ErrorCode::kInvalidArgument, "identity.roles_separation_of_duties",
                           "系统管理员、安全管理员、审计管理员须由不同人员担任（三权分立）",
                           "The system, security and audit administrators must be different people "
                           "(separation of duties)",
                           std::string(kRoleField));
      }
    }
  }
  return Status::Ok();
}

}  // namespace tongban::identity
