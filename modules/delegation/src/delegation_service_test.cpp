// The delegation service on both back ends: administrators, grants,
// sub-grants within the grantor's rights, intermediaries, cascading
// revocation, resolution on every request, and that a refused request
// changes nothing. Callers are built by hand, as the authenticator would.
#include <gtest/gtest.h>

#include <map>
#include <thread>

#include "audit/audit.hpp"
#include "delegation/delegation.hpp"
#include "outbox/outbox.hpp"
#include "testing/backend_test.hpp"

namespace tongban::delegation {
namespace {

using identity::Caller;
using identity::CallerKind;
using identity::Role;

class FakeDirectory : public identity::Directory {
 public:
  std::map<std::string, identity::PersonSummary> persons;
  std::map<std::string, identity::EnterpriseSummary> enterprises;

  std::optional<identity::PersonSummary> FindPerson(db::Transaction&, const std::string& id) override {
    auto it = persons.find(id);
    if (it == persons.end()) return std::nullopt;
    return it->second;
  }
  std::optional<identity::EnterpriseSummary> FindEnterprise(db::Transaction&,
                                                            const std::string& id) override {
    auto it = enterprises.find(id);
    if (it == enterprises.end()) return std::nullopt;
    return it->second;
  }
  std::optional<identity::EnterpriseSummary> FindEnterpriseByUscc(db::Transaction&,
                                                                  const std::string& uscc) override {
    for (const auto& [id, e] : enterprises) {
      if (e.uscc == uscc) return e;
    }
    return std::nullopt;
  }
  std::optional<identity::StaffSummary> FindStaff(db::Transaction&, const std::string&) override {
    return std::nullopt;
  }
};

constexpr char kNow[] = "2026-11-21T08:00:00.000Z";

// kNow as an instant.
calendar::Instant Start() {
  return std::chrono::sys_days(std::chrono::year(2026) / 11 / 21) + std::chrono::hours(8);
}

const db::Sql kCountEvents{"count_delegation_test_events",
                           "SELECT COUNT(*) FROM outbox_events WHERE topic = $1",
                           "SELECT COUNT(*) FROM outbox_events WHERE topic = $1"};
const db::Sql kCountOrphans{
    "count_delegation_test_orphans",
    "SELECT COUNT(*) FROM delegation_grants c JOIN delegation_grants p ON c.parent_grant_id = p.grant_id "
    "WHERE c.status = 'active' AND p.status = 'revoked'",
    "SELECT COUNT(*) FROM delegation_grants c JOIN delegation_grants p ON c.parent_grant_id = p.grant_id "
    "WHERE c.status = 'active' AND p.status = 'revoked'"};
const db::Sql kCountGrants{"count_delegation_test_grants", "SELECT COUNT(*) FROM delegation_grants",
                           "SELECT COUNT(*) FROM delegation_grants"};

class DelegationServiceTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    std::vector<db::Migration> all;
    for (auto span : {audit::Migrations(), outbox::Migrations(), delegation::Migrations()}) {
      all.insert(all.end(), span.begin(), span.end());
    }
    ASSERT_TRUE(db::ApplyMigrations(db(), all).ok());

    AddPerson("person_lr", "13800000001", "法定代表人");
    AddPerson("person_adm", "13800000002", "管理员");
    AddPerson("person_ag", "13800000003", "经办人");
    AddPerson("person_sub", "13800000004", "转授权人");
    AddPerson("person_x", "13800000005", "路人");
    AddPerson("person_ir", "13800000006", "代理机构法人");
    AddPerson("person_is", "13800000007", "代理机构员工");
    AddPerson("person_off", "13800000008", "停用用户", "disabled");
    directory_.enterprises["ent_e"] = {"ent_e", "91310000MA1FL0000A", "东方制造有限公司", "person_lr",
                                       "active"};
    directory_.enterprises["ent_f"] = {"ent_f", "91310000MA1FL0001B", "西方贸易有限公司", "person_lr",
                                       "active"};
    directory_.enterprises["ent_i"] = {"ent_i", "91310000MA1FL0002C", "代理记账事务所", "person_ir",
                                       "active"};
    directory_.enterprises["ent_dead"] = {"ent_dead", "91310000MA1FL0003D", "已注销公司", "person_lr",
                                          "deregistered"};

    AccountLookups lookups;
    lookups.find_by_login = [this](db::Transaction&, const std::string& login) {
      auto it = logins_.find(login);
      return it == logins_.end() ? std::nullopt : std::optional<identity::LoginSubject>(it->second);
    };
    lookups.enterprises_represented_by = [this](db::Transaction&, const std::string& person_id) {
      std::vector<identity::EnterpriseSummary> out;
      for (const auto& [id, e] : directory_.enterprises) {
        if (e.legal_representative_person_id == person_id) out.push_back(e);
      }
      return out;
    };
    service_ = std::make_unique<DelegationService>(db(), directory_, lookups, clock_);
  }

