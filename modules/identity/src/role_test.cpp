#include "identity/role.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <utility>
#include <vector>

namespace tongban::identity {
namespace {

TEST(RoleTest, CodesAreStableAndRoundTrip) {
  const std::vector<std::pair<Role, std::string_view>> expected = {
      {Role::kResident, "resident"},
      {Role::kEnterpriseAgent, "enterprise_agent"},
      {Role::kWindowOfficer, "window_officer"},
      {Role::kReviewer, "reviewer"},
      {Role::kDepartmentAdmin, "department_admin"},
      {Role::kPlatformOperator, "platform_operator"},
      {Role::kSystemAdmin, "system_admin"},
      {Role::kSecurityAdmin, "security_admin"},
      {Role::kAuditAdmin, "audit_admin"},
  };
  ASSERT_EQ(std::size(kAllRoles), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(kAllRoles[i], expected[i].first);
    EXPECT_EQ(RoleCode(expected[i].first), expected[i].second);
    EXPECT_EQ(ParseRole(expected[i].second).value(), expected[i].first);
  }
}

TEST(RoleTest, RefusesUnknownCodes) {
  for (std::string_view code : {"", "admin", "root", "Resident", "audit-admin", "reviewer ", "inspector"}) {
    Result<Role> role = ParseRole(code);
    ASSERT_FALSE(role.ok()) << code;
    EXPECT_EQ(role.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(role.error().reason, "identity.role_unknown");
    EXPECT_EQ(role.error().field, "/role");
    EXPECT_FALSE(role.error().message_zh.empty());
    EXPECT_FALSE(role.error().message_en.empty());
  }
}

TEST(RoleTest, OnlyTheThreeAdministratorsAreSeparated) {
  std::set<Role> separated;
  for (Role role : kAllRoles) {
    if (IsSeparatedAdministrator(role)) separated.insert(role);
  }
  EXPECT_EQ(separated, (std::set<Role>{Role::kSystemAdmin, Role::kSecurityAdmin, Role::kAuditAdmin}));
}

// 三权分立: the forbidden pairs, written out; every other pair is allowed.
TEST(RoleTest, MayHoldTogetherForbidsExactlyTwoDifferentSeparatedAdministrators) {
  const std::set<std::pair<Role, Role>> forbidden = {
      {Role::kSystemAdmin, Role::kSecurityAdmin}, {Role::kSecurityAdmin, Role::kSystemAdmin},
      {Role::kSystemAdmin, Role::kAuditAdmin},    {Role::kAuditAdmin, Role::kSystemAdmin},
      {Role::kSecurityAdmin, Role::kAuditAdmin},  {Role::kAuditAdmin, Role::kSecurityAdmin},
  };
  for (Role a : kAllRoles) {
    for (Role b : kAllRoles) {
      EXPECT_EQ(MayHoldTogether(a, b), !forbidden.contains({a, b})) << RoleCode(a) << " + " << RoleCode(b);
      EXPECT_EQ(MayHoldTogether(a, b), MayHoldTogether(b, a));
    }
  }
}

TEST(RoleTest, CheckSeparationOfDutiesLooksAtEveryPair) {
  const std::vector<std::vector<Role>> allowed = {
      {},
      {Role::kAuditAdmin},
      {Role::kWindowOfficer, Role::kReviewer, Role::kDepartmentAdmin},
      {Role::kSystemAdmin, Role::kPlatformOperator, Role::kReviewer},
      {Role::kSecurityAdmin, Role::kSecurityAdmin},
  };
  for (const std::vector<Role>& roles : allowed) EXPECT_TRUE(CheckSeparationOfDuties(roles).ok());

  const std::vector<std::vector<Role>> refused = {
      {Role::kSystemAdmin, Role::kAuditAdmin},
      {Role::kSecurityAdmin, Role::kPlatformOperator, Role::kAuditAdmin},
      {Role::kReviewer, Role::kWindowOfficer, Role::kDepartmentAdmin, Role::kSystemAdmin,
       Role::kSecurityAdmin},
      {Role::kSystemAdmin, Role::kSecurityAdmin, Role::kAuditAdmin},
  };
  for (const std::vector<Role>& roles : refused) {
    Status status = CheckSeparationOfDuties(roles);
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(status.error().reason, "identity.roles_separation_of_duties");
    EXPECT_EQ(status.error().field, "/role");
    EXPECT_FALSE(status.error().message_zh.empty());
    EXPECT_FALSE(status.error().message_en.empty());
  }
}

}  // namespace
}  // namespace tongban::identity
