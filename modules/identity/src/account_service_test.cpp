// AccountService on SQLite and PostgreSQL: registration and login lookups
// through blind indexes, the operator functions with their authorisation,
// the personal-data access log, and bad input that writes nothing.
#include <gtest/gtest.h>

#include "audit/audit.hpp"
#include "identity/accounts.hpp"
#include "identity/check_character.hpp"
#include "outbox/outbox.hpp"
#include "testing/backend_test.hpp"

namespace tongban::identity {
namespace {

// A valid resident ID number from its first 17 digits.
std::string ResidentId(const std::string& first17) {
  return first17 + *Gb11643CheckCharacter(first17);
}

const std::string kZhangId = ResidentId("31010519900307123");
const std::string kLiId = ResidentId("31011519851201002");

Caller StaffCaller(std::string id, std::vector<Role> roles, std::string department = "shanghai.market") {
  Caller c;
  c.kind = CallerKind::kStaff;
  c.subject_id = std::move(id);
  c.roles = std::move(roles);
  c.department_id = std::move(department);
  c.request_id = "req-test";
  return c;
}

class AccountServiceTest : public tongban::testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    std::vector<db::Migration> all;
    for (auto span : {audit::Migrations(), outbox::Migrations(), privacy::Migrations(), Migrations()}) {
      all.insert(all.end(), span.begin(), span.end());
    }
    auto applied = db::ApplyMigrations(db(), all);
    ASSERT_TRUE(applied.ok()) << applied.error().message_en;
    service_ = std::make_unique<AccountService>(db(), vault_);
  }

  Result<PersonSummary> Register(NewPerson p) {
    Result<PersonSummary> out = Error{};
    Status st = db().Write([&](db::Transaction& tx) -> Status {
      out = service_->RegisterPerson(tx, p);
      return out.status();
    });
    if (!st.ok()) return st.error();
    return out;
  }

  PersonSummary Zhang() {
    auto p = Register(NewPerson{"张三", "resident_id", kZhangId, "", "13812345678"});
    EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().reason);
    return p.ok() ? *p : PersonSummary{};
  }

  std::int64_t Count(const char* table) {
    std::int64_t n = 0;
    db().Run([&](db::Transaction& tx) {
      db::Sql sql{"count", nullptr, nullptr};
      std::string text = std::string("SELECT COUNT(*) FROM ") + table;
      sql.sqlite = text.c_str();
      sql.postgres = text.c_str();
      n = tx.Query(sql)[0].Int(0);
    });
    return n;
  }

  std::vector<privacy::StoredAccess> AccessOf(const std::string& person_id) {
    std::vector<privacy::StoredAccess> out;
    db().Run([&](db::Transaction& tx) { out = privacy::ListAccess(tx, person_id, 0, 100); });
    return out;
  }

  std::optional<LoginSubject> Login(const std::string& login) {
    std::optional<LoginSubject> out;
    db().Run([&](db::Transaction& tx) { out = service_->FindByLogin(tx, login); });
    return out;
  }

  Caller operator_ = StaffCaller("staff_op", {Role::kPlatformOperator});
  Caller security_ = StaffCaller("staff_sec", {Role::kSecurityAdmin});
  Caller system_ = StaffCaller("staff_sys", {Role::kSystemAdmin});
  Caller officer_ = StaffCaller("staff_win", {Role::kWindowOfficer});
  crypto::KeySet keys_ = crypto::KeySet::Generate();
  privacy::Vault vault_{keys_};
  std::unique_ptr<AccountService> service_;
};

// --- registration and login ---------------------------------------------------------

TEST_P(AccountServiceTest, RegistersAResidentAtL1Masked) {
  PersonSummary p = Zhang();
  EXPECT_EQ(p.person_id.rfind("person_", 0), 0u);
  EXPECT_EQ(p.name, "张三");
  EXPECT_EQ(p.id_kind, "resident_id");
  EXPECT_EQ(p.id_number_masked, "310***********" + kZhangId.substr(14));
  EXPECT_EQ(p.phone_masked, "138****5678");
  EXPECT_EQ(p.assurance, AssuranceLevel::kL1);
  EXPECT_EQ(p.status, "active");
  EXPECT_EQ(Count("persons"), 1);
  EXPECT_EQ(Count("audit_log"), 1);
  EXPECT_EQ(Count("outbox_events"), 1);
}

