#pragma once

#include <string>

#include "http/router.hpp"
#include "identity/authenticator.hpp"
#include "oidc/service.hpp"

namespace tongban::oidc {

// The protocol endpoints:
//   GET  /.well-known/openid-configuration, GET /oidc/jwks, GET /oidc/authorize,
//   POST /oidc/token, GET|POST /oidc/userinfo, GET|POST /oidc/logout, POST /oidc/revoke
// and the operators' API:
//   GET|POST /api/v1/admin/oidc-clients, POST /api/v1/admin/oidc-clients/{client_id}/disable,
//   POST /api/v1/admin/oidc-clients/{client_id}/secret, POST /api/v1/admin/oidc-keys/rotate
// `issuer`: the configured issuer, or empty to derive it from the Host header.
void RegisterOidcRoutes(http::Router& router, OidcService& service, identity::Authenticator& authenticator,
                        std::string issuer);

// The token endpoint's answer (RFC 6749 §5.1, OIDC Core §3.1.3.3):
// access_token, token_type, expires_in, scope, then refresh_token and
// id_token when issued.
std::string TokenResponseJson(const TokenResponse& response);

}  // namespace tongban::oidc
