#include "platform_routes.hpp"

#include "http/json.hpp"
#include "http/problem.hpp"
#include "openapi_document.hpp"

namespace tongban::app {

const char* OpenApiDocument() {
  return kOpenApiDocument;
}

void RegisterPlatformRoutes(http::Router& router, db::Database& db, std::span<const db::Migration> migrations,
                            http::Metrics& metrics) {
  using http::Execution;
  using http::Method;
  router.Add({Method::kGet, "/healthz",
              [](const http::Request&) { return http::Response::Json(200, R"({"status":"ok"})"); },
              Execution::kInline, "getHealth"});
  router.Add({Method::kGet, "/readyz",
              [&db, migrations](const http::Request& request) {
                if (!db.Ping()) {
                  return http::Problem(Error::Make(ErrorCode::kUnavailable, "ready.database_unreachable",
                                                   "数据库无法连接", "the database is unreachable"),
                                       &request);
                }
                auto current = db::MigrationsCurrent(db, migrations);
                if (!current.ok() || !*current) {
                  return http::Problem(
                      Error::Make(ErrorCode::kUnavailable, "ready.migrations_pending",
                                  "数据库结构尚未迁移到当前版本", "database migrations are not applied"),
                      &request);
                }
                return http::Response::Json(200,
                                            R"({"status":"ready","database":"ok","migrations":"current"})");
              },
              Execution::kWorker, "getReadiness"});
  router.Add({Method::kGet, "/metrics",
              [&metrics](const http::Request&) {
                return http::Response::Text(200, metrics.Render(),
                                            "text/plain; version=0.0.4; charset=utf-8");
              },
              Execution::kWorker, "getMetrics"});
  router.Add({Method::kGet, "/api/openapi.json",
              [](const http::Request&) { return http::Response::Json(200, kOpenApiDocument); },
              Execution::kInline, "getOpenApi"});
}

}  // namespace tongban::app
