// Bearer access tokens (RFC 6750) of our own OpenID Connect provider as an
// authentication scheme for the platform's API: the app adds it to the
// CompositeAuthenticator beside the cookie session.
//
// A token is accepted when its signature verifies against our published keys
// (EdDSA), typ is at+jwt (so an ID token is never an access token), iss and aud
// are this provider, it has not expired, and (for client_credentials) its
// client is not disabled. Only client_credentials tokens are accepted here:
// the Caller is kClient, subject_id = client_id, with the token's scopes, and
// the policy's kClientScope rule decides what it may do.
//
// A token issued to a department system for a signed-in person is refused
// (401 oidc.user_token_not_accepted): it lets that system read the person's
// claims at /oidc/userinfo, and must not let it act on the platform as the
// person with all their roles — a staff member's sign-in at one department's
// system would otherwise hand that system the staff member's administration
// rights. Delegated API access needs scopes per permission first.
#pragma once

#include <string>

#include "identity/authenticator.hpp"
#include "oidc/service.hpp"

namespace tongban::oidc {

class BearerAuthenticator : public identity::Authenticator {
 public:
  // `issuer`: the configured issuer, or empty to derive it from the request (IssuerFor).
  BearerAuthenticator(OidcService& service, std::string issuer)
      : service_(service), issuer_(std::move(issuer)) {}

  std::optional<Result<identity::Caller>> TryAuthenticate(const http::Request& request) override;

 private:
  OidcService& service_;
  std::string issuer_;
};

// The issuer identifier: `configured` when set, otherwise "http://" followed
// by the request's Host header (development and tests on port 0).
std::string IssuerFor(const http::Request& request, const std::string& configured);

}  // namespace tongban::oidc
