// The audit log (审计日志): append-only, hash-chained with SM3, written in the
// same transaction as the change it describes.
//
// Each record's hash is SM3(prev_hash ‖ length-prefixed fields), the first
// record's prev_hash is 32 zero bytes, and audit_head holds the last (seq, hash)
// so that removing records at the tail is detected as well as edits, gaps and
// reordering. A transaction's records are written in one flush before COMMIT
// under an advisory lock, so the chain is a single line even with several
// `serve` processes on PostgreSQL, and the lock is held only for the flush
// and the commit.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "core/error.hpp"
#include "db/database.hpp"
#include "db/migration.hpp"

namespace tongban::audit {

// Who acted. `principal` is whom the subject acted for (an enterprise, a
// resident represented by an agent); empty when acting for themselves.
struct Actor {
  std::string subject;     // "resident:01H…", "staff:…", "system:outbox", "anonymous"
  std::string role;        // "resident", "window_officer", "system", …
  std::string department;  // department code for staff; empty otherwise
  std::string principal;
};

enum class Outcome { kSuccess, kDenied, kFailed };
const char* OutcomeName(Outcome outcome);

struct Record {
  Actor actor;
  std::string action;       // "<module>.<object>.<verb>", e.g. "canary.write.create"
  std::string object_type;  // "canary_write"
  std::string object_id;
  std::string request_id;
  Outcome outcome = Outcome::kSuccess;
  std::string detail;  // short, never personal data
};

struct StoredRecord {
  std::int64_t seq = 0;
  std::string at;  // UTC, RFC 3339 with milliseconds
  Record record;
  std::string prev_hash;  // 32 bytes
  std::string hash;       // 32 bytes
};

// Appends one record inside `tx`. The record is chained and written just
// before the transaction commits (Transaction::BeforeCommit), together with
// every other record of the transaction: it commits with the change or not at all.
void Append(db::Transaction& tx, const Record& record);

struct VerifyReport {
  std::int64_t records_checked = 0;
  bool intact = true;
  // The first broken link: the sequence number where the chain stops holding,
  // and what is wrong there ("hash_mismatch", "prev_hash_mismatch", "gap",
  // "head_mismatch", "missing_head").
  std::int64_t broken_at = 0;
  std::string problem;
};

// Walks the whole chain in sequence order, in pages, and reports the first break.
VerifyReport Verify(db::Database& db);

// Records with seq > after, oldest first (at most `limit`).
std::vector<StoredRecord> List(db::Transaction& tx, std::int64_t after, int limit);

// This component's schema.
std::span<const db::Migration> Migrations();

// Exposed for tests: the chained hash of one record.
std::string ChainHash(const std::string& prev_hash, std::int64_t seq, const std::string& at,
                      const Record& record);

}  // namespace tongban::audit
