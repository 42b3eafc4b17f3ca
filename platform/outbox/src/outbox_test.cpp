// The outbox on both back ends: events exist only when their transaction
// commits, every subscriber sees each event once (its database work commits
// with its cursor), a failing subscriber is retried without blocking others,
// and with two dispatchers on one PostgreSQL database only one leads.
#include "outbox/outbox.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "testing/backend_test.hpp"

namespace tongban::outbox {
namespace {

constexpr db::Sql kCreateSeen{"create_seen",
                              "CREATE TABLE seen (event_id TEXT PRIMARY KEY, topic TEXT NOT NULL)",
                              "CREATE TABLE seen (event_id TEXT PRIMARY KEY, topic TEXT NOT NULL)"};
constexpr db::Sql kInsertSeen{"insert_seen", "INSERT INTO seen (event_id, topic) VALUES ($1, $2)",
                              "INSERT INTO seen (event_id, topic) VALUES ($1, $2)"};
constexpr db::Sql kCountSeen{"count_seen", "SELECT COUNT(*) FROM seen", "SELECT COUNT(*) FROM seen"};

class OutboxTest : public tongban::testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto applied = db::ApplyMigrations(db(), Migrations());
    ASSERT_TRUE(applied.ok()) << applied.error().message_en;
    db().Run([](db::Transaction& tx) { tx.Execute(kCreateSeen); });
  }

  void PublishMany(int n, const std::string& topic) {
    for (int i = 0; i < n; ++i) {
      Status st = db().Write([&](db::Transaction& tx) -> Status {
        Publish(tx, NewEvent{topic, "thing", std::to_string(i), "{\"i\":" + std::to_string(i) + "}", "req"});
        return Status::Ok();
      });
      ASSERT_TRUE(st.ok()) << st.error().message_en << " " << st.error().detail;
    }
  }

  std::int64_t Seen() {
    std::int64_t n = 0;
    db().Run([&](db::Transaction& tx) { n = tx.Query(kCountSeen)[0].Int(0); });
    return n;
  }

  static Subscriber Recorder(std::string name, std::vector<std::string> topics = {}) {
    return Subscriber{std::move(name), std::move(topics), [](db::Transaction& tx, const Event& e) -> Status {
                        tx.Execute(kInsertSeen, {e.event_id, e.topic});
                        return Status::Ok();
                      }};
  }
};

TEST_P(OutboxTest, RolledBackTransactionPublishesNothing) {
  Status st = db().Write([](db::Transaction& tx) -> Status {
    Publish(tx, NewEvent{"test.thing.created", "thing", "1", "{}", "r"});
    return Error::Make(ErrorCode::kInvalidArgument, "test.no", "否", "no");
  });
  EXPECT_FALSE(st.ok());
  Dispatcher d(db(), {Recorder("rec")}, {});
  EXPECT_TRUE(d.RunOnce().ok());
  EXPECT_EQ(Seen(), 0);
  EXPECT_EQ(d.CurrentLag().undelivered_events, 0);
}

TEST_P(OutboxTest, DeliversEachEventOnceAcrossRuns) {
  PublishMany(250, "test.thing.created");
  Dispatcher d(db(), {Recorder("rec")}, DispatcherOptions{std::chrono::milliseconds(50), 100, {}});
  EXPECT_EQ(d.CurrentLag().undelivered_events, 250);
  EXPECT_TRUE(d.RunOnce().ok());
  EXPECT_EQ(Seen(), 250);
  EXPECT_EQ(d.CurrentLag().undelivered_events, 0);
  // A restarted dispatcher resumes from the stored cursor: nothing is seen twice
  // (the insert into seen would fail on its primary key).
  PublishMany(10, "test.thing.created");
  Dispatcher again(db(), {Recorder("rec")}, {});
  EXPECT_TRUE(again.RunOnce().ok());
  EXPECT_EQ(Seen(), 260);
}

