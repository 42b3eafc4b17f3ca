// Every statement of queries/ runs at least once, on both back ends, through
// the store (STYLE.md §7), and the store's answers round-trip what it wrote.
#include <gtest/gtest.h>

#include <set>

#include "identity/accounts.hpp"
#include "sql_account_store.hpp"
#include "testing/backend_test.hpp"
#include "tongban_identity_sql.hpp"

namespace tongban::identity {
namespace {

// Forwards to the real transaction and notes which statements ran.
class RecordingTransaction : public db::Transaction {
 public:
  RecordingTransaction(db::Transaction& inner, std::set<std::string>& ran) : inner_(inner), ran_(ran) {}
  db::Dialect dialect() const override { return inner_.dialect(); }
  std::int64_t Execute(const db::Sql& sql, const db::Params& params) override {
    ran_.insert(sql.name);
    return inner_.Execute(sql, params);
  }
  db::Rows Query(const db::Sql& sql, const db::Params& params) override {
    ran_.insert(sql.name);
    return inner_.Query(sql, params);
  }
  void ExecuteScript(std::string_view script) override { inner_.ExecuteScript(script); }
  void LockForTransaction(std::int64_t key) override { inner_.LockForTransaction(key); }

 private:
  db::Transaction& inner_;
  std::set<std::string>& ran_;
};

class SqlAccountStoreTest : public tongban::testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto applied = db::ApplyMigrations(db(), Migrations());
    ASSERT_TRUE(applied.ok()) << applied.error().message_en;
  }
};

PersonRow Person(const std::string& id, const std::string& name, const std::string& index) {
  PersonRow p;
  p.id = id;
  p.name = name;
  p.id_kind = "resident_id";
  p.id_number_sealed = std::string("\x01\x00\xff sealed", 10);
  p.id_number_index = "idx-" + index;
  p.id_number_masked = "310***********1234";
  p.nationality = "CHN";
  p.phone_sealed = std::string("\x01\x02\x00 phone", 10);
  p.phone_index = "phone-" + index;
  p.phone_masked = "138****5678";
  p.assurance_level = "L1";
  p.status = "active";
  p.created_at = p.updated_at = "2026-11-21T00:00:00.000Z";
  return p;
}

TEST_P(SqlAccountStoreTest, EveryStatementRunsAndRoundTrips) {
  std::set<std::string> ran;
  Status st = db().Write([&](db::Transaction& real) -> Status {
    RecordingTransaction tx(real, ran);
    SqlAccountStore store(tx);
    EXPECT_TRUE(store.InsertPerson(Person("person_a", "张三", "a")));
    EXPECT_TRUE(store.InsertPerson(Person("person_b", "李_四%", "b")));
    EXPECT_FALSE(store.InsertPerson(Person("person_c", "王五", "a")));  // the document index is taken
    auto a = store.FindPerson("person_a");
    EXPECT_TRUE(a);
    if (a) {
      EXPECT_EQ(a->id_number_sealed, std::string("\x01\x00\xff sealed", 10));  // binary survives
      EXPECT_EQ(a->phone_index, "phone-a");
    }
    EXPECT_EQ(store.FindPersonByIdNumberIndex("idx-b")->id, "person_b");
    EXPECT_EQ(store.FindPersonByPhoneIndex("phone-a")->id, "person_a");
    EXPECT_FALSE(store.FindPersonByPhoneIndex("phone-z"));
    // LIKE metacharacters in a name fragment are literal.
    EXPECT_EQ(store.FindPersonsByName(ContainsPattern("_四%"), "", 10).size(), 1u);
    EXPECT_EQ(store.FindPersonsByName(ContainsPattern("%"), "", 10).size(), 1u);
    EXPECT_EQ(store.FindPersonsByName(ContainsPattern("三"), "", 10).size(), 1u);
    EXPECT_EQ(store.ListPersons("", 1).size(), 1u);
    EXPECT_EQ(store.ListPersons("person_a", 10).size(), 1u);
    store.UpdatePersonAssurance("person_a", "L3", "staff_w", "2026-11-21T01:00:00.000Z");
    EXPECT_EQ(store.FindPerson("person_a")->assurance_level, "L3");

    EnterpriseRow e;
    e.summary = EnterpriseSummary{"ent_1", "91440300708461136T", "腾讯", "person_a", "active"};
    e.created_at = e.updated_at = "2026-11-21T00:00:00.000Z";
    EXPECT_TRUE(store.InsertEnterprise(e));
    e.summary.enterprise_id = "ent_2";
    EXPECT_FALSE(store.InsertEnterprise(e));  // the code is taken
    EXPECT_EQ(store.FindEnterprise("ent_1")->summary.name, "腾讯");
    EXPECT_EQ(store.FindEnterpriseByUscc("91440300708461136T")->summary.enterprise_id, "ent_1");
    EXPECT_EQ(store.FindEnterprises(ContainsPattern("腾"), "", "", 10).size(), 1u);
    EXPECT_EQ(store.FindEnterprises(ContainsPattern("nothing"), "91440300708461136T", "", 10).size(), 1u);
    EXPECT_EQ(store.FindEnterprisesByLegalRepresentative("person_a").size(), 1u);

    StaffRow s{"staff_1", "wang", "王", "dept_a", "", "active", "t", "t"};
    EXPECT_TRUE(store.InsertStaff(s));
    s.id = "staff_2";
    EXPECT_FALSE(store.InsertStaff(s));  // the username is taken
    s = StaffRow{"staff_3", "li", "李", "dept_b", "reviewer", "active", "t", "t"};
    EXPECT_TRUE(store.InsertStaff(s));
    EXPECT_EQ(store.FindStaff("staff_1")->username, "wang");
    EXPECT_EQ(store.FindStaffByUsername("li")->id, "staff_3");
    EXPECT_EQ(store.ListStaff("", "", 10).size(), 2u);
    EXPECT_EQ(store.ListStaff("dept_b", "", 10).size(), 1u);
    store.UpdateStaffRoles("staff_1", "window_officer,reviewer", "t2");
    store.UpdateStaffStatus("staff_1", "disabled", "t2");
    auto w = store.FindStaff("staff_1");
    EXPECT_EQ(w->roles, "window_officer,reviewer");
    EXPECT_EQ(w->status, "disabled");
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.error().message_en << " " << st.error().detail;
  for (const db::Sql* sql : sql::kAll) EXPECT_TRUE(ran.count(sql->name)) << sql->name << " never ran";
}

TONGBAN_INSTANTIATE_BACKEND_TESTS(SqlAccountStoreTest);

}  // namespace
}  // namespace tongban::identity
