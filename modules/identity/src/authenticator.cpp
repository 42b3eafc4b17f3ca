// CompositeAuthenticator, AuthenticateRequest and RequireAuthenticated
// (identity/authenticator.hpp).
#include "identity/authenticator.hpp"

namespace tongban::identity {

std::optional<Result<Caller>> CompositeAuthenticator::TryAuthenticate(const http::Request& request) {
  for (Authenticator* scheme : schemes_) {
    std::optional<Result<Caller>> outcome = scheme->TryAuthenticate(request);
    if (!outcome) continue;
    if (outcome->ok()) {
      (*outcome)->remote_address = request.remote_address;
      (*outcome)->request_id = request.request_id;
    }
    return outcome;
  }
  return std::nullopt;
}

Result<Caller> CompositeAuthenticator::Authenticate(const http::Request& request) {
  return AuthenticateRequest(*this, request);
}

Result<Caller> AuthenticateRequest(Authenticator& authenticator, const http::Request& request) {
  Caller caller;
  if (std::optional<Result<Caller>> outcome = authenticator.TryAuthenticate(request)) {
    if (!outcome->ok()) return outcome->error();
    caller = std::move(*outcome).value();
  }
  caller.remote_address = request.remote_address;
  caller.request_id = request.request_id;
  return caller;
}

Status RequireAuthenticated(const Caller& caller) {
  if (caller.authenticated()) return Status::Ok();
  return Error::Make(ErrorCode::kUnauthenticated, "identity.unauthenticated", "请先登录", "Log in first");
}

}  // namespace tongban::identity
