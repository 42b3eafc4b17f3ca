// Demo accounts (演示账户): loaded only with `serve --demo`. Numbers are made
// valid with the same check-character functions that validate them.
#include "core/ids.hpp"
#include "core/utc.hpp"
#include "identity/accounts.hpp"
#include "identity/authentication.hpp"
#include "identity/check_character.hpp"
#include "identity/uscc.hpp"
#include "log/log.hpp"
#include "outbox/outbox.hpp"
#include "sql_account_store.hpp"

namespace tongban::identity {
namespace {

struct DemoPerson {
  const char* name;
  const char* id_kind;
  std::string id_number;
  const char* nationality;
  const char* phone;
  AssuranceLevel level;
};

struct DemoEnterprise {
  const char* name;
  std::string uscc;
  const char* legal_representative_phone;
};

struct DemoStaff {
  const char* username;
  const char* name;
  const char* department_id;
  std::vector<Role> roles;
};

std::string ResidentId(const std::string& first17) {
  return first17 + Gb11643CheckCharacter(first17).value();
}

// "91" (market regulation, enterprise) + "310101" (Shanghai Huangpu) + an 8-character
// organisation code body, completed with both check characters.
std::string ShanghaiUscc(const std::string& org_body) {
  std::string first17 = "91310101" + org_body + Gb11714CheckCharacter(org_body).value();
  return first17 + Gb32100CheckCharacter(first17).value();
}

const audit::Actor kDemoActor{"system:demo", "system", "", ""};

Status EnsurePerson(db::Database& db, AccountService& accounts, const DemoPerson& p) {
  return db.Write([&](db::Transaction& tx) -> Status {
    if (accounts.FindByLogin(tx, p.phone)) return Status::Ok();
    auto created =
        accounts.RegisterPerson(tx, NewPerson{p.name, p.id_kind, p.id_number, p.nationality, p.phone});
    if (!created) return created.error();
    if (p.level != AssuranceLevel::kL1) {
      SqlAccountStore(tx).UpdatePersonAssurance(created->person_id, std::string(AssuranceLevelCode(p.level)),
                                                p.level == AssuranceLevel::kL3 ? "system:demo" : "",
                                                NowUtcMillis());
    }
    return SetPassword(tx, created->person_id, std::string(kDemoPassword));
  });
}

Status EnsureEnterprise(db::Database& db, AccountService& accounts, const DemoEnterprise& e) {
  return db.Write([&](db::Transaction& tx) -> Status {
    if (!Uscc::Parse(e.uscc).ok()) {
      return Error::Make(ErrorCode::kInternal, "identity.demo_data", "内部错误", "demo data is inconsistent")
          .WithDetail("invalid demo USCC " + e.uscc);
    }
    SqlAccountStore store(tx);
    if (store.FindEnterpriseByUscc(e.uscc)) return Status::Ok();
    auto legal = accounts.FindByLogin(tx, e.legal_representative_phone);
    if (!legal) {
      return Error::Make(ErrorCode::kInternal, "identity.demo_data", "内部错误", "demo data is inconsistent")
          .WithDetail("no demo person with the legal representative's phone");
    }
    EnterpriseRow row;
    row.summary = EnterpriseSummary{"ent_" + NewUlid(), e.uscc, e.name, legal->subject_id, "active"};
    row.created_at = row.updated_at = NowUtcMillis();
    if (!store.InsertEnterprise(row)) return Status::Ok();
    audit::Append(tx, audit::Record{kDemoActor, "identity.enterprise.create", "enterprise",
                                    row.summary.enterprise_id, "", audit::Outcome::kSuccess, "demo"});
    outbox::Publish(
        tx, outbox::NewEvent{"identity.enterprise.created", "enterprise", row.summary.enterprise_id,
                             "{\"enterprise_id\":\"" + row.summary.enterprise_id + "\",\"uscc\":\"" + e.uscc +
                                 "\",\"legal_representative_person_id\":\"" + legal->subject_id + "\"}",
                             ""});
    return Status::Ok();
  });
}

Status EnsureStaff(db::Database& db, const DemoStaff& s) {
  return db.Write([&](db::Transaction& tx) -> Status {
    SqlAccountStore store(tx);
    if (store.FindStaffByUsername(s.username)) return Status::Ok();
    TONGBAN_RETURN_IF_ERROR(CheckSeparationOfDuties(s.roles));
    std::string roles;
    for (Role r : s.roles) {
      if (!roles.empty()) roles += ",";
      roles += RoleCode(r);
    }
    StaffRow row{"staff_" + NewUlid(), s.username, s.name, s.department_id, roles, "active",
                 NowUtcMillis(),       ""};
    row.updated_at = row.created_at;
    if (!store.InsertStaff(row)) return Status::Ok();
    audit::Append(tx, audit::Record{kDemoActor, "identity.staff.create", "staff", row.id, "",
                                    audit::Outcome::kSuccess, "demo roles=" + roles});
    outbox::Publish(
        tx, outbox::NewEvent{
                "identity.staff.created", "staff", row.id,
                "{\"staff_id\":\"" + row.id + "\",\"department_id\":\"" + row.department_id + "\"}", ""});
    return SetPassword(tx, row.id, std::string(kDemoPassword));
  });
}

}  // namespace

Status LoadDemoAccounts(db::Database& db, AccountService& accounts) {
  const DemoPerson persons[] = {
      {"张三", "resident_id", ResidentId("31010119900101123"), "", "13800000001", AssuranceLevel::kL1},
      {"李四", "resident_id", ResidentId("31010419850515234"), "", "13800000002", AssuranceLevel::kL2},
      {"王五", "resident_id", ResidentId("31011519781230045"), "", "13800000003", AssuranceLevel::kL3},
      {"赵敏", "resident_id", ResidentId("31010519800808026"), "", "13800000004", AssuranceLevel::kL3},
      {"陈静", "resident_id", ResidentId("31010619750312068"), "", "13800000005", AssuranceLevel::kL2},
      {"刘洋", "resident_id", ResidentId("31010719920620031"), "", "13800000006", AssuranceLevel::kL2},
      {"孙丽", "resident_id", ResidentId("31011019880909042"), "", "13800000007", AssuranceLevel::kL2},
      {"John Smith", "passport", "E87654321", "USA", "13800000008", AssuranceLevel::kL2},
      {"陳大文", "hk_macau_permit", "H12345678", "", "13800000009", AssuranceLevel::kL1},
  };
  const DemoEnterprise enterprises[] = {
      {"上海通办示范科技有限公司", ShanghaiUscc("MA1FL0D1"), "13800000004"},
      {"上海浦江贸易有限公司", ShanghaiUscc("MA1G2K3L"), "13800000005"},
      {"上海代办通企业服务有限公司", ShanghaiUscc("MA1H4N5P"), "13800000007"},
  };
  const DemoStaff staff[] = {
      {"market.window", "周窗口", "shanghai.market", {Role::kWindowOfficer}},
      {"market.reviewer", "吴审批", "shanghai.market", {Role::kReviewer}},
      {"market.admin", "郑管理", "shanghai.market", {Role::kDepartmentAdmin}},
      {"housing.window", "冯窗口", "shanghai.housing", {Role::kWindowOfficer}},
      {"housing.reviewer", "褚审批", "shanghai.housing", {Role::kReviewer}},
      {"housing.admin", "卫管理", "shanghai.housing", {Role::kDepartmentAdmin}},
      {"operator", "蒋运营", "shanghai.bigdata", {Role::kPlatformOperator}},
      {"sysadmin", "沈系统", "shanghai.bigdata", {Role::kSystemAdmin}},
      {"secadmin", "韩安全", "shanghai.bigdata", {Role::kSecurityAdmin}},
      {"auditadmin", "杨审计", "shanghai.bigdata", {Role::kAuditAdmin}},
  };
  for (const DemoPerson& p : persons) TONGBAN_RETURN_IF_ERROR(EnsurePerson(db, accounts, p));
  for (const DemoEnterprise& e : enterprises) TONGBAN_RETURN_IF_ERROR(EnsureEnterprise(db, accounts, e));
  for (const DemoStaff& s : staff) TONGBAN_RETURN_IF_ERROR(EnsureStaff(db, s));
  log::Info("demo.accounts_loaded", {{"persons", static_cast<int>(std::size(persons))},
                                     {"enterprises", static_cast<int>(std::size(enterprises))},
                                     {"staff", static_cast<int>(std::size(staff))}});
  return Status::Ok();
}

}  // namespace tongban::identity
