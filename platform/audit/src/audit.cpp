#include "audit/audit.hpp"

#include "crypto/sm3.hpp"
#include "core/utc.hpp"
#include "tongban_audit_migrations.hpp"
#include "tongban_audit_sql.hpp"

namespace tongban::audit {
namespace {

// pg_advisory_xact_lock key for chain appends: "audit" in ASCII.
constexpr std::int64_t kChainLockKey = 0x6175646974;

const std::string kGenesis(32, '\0');

struct ChainHead {
  bool loaded = false;
  std::int64_t seq = 0;
  std::string hash;
};

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

std::int64_t Append(db::Transaction& tx, const Record& record) {
  ChainHead& head = tx.Attachment<ChainHead>();
  if (!head.loaded) {
    tx.LockForTransaction(kChainLockKey);
    db::Rows rows = tx.Query(sql::kSelectAuditHead);
    if (rows.empty()) {
      head.seq = 0;
      head.hash = kGenesis;
    } else {
      head.seq = rows[0].Int(0);
      head.hash = rows[0].Bytes(1);
    }
    head.loaded = true;
  }
  std::int64_t seq = head.seq + 1;
  std::string at = NowUtcMillis();
  std::string hash = ChainHash(head.hash, seq, at, record);
  tx.Execute(sql::kInsertAuditRecord,
             {seq, at, record.actor.subject, record.actor.role, record.actor.department,
              record.actor.principal, record.action, record.object_type, record.object_id,
              record.request_id, OutcomeName(record.outcome), record.detail, db::Blob{head.hash},
              db::Blob{hash}});
  tx.Execute(sql::kUpsertAuditHead, {seq, db::Blob{hash}});
  head.seq = seq;
  head.hash = std::move(hash);
  return seq;
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

std::span<const db::Migration> Migrations() { return migrations::kMigrations; }

}  // namespace tongban::audit
