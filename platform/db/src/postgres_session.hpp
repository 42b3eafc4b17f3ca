// One libpq connection with its prepared-statement cache.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "session.hpp"

struct pg_conn;
struct pg_result;

namespace tongban::db {

class PostgresSession final : public Session {
 public:
  // Connects; throws DbError(kConnection) naming the masked URL.
  static std::unique_ptr<PostgresSession> Connect(const std::string& url, std::chrono::milliseconds timeout);
  ~PostgresSession() override;
  PostgresSession(const PostgresSession&) = delete;
  PostgresSession& operator=(const PostgresSession&) = delete;

  Dialect dialect() const override { return Dialect::kPostgres; }
  // Reconnects first when the connection broke since its last use: BEGIN has
  // no effect to lose, so a pooled connection killed while idle (server
  // restart, pg_terminate_backend) costs the caller nothing.
  void Begin(BeginMode mode) override;
  void Commit() override;
  void Rollback() noexcept override;
  std::int64_t Execute(const Sql& sql, const Params& params) override;
  Rows Query(const Sql& sql, const Params& params) override;
  void ExecuteScript(std::string_view script) override;
  void LockForTransaction(std::int64_t key) override;
  bool TransactionAborted() override;
  bool Usable() override;

 private:
  explicit PostgresSession(pg_conn* conn) : conn_(conn) {}

  struct ResultDeleter {
    void operator()(pg_result* r) const;
  };
  using Result = std::unique_ptr<pg_result, ResultDeleter>;

  struct NameHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  struct Prepared {
    std::string text;         // to notice a different text under the same name
    std::string server_name;  // "s1", "s2", … (Sql names may repeat across texts)
  };

  Result ExecPrepared(const Sql& sql, const Params& params);
  Result ExecSimple(const char* name, const char* text);
  const Prepared& Prepare(const Sql& sql, const Params& params);
  [[noreturn]] void Fail(const char* statement, const pg_result* result) const;
  void Reconnect();

  pg_conn* conn_;
  std::unordered_map<std::string, Prepared, NameHash, std::equal_to<>> cache_;
  std::uint64_t next_statement_ = 0;
};

}  // namespace tongban::db
