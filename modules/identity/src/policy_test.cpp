// The one policy: every rule of Authorize with own, someone else's and another
// department's targets, and every role against every role-ruled permission of
// the identity block (including 三权分立: no administrator does another's work).
#include <gtest/gtest.h>

#include <algorithm>

#include "identity/policy.hpp"

namespace tongban::identity {
namespace {

Caller Person(std::string id = "person_me") {
  Caller c;
  c.kind = CallerKind::kPerson;
  c.subject_id = std::move(id);
  c.roles = {Role::kResident};
  return c;
}

Caller Staff(std::vector<Role> roles, std::string department = "dept_a") {
  Caller c;
  c.kind = CallerKind::kStaff;
  c.subject_id = "staff_me";
  c.roles = std::move(roles);
  c.department_id = std::move(department);
  return c;
}

Caller Client(std::vector<std::string> scopes) {
  Caller c;
  c.kind = CallerKind::kClient;
  c.subject_id = "client_x";
  c.client_id = "x";
  c.scopes = std::move(scopes);
  return c;
}

Caller Agent(std::string enterprise_id, bool may_apply, std::vector<std::string> services) {
  Caller c = Person();
  c.roles.push_back(Role::kEnterpriseAgent);
  identity::ActingFor a;
  a.enterprise_id = std::move(enterprise_id);
  a.may_apply = may_apply;
  a.services = std::move(services);
  c.acting_for = a;
  return c;
}

std::string ReasonOf(const Status& s) {
  return s.ok() ? "ok" : s.error().reason;
}

Target Own() {
  return Target{"person_me", "", "", ""};
}
Target Others() {
  return Target{"person_other", "", "", ""};
}

TEST(PolicyTest, UnknownPermissionIsAnInternalErrorNeverAnAllow) {
  Status s = Authorize(Staff({Role::kSystemAdmin}), "identity.no_such_thing");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kInternal);
  EXPECT_EQ(s.error().reason, "identity.unknown_permission");
}

TEST(PolicyTest, PermissionNamesAreUniqueAndStartWithTheirModule) {
  const auto& all = AllPermissions();
  for (std::size_t i = 0; i < all.size(); ++i) {
    for (std::size_t j = i + 1; j < all.size(); ++j) EXPECT_NE(all[i].name, all[j].name);
    auto dot = all[i].name.find('.');
    ASSERT_NE(dot, std::string_view::npos) << all[i].name;
    EXPECT_EQ(std::count(all[i].name.begin(), all[i].name.end(), '.'), 2) << all[i].name;
  }
}

TEST(PolicyTest, AnyoneIncludesTheAnonymous) {
  EXPECT_TRUE(Authorize(Caller{}, "identity.dev_inbox.read").ok());
  EXPECT_TRUE(Authorize(Person(), "identity.dev_inbox.read").ok());
}

TEST(PolicyTest, AnonymousIsUnauthenticatedForEverythingElse) {
  for (const Permission& p : AllPermissions()) {
    if (p.rule == Rule::kAnyone) continue;
    Status s = Authorize(Caller{}, p.name, Own());
    ASSERT_FALSE(s.ok()) << p.name;
    EXPECT_EQ(s.error().code, ErrorCode::kUnauthenticated) << p.name;
    EXPECT_EQ(s.error().reason, "identity.unauthenticated");
  }
}

// --- kSelf --------------------------------------------------------------------

TEST(PolicySelfTest, APersonOnTheirOwnObject) {
  EXPECT_EQ(ReasonOf(Authorize(Person(), "identity.access_log.read_own", Own())), "ok");
  EXPECT_EQ(ReasonOf(Authorize(Person(), "identity.account.read_own", Own())), "ok");
  EXPECT_EQ(ReasonOf(Authorize(Person(), "identity.session.manage_own", Own())), "ok");
}

TEST(PolicySelfTest, NotOnSomeoneElses) {
  EXPECT_EQ(ReasonOf(Authorize(Person(), "identity.access_log.read_own", Others())), "identity.forbidden");
  EXPECT_EQ(Authorize(Person(), "identity.access_log.read_own", Others()).error().code,
            ErrorCode::kPermissionDenied);
}

TEST(PolicySelfTest, NotOnAnEnterprisesObjectWhenActingForNobody) {
  EXPECT_EQ(ReasonOf(Authorize(Person(), "identity.account.read_own", Target{"", "ent_1", "", ""})),
            "identity.forbidden");
}

TEST(PolicySelfTest, StaffAndClientsAreNotSelf) {
  for (Role r : kAllRoles) {
    if (r == Role::kResident || r == Role::kEnterpriseAgent) continue;
    EXPECT_EQ(ReasonOf(Authorize(Staff({r}), "identity.access_log.read_own", Target{"staff_me", "", "", ""})),
              "identity.forbidden")
        << RoleCode(r);
  }
  EXPECT_EQ(ReasonOf(Authorize(Client({"openid"}), "identity.access_log.read_own", Own())),
            "identity.forbidden");
}

TEST(PolicySelfTest, ActingForAnEnterpriseOnlyOnThatEnterprisesObjects) {
  Caller agent = Agent("ent_1", true, {"*"});
  EXPECT_EQ(ReasonOf(Authorize(agent, "identity.account.read_own", Target{"", "ent_1", "", ""})), "ok");
  EXPECT_EQ(ReasonOf(Authorize(agent, "identity.account.read_own", Target{"", "ent_2", "", ""})),
            "identity.forbidden");
  // Acting for an enterprise, the person's own objects are out of reach.
  EXPECT_EQ(ReasonOf(Authorize(agent, "identity.account.read_own", Own())), "identity.forbidden");
}

TEST(PolicySelfTest, GrantScopeCoversItsServicesAndCategories) {
  Caller agent = Agent("ent_1", true, {"C01", "S-123"});
  auto on = [](std::string service) { return Target{"", "ent_1", "", std::move(service)}; };
  EXPECT_EQ(ReasonOf(Authorize(agent, "identity.account.read_own", on("C01"))), "ok");
  EXPECT_EQ(ReasonOf(Authorize(agent, "identity.account.read_own", on("C01-0007"))), "ok");
  EXPECT_EQ(ReasonOf(Authorize(agent, "identity.account.read_own", on("S-123"))), "ok");
  EXPECT_EQ(ReasonOf(Authorize(agent, "identity.account.read_own", on("C010"))), "identity.forbidden");
  EXPECT_EQ(ReasonOf(Authorize(agent, "identity.account.read_own", on("C02-0001"))), "identity.forbidden");
  EXPECT_EQ(ReasonOf(Authorize(agent, "identity.account.read_own", on(""))), "ok");
}

TEST(PolicySelfTest, ApplyingNeedsMayApply) {
  // Find a self-ruled permission marked as applying, if any module has one.
  auto it = std::find_if(AllPermissions().begin(), AllPermissions().end(),
                         [](const Permission& p) { return p.rule == Rule::kSelf && p.applies; });
  if (it == AllPermissions().end()) GTEST_SKIP() << "no applying self permission in the table yet";
  Target t{"", "ent_1", "", ""};
  EXPECT_EQ(ReasonOf(Authorize(Agent("ent_1", true, {"*"}), it->name, t)), "ok");
  EXPECT_EQ(ReasonOf(Authorize(Agent("ent_1", false, {"*"}), it->name, t)), "identity.forbidden");
}

// --- kRole: every role against every role-ruled identity permission -----------

struct RoleRow {
  const char* permission;
  std::vector<Role> allowed;
};

const std::vector<RoleRow>& IdentityRoleRows() {
  static const std::vector<RoleRow> rows = {
      {"identity.person.list", {Role::kWindowOfficer, Role::kPlatformOperator, Role::kSecurityAdmin}},
      {"identity.person.read", {Role::kWindowOfficer, Role::kPlatformOperator, Role::kSecurityAdmin}},
      {"identity.person.unmask", {Role::kSecurityAdmin}},
      {"identity.person.verify_in_person", {Role::kWindowOfficer}},
      {"identity.enterprise.read", {Role::kPlatformOperator}},
      {"identity.enterprise.create", {Role::kPlatformOperator}},
      {"identity.staff.list", {Role::kSystemAdmin, Role::kSecurityAdmin, Role::kAuditAdmin}},
      {"identity.staff.create", {Role::kSystemAdmin}},
      {"identity.staff.assign_roles", {Role::kSecurityAdmin}},
      {"identity.staff.disable", {Role::kSecurityAdmin}},
      {"identity.audit.read", {Role::kAuditAdmin}},
  };
  return rows;
}

TEST(PolicyRoleTest, EveryRoleAgainstEveryIdentityRolePermission) {
  for (const RoleRow& row : IdentityRoleRows()) {
    for (Role r : kAllRoles) {
      bool expected = std::find(row.allowed.begin(), row.allowed.end(), r) != row.allowed.end();
      Caller caller = (r == Role::kResident || r == Role::kEnterpriseAgent) ? Person() : Staff({r});
      if (r == Role::kEnterpriseAgent) caller.roles = {Role::kEnterpriseAgent};
      // Role rules are platform-wide: own, someone else's and another department's targets alike.
      for (const Target& t : {Own(), Others(), Target{"", "", "dept_b", ""}}) {
        EXPECT_EQ(Authorize(caller, row.permission, t).ok(), expected)
            << row.permission << " " << RoleCode(r);
      }
    }
  }
}

TEST(PolicyRoleTest, TheTableCoversEveryRoleRuledIdentityPermission) {
  for (const Permission& p : AllPermissions()) {
    if (p.rule != Rule::kRole || p.name.rfind("identity.", 0) != 0) continue;
    auto it = std::find_if(IdentityRoleRows().begin(), IdentityRoleRows().end(),
                           [&](const RoleRow& r) { return p.name == r.permission; });
    ASSERT_NE(it, IdentityRoleRows().end()) << p.name << " has no row in this test";
    EXPECT_EQ(std::vector<Role>(p.roles), it->allowed) << p.name;
  }
}

TEST(PolicyRoleTest, TheThreeAdministratorsCannotDoEachOthersWork) {
  Caller system = Staff({Role::kSystemAdmin});
  Caller security = Staff({Role::kSecurityAdmin});
  Caller auditor = Staff({Role::kAuditAdmin});
  EXPECT_TRUE(Authorize(system, "identity.staff.create").ok());
  EXPECT_FALSE(Authorize(security, "identity.staff.create").ok());
  EXPECT_FALSE(Authorize(auditor, "identity.staff.create").ok());
  EXPECT_TRUE(Authorize(security, "identity.staff.assign_roles").ok());
  EXPECT_FALSE(Authorize(system, "identity.staff.assign_roles").ok());
  EXPECT_FALSE(Authorize(auditor, "identity.staff.assign_roles").ok());
  EXPECT_TRUE(Authorize(auditor, "identity.audit.read").ok());
  EXPECT_FALSE(Authorize(system, "identity.audit.read").ok());
  EXPECT_FALSE(Authorize(security, "identity.audit.read").ok());
}

TEST(PolicyRoleTest, ClientsHoldNoStaffRole) {
  for (const RoleRow& row : IdentityRoleRows()) {
    EXPECT_FALSE(Authorize(Client({"openid", "profile"}), row.permission).ok()) << row.permission;
  }
}

// --- kDepartment --------------------------------------------------------------

TEST(PolicyDepartmentTest, OwnDepartmentOnly) {
  Caller admin = Staff({Role::kDepartmentAdmin}, "dept_a");
  EXPECT_EQ(ReasonOf(Authorize(admin, "identity.department_staff.list", Target{"", "", "dept_a", ""})), "ok");
  EXPECT_EQ(ReasonOf(Authorize(admin, "identity.department_staff.list", Target{"", "", "dept_b", ""})),
            "identity.forbidden");
  EXPECT_EQ(ReasonOf(Authorize(admin, "identity.department_staff.list", Target{})), "identity.forbidden");
}

TEST(PolicyDepartmentTest, TheRoleIsNeededToo) {
  EXPECT_FALSE(Authorize(Staff({Role::kReviewer}, "dept_a"), "identity.department_staff.list",
                         Target{"", "", "dept_a", ""})
                   .ok());
  EXPECT_FALSE(Authorize(Staff({Role::kSystemAdmin}, "dept_a"), "identity.department_staff.list",
                         Target{"", "", "dept_a", ""})
                   .ok());
}

TEST(PolicyDepartmentTest, AStaffMemberWithoutADepartmentMatchesNothing) {
  EXPECT_FALSE(
      Authorize(Staff({Role::kDepartmentAdmin}, ""), "identity.department_staff.list", Target{"", "", "", ""})
          .ok());
}

TEST(PolicyDepartmentTest, PersonsHoldingTheRoleByMistakeAreNotStaff) {
  Caller odd = Person();
  odd.roles.push_back(Role::kDepartmentAdmin);
  odd.department_id = "dept_a";
  EXPECT_FALSE(Authorize(odd, "identity.department_staff.list", Target{"", "", "dept_a", ""}).ok());
}

// --- kClientScope ---------------------------------------------------------------

TEST(PolicyClientScopeTest, TheTokenMustCarryTheScope) {
  auto it = std::find_if(AllPermissions().begin(), AllPermissions().end(),
                         [](const Permission& p) { return p.rule == Rule::kClientScope; });
  if (it == AllPermissions().end()) GTEST_SKIP() << "no client-scope permission in the table yet";
  std::string scope(it->scope);
  EXPECT_TRUE(Authorize(Client({scope}), it->name).ok());
  EXPECT_FALSE(Authorize(Client({"other"}), it->name).ok());
  EXPECT_FALSE(Authorize(Staff({Role::kSystemAdmin, Role::kPlatformOperator}), it->name).ok());
  EXPECT_FALSE(Authorize(Person(), it->name).ok());
}

}  // namespace
}  // namespace tongban::identity
