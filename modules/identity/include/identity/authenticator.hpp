// Authentication of HTTP requests into a Caller. Several schemes (the cookie
// session of the identity module, bearer access tokens of the OIDC module)
// are tried in order by a CompositeAuthenticator that the app wires; a module's
// routes receive the composite and never parse credentials themselves.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "core/error.hpp"
#include "http/message.hpp"
#include "identity/caller.hpp"

namespace tongban::identity {

class Authenticator {
 public:
  virtual ~Authenticator() = default;
  // nullopt: this scheme's credential is absent (try the next scheme).
  // An error: the credential is present but not acceptable — expired,
  // revoked, forged (401 identity.unauthenticated), or an unsafe method on a
  // cookie session without a matching CSRF header (403 identity.csrf_failed).
  virtual std::optional<Result<Caller>> TryAuthenticate(const http::Request& request) = 0;
};

class CompositeAuthenticator : public Authenticator {
 public:
  void Add(Authenticator* scheme) { schemes_.push_back(scheme); }
  // The first scheme that applies decides; anonymous when none applies.
  // remote_address and request_id are always copied from the request.
  Result<Caller> Authenticate(const http::Request& request);
  std::optional<Result<Caller>> TryAuthenticate(const http::Request& request) override;

 private:
  std::vector<Authenticator*> schemes_;  // not owned
};

// The caller of a request as any module's routes need it: the first scheme of
// `authenticator` that applies decides (its error, e.g. a revoked session, is
// returned); anonymous when none applies. remote_address and request_id are
// always copied from the request.
Result<Caller> AuthenticateRequest(Authenticator& authenticator, const http::Request& request);

// 401 identity.unauthenticated unless the caller is authenticated.
Status RequireAuthenticated(const Caller& caller);

}  // namespace tongban::identity
