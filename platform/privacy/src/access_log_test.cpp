// The access log on both back ends: what a read records, that an unmasking
// needs a purpose and leaves an audit record, and how the person pages through it.
#include <gtest/gtest.h>

#include "audit/audit.hpp"
#include "privacy/personal_data.hpp"
#include "testing/backend_test.hpp"

namespace tongban::privacy {
namespace {

class AccessLogTest : public tongban::testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    std::vector<db::Migration> all;
    for (auto span : {audit::Migrations(), Migrations()}) all.insert(all.end(), span.begin(), span.end());
    auto applied = db::ApplyMigrations(db(), all);
    ASSERT_TRUE(applied.ok()) << applied.error().message_en;
  }

  static Access Read(std::string person_id, bool unmasked, std::string purpose = "受理业务核对身份") {
    Access a;
    a.person_id = std::move(person_id);
    a.reader = audit::Actor{"staff_01", "window_officer", "dept_a", ""};
    a.purpose = std::move(purpose);
    a.fields = unmasked ? "id_number" : "name,id_number,phone";
    a.unmasked = unmasked;
    a.object_type = "person";
    a.object_id = a.person_id;
    a.request_id = "req-1";
    return a;
  }

  Status Record(const Access& a) {
    return db().Write([&](db::Transaction& tx) { return RecordAccess(tx, a); });
  }

  std::vector<StoredAccess> List(const std::string& person_id, std::int64_t before = 0, int limit = 50) {
    std::vector<StoredAccess> out;
    db().Run([&](db::Transaction& tx) { out = ListAccess(tx, person_id, before, limit); });
    return out;
  }

  std::vector<audit::StoredRecord> AuditRecords() {
    std::vector<audit::StoredRecord> out;
    db().Run([&](db::Transaction& tx) { out = audit::List(tx, 0, 100); });
    return out;
  }
};

TEST_P(AccessLogTest, AMaskedReadIsRecordedWithoutAnAuditRecord) {
  ASSERT_TRUE(Record(Read("person_a", false, "")).ok());
  auto rows = List("person_a");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_GT(rows[0].seq, 0);
  EXPECT_EQ(rows[0].at.size(), 24u);  // 2026-11-21T05:42:03.123Z
  EXPECT_EQ(rows[0].access.reader.subject, "staff_01");
  EXPECT_EQ(rows[0].access.reader.role, "window_officer");
  EXPECT_EQ(rows[0].access.reader.department, "dept_a");
  EXPECT_EQ(rows[0].access.fields, "name,id_number,phone");
  EXPECT_FALSE(rows[0].access.unmasked);
  EXPECT_EQ(rows[0].access.object_type, "person");
  EXPECT_EQ(rows[0].access.request_id, "req-1");
  EXPECT_TRUE(AuditRecords().empty());
}

TEST_P(AccessLogTest, AnUnmaskingIsAuditedInTheSameTransaction) {
  ASSERT_TRUE(Record(Read("person_a", true)).ok());
  auto rows = List("person_a");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_TRUE(rows[0].access.unmasked);
  EXPECT_EQ(rows[0].access.purpose, "受理业务核对身份");
  auto records = AuditRecords();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].record.action, "privacy.personal_data.unmask");
  EXPECT_EQ(records[0].record.object_id, "person_a");
  EXPECT_EQ(records[0].record.actor.subject, "staff_01");
  EXPECT_EQ(records[0].record.detail, "fields=id_number access_seq=" + std::to_string(rows[0].seq));
  EXPECT_TRUE(audit::Verify(db()).intact);
}

TEST_P(AccessLogTest, AnUnmaskingWithoutAPurposeWritesNothing) {
  for (std::string purpose : {std::string(), std::string("  "), std::string("查")}) {
    Status st = Record(Read("person_a", true, purpose));
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().reason, "privacy.purpose_required");
    EXPECT_EQ(st.error().field, "/purpose");
  }
  EXPECT_TRUE(List("person_a").empty());
  EXPECT_TRUE(AuditRecords().empty());
}

TEST_P(AccessLogTest, APurposeOver200CharactersIsRefused) {
  std::string at_limit;
  for (int i = 0; i < 200; ++i) at_limit += "查";
  EXPECT_TRUE(Record(Read("person_a", true, at_limit)).ok());
  Status st = Record(Read("person_a", true, at_limit + "x"));
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().reason, "privacy.purpose_too_long");
  EXPECT_EQ(List("person_a").size(), 1u);
}

TEST_P(AccessLogTest, AnIncompleteRecordIsRefused) {
  Access a = Read("person_a", false);
  a.fields.clear();
  Status st = Record(a);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().reason, "privacy.access_incomplete");
  a = Read("", false);
  EXPECT_FALSE(Record(a).ok());
}

TEST_P(AccessLogTest, ThePersonPagesNewestFirstAndSeesOnlyTheirOwn) {
  for (int i = 0; i < 5; ++i) {
    Access a = Read("person_a", false, "第" + std::to_string(i) + "次");
    ASSERT_TRUE(Record(a).ok());
    ASSERT_TRUE(Record(Read("person_b", false)).ok());
  }
  auto first = List("person_a", 0, 3);
  ASSERT_EQ(first.size(), 3u);
  EXPECT_EQ(first[0].access.purpose, "第4次");
  EXPECT_EQ(first[2].access.purpose, "第2次");
  EXPECT_GT(first[0].seq, first[1].seq);
  auto rest = List("person_a", first.back().seq, 3);
  ASSERT_EQ(rest.size(), 2u);
  EXPECT_EQ(rest[0].access.purpose, "第1次");
  EXPECT_EQ(rest[1].access.purpose, "第0次");
  for (const auto& r : first) EXPECT_EQ(r.access.person_id, "person_a");
  EXPECT_TRUE(List("person_c").empty());
}

TEST_P(AccessLogTest, ARolledBackReadLeavesNoRow) {
  Status st = db().Write([&](db::Transaction& tx) -> Status {
    TONGBAN_RETURN_IF_ERROR(RecordAccess(tx, Read("person_a", true)));
    return Error::Make(ErrorCode::kFailedPrecondition, "test.abort", "中止", "abort");
  });
  EXPECT_FALSE(st.ok());
  EXPECT_TRUE(List("person_a").empty());
  EXPECT_TRUE(AuditRecords().empty());
}

TONGBAN_INSTANTIATE_BACKEND_TESTS(AccessLogTest);

}  // namespace
}  // namespace tongban::privacy
