// SessionAuthenticator: the tb_session cookie → Caller (identity/authentication.hpp).
#include <string_view>

#include "identity/authentication.hpp"

namespace tongban::identity {
namespace {

// The value of cookie `name` in a Cookie header (RFC 6265 §5.4: "a=b; c=d").
std::string CookieValue(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    auto semi = header.find(';');
    std::string_view pair = header.substr(0, semi);
    header = semi == std::string_view::npos ? std::string_view() : header.substr(semi + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    auto eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    if (pair.substr(0, eq) == name) return std::string(pair.substr(eq + 1));
  }
  return {};
}

bool Unsafe(http::Method m) {
  return m != http::Method::kGet && m != http::Method::kHead && m != http::Method::kOptions;
}

}  // namespace

std::optional<Result<Caller>> SessionAuthenticator::TryAuthenticate(const http::Request& request) {
  std::string token = CookieValue(request.Header("Cookie"), "tb_session");
  if (token.empty()) return std::nullopt;
  // Switching back to oneself, reading who one is and whom one may act for,
  // and logging out stay possible when the enterprise grant of the session is gone.
  const bool self_fallback =
      request.path == "/api/v1/me/acting-for" || request.path == "/api/v1/auth/logout" ||
      ((request.path == "/api/v1/me" || request.path == "/api/v1/me/principals") && !Unsafe(request.method));
  return service_.CallerOfToken(token, std::string(request.Header("X-CSRF-Token")), Unsafe(request.method),
                                self_fallback);
}

}  // namespace tongban::identity