TEST_P(AccountServiceTest, IdentifiersAreSealedAtRest) {
  Zhang();
  std::string dump;
  db().Run([&](db::Transaction& tx) {
    db::Sql sql{"dump", "SELECT id_number_sealed, phone_sealed, id_number_index, phone_index FROM persons",
                "SELECT id_number_sealed, phone_sealed, id_number_index, phone_index FROM persons"};
    db::Rows rows = tx.Query(sql);
    dump = rows[0].Bytes(0) + rows[0].Bytes(1) + rows[0].Text(2) + rows[0].Text(3);
  });
  EXPECT_EQ(dump.find(kZhangId), std::string::npos);
  EXPECT_EQ(dump.find("13812345678"), std::string::npos);
}

TEST_P(AccountServiceTest, FindsTheSubjectByPhoneOrIdNumber) {
  PersonSummary p = Zhang();
  for (const std::string& login : {std::string("13812345678"), std::string("+86 138-1234-5678"), kZhangId}) {
    auto s = Login(login);
    ASSERT_TRUE(s) << login;
    EXPECT_EQ(s->subject_id, p.person_id);
    EXPECT_FALSE(s->staff);
    EXPECT_EQ(s->roles, std::vector<Role>{Role::kResident});
    EXPECT_EQ(s->phone, "13812345678");
    EXPECT_EQ(s->status, "active");
  }
  EXPECT_FALSE(Login("13812345679"));
  EXPECT_FALSE(Login(kLiId));
  EXPECT_FALSE(Login(""));
}

TEST_P(AccountServiceTest, ALowerCaseXFindsTheSameNumber) {
  std::string id = ResidentId("11010519491231002");
  if (id.back() != 'X') id = ResidentId("11010519491231001");
  auto p = Register(NewPerson{"李四", "resident_id", id, "", "13900000001"});
  ASSERT_TRUE(p.ok());
  std::string lower = id;
  if (lower.back() == 'X') lower.back() = 'x';
  ASSERT_TRUE(Login(lower));
}

TEST_P(AccountServiceTest, ForeignerAndHongKongResident) {
  auto foreigner = Register(NewPerson{"John Smith", "passport", "E12345678", "USA", "13900000002"});
  ASSERT_TRUE(foreigner.ok()) << foreigner.error().reason;
  EXPECT_EQ(foreigner->id_number_masked, "E*****678");
  // The same passport number from another state is another person.
  auto other = Register(NewPerson{"Jean Dupont", "passport", "E12345678", "FRA", "13900000003"});
  ASSERT_TRUE(other.ok()) << other.error().reason;
  auto hk = Register(NewPerson{"陳大文", "hk_macau_permit", "H1234567801", "", "13900000004"});
  ASSERT_TRUE(hk.ok()) << hk.error().reason;
  // The permit reissued (count 02) or in the 2013 card's form is the same holder.
  auto again = Register(NewPerson{"陳大文", "hk_macau_permit", "H12345678", "", "13900000005"});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().reason, "identity.person_exists");
  auto by_permit = Login("H1234567802");
  ASSERT_TRUE(by_permit);
  EXPECT_EQ(by_permit->subject_id, hk->person_id);
  auto summary = [&](const std::string& id) {
    std::optional<PersonSummary> s;
    db().Run([&](db::Transaction& tx) { s = service_->FindPerson(tx, id); });
    return s;
  };
  ASSERT_TRUE(summary(foreigner->person_id));
  EXPECT_EQ(summary(foreigner->person_id)->id_kind, "passport");
}

struct BadPerson {
  const char* label;
  NewPerson person;
  const char* reason;
  const char* field;
};

