#include "sql_canary_store.hpp"

#include "db/pg_array.hpp"
#include "tongban_canary_sql.hpp"

namespace tongban::canary {
namespace {

CanaryWrite FromRow(const db::Row& row) {
  return CanaryWrite{row.Text(0), row.Text(1), row.Int(2), row.Text(3), row.Text(4), row.Text(5)};
}

}  // namespace

bool SqlCanaryStore::InsertIfAbsent(const CanaryWrite& w) {
  return 1 == tx_.Execute(sql::kInsertCanaryWrite,
                          {w.id, w.client_id, w.seq, w.payload, w.created_at, w.request_id});
}

std::optional<CanaryWrite> SqlCanaryStore::FindByClientSeq(const std::string& client_id, std::int64_t seq) {
  db::Rows rows = tx_.Query(sql::kSelectCanaryWriteByClientSeq, {client_id, seq});
  if (rows.empty()) return std::nullopt;
  return FromRow(rows[0]);
}

std::optional<CanaryWrite> SqlCanaryStore::FindById(const std::string& id) {
  db::Rows rows = tx_.Query(sql::kSelectCanaryWriteById, {id});
  if (rows.empty()) return std::nullopt;
  return FromRow(rows[0]);
}

std::vector<CanaryWrite> SqlCanaryStore::ListByClient(const std::string& client_id, std::int64_t after_seq,
                                                      int limit) {
  std::vector<CanaryWrite> out;
  for (db::Row row : tx_.Query(sql::kSelectCanaryWritesByClient, {client_id, after_seq, limit})) {
    out.push_back(FromRow(row));
  }
  return out;
}

void SqlCanaryStore::AddTallies(const std::map<std::string, std::int64_t>& counts) {
  if (counts.empty()) return;
  if (tx_.dialect() == db::Dialect::kPostgres) {
    std::vector<std::string> ids;
    std::vector<std::int64_t> events;
    for (const auto& [client_id, n] : counts) {
      ids.push_back(client_id);
      events.push_back(n);
    }
    tx_.Execute(sql::kAddCanaryTallies, {db::PgTextArray(ids), db::PgIntArray(events)});
    return;
  }
  for (const auto& [client_id, n] : counts) tx_.Execute(sql::kAddCanaryTallies, {client_id, n});
}

std::int64_t SqlCanaryStore::Tally(const std::string& client_id) {
  db::Rows rows = tx_.Query(sql::kSelectCanaryTally, {client_id});
  return rows.empty() ? 0 : rows[0].Int(0);
}

}  // namespace tongban::canary
