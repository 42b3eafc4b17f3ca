// One back-end connection, as the pool and the group-commit writer see it.
// Not thread-safe: a session is used by one thread at a time (the pool hands
// it out). Every call that talks to the database throws DbError.
#pragma once

#include <cstdint>
#include <string_view>

#include "db/database.hpp"

namespace tongban::db {

enum class BeginMode {
  kRead,   // BEGIN (deferred on SQLite)
  kWrite,  // the group-commit writer: BEGIN IMMEDIATE on SQLite
};

class Session {
 public:
  virtual ~Session() = default;
  virtual Dialect dialect() const = 0;

  virtual void Begin(BeginMode mode) = 0;
  virtual void Commit() = 0;
  // Best effort: ends any open transaction; never throws. A failure leaves the
  // session not Usable(), so that the pool replaces it.
  virtual void Rollback() noexcept = 0;

  virtual std::int64_t Execute(const Sql& sql, const Params& params) = 0;
  virtual Rows Query(const Sql& sql, const Params& params) = 0;
  virtual void ExecuteScript(std::string_view script) = 0;
  virtual void LockForTransaction(std::int64_t key) = 0;

  // True when a statement failed and the back end will only roll back:
  // PostgreSQL aborts the whole transaction on an error, SQLite only the
  // statement. The writer uses it to blame a unit that swallowed a DbError.
  virtual bool TransactionAborted() = 0;

  // False once the connection is broken; the pool then drops it.
  virtual bool Usable() = 0;
};

// The Transaction handed to units and Run() callbacks: a thin view of a
// session inside BEGIN … COMMIT. One object per attempt, so that attachments
// and on-commit hooks never leak from a rolled-back attempt.
class SessionTransaction final : public Transaction {
 public:
  explicit SessionTransaction(Session& session) : session_(session) {}

  Dialect dialect() const override { return session_.dialect(); }
  std::int64_t Execute(const Sql& sql, const Params& params) override {
    return session_.Execute(sql, params);
  }
  Rows Query(const Sql& sql, const Params& params) override { return session_.Query(sql, params); }
  void ExecuteScript(std::string_view script) override { session_.ExecuteScript(script); }
  void LockForTransaction(std::int64_t key) override { session_.LockForTransaction(key); }

 private:
  Session& session_;
};

}  // namespace tongban::db
