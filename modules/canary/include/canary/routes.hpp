#pragma once

#include "canary/canary.hpp"
#include "http/router.hpp"

namespace tongban::canary {

// POST /api/v1/canary/writes, GET /api/v1/canary/writes/{id},
// GET /api/v1/canary/writes?client_id=…&after_seq=…&limit=…,
// GET /api/v1/canary/tallies/{client_id}
void RegisterCanaryRoutes(http::Router& router, CanaryService& service);

}  // namespace tongban::canary
