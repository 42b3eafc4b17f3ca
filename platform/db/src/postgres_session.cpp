#include "postgres_session.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <string>
#include <variant>
#include <vector>

#include "tongban_db_sql.hpp"

namespace tongban::db {
namespace {

constexpr Oid kByteaOid = 17;  // pg_type.oid of bytea (catalog/pg_type_d.h is a server header)

DbErrorKind KindOf(std::string_view sqlstate) {
  if (sqlstate == "23505") return DbErrorKind::kUniqueViolation;
  if (sqlstate == "23503") return DbErrorKind::kForeignKeyViolation;
  if (sqlstate == "23514" || sqlstate == "23502") return DbErrorKind::kCheckViolation;
  if (sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "55P03") {
    return DbErrorKind::kSerialization;
  }
  // 08: connection exception; 57P01-03: the server is shutting down or
  // starting; 53300: too many connections.
  if (sqlstate.starts_with("08") || sqlstate == "57P01" || sqlstate == "57P02" || sqlstate == "57P03" ||
      sqlstate == "53300") {
    return DbErrorKind::kConnection;
  }
  return DbErrorKind::kOther;
}

std::string Trimmed(const char* message) {
  std::string s = message ? message : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

std::string FormatNumber(auto v) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : std::string();
}

}  // namespace

void PostgresSession::ResultDeleter::operator()(pg_result* r) const {
  PQclear(r);
}

std::unique_ptr<PostgresSession> PostgresSession::Connect(const std::string& url,
                                                          std::chrono::milliseconds timeout) {
  const std::string connect_timeout =
      std::to_string(std::max<long long>(2, std::chrono::ceil<std::chrono::seconds>(timeout).count()));
  // The URL comes last, so that anything it says overrides these defaults.
  const char* keywords[] = {"connect_timeout", "client_encoding", "application_name", "dbname", nullptr};
  const char* values[] = {connect_timeout.c_str(), "UTF8", "tongban", url.c_str(), nullptr};
  PGconn* conn = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  std::unique_ptr<PostgresSession> session(new PostgresSession(conn));  // PQfinish on every path
  if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) {
    throw DbError(DbErrorKind::kConnection, "connect",
                  "cannot connect to " + MaskUrl(url) + ": " +
                      (conn ? Trimmed(PQerrorMessage(conn)) : "out of memory"));
  }
  // NOTICEs ("relation already exists, skipping") are not errors; libpq's
  // default prints them to stderr, which would break the structured log.
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);
  return session;
}

PostgresSession::~PostgresSession() {
  PQfinish(conn_);
}

bool PostgresSession::Usable() {
  return PQstatus(conn_) == CONNECTION_OK;
}

bool PostgresSession::TransactionAborted() {
  return PQtransactionStatus(conn_) == PQTRANS_INERROR;
}

void PostgresSession::Fail(const char* statement, const pg_result* result) const {
  const char* sqlstate = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  // The primary message only: DETAIL may quote the row's values (personal data).
  const char* primary = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  std::string message = primary ? Trimmed(primary) : Trimmed(PQerrorMessage(conn_));
  DbErrorKind kind =
      PQstatus(conn_) != CONNECTION_OK ? DbErrorKind::kConnection : KindOf(sqlstate ? sqlstate : "");
  if (sqlstate) message = std::string(sqlstate) + " " + message;
  throw DbError(kind, statement, message);
}

void PostgresSession::Reconnect() {
  PQreset(conn_);
  cache_.clear();  // prepared statements died with the old server session
  if (PQstatus(conn_) != CONNECTION_OK) {
    throw DbError(DbErrorKind::kConnection, "connect", "cannot reconnect: " + Trimmed(PQerrorMessage(conn_)));
  }
}

PostgresSession::Result PostgresSession::ExecSimple(const char* name, const char* text) {
  Result result(PQexec(conn_, text));
  ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) Fail(name, result.get());
  return result;
}

const PostgresSession::Prepared& PostgresSession::Prepare(const Sql& sql, const Params& params) {
  auto it = cache_.find(std::string_view(sql.name));
  if (it != cache_.end()) {
    if (it->second.text == sql.postgres) return it->second;
    // Same name, another text (ad hoc Sql in tests): prepare it afresh under
    // a new server-side name; the old one lives until the connection closes.
    cache_.erase(it);
  }
  // bytea parameters travel in binary, so their type is declared; every
  // other parameter is text and typed by the server from its context.
  std::vector<Oid> types(params.size(), 0);
  for (size_t i = 0; i < params.size(); ++i) {
    if (std::holds_alternative<Blob>(params[i].variant())) types[i] = kByteaOid;
  }
  std::string server_name = "s";  // not "s" + to_string(): GCC 12 -O3 -Wrestrict false positive
  server_name += std::to_string(++next_statement_);
  Result result(PQprepare(conn_, server_name.c_str(), sql.postgres, static_cast<int>(params.size()),
                          types.empty() ? nullptr : types.data()));
  if (!result || PQresultStatus(result.get()) != PGRES_COMMAND_OK) Fail(sql.name, result.get());
  return cache_.emplace(sql.name, Prepared{sql.postgres, std::move(server_name)}).first->second;
}

