#include "canary/canary.hpp"

#include <map>
#include <memory>

#include "core/ids.hpp"
#include "core/utc.hpp"
#include "sql_canary_store.hpp"
#include "tongban_canary_migrations.hpp"

namespace tongban::canary {
namespace {

Error NotFound() {
  return Error::Make(ErrorCode::kNotFound, "canary.write_not_found", "未找到该探针写入记录",
                     "no such canary write");
}

// The unit of Record and RecordAsync: the write, its audit record and its
// event, or the stored write for an identical retry (into `*outcome_ptr`).
db::WriteUnit RecordUnit(audit::Actor actor, std::string request_id, NewCanaryWrite input,
                         std::shared_ptr<RecordOutcome> outcome_ptr) {
  return [actor = std::move(actor), request_id = std::move(request_id), input = std::move(input),
          outcome_ptr](db::Transaction& tx) -> Status {
    RecordOutcome& outcome = *outcome_ptr;
    SqlCanaryStore store(tx);
    // One round trip in the common case: insert unless (client_id, seq) is taken.
    CanaryWrite w{NewUlid(), input.client_id, input.seq, input.payload, NowUtcMillis(), request_id};
    if (!store.InsertIfAbsent(w)) {
      auto existing = store.FindByClientSeq(input.client_id, input.seq);
      if (!existing || existing->payload != input.payload) {
        return Error::Make(ErrorCode::kConflict, "canary.seq_conflict",
                           "该 client_id 与 seq 已用于不同的内容",
                           "this client_id and seq were already used with a different payload", "/seq");
      }
      outcome = RecordOutcome{*existing, false};
      return Status::Ok();
    }
    audit::Append(tx, audit::Record{actor, "canary.write.create", "canary_write", w.id, request_id,
                                    audit::Outcome::kSuccess, ""});
    outbox::Publish(
        tx, outbox::NewEvent{"canary.write.recorded", "canary_write", w.id,
                             "{\"client_id\":\"" + w.client_id + "\",\"seq\":" + std::to_string(w.seq) + "}",
                             request_id});
    outcome = RecordOutcome{std::move(w), true};
    return Status::Ok();
  };
}

}  // namespace

Result<RecordOutcome> CanaryService::Record(const audit::Actor& actor, const std::string& request_id,
                                            const NewCanaryWrite& input) {
  TONGBAN_RETURN_IF_ERROR(Validate(input));
  auto outcome = std::make_shared<RecordOutcome>();
  Status st = db_.Write(RecordUnit(actor, request_id, input, outcome));
  if (!st.ok()) return st.error();
  return std::move(*outcome);
}

void CanaryService::RecordAsync(const audit::Actor& actor, const std::string& request_id,
                                const NewCanaryWrite& input,
                                std::function<void(Result<RecordOutcome>)> done) {
  if (Status valid = Validate(input); !valid.ok()) {
    done(valid.error());
    return;
  }
  auto outcome = std::make_shared<RecordOutcome>();
  db_.WriteAsync(RecordUnit(actor, request_id, input, outcome), [outcome, done = std::move(done)](Status st) {
    if (!st.ok()) {
      done(st.error());
    } else {
      done(std::move(*outcome));
    }
  });
}

Result<CanaryWrite> CanaryService::Get(const std::string& id) {
  std::optional<CanaryWrite> found;
  db_.Run([&](db::Transaction& tx) { found = SqlCanaryStore(tx).FindById(id); });
  if (!found) return NotFound();
  return *found;
}

Result<std::vector<CanaryWrite>> CanaryService::ListByClient(const std::string& client_id,
                                                             std::int64_t after_seq, int limit) {
  TONGBAN_RETURN_IF_ERROR(Validate(NewCanaryWrite{client_id, 0, ""}));
  if (limit < 1 || limit > 1000) {
    return Error::Make(ErrorCode::kInvalidArgument, "canary.bad_limit", "limit 须在 1–1000 之间",
                       "limit must be within 1–1000", "limit");
  }
  std::vector<CanaryWrite> out;
  db_.Run([&](db::Transaction& tx) { out = SqlCanaryStore(tx).ListByClient(client_id, after_seq, limit); });
  return out;
}

Result<std::int64_t> CanaryService::Tally(const std::string& client_id) {
  TONGBAN_RETURN_IF_ERROR(Validate(NewCanaryWrite{client_id, 0, ""}));
  std::int64_t n = 0;
  db_.Run([&](db::Transaction& tx) { n = SqlCanaryStore(tx).Tally(client_id); });
  return n;
}

namespace {

// The event payload is written by Record above as {"client_id":"…","seq":N}
// with a validated client_id ([A-Za-z0-9_-], no quotes or escapes), so the
// value is the text between the key and the next quote.
std::optional<std::string> ClientIdOf(const std::string& payload) {
  static constexpr std::string_view kKey = "\"client_id\":\"";
  auto start = payload.find(kKey);
  if (start == std::string::npos) return std::nullopt;
  start += kKey.size();
  auto end = payload.find('"', start);
  if (end == std::string::npos) return std::nullopt;
  std::string client_id = payload.substr(start, end - start);
  if (!Validate(NewCanaryWrite{client_id, 0, ""}).ok()) return std::nullopt;
  return client_id;
}

// The events of one delivery counted per client and added to the tallies
// just before its commit: one statement per delivery instead of one per event
// (the dispatcher delivers up to a batch of events in one transaction, and
// the tally moves with the cursor in that transaction, as before).
struct PendingTallies {
  bool flush_registered = false;
  std::map<std::string, std::int64_t> counts;
};

void AddToTally(db::Transaction& tx, const std::string& client_id) {
  PendingTallies& pending = tx.Attachment<PendingTallies>();
  ++pending.counts[client_id];
  if (pending.flush_registered) return;
  pending.flush_registered = true;
  tx.BeforeCommit([&tx] {
    PendingTallies& p = tx.Attachment<PendingTallies>();
    SqlCanaryStore(tx).AddTallies(p.counts);
    p.counts.clear();
  });
}

}  // namespace

outbox::Subscriber CanaryService::TallySubscriber() {
  return outbox::Subscriber{
      "canary.tally", {"canary.write.recorded"}, [](db::Transaction& tx, const outbox::Event& e) -> Status {
        auto client_id = ClientIdOf(e.payload);
        if (!client_id) {
          return Error::Make(ErrorCode::kInternal, "canary.bad_event", "内部错误", "malformed canary event")
              .WithDetail("event " + e.event_id);
        }
        AddToTally(tx, *client_id);
        return Status::Ok();
      }};
}

std::span<const db::Migration> Migrations() {
  return migrations::kMigrations;
}

}  // namespace tongban::canary