TEST_P(AccountServiceTest, BadRegistrationsWriteNothing) {
  std::string wrong_check = kZhangId.substr(0, 17) + (kZhangId.back() == '1' ? "2" : "1");
  std::string impossible_date = ResidentId("31010519900230123");  // 30 February
  std::string future = ResidentId("31010521000101123");
  const BadPerson cases[] = {
      {"wrong check digit",
       {"张三", "resident_id", wrong_check, "", "13812345678"},
       "identity.id_number_check_digit",
       "/id_number"},
      {"impossible birth date",
       {"张三", "resident_id", impossible_date, "", "13812345678"},
       "identity.id_number_birth_date",
       "/id_number"},
      {"birth in the future",
       {"张三", "resident_id", future, "", "13812345678"},
       "identity.id_number_birth_date",
       "/id_number"},
      {"unknown kind",
       {"张三", "drivers_licence", kZhangId, "", "13812345678"},
       "identity.person_identifier_kind",
       "/id_kind"},
      {"nationality on an ID card",
       {"张三", "resident_id", kZhangId, "USA", "13812345678"},
       "identity.nationality_not_applicable",
       "/nationality"},
      {"passport without nationality",
       {"John", "passport", "E12345678", "", "13812345678"},
       "identity.passport_nationality",
       "/nationality"},
      {"landline", {"张三", "resident_id", kZhangId, "", "02112345678"}, "identity.phone_number", "/phone"},
      {"empty name", {"", "resident_id", kZhangId, "", "13812345678"}, "identity.name", "/name"},
      {"name with a newline",
       {"张\n三", "resident_id", kZhangId, "", "13812345678"},
       "identity.name",
       "/name"},
      {"oversized name",
       {std::string(101, 'a'), "resident_id", kZhangId, "", "13812345678"},
       "identity.name",
       "/name"},
  };
  for (const BadPerson& c : cases) {
    auto r = Register(c.person);
    ASSERT_FALSE(r.ok()) << c.label;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument) << c.label;
    EXPECT_EQ(r.error().reason, c.reason) << c.label;
    EXPECT_EQ(r.error().field, c.field) << c.label;
    EXPECT_FALSE(r.error().message_zh.empty());
  }
  EXPECT_EQ(Count("persons"), 0);
  EXPECT_EQ(Count("audit_log"), 0);
  EXPECT_EQ(Count("outbox_events"), 0);
}

TEST_P(AccountServiceTest, ATakenIdNumberOrPhoneIsRefused) {
  Zhang();
  auto same_id = Register(NewPerson{"张三", "resident_id", kZhangId, "", "13900000009"});
  ASSERT_FALSE(same_id.ok());
  EXPECT_EQ(same_id.error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(same_id.error().field, "/id_number");
  auto same_phone = Register(NewPerson{"李四", "resident_id", kLiId, "", "13812345678"});
  ASSERT_FALSE(same_phone.ok());
  EXPECT_EQ(same_phone.error().field, "/phone");
  EXPECT_EQ(Count("persons"), 1);
}

// --- persons: search, read, unmask, verify -------------------------------------

TEST_P(AccountServiceTest, SearchFindsByNameOrExactNumberAndRecordsEachRead) {
  PersonSummary zhang = Zhang();
  ASSERT_TRUE(Register(NewPerson{"李四", "resident_id", kLiId, "", "13900000001"}).ok());
  auto by_name = service_->SearchPersons(operator_, PersonSearch{"张", "", "", 50});
  ASSERT_TRUE(by_name.ok());
  ASSERT_EQ(by_name->size(), 1u);
  EXPECT_EQ((*by_name)[0].person_id, zhang.person_id);
  EXPECT_EQ((*by_name)[0].phone_masked, "138****5678");
  auto by_phone = service_->SearchPersons(operator_, PersonSearch{"138 1234 5678", "核对来电", "", 50});
  ASSERT_TRUE(by_phone.ok());
  ASSERT_EQ(by_phone->size(), 1u);
  auto by_id = service_->SearchPersons(operator_, PersonSearch{kZhangId, "", "", 50});
  ASSERT_TRUE(by_id.ok());
  ASSERT_EQ(by_id->size(), 1u);
  auto partial_number = service_->SearchPersons(operator_, PersonSearch{"1381234", "", "", 50});
  ASSERT_TRUE(partial_number.ok());
  EXPECT_TRUE(partial_number->empty());
  auto all = service_->SearchPersons(operator_, PersonSearch{"", "", "", 50});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 2u);

  auto log = AccessOf(zhang.person_id);
  ASSERT_EQ(log.size(), 4u);
  EXPECT_EQ(log[0].access.purpose, "operator console");
  EXPECT_EQ(log[2].access.purpose, "核对来电");
  EXPECT_EQ(log[0].access.reader.subject, "staff_op");
  EXPECT_FALSE(log[0].access.unmasked);
}