  void AddPerson(const std::string& id, const std::string& phone, const std::string& name,
                 const std::string& status = "active") {
    directory_.persons[id] = identity::PersonSummary{id,
                                                     name,
                                                     "resident_id",
                                                     "310***********1234",
                                                     phone.substr(0, 3) + "****" + phone.substr(7),
                                                     identity::AssuranceLevel::kL2,
                                                     status};
    identity::LoginSubject s;
    s.subject_id = id;
    s.display_name = name;
    s.roles = {Role::kResident};
    s.status = status;
    logins_[phone] = s;
  }

  static Caller Person(const std::string& id) {
    Caller c;
    c.kind = CallerKind::kPerson;
    c.subject_id = id;
    c.display_name = id;
    c.roles = {Role::kResident};
    c.request_id = "req-" + id;
    return c;
  }

  static Caller Staff(Role role) {
    Caller c;
    c.kind = CallerKind::kStaff;
    c.subject_id = "staff_1";
    c.roles = {role};
    c.department_id = "dept";
    return c;
  }

  static GrantRequest ToPerson(const std::string& phone, std::vector<std::string> scope, std::string mode,
                               bool may_delegate, std::string expires = "2027-06-30") {
    GrantRequest r;
    r.grantee_login = phone;
    r.scope = std::move(scope);
    r.mode = std::move(mode);
    r.may_delegate = may_delegate;
    r.expires_at = std::move(expires);
    return r;
  }

  Result<identity::ActingFor> Resolve(const std::string& person, const std::string& enterprise) {
    Result<identity::ActingFor> out = Error{};
    db().Run([&](db::Transaction& tx) { out = service_->Resolve(tx, person, enterprise); });
    return out;
  }

  std::int64_t Count(const db::Sql& sql, db::Params params = {}) {
    std::int64_t n = 0;
    db().Run([&](db::Transaction& tx) { n = tx.Query(sql, params)[0].Int(0); });
    return n;
  }

  std::vector<audit::StoredRecord> AuditRecords() {
    std::vector<audit::StoredRecord> out;
    db().Run([&](db::Transaction& tx) { out = audit::List(tx, 0, 1000); });
    return out;
  }

  GrantView MustGrant(const Caller& caller, const std::string& enterprise, const GrantRequest& request) {
    auto g = service_->CreateGrant(caller, enterprise, request);
    EXPECT_TRUE(g.ok()) << (g.ok() ? "" : g.error().reason);
    return g.ok() ? *g : GrantView{};
  }

  FakeDirectory directory_;
  std::map<std::string, identity::LoginSubject> logins_;
  calendar::FakeClock clock_{Start()};
  std::unique_ptr<DelegationService> service_;
};

std::string ReasonOf(const Status& st) {
  return st.ok() ? "ok" : st.error().reason;
}
template <typename T>
std::string ReasonOf(const Result<T>& r) {
  return r.ok() ? "ok" : r.error().reason;
}

TEST_P(DelegationServiceTest, LegalRepresentativeAppointsAndRemovesAdministrators) {
  auto a = service_->AppointAdministrator(Person("person_lr"), "ent_e", "13800000002");
  ASSERT_TRUE(a.ok()) << ReasonOf(a);
  EXPECT_EQ(a->person_id, "person_adm");
  EXPECT_EQ(a->phone_masked, "138****0002");
  EXPECT_EQ(ReasonOf(service_->AppointAdministrator(Person("person_lr"), "ent_e", "13800000002")),
            "delegation.administrator_exists");
  auto list = service_->ListAdministrators(Person("person_adm"), "ent_e");
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(list->front().appointed_by, "person_lr");
  // Only the legal representative appoints; an administrator may not.
  EXPECT_EQ(ReasonOf(service_->AppointAdministrator(Person("person_adm"), "ent_e", "13800000003")),
            "delegation.not_legal_representative");
  EXPECT_EQ(ReasonOf(service_->ListAdministrators(Person("person_x"), "ent_e")),
            "delegation.not_enterprise_manager");
  EXPECT_EQ(ReasonOf(service_->AppointAdministrator(Person("person_lr"), "ent_nope", "13800000003")),
            "delegation.enterprise_not_found");
  auto unknown = service_->AppointAdministrator(Person("person_lr"), "ent_e", "13999999999");
  EXPECT_EQ(ReasonOf(unknown), "delegation.person_not_found");
  EXPECT_EQ(unknown.error().field, "/login");
  EXPECT_EQ(ReasonOf(service_->AppointAdministrator(Person("person_lr"), "ent_e", "13800000008")),
            "delegation.person_not_active");
  EXPECT_EQ(ReasonOf(service_->AppointAdministrator(Person("person_lr"), "ent_e", "13800000001")),
            "delegation.administrator_is_legal_representative");
  EXPECT_EQ(ReasonOf(service_->AppointAdministrator(Person("person_lr"), "ent_dead", "13800000003")),
            "delegation.enterprise_not_active");
  EXPECT_EQ(ReasonOf(service_->RemoveAdministrator(Person("person_adm"), "ent_e", "person_adm")),
            "delegation.not_legal_representative");
  EXPECT_TRUE(service_->RemoveAdministrator(Person("person_lr"), "ent_e", "person_adm").ok());
  EXPECT_EQ(ReasonOf(service_->RemoveAdministrator(Person("person_lr"), "ent_e", "person_adm")),
            "delegation.administrator_not_found");
  EXPECT_EQ(ReasonOf(service_->ListAdministrators(Person("person_adm"), "ent_e")),
            "delegation.not_enterprise_manager");
  EXPECT_EQ(Count(kCountEvents, {"delegation.administrator.appointed"}), 1);
  EXPECT_EQ(Count(kCountEvents, {"delegation.administrator.removed"}), 1);
}

