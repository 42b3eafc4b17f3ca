// The audit chain on both back ends: appends in group-committed batches verify,
// and every kind of tampering — edit, delete in the middle, delete at the
// tail, forged hash — is reported at the first broken link.
#include "audit/audit.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "testing/backend_test.hpp"

namespace tongban::audit {
namespace {

class AuditTest : public tongban::testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto applied = db::ApplyMigrations(db(), Migrations());
    ASSERT_TRUE(applied.ok()) << applied.error().message_en;
  }

  void AppendMany(int n) {
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([this, t, n] {
        for (int i = 0; i < n / 4; ++i) {
          Status st = db().Write([&](db::Transaction& tx) -> Status {
            Append(tx, Record{{"resident:" + std::to_string(t), "resident", "", ""},
                              "test.thing.create",
                              "thing",
                              std::to_string(i),
                              "req-" + std::to_string(i),
                              Outcome::kSuccess,
                              "第" + std::to_string(i) + "条"});
            return Status::Ok();
          });
          EXPECT_TRUE(st.ok());
        }
      });
    }
    for (auto& th : threads) th.join();
  }

  void Tamper(const std::string& sql) {
    db().Run([&](db::Transaction& tx) { tx.ExecuteScript(sql); });
  }
};

TEST_P(AuditTest, EmptyChainIsIntact) {
  VerifyReport r = Verify(db());
  EXPECT_TRUE(r.intact);
  EXPECT_EQ(r.records_checked, 0);
}

TEST_P(AuditTest, ConcurrentAppendsFormOneChain) {
  AppendMany(400);
  VerifyReport r = Verify(db());
  EXPECT_TRUE(r.intact) << r.problem << " at " << r.broken_at;
  EXPECT_EQ(r.records_checked, 400);
  std::vector<StoredRecord> first;
  db().Run([&](db::Transaction& tx) { first = List(tx, 0, 2); });
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].seq, 1);
  EXPECT_EQ(first[0].prev_hash, std::string(32, '\0'));
  EXPECT_EQ(first[1].prev_hash, first[0].hash);
  EXPECT_EQ(first[0].record.action, "test.thing.create");
}

TEST_P(AuditTest, EditedFieldIsDetected) {
  AppendMany(40);
  Tamper("UPDATE audit_log SET subject = 'resident:someone-else' WHERE seq = 17");
  VerifyReport r = Verify(db());
  EXPECT_FALSE(r.intact);
  EXPECT_EQ(r.broken_at, 17);
  EXPECT_EQ(r.problem, "hash_mismatch");
}

TEST_P(AuditTest, EditedOutcomeIsDetected) {
  AppendMany(40);
  Tamper("UPDATE audit_log SET outcome = 'denied' WHERE seq = 3");
  VerifyReport r = Verify(db());
  EXPECT_FALSE(r.intact);
  EXPECT_EQ(r.broken_at, 3);
}

TEST_P(AuditTest, DeletedMiddleRecordIsDetected) {
  AppendMany(40);
  Tamper("DELETE FROM audit_log WHERE seq = 20");
  VerifyReport r = Verify(db());
  EXPECT_FALSE(r.intact);
  EXPECT_EQ(r.broken_at, 20);
  EXPECT_EQ(r.problem, "gap");
}

TEST_P(AuditTest, DeletedTailIsDetected) {
  AppendMany(40);
  Tamper("DELETE FROM audit_log WHERE seq > 37");
  VerifyReport r = Verify(db());
  EXPECT_FALSE(r.intact);
  EXPECT_EQ(r.broken_at, 38);
}

TEST_P(AuditTest, RenumberedRecordsAreDetected) {
  AppendMany(40);
  // Delete one and move the next into its place to hide the gap: the hashes give it away.
  Tamper("DELETE FROM audit_log WHERE seq = 10; UPDATE audit_log SET seq = 10 WHERE seq = 11");
  VerifyReport r = Verify(db());
  EXPECT_FALSE(r.intact);
  EXPECT_EQ(r.broken_at, 10);
}

TEST_P(AuditTest, ForgedHashIsDetected) {
  AppendMany(40);
  // Recompute nothing, just overwrite one stored hash with another record's.
  Tamper("UPDATE audit_log SET hash = (SELECT hash FROM audit_log WHERE seq = 5) WHERE seq = 6");
  VerifyReport r = Verify(db());
  EXPECT_FALSE(r.intact);
  EXPECT_EQ(r.broken_at, 6);
}

TEST_P(AuditTest, RolledBackUnitLeavesNoRecord) {
  Status st = db().Write([](db::Transaction& tx) -> Status {
    Append(tx, Record{{"staff:1", "reviewer", "D01", ""},
                      "test.thing.delete",
                      "thing",
                      "1",
                      "r",
                      Outcome::kSuccess,
                      ""});
    return Error::Make(ErrorCode::kFailedPrecondition, "test.refused", "拒绝", "refused");
  });
  EXPECT_FALSE(st.ok());
  AppendMany(4);
  VerifyReport r = Verify(db());
  EXPECT_TRUE(r.intact);
  EXPECT_EQ(r.records_checked, 4);
}

TEST_P(AuditTest, AwkwardTextSurvivesTheBatchInsert) {
  // PostgreSQL receives a batch as array literals: quotes, backslashes, braces,
  // commas, NULL-looking words and Chinese must come back byte for byte.
  const std::string awkward = "a\"b\\c,{d} NULL 名称\n";
  Status st = db().Write([&](db::Transaction& tx) -> Status {
    Append(tx, Record{{awkward, "role", "", ""}, "test.x", "t", "1", "r", Outcome::kSuccess, awkward});
    Append(tx, Record{{"", "", "", ""}, "test.y", "t", "2", "", Outcome::kFailed, ""});
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.error().detail;
  std::vector<StoredRecord> rows;
  db().Run([&](db::Transaction& tx) { rows = List(tx, 0, 10); });
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].record.actor.subject, awkward);
  EXPECT_EQ(rows[0].record.detail, awkward);
  EXPECT_EQ(rows[1].record.outcome, Outcome::kFailed);
  EXPECT_TRUE(Verify(db()).intact);
}

TEST(AuditHashTest, FieldsAreLengthPrefixed) {
  Record a{{"ab", "c", "", ""}, "x", "t", "1", "r", Outcome::kSuccess, ""};
  Record b{{"a", "bc", "", ""}, "x", "t", "1", "r", Outcome::kSuccess, ""};
  std::string genesis(32, '\0');
  EXPECT_NE(ChainHash(genesis, 1, "t", a), ChainHash(genesis, 1, "t", b));
  EXPECT_EQ(ChainHash(genesis, 1, "t", a).size(), 32u);
}

TONGBAN_INSTANTIATE_BACKEND_TESTS(AuditTest);

}  // namespace
}  // namespace tongban::audit