TEST_P(AccountServiceTest, SearchingIsForStaffWithTheRole) {
  Zhang();
  Caller resident;
  resident.kind = CallerKind::kPerson;
  resident.subject_id = "person_x";
  resident.roles = {Role::kResident};
  for (const Caller& c : {resident, system_, StaffCaller("staff_rev", {Role::kReviewer})}) {
    auto r = service_->SearchPersons(c, PersonSearch{"张", "", "", 50});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "identity.forbidden");
  }
  EXPECT_EQ(service_->SearchPersons(Caller{}, PersonSearch{}).error().reason, "identity.unauthenticated");
  EXPECT_EQ(Count("privacy_access_log"), 0);
}

TEST_P(AccountServiceTest, SearchLimitsAreChecked) {
  EXPECT_EQ(service_->SearchPersons(operator_, PersonSearch{"", "", "", 0}).error().reason,
            "identity.bad_limit");
  EXPECT_EQ(service_->SearchPersons(operator_, PersonSearch{"", "", "", 101}).error().reason,
            "identity.bad_limit");
  EXPECT_EQ(
      service_->SearchPersons(operator_, PersonSearch{std::string(101, 'a'), "", "", 10}).error().reason,
      "identity.search_text");
}

TEST_P(AccountServiceTest, ReadingAPersonIsRecorded) {
  PersonSummary zhang = Zhang();
  auto d = service_->ReadPerson(operator_, zhang.person_id, "");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->summary.id_number_masked, zhang.id_number_masked);
  EXPECT_EQ(d->nationality, "CHN");
  EXPECT_EQ(AccessOf(zhang.person_id).size(), 1u);
  auto missing = service_->ReadPerson(operator_, "person_nobody", "");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_->ReadPerson(system_, zhang.person_id, "").error().reason, "identity.forbidden");
  EXPECT_EQ(AccessOf(zhang.person_id).size(), 1u);
}

TEST_P(AccountServiceTest, UnmaskingNeedsTheRoleAndAPurposeAndIsAudited) {
  PersonSummary zhang = Zhang();
  std::int64_t audit_before = Count("audit_log");
  EXPECT_EQ(service_->UnmaskPerson(operator_, zhang.person_id, {"id_number"}, "核对身份").error().reason,
            "identity.forbidden");
  auto no_purpose = service_->UnmaskPerson(security_, zhang.person_id, {"id_number"}, "");
  ASSERT_FALSE(no_purpose.ok());
  EXPECT_EQ(no_purpose.error().reason, "privacy.purpose_required");
  EXPECT_EQ(service_->UnmaskPerson(security_, zhang.person_id, {"name"}, "核对身份").error().reason,
            "identity.unmask_field");
  EXPECT_EQ(service_->UnmaskPerson(security_, zhang.person_id, {}, "核对身份").error().reason,
            "identity.unmask_field");
  EXPECT_EQ(Count("privacy_access_log"), 0);
  EXPECT_EQ(Count("audit_log"), audit_before);

  auto both = service_->UnmaskPerson(security_, zhang.person_id, {"phone", "id_number"}, "投诉核查");
  ASSERT_TRUE(both.ok()) << both.error().reason;
  EXPECT_EQ(both->id_number, kZhangId);
  EXPECT_EQ(both->phone, "13812345678");
  auto only_phone = service_->UnmaskPerson(security_, zhang.person_id, {"phone"}, "投诉核查");
  ASSERT_TRUE(only_phone.ok());
  EXPECT_FALSE(only_phone->id_number);
  auto log = AccessOf(zhang.person_id);
  ASSERT_EQ(log.size(), 2u);
  EXPECT_TRUE(log[1].access.unmasked);
  EXPECT_EQ(log[1].access.fields, "id_number,phone");
  EXPECT_EQ(log[1].access.purpose, "投诉核查");
  EXPECT_EQ(Count("audit_log"), audit_before + 2);
  EXPECT_EQ(service_->UnmaskPerson(security_, "person_nobody", {"phone"}, "投诉核查").error().code,
            ErrorCode::kNotFound);
}