TEST_P(DelegationServiceTest, OnlyPersonsPassThePolicy) {
  EXPECT_EQ(ReasonOf(service_->ListPrincipals(Caller{})), "identity.unauthenticated");
  EXPECT_EQ(ReasonOf(service_->CreateGrant(Staff(Role::kPlatformOperator), "ent_e",
                                           ToPerson("13800000003", {"*"}, "apply", false))),
            "identity.forbidden");
  EXPECT_EQ(ReasonOf(service_->ListEnterpriseGrants(Staff(Role::kWindowOfficer), "ent_e")),
            "identity.forbidden");
  // Platform operators read an enterprise's grants and administrators.
  EXPECT_TRUE(service_->ListEnterpriseGrants(Staff(Role::kPlatformOperator), "ent_e").ok());
  EXPECT_TRUE(service_->ListAdministrators(Staff(Role::kPlatformOperator), "ent_e").ok());
}

TEST_P(DelegationServiceTest, AdministratorGrantsAndTheAgentResolvesWithinTheGrant) {
  ASSERT_TRUE(service_->AppointAdministrator(Person("person_lr"), "ent_e", "13800000002").ok());
  GrantView g =
      MustGrant(Person("person_adm"), "ent_e", ToPerson("13800000003", {"C01", "D02-0001"}, "view", false));
  EXPECT_EQ(g.grant.grantee_id, "person_ag");
  EXPECT_EQ(g.grant.grantor_person_id, "person_adm");
  EXPECT_EQ(g.grant.expires_at, "2027-06-30T15:59:59.999Z");
  EXPECT_EQ(g.enterprise_name, "东方制造有限公司");
  EXPECT_TRUE(g.live);

  auto acting = Resolve("person_ag", "ent_e");
  ASSERT_TRUE(acting.ok()) << ReasonOf(acting);
  EXPECT_EQ(acting->grant_id, g.grant.grant_id);
  EXPECT_FALSE(acting->legal_representative);
  EXPECT_FALSE(acting->may_apply);
  EXPECT_EQ(acting->services, (std::vector<std::string>{"C01", "D02-0001"}));
  EXPECT_EQ(acting->expires_at, "2027-06-30T15:59:59.999Z");

  auto rep = Resolve("person_lr", "ent_e");
  ASSERT_TRUE(rep.ok());
  EXPECT_TRUE(rep->legal_representative);
  EXPECT_TRUE(rep->may_apply);
  EXPECT_EQ(rep->services, (std::vector<std::string>{"*"}));
  EXPECT_EQ(ReasonOf(Resolve("person_x", "ent_e")), "delegation.no_grant");
  EXPECT_EQ(ReasonOf(Resolve("person_ag", "ent_f")), "delegation.no_grant");
  EXPECT_EQ(ReasonOf(Resolve("person_ag", "ent_nope")), "delegation.no_grant");

  // The audit record names both the actor and the principal.
  bool found = false;
  for (const auto& r : AuditRecords()) {
    if (r.record.action == "delegation.grant.create") {
      found = true;
      EXPECT_EQ(r.record.actor.subject, "person_adm");
      EXPECT_EQ(r.record.actor.principal, "ent_e");
      EXPECT_EQ(r.record.object_id, g.grant.grant_id);
    }
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(Count(kCountEvents, {"delegation.grant.created"}), 1);
}

TEST_P(DelegationServiceTest, BadGrantsAreRefusedAndChangeNothing) {
  Caller lr = Person("person_lr");
  struct Case {
    std::string enterprise;
    GrantRequest request;
    std::string reason;
    std::string field;
  };
  GrantRequest both = ToPerson("13800000003", {"*"}, "apply", false);
  both.grantee_uscc = "91310000MA1FL0002C";
  GrantRequest neither = ToPerson("", {"*"}, "apply", false);
  GrantRequest self_ent = ToPerson("", {"*"}, "apply", true);
  self_ent.grantee_uscc = "91310000MA1FL0000A";
  GrantRequest no_delegate = ToPerson("", {"*"}, "apply", false);
  no_delegate.grantee_uscc = "91310000MA1FL0002C";
  GrantRequest no_uscc = ToPerson("", {"*"}, "apply", true);
  no_uscc.grantee_uscc = "91310000MA1FL9999X";
  std::vector<Case> cases = {
      {"ent_nope", ToPerson("13800000003", {"*"}, "apply", false), "delegation.enterprise_not_found", ""},
      {"ent_dead", ToPerson("13800000003", {"*"}, "apply", false), "delegation.enterprise_not_active", ""},
      {"ent_e", ToPerson("13999999999", {"*"}, "apply", false), "delegation.person_not_found",
       "/grantee_login"},
      {"ent_e", ToPerson("13800000008", {"*"}, "apply", false), "delegation.person_not_active",
       "/grantee_login"},
      {"ent_e", ToPerson("13800000001", {"*"}, "apply", false), "delegation.grantee_is_legal_representative",
       "/grantee_login"},
      {"ent_e", ToPerson("13800000003", {}, "apply", false), "delegation.scope_empty", "/scope"},
      {"ent_e", ToPerson("13800000003", {"C01", "C 02"}, "apply", false), "delegation.scope_code",
       "/scope/1"},
      {"ent_e", ToPerson("13800000003", {"*"}, "edit", false), "delegation.mode", "/mode"},
      {"ent_e", ToPerson("13800000003", {"*"}, "apply", false, "2026-11-20"), "delegation.expiry_past",
       "/expires_at"},
      {"ent_e", ToPerson("13800000003", {"*"}, "apply", false, "2040-01-01"), "delegation.expiry_too_far",
       "/expires_at"},
      {"ent_e", ToPerson("13800000003", {"*"}, "apply", false, "soon"), "delegation.expiry_format",
       "/expires_at"},
      {"ent_e", both, "delegation.grantee_required", "/grantee_login"},
      {"ent_e", neither, "delegation.grantee_required", "/grantee_login"},
      {"ent_e", self_ent, "delegation.grantee_is_principal", "/grantee_uscc"},
      {"ent_e", no_uscc, "delegation.intermediary_not_found", "/grantee_uscc"},
      {"ent_e", no_delegate, "delegation.intermediary_must_delegate", "/may_delegate"},
  };
  for (const Case& c : cases) {
    auto r = service_->CreateGrant(lr, c.enterprise, c.request);
    ASSERT_FALSE(r.ok()) << c.reason;
    EXPECT_EQ(r.error().reason, c.reason);
    EXPECT_EQ(r.error().field, c.field) << c.reason;
  }
  // Not a manager of the enterprise: neither a stranger nor an agent.
  EXPECT_EQ(ReasonOf(service_->CreateGrant(Person("person_x"), "ent_e",
                                           ToPerson("13800000003", {"*"}, "apply", false))),
            "delegation.not_enterprise_manager");
  EXPECT_EQ(Count(kCountGrants), 0);
  EXPECT_EQ(Count(kCountEvents, {"delegation.grant.created"}), 0);
  EXPECT_TRUE(AuditRecords().empty());
}

TEST_P(DelegationServiceTest, SubGrantsStayWithinTheGrantorsRights) {
  GrantView g =
      MustGrant(Person("person_lr"), "ent_e", ToPerson("13800000003", {"C01"}, "view", true, "2027-06-30"));
  Caller agent = Person("person_ag");
  struct Case {
    GrantRequest request;
    std::string reason;
    std::string field;
  };
  GrantRequest to_ent = ToPerson("", {"C01"}, "view", false, "2027-01-01");
  to_ent.grantee_uscc = "91310000MA1FL0002C";
  std::vector<Case> cases = {
      {ToPerson("13800000004", {"C02"}, "view", false, "2027-01-01"), "delegation.scope_beyond_parent",
       "/scope/0"},
      {ToPerson("13800000004", {"*"}, "view", false, "2027-01-01"), "delegation.scope_beyond_parent",
       "/scope/0"},
      {ToPerson("13800000004", {"C01-0001"}, "apply", false, "2027-01-01"), "delegation.mode_beyond_parent",
       "/mode"},
      {ToPerson("13800000004", {"C01-0001"}, "view", false, "2027-07-01"), "delegation.expiry_beyond_parent",
       "/expires_at"},
      {ToPerson("13800000004", {"C01-0001"}, "view", false, "2026-11-01"), "delegation.expiry_past",
       "/expires_at"},
      {ToPerson("13800000003", {"C01-0001"}, "view", false, "2027-01-01"), "delegation.grantee_is_holder",
       "/grantee_login"},
      {to_ent, "delegation.sub_grant_to_person_only", "/grantee_uscc"},
  };
  for (const Case& c : cases) {
    auto r = service_->CreateSubGrant(agent, g.grant.grant_id, c.request);
    ASSERT_FALSE(r.ok()) << c.reason;
    EXPECT_EQ(r.error().reason, c.reason);
    EXPECT_EQ(r.error().field, c.field) << c.reason;
  }
  EXPECT_EQ(Count(kCountGrants), 1);

  // Someone who cannot see the grant is told it does not exist; the grantor
  // sees it but does not hold it.
  EXPECT_EQ(ReasonOf(service_->CreateSubGrant(Person("person_x"), g.grant.grant_id,
                                              ToPerson("13800000004", {"C01"}, "view", false, "2027-01-01"))),
            "delegation.grant_not_found");
  EXPECT_EQ(ReasonOf(service_->CreateSubGrant(Person("person_lr"), g.grant.grant_id,
                                              ToPerson("13800000004", {"C01"}, "view", false, "2027-01-01"))),
            "delegation.not_grant_holder");

  auto sub = service_->CreateSubGrant(agent, g.grant.grant_id,
                                      ToPerson("13800000004", {"C01-0001"}, "view", false, "2027-01-01"));
  ASSERT_TRUE(sub.ok()) << ReasonOf(sub);
  EXPECT_EQ(sub->grant.parent_grant_id, g.grant.grant_id);
  EXPECT_EQ(sub->grant.enterprise_id, "ent_e");
  auto acting = Resolve("person_sub", "ent_e");
  ASSERT_TRUE(acting.ok());
  EXPECT_EQ(acting->services, (std::vector<std::string>{"C01-0001"}));
  // The sub-grant may not be passed on: it was given without may_delegate.
  EXPECT_EQ(
      ReasonOf(service_->CreateSubGrant(Person("person_sub"), sub->grant.grant_id,
                                        ToPerson("13800000005", {"C01-0001"}, "view", false, "2027-01-01"))),
      "delegation.may_not_delegate");
}

TEST_P(DelegationServiceTest, RevocationCascadesAndTakesEffectAtOnce) {
  GrantView g = MustGrant(Person("person_lr"), "ent_e", ToPerson("13800000003", {"*"}, "apply", true));
  auto sub = service_->CreateSubGrant(Person("person_ag"), g.grant.grant_id,
                                      ToPerson("13800000004", {"C01"}, "apply", true, "2027-01-01"));
  ASSERT_TRUE(sub.ok()) << ReasonOf(sub);
  auto subsub = service_->CreateSubGrant(Person("person_sub"), sub->grant.grant_id,
                                         ToPerson("13800000005", {"C01-1"}, "view", false, "2026-12-31"));
  ASSERT_TRUE(subsub.ok()) << ReasonOf(subsub);
  ASSERT_TRUE(Resolve("person_x", "ent_e").ok());

  // The holder of a grant cannot revoke it; a stranger cannot see it.
  EXPECT_EQ(ReasonOf(service_->RevokeGrant(Person("person_ag"), g.grant.grant_id)), "delegation.not_revoker");
  EXPECT_EQ(ReasonOf(service_->RevokeGrant(Person("person_adm"), g.grant.grant_id)),
            "delegation.grant_not_found");
  // The agent revokes what they passed on: both levels below go.
  auto revoked = service_->RevokeGrant(Person("person_ag"), sub->grant.grant_id);
  ASSERT_TRUE(revoked.ok()) << ReasonOf(revoked);
  ASSERT_EQ(revoked->size(), 2u);
  EXPECT_EQ((*revoked)[0].grant.grant_id, sub->grant.grant_id);
  EXPECT_EQ((*revoked)[1].grant.grant_id, subsub->grant.grant_id);
  EXPECT_EQ(ReasonOf(Resolve("person_sub", "ent_e")), "delegation.no_grant");
  EXPECT_EQ(ReasonOf(Resolve("person_x", "ent_e")), "delegation.no_grant");
  EXPECT_TRUE(Resolve("person_ag", "ent_e").ok());
  EXPECT_EQ(ReasonOf(service_->RevokeGrant(Person("person_ag"), sub->grant.grant_id)),
            "delegation.grant_revoked");

  auto again = service_->CreateSubGrant(Person("person_ag"), g.grant.grant_id,
                                        ToPerson("13800000004", {"C01"}, "apply", false, "2027-01-01"));
  ASSERT_TRUE(again.ok());
  auto all = service_->RevokeGrant(Person("person_lr"), g.grant.grant_id);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 2u);  // the grant and the live sub-grant; the revoked ones stay as they were
  EXPECT_EQ(ReasonOf(Resolve("person_ag", "ent_e")), "delegation.no_grant");
  EXPECT_EQ(ReasonOf(Resolve("person_sub", "ent_e")), "delegation.no_grant");
  auto stored = service_->GetGrant(Person("person_lr"), subsub->grant.grant_id);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->grant.status, GrantStatus::kRevoked);
  EXPECT_EQ(stored->grant.revoked_by, "person_ag");
  EXPECT_EQ(Count(kCountEvents, {"delegation.grant.revoked"}), 4);
  int cascades = 0;
  for (const auto& r : AuditRecords()) {
    if (r.record.action == "delegation.grant.revoke_cascade") ++cascades;
  }
  EXPECT_EQ(cascades, 2);
}

