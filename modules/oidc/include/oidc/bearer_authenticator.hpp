// Bearer access tokens (RFC 6750) of our own OpenID Connect provider as an
// authentication scheme for the whole API: the app adds it to the
// CompositeAuthenticator beside the cookie session.
//
// A token is accepted when its signature verifies against our published keys
// (EdDSA), typ is at+jwt (so an ID token is never an access token), iss and aud
// are this provider, it has not expired, and its grant is not revoked (or, for
// client_credentials, its client is not disabled). The Caller is:
//   client_credentials  kClient, subject_id = client_id, scopes from the token
//   a user's token      kPerson or kStaff with the token's session, acr, amr,
//                       client_id and scopes; staff roles and department from
//                       the directory
#pragma once

#include <string>

#include "identity/authenticator.hpp"
#include "identity/directory.hpp"
#include "oidc/service.hpp"

namespace tongban::oidc {

class BearerAuthenticator : public identity::Authenticator {
 public:
  // `issuer`: the configured issuer, or empty to derive it from the request (IssuerFor).
  BearerAuthenticator(db::Database& db, OidcService& service, identity::Directory* directory,
                      std::string issuer)
      : db_(db), service_(service), directory_(directory), issuer_(std::move(issuer)) {}

  std::optional<Result<identity::Caller>> TryAuthenticate(const http::Request& request) override;

 private:
  db::Database& db_;
  OidcService& service_;
  identity::Directory* directory_;
  std::string issuer_;
};

// The issuer identifier: `configured` when set, otherwise "http://" followed
// by the request's Host header (development and tests on port 0).
std::string IssuerFor(const http::Request& request, const std::string& configured);

}  // namespace tongban::oidc
