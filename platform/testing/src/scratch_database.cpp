#include "testing/scratch_database.hpp"

#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <system_error>

namespace tongban::testing {
namespace {

std::string RandomHex(size_t digits) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::random_device device;
  std::mt19937_64 rng(device());
  std::string out;
  for (size_t i = 0; i < digits; ++i) out += kDigits[rng() % 16];
  return out;
}

// Runs one statement list on the base database through the public seam:
// schema names are generated here (t_ + hex), never user input.
Status RunScript(const std::string& url, const std::string& script) {
  db::DatabaseOptions options;
  options.url = url;
  options.pool_size = 1;
  auto opened = db::OpenDatabase(options);
  if (!opened.ok()) return opened.error();
  try {
    (*opened)->Run([&](db::Transaction& tx) { tx.ExecuteScript(script); });
  } catch (const db::DbError& e) {
    return e.error();
  }
  return Status::Ok();
}

std::string WithSearchPath(const std::string& base, const std::string& schema) {
  // libpq URL parameter; %3D is '='. The server applies -c options at login.
  return base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema;
}

}  // namespace

const char* BackendName(Backend backend) {
  return backend == Backend::kSqlite ? "sqlite" : "postgres";
}

void PrintTo(Backend backend, std::ostream* out) {
  *out << BackendName(backend);
}

std::optional<std::string> TestPostgresUrl() {
  const char* url = std::getenv("TONGBAN_TEST_PG_URL");
  if (url == nullptr || *url == '\0') return std::nullopt;
  return std::string(url);
}

bool PostgresRequired() {
  const char* required = std::getenv("TONGBAN_REQUIRE_PG");
  return required != nullptr && std::string(required) == "1";
}

Result<std::unique_ptr<ScratchDatabase>> ScratchDatabase::Create(Backend backend) {
  if (backend == Backend::kSqlite) {
    std::error_code ec;
    std::filesystem::path dir = std::filesystem::temp_directory_path(ec) / ("tongban-test-" + RandomHex(16));
    if (!ec) std::filesystem::create_directories(dir, ec);
    if (ec) {
      return Error::Make(ErrorCode::kUnavailable, "testing.no_temp_dir", "无法创建临时目录",
                         "Cannot create a temporary directory")
          .WithDetail(ec.message());
    }
    std::string file = (dir / "test.db").string();
    return std::unique_ptr<ScratchDatabase>(
        new ScratchDatabase(backend, "sqlite:" + file, file, dir.string()));
  }
  std::optional<std::string> base = TestPostgresUrl();
  if (!base) {
    return Error::Make(ErrorCode::kFailedPrecondition, "testing.no_postgres", "未设置 TONGBAN_TEST_PG_URL",
                       "TONGBAN_TEST_PG_URL is not set: start one with "
                       "`export TONGBAN_TEST_PG_URL=$(scripts/pg-throwaway start /tmp/tongban-pg)`");
  }
  std::string schema = "t_" + RandomHex(16);
  TONGBAN_RETURN_IF_ERROR(RunScript(*base, "CREATE SCHEMA " + schema));
  return std::unique_ptr<ScratchDatabase>(
      new ScratchDatabase(backend, WithSearchPath(*base, schema), schema, *base));
}

ScratchDatabase::~ScratchDatabase() {
  if (backend_ == Backend::kSqlite) {
    std::error_code ec;
    std::filesystem::remove_all(cleanup_, ec);
  } else {
    // Best effort: a schema left behind by a crashed test is harmless.
    [[maybe_unused]] Status dropped = RunScript(cleanup_, "DROP SCHEMA IF EXISTS " + location_ + " CASCADE");
  }
}

db::DatabaseOptions ScratchDatabase::Options() const {
  db::DatabaseOptions options;
  options.url = url_;
  return options;
}

}  // namespace tongban::testing