TEST_P(DelegationServiceTest, ExpiryAndEnterpriseStatusEndTheRightToAct) {
  MustGrant(Person("person_lr"), "ent_e", ToPerson("13800000003", {"*"}, "apply", false, "2026-11-22"));
  ASSERT_TRUE(Resolve("person_ag", "ent_e").ok());
  directory_.enterprises["ent_e"].registry_status = "revoked";
  EXPECT_EQ(ReasonOf(Resolve("person_ag", "ent_e")), "delegation.no_grant");
  EXPECT_EQ(ReasonOf(Resolve("person_lr", "ent_e")), "delegation.no_grant");
  directory_.enterprises["ent_e"].registry_status = "active";
  ASSERT_TRUE(Resolve("person_ag", "ent_e").ok());
  clock_.Advance(std::chrono::hours(24) +
                 std::chrono::hours(8));  // past 2026-11-22 23:59:59.999 Beijing time
  EXPECT_EQ(ReasonOf(Resolve("person_ag", "ent_e")), "delegation.no_grant");
  auto held = service_->ListMyGrants(Person("person_ag"), Direction::kHeld);
  ASSERT_TRUE(held.ok());
  ASSERT_EQ(held->size(), 1u);
  EXPECT_FALSE(held->front().live);
}

TEST_P(DelegationServiceTest, IntermediaryActsForClientsThroughItsOwnPeople) {
  GrantRequest to_i = ToPerson("", {"C01", "C02"}, "apply", true, "2027-06-30");
  to_i.grantee_uscc = "91310000MA1FL0002C";
  GrantView e_to_i = MustGrant(Person("person_lr"), "ent_e", to_i);
  GrantView f_to_i = MustGrant(Person("person_lr"), "ent_f", to_i);
  EXPECT_EQ(e_to_i.grant.grantee_kind, GranteeKind::kEnterprise);
  EXPECT_EQ(e_to_i.grantee_name, "代理记账事务所");
  // An enterprise holds rights but does not act: nobody resolves from it alone.
  EXPECT_EQ(ReasonOf(Resolve("person_ir", "ent_e")), "delegation.no_grant");

  // The intermediary's legal representative passes each client's rights on.
  for (const GrantView& client : {e_to_i, f_to_i}) {
    auto sub = service_->CreateSubGrant(Person("person_ir"), client.grant.grant_id,
                                        ToPerson("13800000007", {"C01"}, "apply", false, "2027-03-31"));
    ASSERT_TRUE(sub.ok()) << ReasonOf(sub);
  }
  // Its own staff cannot pass the client's grant on, and nobody else can either.
  EXPECT_EQ(ReasonOf(service_->CreateSubGrant(Person("person_is"), e_to_i.grant.grant_id,
                                              ToPerson("13800000005", {"C01"}, "view", false, "2027-01-01"))),
            "delegation.grant_not_found");
  auto principals = service_->ListPrincipals(Person("person_is"));
  ASSERT_TRUE(principals.ok());
  ASSERT_EQ(principals->principals.size(), 3u);
  EXPECT_EQ(principals->principals[0].enterprise_id, "");
  EXPECT_EQ(principals->principals[1].enterprise_id, "ent_e");
  EXPECT_EQ(principals->principals[2].enterprise_id, "ent_f");
  EXPECT_TRUE(principals->managed.empty());

  // The intermediary's grants appear on its own list, beside those it gave.
  auto listed = service_->ListEnterpriseGrants(Person("person_ir"), "ent_i");
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->size(), 2u);

  // An intermediary that is no longer active carries no rights.
  directory_.enterprises["ent_i"].registry_status = "deregistered";
  EXPECT_EQ(ReasonOf(Resolve("person_is", "ent_e")), "delegation.no_grant");
  directory_.enterprises["ent_i"].registry_status = "active";
  ASSERT_TRUE(Resolve("person_is", "ent_e").ok());
  // The client revokes its grant to the intermediary: the staff member's
  // right to act for that client ends, the other client's does not.
  auto revoked = service_->RevokeGrant(Person("person_lr"), e_to_i.grant.grant_id);
  ASSERT_TRUE(revoked.ok());
  EXPECT_EQ(revoked->size(), 2u);
  EXPECT_EQ(ReasonOf(Resolve("person_is", "ent_e")), "delegation.no_grant");
  EXPECT_TRUE(Resolve("person_is", "ent_f").ok());
}

