#include "db/database.hpp"

#include <utility>

#include "backends.hpp"

namespace tongban::db {
namespace {

Error ErrorFor(DbErrorKind kind, const std::string& statement, const std::string& message) {
  std::string detail = statement.empty() ? message : statement + ": " + message;
  switch (kind) {
    case DbErrorKind::kUniqueViolation:
      return Error::Make(ErrorCode::kAlreadyExists, "db.unique_violation", "记录已存在",
                         "The record already exists")
          .WithDetail(std::move(detail));
    case DbErrorKind::kForeignKeyViolation:
      return Error::Make(ErrorCode::kInternal, "db.foreign_key_violation", "内部错误：引用的记录不存在",
                         "Internal error: a referenced record does not exist")
          .WithDetail(std::move(detail));
    case DbErrorKind::kCheckViolation:
      return Error::Make(ErrorCode::kInternal, "db.check_violation", "内部错误：数据不满足约束",
                         "Internal error: the data violates a constraint")
          .WithDetail(std::move(detail));
    case DbErrorKind::kSerialization:
      return Error::Make(ErrorCode::kConflict, "db.serialization_failure", "并发修改冲突，请重试",
                         "A concurrent change conflicted; try again")
          .WithDetail(std::move(detail));
    case DbErrorKind::kConnection:
      return Error::Make(ErrorCode::kUnavailable, "db.unavailable", "数据库暂时不可用，请稍后重试",
                         "The database is unavailable; try again later")
          .WithDetail(std::move(detail));
    case DbErrorKind::kSchemaTooNew:
      return Error::Make(ErrorCode::kFailedPrecondition, "db.schema_too_new",
                         "数据库结构版本高于本程序，请升级程序",
                         "The database schema is newer than this binary; upgrade the binary")
          .WithDetail(std::move(detail));
    case DbErrorKind::kOther: break;
  }
  return Error::Make(ErrorCode::kInternal, "db.error", "内部错误", "Internal error")
      .WithDetail(std::move(detail));
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

}  // namespace

DbError::DbError(DbErrorKind kind, std::string statement, std::string message)
    : FatalError(ErrorFor(kind, statement, message)), kind_(kind), statement_(std::move(statement)) {}

Result<std::unique_ptr<Database>> OpenDatabase(const DatabaseOptions& options) {
  if (StartsWith(options.url, "sqlite:")) return OpenSqliteDatabase(options);
  if (StartsWith(options.url, "postgresql://") || StartsWith(options.url, "postgres://")) {
    return OpenPostgresDatabase(options);
  }
  return Error::Make(ErrorCode::kInvalidArgument, "db.bad_url", "数据库地址无效：" + MaskUrl(options.url),
                     "Invalid database URL: " + MaskUrl(options.url) +
                         " (expected sqlite:PATH, sqlite::memory: or postgresql://…)");
}

std::string MaskUrl(std::string_view url) {
  std::string out(url);
  // userinfo: scheme://user:secret@host → scheme://user:***@host
  if (auto scheme = out.find("://"); scheme != std::string::npos) {
    size_t authority = scheme + 3;
    size_t end = out.find_first_of("/?#", authority);
    if (end == std::string::npos) end = out.size();
    size_t at = out.rfind('@', end == 0 ? 0 : end - 1);
    if (at != std::string::npos && at >= authority) {
      size_t colon = out.find(':', authority);
      if (colon != std::string::npos && colon < at) {
        out.replace(colon + 1, at - colon - 1, "***");
      }
    }
  }
  // query or key/value form: password=secret → password=***
  for (size_t pos = 0; (pos = out.find("password=", pos)) != std::string::npos;) {
    bool at_key_start =
        pos == 0 || out[pos - 1] == '?' || out[pos - 1] == '&' || out[pos - 1] == ' ' || out[pos - 1] == ';';
    size_t value = pos + 9;
    if (!at_key_start) {
      pos = value;
      continue;
    }
    size_t end = out.find_first_of("& ;#", value);
    if (end == std::string::npos) end = out.size();
    out.replace(value, end - value, "***");
    pos = value + 3;
  }
  return out;
}

}  // namespace tongban::db
