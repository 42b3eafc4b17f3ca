// Canary writes (探针写入): a synthetic durable write that operators' monitoring,
// the benchmark and the kill -9 durability test send through the whole stack —
// HTTP, worker pool, group commit, audit chain, outbox — and read back. It is a
// real write path with no business meaning, so it is off unless
// `canary.enabled` is set, and it will require the operator role once
// identity (C3) lands.
#pragma once

#include <functional>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "audit/audit.hpp"
#include "core/error.hpp"
#include "db/database.hpp"
#include "db/migration.hpp"
#include "outbox/outbox.hpp"

namespace tongban::canary {

// model ----------------------------------------------------------------------

inline constexpr std::size_t kMaxClientIdChars = 64;
inline constexpr std::size_t kMaxPayloadChars = 1024;

struct CanaryWrite {
  std::string id;         // ULID
  std::string client_id;  // the writer's own name: [A-Za-z0-9_-]{1,64}
  std::int64_t seq = 0;   // the writer's sequence number; (client_id, seq) is unique
  std::string payload;
  std::string created_at;
  std::string request_id;
};

struct NewCanaryWrite {
  std::string client_id;
  std::int64_t seq = 0;
  std::string payload;
};

// Field errors name the JSON pointer: /client_id, /seq, /payload.
Status Validate(const NewCanaryWrite& input);

// service --------------------------------------------------------------------

struct RecordOutcome {
  CanaryWrite write;
  bool created = false;  // false: an identical earlier write was found (an idempotent retry)
};

class CanaryService {
 public:
  explicit CanaryService(db::Database& db) : db_(db) {}

  // Records the write, its audit record and its event in one transaction.
  // A retry with the same (client_id, seq) and payload returns the stored write;
  // a different payload is canary.seq_conflict.
  Result<RecordOutcome> Record(const audit::Actor& actor, const std::string& request_id,
                               const NewCanaryWrite& input);
  // The same without waiting: `done` runs once the write is durable or has
  // failed, on the writer's thread (on the caller's for invalid input or a
  // closed database) — see Database::WriteAsync.
  void RecordAsync(const audit::Actor& actor, const std::string& request_id, const NewCanaryWrite& input,
                   std::function<void(Result<RecordOutcome>)> done);
  Result<CanaryWrite> Get(const std::string& id);
  // Writes of one client with seq > after_seq, by seq, at most limit (≤ 1000).
  Result<std::vector<CanaryWrite>> ListByClient(const std::string& client_id, std::int64_t after_seq,
                                                int limit);
  // Events of this client the outbox subscriber has counted (exactly once each).
  Result<std::int64_t> Tally(const std::string& client_id);

  // The outbox subscriber that keeps the tallies.
  static outbox::Subscriber TallySubscriber();

 private:
  db::Database& db_;
};

std::span<const db::Migration> Migrations();

}  // namespace tongban::canary
