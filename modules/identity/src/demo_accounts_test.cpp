// The demo accounts load on both back ends, twice without change, and every
// login of docs/demo-accounts.md finds its subject with the documented role.
#include <gtest/gtest.h>

#include "audit/audit.hpp"
#include "identity/accounts.hpp"
#include "identity/authentication.hpp"
#include "outbox/outbox.hpp"
#include "testing/backend_test.hpp"

namespace tongban::identity {
namespace {

class DemoAccountsTest : public tongban::testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    std::vector<db::Migration> all;
    for (auto span :
         {audit::Migrations(), outbox::Migrations(), privacy::Migrations(), Migrations(), AuthMigrations()}) {
      all.insert(all.end(), span.begin(), span.end());
    }
    auto applied = db::ApplyMigrations(db(), all);
    ASSERT_TRUE(applied.ok()) << applied.error().message_en;
    service_ = std::make_unique<AccountService>(db(), vault_);
  }

  std::optional<LoginSubject> Login(const std::string& login) {
    std::optional<LoginSubject> out;
    db().Run([&](db::Transaction& tx) { out = service_->FindByLogin(tx, login); });
    return out;
  }

  std::int64_t Count(const char* table) {
    std::int64_t n = 0;
    std::string text = std::string("SELECT COUNT(*) FROM ") + table;
    db().Run([&](db::Transaction& tx) {
      n = tx.Query(db::Sql{"count", text.c_str(), text.c_str()})[0].Int(0);
    });
    return n;
  }

  crypto::KeySet keys_ = crypto::KeySet::Generate();
  privacy::Vault vault_{keys_};
  std::unique_ptr<AccountService> service_;
};

TEST_P(DemoAccountsTest, LoadsOnceAndEveryDocumentedLoginWorks) {
  Status first = LoadDemoAccounts(db(), *service_);
  ASSERT_TRUE(first.ok()) << first.error().reason << " " << first.error().detail;
  EXPECT_EQ(Count("persons"), 9);
  EXPECT_EQ(Count("enterprises"), 3);
  EXPECT_EQ(Count("staff"), 10);
  std::int64_t audit_records = Count("audit_log");
  ASSERT_TRUE(LoadDemoAccounts(db(), *service_).ok());
  EXPECT_EQ(Count("persons"), 9);
  EXPECT_EQ(Count("staff"), 10);
  EXPECT_EQ(Count("audit_log"), audit_records);

  EXPECT_EQ(Login("13800000001")->assurance, AssuranceLevel::kL1);
  EXPECT_EQ(Login("13800000002")->assurance, AssuranceLevel::kL2);
  EXPECT_EQ(Login("13800000003")->assurance, AssuranceLevel::kL3);
  EXPECT_EQ(Login("31010719920620031X")->display_name, "刘洋");
  EXPECT_EQ(Login("H12345678")->display_name, "陳大文");
  struct StaffLogin {
    const char* username;
    Role role;
    const char* department;
  };
  const StaffLogin staff[] = {
      {"market.window", Role::kWindowOfficer, "shanghai.market"},
      {"market.reviewer", Role::kReviewer, "shanghai.market"},
      {"market.admin", Role::kDepartmentAdmin, "shanghai.market"},
      {"housing.window", Role::kWindowOfficer, "shanghai.housing"},
      {"housing.reviewer", Role::kReviewer, "shanghai.housing"},
      {"housing.admin", Role::kDepartmentAdmin, "shanghai.housing"},
      {"operator", Role::kPlatformOperator, "shanghai.bigdata"},
      {"sysadmin", Role::kSystemAdmin, "shanghai.bigdata"},
      {"secadmin", Role::kSecurityAdmin, "shanghai.bigdata"},
      {"auditadmin", Role::kAuditAdmin, "shanghai.bigdata"},
  };
  for (const StaffLogin& s : staff) {
    auto subject = Login(s.username);
    ASSERT_TRUE(subject) << s.username;
    EXPECT_TRUE(subject->staff);
    EXPECT_EQ(subject->roles, std::vector<Role>{s.role}) << s.username;
    EXPECT_EQ(subject->department_id, s.department) << s.username;
  }
  std::optional<EnterpriseSummary> enterprise;
  db().Run([&](db::Transaction& tx) {
    auto zhao = service_->FindByLogin(tx, "13800000004");
    enterprise = service_->FindEnterpriseByUscc(tx, "91310101MA1FL0D18X");
    ASSERT_TRUE(zhao);
    ASSERT_TRUE(enterprise);
    EXPECT_EQ(enterprise->legal_representative_person_id, zhao->subject_id);
  });
  EXPECT_TRUE(audit::Verify(db()).intact);
}

TONGBAN_INSTANTIATE_BACKEND_TESTS(DemoAccountsTest);

}  // namespace
}  // namespace tongban::identity