TEST_P(DelegationServiceTest, GrantsAreVisibleOnlyToThoseConcerned) {
  ASSERT_TRUE(service_->AppointAdministrator(Person("person_lr"), "ent_e", "13800000002").ok());
  GrantView g = MustGrant(Person("person_adm"), "ent_e", ToPerson("13800000003", {"*"}, "view", false));
  EXPECT_TRUE(service_->GetGrant(Person("person_lr"), g.grant.grant_id).ok());
  EXPECT_TRUE(service_->GetGrant(Person("person_adm"), g.grant.grant_id).ok());
  EXPECT_TRUE(service_->GetGrant(Person("person_ag"), g.grant.grant_id).ok());
  EXPECT_TRUE(service_->GetGrant(Staff(Role::kPlatformOperator), g.grant.grant_id).ok());
  EXPECT_EQ(ReasonOf(service_->GetGrant(Person("person_x"), g.grant.grant_id)), "delegation.grant_not_found");
  EXPECT_EQ(ReasonOf(service_->GetGrant(Staff(Role::kReviewer), g.grant.grant_id)), "identity.forbidden");
  EXPECT_EQ(ReasonOf(service_->GetGrant(Person("person_lr"), "grant_nope")), "delegation.grant_not_found");
  EXPECT_EQ(ReasonOf(service_->ListEnterpriseGrants(Person("person_ag"), "ent_e")),
            "delegation.not_enterprise_manager");
  EXPECT_EQ(ReasonOf(service_->ListEnterpriseGrants(Person("person_lr"), "ent_nope")),
            "delegation.enterprise_not_found");

  auto given = service_->ListMyGrants(Person("person_adm"), Direction::kGiven);
  ASSERT_TRUE(given.ok());
  ASSERT_EQ(given->size(), 1u);
  EXPECT_EQ(given->front().grantee_name, "经办人");
  EXPECT_EQ(given->front().grantee_phone_masked, "138****0003");
  auto held = service_->ListMyGrants(Person("person_ag"), Direction::kHeld);
  ASSERT_TRUE(held.ok());
  ASSERT_EQ(held->size(), 1u);
  EXPECT_TRUE(service_->ListMyGrants(Person("person_ag"), Direction::kGiven)->empty());

  auto lr = service_->ListPrincipals(Person("person_lr"));
  ASSERT_TRUE(lr.ok());
  // Themself, ent_e and ent_f (legal representative of both; ent_dead is not active).
  ASSERT_EQ(lr->principals.size(), 3u);
  EXPECT_TRUE(lr->principals[1].rights.legal_representative);
  EXPECT_EQ(lr->managed.size(), 3u);
  auto adm = service_->ListPrincipals(Person("person_adm"));
  ASSERT_TRUE(adm.ok());
  EXPECT_EQ(adm->principals.size(), 1u);  // administrators manage, they do not act without a grant
  ASSERT_EQ(adm->managed.size(), 1u);
  EXPECT_FALSE(adm->managed[0].legal_representative);
}

