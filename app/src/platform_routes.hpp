// Operational endpoints: /healthz, /readyz, /metrics, /api/openapi.json.
#pragma once

#include <functional>
#include <span>

#include "db/database.hpp"
#include "db/migration.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"

namespace tongban::app {

// /healthz: the process answers (inline, never touches the database).
// /readyz: the database answers and every known migration is applied (worker).
// /metrics: Prometheus text (worker: gauges may read the database).
// /api/openapi.json: the contract file compiled into the binary (inline).
void RegisterPlatformRoutes(http::Router& router, db::Database& db, std::span<const db::Migration> migrations,
                            http::Metrics& metrics);

// The committed contract app/openapi.json.
const char* OpenApiDocument();

}  // namespace tongban::app