TEST_P(AccountServiceTest, AWindowOfficerVerifiesInPersonWithTheDocument) {
  PersonSummary zhang = Zhang();
  auto wrong = service_->VerifyInPerson(officer_, zhang.person_id, kLiId);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().reason, "identity.document_mismatch");
  auto typo = service_->VerifyInPerson(officer_, zhang.person_id, kZhangId.substr(0, 17) + "0");
  if (kZhangId.back() != '0') {
    ASSERT_FALSE(typo.ok());
    EXPECT_EQ(typo.error().reason, "identity.id_number_check_digit");
  }
  EXPECT_EQ(service_->VerifyInPerson(operator_, zhang.person_id, kZhangId).error().reason,
            "identity.forbidden");
  auto still = service_->ReadPerson(operator_, zhang.person_id, "");
  EXPECT_EQ(still->summary.assurance, AssuranceLevel::kL1);

  auto done = service_->VerifyInPerson(officer_, zhang.person_id, kZhangId);
  ASSERT_TRUE(done.ok()) << done.error().reason;
  EXPECT_EQ(done->summary.assurance, AssuranceLevel::kL3);
  EXPECT_EQ(done->assurance_verified_by, "staff_win");
  auto login = Login("13812345678");
  EXPECT_EQ(login->assurance, AssuranceLevel::kL3);
}

// --- enterprises ------------------------------------------------------------------

TEST_P(AccountServiceTest, EnterprisesWithALegalRepresentative) {
  PersonSummary zhang = Zhang();
  auto e = service_->CreateEnterprise(
      operator_, NewEnterprise{"91440300708461136t", "腾讯科技（深圳）有限公司", zhang.person_id, "active"});
  ASSERT_TRUE(e.ok()) << e.error().reason;
  EXPECT_EQ(e->uscc, "91440300708461136T");
  EXPECT_EQ(e->enterprise_id.rfind("ent_", 0), 0u);
  auto read = service_->ReadEnterprise(operator_, e->enterprise_id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->legal_representative_person_id, zhang.person_id);
  auto by_name = service_->SearchEnterprises(operator_, "腾讯", "", 10);
  ASSERT_TRUE(by_name.ok());
  EXPECT_EQ(by_name->size(), 1u);
  auto by_code = service_->SearchEnterprises(operator_, "91440300708461136T", "", 10);
  EXPECT_EQ(by_code->size(), 1u);
  std::optional<EnterpriseSummary> dir;
  db().Run([&](db::Transaction& tx) { dir = service_->FindEnterpriseByUscc(tx, "91440300708461136t"); });
  ASSERT_TRUE(dir);
  EXPECT_EQ(dir->enterprise_id, e->enterprise_id);
  auto detail = service_->ReadPerson(operator_, zhang.person_id, "");
  ASSERT_EQ(detail->represented_enterprises.size(), 1u);

  auto again =
      service_->CreateEnterprise(operator_, NewEnterprise{"91440300708461136T", "另一家", zhang.person_id});
  EXPECT_EQ(again.error().reason, "identity.enterprise_exists");
  EXPECT_EQ(service_->ReadEnterprise(operator_, "ent_nobody").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_->ReadEnterprise(security_, e->enterprise_id).error().reason, "identity.forbidden");
}

TEST_P(AccountServiceTest, BadEnterprisesWriteNothing) {
  PersonSummary zhang = Zhang();
  std::int64_t audit_before = Count("audit_log");
  struct Case {
    NewEnterprise e;
    const char* reason;
    const char* field;
  };
  const Case cases[] = {
      {{"91440300708461136X", "腾讯", zhang.person_id}, "identity.uscc_check", "/uscc"},
      {{"9144030070846113", "腾讯", zhang.person_id}, "identity.uscc_length", "/uscc"},
      {{"91440300708461136O", "腾讯", zhang.person_id}, "identity.uscc_characters", "/uscc"},
      {{"91440300708461136T", "", zhang.person_id}, "identity.name", "/name"},
      {{"91440300708461136T", std::string(201, 'a'), zhang.person_id}, "identity.name", "/name"},
      {{"91440300708461136T", "腾讯", "person_nobody"},
       "identity.legal_representative_not_found",
       "/legal_representative_person_id"},
      {{"91440300708461136T", "腾讯", zhang.person_id, "closed"},
       "identity.registry_status",
       "/registry_status"},
  };
  for (const Case& c : cases) {
    auto r = service_->CreateEnterprise(operator_, c.e);
    ASSERT_FALSE(r.ok()) << c.reason;
    EXPECT_EQ(r.error().reason, c.reason);
    EXPECT_EQ(r.error().field, c.field) << c.reason;
  }
  EXPECT_EQ(Count("enterprises"), 0);
  EXPECT_EQ(Count("audit_log"), audit_before);
}