TEST_P(OutboxTest, TopicFilterSkipsOtherTopics) {
  PublishMany(5, "test.a.created");
  PublishMany(7, "test.b.created");
  Dispatcher d(db(), {Recorder("only-b", {"test.b.created"})}, {});
  EXPECT_TRUE(d.RunOnce().ok());
  EXPECT_EQ(Seen(), 7);
  EXPECT_EQ(d.CurrentLag().undelivered_events, 0);
}

// Rounds of events a subscriber does not want write no cursor (at most one a
// second); its cursor moves durably with the next event it wants, and a
// restarted dispatcher that scans the skipped events again delivers nothing twice.
TEST_P(OutboxTest, SkippedEventsNeedNoCursorWriteAndNothingIsSeenTwice) {
  PublishMany(300, "test.a.created");
  Dispatcher d(db(), {Recorder("only-b", {"test.b.created"})},
               DispatcherOptions{std::chrono::milliseconds(50), 100, {}});
  EXPECT_TRUE(d.RunOnce().ok());
  EXPECT_EQ(Seen(), 0);
  PublishMany(1, "test.b.created");
  PublishMany(50, "test.a.created");
  EXPECT_TRUE(d.RunOnce().ok());
  EXPECT_EQ(Seen(), 1);
  PublishMany(2, "test.b.created");
  Dispatcher restarted(db(), {Recorder("only-b", {"test.b.created"})},
                       DispatcherOptions{std::chrono::milliseconds(50), 7, {}});
  EXPECT_TRUE(restarted.RunOnce().ok());  // a duplicate would fail on seen's primary key
  EXPECT_EQ(Seen(), 3);
  EXPECT_EQ(restarted.CurrentLag().undelivered_events, 0);
}

TEST_P(OutboxTest, FailingSubscriberIsRetriedAndIsolated) {
  PublishMany(6, "test.thing.created");
  std::atomic<int> failures_left{3};
  Subscriber flaky{"flaky", {}, [&](db::Transaction& tx, const Event& e) -> Status {
                     if (e.aggregate_id == "3" && failures_left.fetch_sub(1) > 0) {
                       return Error::Make(ErrorCode::kUnavailable, "test.down", "下游不可用",
                                          "downstream down");
                     }
                     tx.Execute(kInsertSeen, {e.event_id, e.topic});
                     return Status::Ok();
                   }};
  Dispatcher d(db(), {flaky}, {});
  EXPECT_FALSE(d.RunOnce().ok());
  // Events before the failing one were delivered one at a time after the failure.
  for (int i = 0; i < 5 && !d.RunOnce().ok(); ++i) {
  }
  EXPECT_TRUE(d.RunOnce().ok());
  EXPECT_EQ(Seen(), 6);
}

TEST_P(OutboxTest, BackgroundDispatcherDeliversAfterNotify) {
  Dispatcher d(db(), {Recorder("rec")}, DispatcherOptions{std::chrono::milliseconds(20), 100, {}});
  d.Start();
  PublishMany(30, "test.thing.created");
  d.Notify();
  for (int i = 0; i < 500 && Seen() < 30; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  d.Stop();
  EXPECT_EQ(Seen(), 30);
  EXPECT_EQ(d.delivered(), 30);
}

TEST_P(OutboxTest, OnlyOneDispatcherLeadsPerDatabase) {
  if (!is_postgres()) GTEST_SKIP() << "SQLite is owned by one process; leadership is trivially held";
  auto other = OpenAnother(scratch().Options());
  ASSERT_TRUE(other.ok()) << other.error().message_en;
  Dispatcher a(db(), {Recorder("rec")}, DispatcherOptions{std::chrono::milliseconds(20), 100, {}});
  Dispatcher b(**other, {Recorder("rec")}, DispatcherOptions{std::chrono::milliseconds(20), 100, {}});
  a.Start();
  for (int i = 0; i < 200 && !a.is_leader(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  b.Start();
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_TRUE(a.is_leader());
  EXPECT_FALSE(b.is_leader());
  a.Stop();
  for (int i = 0; i < 300 && !b.is_leader(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_TRUE(b.is_leader());
  b.Stop();
  (*other)->Close();
}

TONGBAN_INSTANTIATE_BACKEND_TESTS(OutboxTest);

}  // namespace
}  // namespace tongban::outbox