TEST_P(DelegationServiceTest, DemoGrantsLoadOnceAndResolve) {
  AccountLookups lookups;
  lookups.find_by_login = [this](db::Transaction&, const std::string& login) {
    auto it = logins_.find(login);
    return it == logins_.end() ? std::nullopt : std::optional<identity::LoginSubject>(it->second);
  };
  DemoGrantPlan plan{"91310000MA1FL0000A", "91310000MA1FL0001B", "91310000MA1FL0002C",
                     "13800000003",        "13800000004",        "13800000007"};
  ASSERT_TRUE(LoadDemoGrants(db(), directory_, lookups, clock_, plan).ok());
  ASSERT_TRUE(LoadDemoGrants(db(), directory_, lookups, clock_, plan).ok());
  EXPECT_EQ(Count(kCountGrants), 6);
  auto apply = Resolve("person_ag", "ent_e");
  ASSERT_TRUE(apply.ok());
  EXPECT_TRUE(apply->may_apply);
  auto view = Resolve("person_sub", "ent_e");
  ASSERT_TRUE(view.ok());
  EXPECT_FALSE(view->may_apply);
  EXPECT_TRUE(Resolve("person_is", "ent_e").ok());
  EXPECT_TRUE(Resolve("person_is", "ent_f").ok());
  plan.view_agent_login = "13999999999";
  EXPECT_EQ(ReasonOf(LoadDemoGrants(db(), directory_, lookups, clock_, plan)),
            "delegation.demo_accounts_missing");
}