// --- staff ------------------------------------------------------------------------

TEST_P(AccountServiceTest, StaffAreCreatedWithoutRolesThenAssigned) {
  auto s = service_->CreateStaff(system_, NewStaff{"Wang.Officer", "王窗口", "shanghai.market"});
  ASSERT_TRUE(s.ok()) << s.error().reason;
  EXPECT_TRUE(s->roles.empty());
  auto login = Login("wang.officer");
  ASSERT_TRUE(login);
  EXPECT_TRUE(login->staff);
  EXPECT_EQ(login->department_id, "shanghai.market");

  EXPECT_EQ(service_->AssignRoles(system_, s->staff_id, {Role::kWindowOfficer}).error().reason,
            "identity.forbidden");
  auto assigned = service_->AssignRoles(security_, s->staff_id, {Role::kWindowOfficer, Role::kReviewer});
  ASSERT_TRUE(assigned.ok()) << assigned.error().reason;
  EXPECT_EQ(assigned->roles, (std::vector<Role>{Role::kWindowOfficer, Role::kReviewer}));
  EXPECT_EQ(Login("wang.officer")->roles, (std::vector<Role>{Role::kWindowOfficer, Role::kReviewer}));

  auto sod = service_->AssignRoles(security_, s->staff_id, {Role::kSystemAdmin, Role::kAuditAdmin});
  ASSERT_FALSE(sod.ok());
  EXPECT_EQ(sod.error().reason, "identity.roles_separation_of_duties");
  EXPECT_EQ(sod.error().field, "/roles");
  EXPECT_EQ(service_->AssignRoles(security_, s->staff_id, {Role::kResident}).error().reason,
            "identity.role_not_for_staff");
  EXPECT_EQ(service_->AssignRoles(security_, "staff_sec", {Role::kSecurityAdmin}).error().reason,
            "identity.staff_self_assignment");
  EXPECT_EQ(service_->AssignRoles(security_, "staff_nobody", {Role::kReviewer}).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(Login("wang.officer")->roles, (std::vector<Role>{Role::kWindowOfficer, Role::kReviewer}));

  auto disabled = service_->DisableStaff(security_, s->staff_id);
  ASSERT_TRUE(disabled.ok());
  EXPECT_EQ(disabled->status, "disabled");
  EXPECT_EQ(Login("wang.officer")->status, "disabled");
  EXPECT_EQ(service_->DisableStaff(security_, "staff_sec").error().reason, "identity.staff_self_disable");
  EXPECT_EQ(service_->DisableStaff(system_, s->staff_id).error().reason, "identity.forbidden");
}

TEST_P(AccountServiceTest, BadStaffInputWritesNothing) {
  EXPECT_EQ(service_->CreateStaff(system_, NewStaff{"1abc", "王", "d"}).error().field, "/username");
  EXPECT_EQ(service_->CreateStaff(system_, NewStaff{"ab", "王", "d"}).error().field, "/username");
  EXPECT_EQ(service_->CreateStaff(system_, NewStaff{"wang li", "王", "d"}).error().field, "/username");
  EXPECT_EQ(service_->CreateStaff(system_, NewStaff{"wang", "", "d"}).error().field, "/name");
  EXPECT_EQ(service_->CreateStaff(system_, NewStaff{"wang", "王", "Dept A"}).error().field, "/department_id");
  EXPECT_EQ(service_->CreateStaff(security_, NewStaff{"wang", "王", "d"}).error().reason,
            "identity.forbidden");
  EXPECT_EQ(Count("staff"), 0);
  ASSERT_TRUE(service_->CreateStaff(system_, NewStaff{"wang", "王", "d"}).ok());
  EXPECT_EQ(service_->CreateStaff(system_, NewStaff{"WANG", "王二", "d"}).error().reason,
            "identity.staff_exists");
  EXPECT_EQ(Count("staff"), 1);
}

TEST_P(AccountServiceTest, ADepartmentAdministratorListsOnlyTheirDepartment) {
  ASSERT_TRUE(service_->CreateStaff(system_, NewStaff{"a.one", "甲", "dept_a"}).ok());
  ASSERT_TRUE(service_->CreateStaff(system_, NewStaff{"a.two", "乙", "dept_a"}).ok());
  ASSERT_TRUE(service_->CreateStaff(system_, NewStaff{"b.one", "丙", "dept_b"}).ok());
  auto mine = service_->ListStaff(StaffCaller("staff_da", {Role::kDepartmentAdmin}, "dept_a"), "", 50);
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->size(), 2u);
  for (const auto& s : *mine) EXPECT_EQ(s.department_id, "dept_a");
  auto all = service_->ListStaff(security_, "", 50);
  EXPECT_EQ(all->size(), 3u);
  auto page = service_->ListStaff(security_, "", 2);
  ASSERT_EQ(page->size(), 2u);
  auto rest = service_->ListStaff(security_, page->back().staff_id, 2);
  EXPECT_EQ(rest->size(), 1u);
  EXPECT_EQ(service_->ListStaff(officer_, "", 50).error().reason, "identity.forbidden");
}