PostgresSession::Result PostgresSession::ExecPrepared(const Sql& sql, const Params& params) {
  const Prepared& prepared = Prepare(sql, params);
  const size_t n = params.size();
  std::vector<std::string> formatted(n);
  std::vector<const char*> values(n, nullptr);
  std::vector<int> lengths(n, 0);
  std::vector<int> formats(n, 0);
  for (size_t i = 0; i < n; ++i) {
    std::visit(
        [&](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::nullptr_t>) {
            values[i] = nullptr;
          } else if constexpr (std::is_same_v<T, std::int64_t> || std::is_same_v<T, double>) {
            formatted[i] = FormatNumber(v);  // shortest exact form: doubles round-trip
            values[i] = formatted[i].c_str();
          } else if constexpr (std::is_same_v<T, std::string>) {
            values[i] = v.c_str();
          } else {
            values[i] = v.bytes.data();
            lengths[i] = static_cast<int>(v.bytes.size());
            formats[i] = 1;
          }
        },
        params[i].variant());
  }
  Result result(PQexecPrepared(conn_, prepared.server_name.c_str(), static_cast<int>(n),
                               n ? values.data() : nullptr, n ? lengths.data() : nullptr,
                               n ? formats.data() : nullptr, /*resultFormat=*/0));
  ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) Fail(sql.name, result.get());
  return result;
}

void PostgresSession::Begin(BeginMode /*mode*/) {
  // The writer needs nothing stronger than READ COMMITTED: units that read
  // then write a shared row serialise through LockForTransaction.
  if (PQstatus(conn_) != CONNECTION_OK) Reconnect();
  try {
    ExecSimple(sql::kBeginReadTransaction.name, sql::kBeginReadTransaction.postgres);
  } catch (const DbError& e) {
    if (e.kind() != DbErrorKind::kConnection) throw;
    Reconnect();
    ExecSimple(sql::kBeginReadTransaction.name, sql::kBeginReadTransaction.postgres);
  }
}

void PostgresSession::Commit() {
  Result result = ExecSimple(sql::kCommitTransaction.name, sql::kCommitTransaction.postgres);
  // COMMIT of an aborted transaction "succeeds" with the tag ROLLBACK.
  if (std::strcmp(PQcmdStatus(result.get()), "ROLLBACK") == 0) {
    throw DbError(DbErrorKind::kOther, sql::kCommitTransaction.name,
                  "the transaction was aborted by an earlier error and has been rolled back");
  }
}

void PostgresSession::Rollback() noexcept {
  if (PQstatus(conn_) != CONNECTION_OK) return;
  if (PQtransactionStatus(conn_) == PQTRANS_IDLE) return;
  Result result(PQexec(conn_, sql::kRollbackTransaction.postgres));
  // On failure the connection is bad (Usable() says so) and the pool drops it.
}

std::int64_t PostgresSession::Execute(const Sql& sql, const Params& params) {
  Result result = ExecPrepared(sql, params);
  // A SELECT reports its row count in the tag; SQLite reports 0 changes.
  if (std::strncmp(PQcmdStatus(result.get()), "SELECT", 6) == 0) return 0;
  const char* tuples = PQcmdTuples(result.get());
  return tuples && *tuples ? std::strtoll(tuples, nullptr, 10) : 0;
}

Rows PostgresSession::Query(const Sql& sql, const Params& params) {
  Result result = ExecPrepared(sql, params);
  pg_result* r = result.get();
  const int columns_count = PQnfields(r);
  const int rows_count = PQntuples(r);
  std::vector<std::string> columns;
  columns.reserve(static_cast<size_t>(columns_count));
  for (int c = 0; c < columns_count; ++c) columns.emplace_back(PQfname(r, c));
  Rows rows(std::move(columns), /*hex_bytea=*/true);
  for (int row = 0; row < rows_count; ++row) {
    std::vector<std::optional<std::string>> cells;
    cells.reserve(static_cast<size_t>(columns_count));
    for (int c = 0; c < columns_count; ++c) {
      if (PQgetisnull(r, row, c)) {
        cells.emplace_back(std::nullopt);
      } else {
        cells.emplace_back(std::string(PQgetvalue(r, row, c), static_cast<size_t>(PQgetlength(r, row, c))));
      }
    }
    rows.AddRow(std::move(cells));
  }
  return rows;
}

void PostgresSession::ExecuteScript(std::string_view script) {
  std::string text(script);
  ExecSimple("script", text.c_str());
}

void PostgresSession::LockForTransaction(std::int64_t key) {
  ExecPrepared(sql::kLockTransactionKey, {key});
}

}  // namespace tongban::db