TEST_P(DelegationServiceTest, LegalRepresentativesAreIndexedFromIdentityEvents) {
  // A service without the accounts' list: only the index fed by events.
  AccountLookups lookups;
  lookups.find_by_login = [this](db::Transaction&, const std::string& login) {
    auto it = logins_.find(login);
    return it == logins_.end() ? std::nullopt : std::optional<identity::LoginSubject>(it->second);
  };
  DelegationService service(db(), directory_, lookups, clock_);
  EXPECT_EQ(service.ListPrincipals(Person("person_lr"))->principals.size(), 1u);

  ASSERT_TRUE(
      db().Write([](db::Transaction& tx) -> Status {
            auto publish = [&](std::string topic, std::string payload) {
              outbox::Publish(tx,
                              outbox::NewEvent{std::move(topic), "enterprise", "x", std::move(payload), ""});
            };
            publish(
                "identity.enterprise.created",
                R"({"enterprise_id":"ent_e","uscc":"91310000MA1FL0000A","legal_representative_person_id":"person_lr"})");
            // The index only suggests: the Directory names someone else for ent_i.
            publish("identity.enterprise.created",
                    R"({"enterprise_id":"ent_i","legal_representative_person_id":"person_lr"})");
            publish("identity.enterprise.created", R"({"enterprise_id":"ent_f"})");  // skipped
            publish("identity.enterprise.created", "not json");                      // skipped
            publish("identity.person.created",
                    R"({"enterprise_id":"ent_f","legal_representative_person_id":"person_lr"})");
            return Status::Ok();
          })
          .ok());
  outbox::Dispatcher dispatcher(db(), {DelegationService::RepresentationSubscriber()},
                                outbox::DispatcherOptions{});
  ASSERT_TRUE(dispatcher.RunOnce().ok());
  auto p = service.ListPrincipals(Person("person_lr"));
  ASSERT_TRUE(p.ok());
  ASSERT_EQ(p->principals.size(), 2u);
  EXPECT_EQ(p->principals[1].enterprise_id, "ent_e");
  EXPECT_TRUE(p->principals[1].rights.legal_representative);
  ASSERT_EQ(p->managed.size(), 1u);
  EXPECT_EQ(p->managed[0].name, "东方制造有限公司");
  // A new legal representative: the old one's entry no longer shows.
  directory_.enterprises["ent_e"].legal_representative_person_id = "person_ir";
  EXPECT_EQ(service.ListPrincipals(Person("person_lr"))->principals.size(), 1u);
}