// --- who looked at my data ----------------------------------------------------

TEST_P(AccountServiceTest, ThePersonSeesWhoLookedAndWhy) {
  PersonSummary zhang = Zhang();
  auto sec = service_->CreateStaff(system_, NewStaff{"sec.li", "李安全", "platform"});
  ASSERT_TRUE(sec.ok());
  Caller security = StaffCaller(sec->staff_id, {Role::kSecurityAdmin}, "platform");
  ASSERT_TRUE(service_->ReadPerson(security, zhang.person_id, "投诉处理").ok());
  ASSERT_TRUE(service_->UnmaskPerson(security, zhang.person_id, {"phone"}, "回电核实").ok());
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(service_->ReadPerson(operator_, zhang.person_id, "").ok());

  Caller me;
  me.kind = CallerKind::kPerson;
  me.subject_id = zhang.person_id;
  me.roles = {Role::kResident};
  auto page = service_->ListMyAccessLog(me, 0, 3);
  ASSERT_TRUE(page.ok()) << page.error().reason;
  ASSERT_EQ(page->items.size(), 3u);
  EXPECT_NE(page->next_before, 0);
  auto rest = service_->ListMyAccessLog(me, page->next_before, 3);
  ASSERT_EQ(rest->items.size(), 2u);
  const AccessLogEntry& unmask = rest->items[0];
  EXPECT_EQ(unmask.reader_kind, "staff");
  EXPECT_EQ(unmask.reader_name, "李安全");
  EXPECT_EQ(unmask.reader_department, "platform");
  EXPECT_EQ(unmask.purpose, "回电核实");
  EXPECT_EQ(unmask.fields, std::vector<std::string>{"phone"});
  EXPECT_TRUE(unmask.unmasked);
  EXPECT_EQ(rest->items[1].purpose, "投诉处理");
  EXPECT_FALSE(rest->items[1].unmasked);

  // Another person sees nothing of this; staff have no "own" access log.
  Caller other = me;
  other.subject_id = "person_other";
  EXPECT_TRUE(service_->ListMyAccessLog(other, 0, 50)->items.empty());
  EXPECT_EQ(service_->ListMyAccessLog(security, 0, 50).error().reason, "identity.forbidden");
  EXPECT_EQ(service_->ListMyAccessLog(me, -1, 50).error().reason, "identity.bad_cursor");
}

TEST_P(AccountServiceTest, TheAuditChainHoldsAfterEveryOperation) {
  PersonSummary zhang = Zhang();
  ASSERT_TRUE(service_->UnmaskPerson(security_, zhang.person_id, {"phone"}, "核实").ok());
  ASSERT_TRUE(service_->VerifyInPerson(officer_, zhang.person_id, kZhangId).ok());
  ASSERT_TRUE(service_->CreateStaff(system_, NewStaff{"x.y", "某", "d"}).ok());
  auto report = audit::Verify(db());
  EXPECT_TRUE(report.intact) << report.problem;
  EXPECT_EQ(report.records_checked, 4);
}

TONGBAN_INSTANTIATE_BACKEND_TESTS(AccountServiceTest);

}  // namespace
}  // namespace tongban::identity
