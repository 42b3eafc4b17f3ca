// CompositeAuthenticator and RequireAuthenticated (identity/authenticator.hpp).
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
  std::optional<Result<Caller>> outcome = TryAuthenticate(request);
  if (outcome) return std::move(*outcome);
  Caller anonymous;
  anonymous.remote_address = request.remote_address;
  anonymous.request_id = request.request_id;
  return anonymous;
}

Status RequireAuthenticated(const Caller& caller) {
  if (caller.authenticated()) return Status::Ok();
  return Error::Make(ErrorCode::kUnauthenticated, "identity.unauthenticated", "请先登录", "Log in first");
}

}  // namespace tongban::identity
