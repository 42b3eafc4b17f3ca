#include "audit/audit.hpp"

#include "core/utc.hpp"
#include "crypto/sm3.hpp"
#include "db/pg_array.hpp"
#include "tongban_audit_migrations.hpp"
#include "tongban_audit_sql.hpp"

namespace tongban::audit {
namespace {

// pg_advisory_xact_lock key for chain appends: "audit" in ASCII.
constexpr std::int64_t kChainLockKey = 0x6175646974;

const std::string kGenesis(32, '\0');

void AddField(crypto::Sm3Hasher& h, std::string_view field) {
  // Length-prefixed so that ("ab","c") and ("a","bc") hash differently.
  std::uint64_t n = field.size();
  char len[8];
  for (int i = 7; i >= 0; --i) {
    len[i] = static_cast<char>(n & 0xFF);
    n >>= 8;
  }
  h.Update(std::string_view(len, 8));
  h.Update(field);
}

Outcome ParseOutcome(const std::string& s) {
  if (s == "denied") return Outcome::kDenied;
  if (s == "failed") return Outcome::kFailed;
  return Outcome::kSuccess;
}

}  // namespace

const char* OutcomeName(Outcome outcome) {
  switch (outcome) {
    case Outcome::kSuccess: return "success";
    case Outcome::kDenied: return "denied";
    case Outcome::kFailed: return "failed";
  }
  return "success";
}

std::string ChainHash(const std::string& prev_hash, std::int64_t seq, const std::string& at,
                      const Record& r) {
  crypto::Sm3Hasher h;
  AddField(h, prev_hash);
  AddField(h, std::to_string(seq));
  AddField(h, at);
  AddField(h, r.actor.subject);
  AddField(h, r.actor.role);
  AddField(h, r.actor.department);
  AddField(h, r.actor.principal);
  AddField(h, r.action);
  AddField(h, r.object_type);
  AddField(h, r.object_id);
  AddField(h, r.request_id);
  AddField(h, OutcomeName(r.outcome));
  AddField(h, r.detail);
  return crypto::ToBytes(h.Finish());
}

namespace {

// Records appended in this transaction, chained and written just before
// COMMIT: the chain lock is then held only for the flush and the commit, and
// PostgreSQL receives the whole batch in one statement.
struct PendingRecords {
  bool flush_registered = false;
  std::vector<std::pair<std::string, Record>> records;  // (at, record)
};

void Flush(db::Transaction& tx) {
  PendingRecords& pending = tx.Attachment<PendingRecords>();
  if (pending.records.empty()) return;
  tx.LockForTransaction(kChainLockKey);
  db::Rows head_rows = tx.Query(sql::kSelectAuditHead);
  std::int64_t seq = head_rows.empty() ? 0 : head_rows[0].Int(0);
  std::string prev = head_rows.empty() ? kGenesis : head_rows[0].Bytes(1);

  const bool batch = tx.dialect() == db::Dialect::kPostgres;
  std::vector<std::int64_t> seqs;
  std::vector<std::string> cols[11];
  std::vector<std::string> prevs, hashes;
  for (const auto& [at, r] : pending.records) {
    ++seq;
    std::string hash = ChainHash(prev, seq, at, r);
    if (batch) {
      seqs.push_back(seq);
      const std::string* values[11] = {
          &at,       &r.actor.subject, &r.actor.role, &r.actor.department, &r.actor.principal,
          &r.action, &r.object_type,   &r.object_id,  &r.request_id,       nullptr,
          &r.detail};
      for (int c = 0; c < 11; ++c) cols[c].push_back(values[c] ? *values[c] : OutcomeName(r.outcome));
      prevs.push_back(prev);
      hashes.push_back(hash);
    } else {
      tx.Execute(sql::kInsertAuditRecords,
                 {seq, at, r.actor.subject, r.actor.role, r.actor.department, r.actor.principal, r.action,
                  r.object_type, r.object_id, r.request_id, OutcomeName(r.outcome), r.detail, db::Blob{prev},
                  db::Blob{hash}});
    }
    prev = std::move(hash);
  }
  if (batch) {
    db::Params params{db::PgIntArray(seqs)};
    for (auto& col : cols) params.emplace_back(db::PgTextArray(col));
    params.emplace_back(db::PgByteaArray(prevs));
    params.emplace_back(db::PgByteaArray(hashes));
    tx.Execute(sql::kInsertAuditRecords, params);  // also moves the head to `seq`
  } else {
    tx.Execute(sql::kUpsertAuditHead, {seq, db::Blob{prev}});
  }
  pending.records.clear();
}

}  // namespace

void Append(db::Transaction& tx, const Record& record) {
  PendingRecords& pending = tx.Attachment<PendingRecords>();
  pending.records.emplace_back(NowUtcMillis(), record);
  if (!pending.flush_registered) {
    pending.flush_registered = true;
    tx.BeforeCommit([&tx] { Flush(tx); });
  }
}

std::vector<StoredRecord> List(db::Transaction& tx, std::int64_t after, int limit) {
  std::vector<StoredRecord> out;
  for (db::Row row : tx.Query(sql::kSelectAuditRecordsAfter, {after, limit})) {
    StoredRecord s;
    s.seq = row.Int(0);
    s.at = row.Text(1);
    s.record.actor = Actor{row.Text(2), row.Text(3), row.Text(4), row.Text(5)};
    s.record.action = row.Text(6);
    s.record.object_type = row.Text(7);
    s.record.object_id = row.Text(8);
    s.record.request_id = row.Text(9);
    s.record.outcome = ParseOutcome(row.Text(10));
    s.record.detail = row.Text(11);
    s.prev_hash = row.Bytes(12);
    s.hash = row.Bytes(13);
    out.push_back(std::move(s));
  }
  return out;
}

VerifyReport Verify(db::Database& db) {
  VerifyReport report;
  std::int64_t expected_seq = 1;
  std::string prev = kGenesis;
  constexpr int kPage = 5000;
  auto fail = [&report](std::int64_t seq, const char* problem) {
    report.intact = false;
    report.broken_at = seq;
    report.problem = problem;
  };
  while (report.intact) {
    std::vector<StoredRecord> page;
    db.Run([&](db::Transaction& tx) { page = List(tx, expected_seq - 1, kPage); });
    // A gap shows as a page that starts beyond the expected sequence number.
    for (const StoredRecord& s : page) {
      if (s.seq != expected_seq) {
        fail(expected_seq, "gap");
        break;
      }
      if (s.prev_hash != prev) {
        fail(s.seq, "prev_hash_mismatch");
        break;
      }
      if (ChainHash(prev, s.seq, s.at, s.record) != s.hash) {
        fail(s.seq, "hash_mismatch");
        break;
      }
      prev = s.hash;
      ++expected_seq;
      ++report.records_checked;
    }
    if (!report.intact || static_cast<int>(page.size()) < kPage) break;
  }
  if (!report.intact) return report;
  // Records beyond the last readable one (a gap after the end of a page run)
  // or removed from the tail: compare with audit_head.
  db::Rows head;
  db.Run([&](db::Transaction& tx) { head = tx.Query(sql::kSelectAuditHead); });
  std::int64_t last = expected_seq - 1;
  if (head.empty()) {
    if (last != 0) fail(last, "missing_head");
    return report;
  }
  if (head[0].Int(0) != last || head[0].Bytes(1) != prev) {
    fail(last + 1, head[0].Int(0) > last ? "gap" : "head_mismatch");
  }
  return report;
}

std::span<const db::Migration> Migrations() {
  return migrations::kMigrations;
}

}  // namespace tongban::audit
