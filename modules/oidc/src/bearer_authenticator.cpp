#include "oidc/bearer_authenticator.hpp"

namespace tongban::oidc {

std::string IssuerFor(const http::Request& request, const std::string& configured) {
  if (!configured.empty()) return configured;
  std::string_view host = request.Header("Host");
  // A Host header is a name and a port; anything else would put junk in the issuer.
  for (char c : host) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
              c == '-' || c == ':' || c == '[' || c == ']';
    if (!ok) return "http://localhost";
  }
  if (host.empty()) return "http://localhost";
  return "http://" + std::string(host);
}

std::optional<Result<identity::Caller>> BearerAuthenticator::TryAuthenticate(const http::Request& request) {
  std::string_view header = request.Header("Authorization");
  if (header.size() < 7) return std::nullopt;
  std::string scheme(header.substr(0, 7));
  for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (scheme != "bearer ") return std::nullopt;
  std::string token(header.substr(7));
  auto info = service_.VerifyAccessToken(token, IssuerFor(request, issuer_));
  if (!info.ok()) return Result<identity::Caller>(info.error());
  identity::Caller caller;
  caller.client_id = info->client_id;
  caller.scopes = info->scopes;
  caller.remote_address = request.remote_address;
  caller.request_id = request.request_id;
  if (info->grant_id.empty()) {
    caller.kind = identity::CallerKind::kClient;
    caller.subject_id = info->client_id;
    return Result<identity::Caller>(std::move(caller));
  }
  return Result<identity::Caller>(
      Error::Make(ErrorCode::kUnauthenticated, "oidc.user_token_not_accepted",
                  "此访问令牌仅可用于获取用户信息，不能用于调用平台接口",
                  "this access token is for the userinfo endpoint only, not for the platform's API")
          .WithDetail("a token issued for a signed-in person; system calls use client_credentials"));
}

}  // namespace tongban::oidc
