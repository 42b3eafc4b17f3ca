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
  caller.subject_id = info->subject;
  caller.session_id = info->session_id;
  caller.auth_method = info->amr;
  caller.auth_time = info->auth_time;
  auto level = identity::ParseAssuranceLevel(info->acr);
  if (level.ok()) caller.assurance = *level;
  if (info->subject.rfind("staff_", 0) == 0) {
    caller.kind = identity::CallerKind::kStaff;
    std::optional<identity::StaffSummary> staff;
    if (directory_) db_.Run([&](db::Transaction& tx) { staff = directory_->FindStaff(tx, info->subject); });
    if (!staff || staff->status != "active") {
      return Result<identity::Caller>(Error::Make(ErrorCode::kUnauthenticated, "identity.unauthenticated",
                                                  "请先登录", "the account behind this token is not active"));
    }
    caller.display_name = staff->name;
    caller.roles = staff->roles;
    caller.department_id = staff->department_id;
  } else {
    caller.kind = identity::CallerKind::kPerson;
    caller.roles = {identity::Role::kResident};
  }
  return Result<identity::Caller>(std::move(caller));
}

}  // namespace tongban::oidc
