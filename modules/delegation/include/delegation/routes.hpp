#pragma once

#include "delegation/delegation.hpp"
#include "http/router.hpp"
#include "identity/authenticator.hpp"

namespace tongban::delegation {

// GET|POST /api/v1/enterprises/{enterprise_id}/administrators,
// DELETE   /api/v1/enterprises/{enterprise_id}/administrators/{person_id},
// GET|POST /api/v1/enterprises/{enterprise_id}/grants,
// GET|DELETE /api/v1/grants/{grant_id}, POST /api/v1/grants/{grant_id}/sub-grants,
// GET /api/v1/me/grants?direction=held|given, GET /api/v1/me/principals.
void RegisterDelegationRoutes(http::Router& router, DelegationService& service,
                              identity::Authenticator& authenticator);

}  // namespace tongban::delegation