// A sub-grant racing the revocation of its parent never outlives it.
TEST_P(DelegationServiceTest, RevocationRacingSubGrantsLeavesNoActiveOrphan) {
  for (int round = 0; round < 10; ++round) {
    GrantView g = MustGrant(Person("person_lr"), "ent_e", ToPerson("13800000003", {"*"}, "apply", true));
    std::vector<std::thread> threads;
    for (const char* phone : {"13800000004", "13800000005", "13800000007", "13800000002"}) {
      threads.emplace_back([&, phone] {
        auto r = service_->CreateSubGrant(Person("person_ag"), g.grant.grant_id,
                                          ToPerson(phone, {"C01"}, "view", false, "2027-01-01"));
        if (!r.ok()) {
          EXPECT_TRUE(r.error().reason == "delegation.parent_not_live" ||
                      r.error().reason == "delegation.grant_revoked")
              << r.error().reason;
        }
      });
    }
    threads.emplace_back(
        [&] { EXPECT_TRUE(service_->RevokeGrant(Person("person_lr"), g.grant.grant_id).ok()); });
    for (auto& t : threads) t.join();
    ASSERT_EQ(Count(kCountOrphans), 0) << "round " << round;
  }
}

TONGBAN_INSTANTIATE_BACKEND_TESTS(DelegationServiceTest);

}  // namespace
}  // namespace tongban::delegation
