// OpenID Connect provider (统一身份认证 — 单点登录) — the model room: clients,
// authorization codes, grants and refresh tokens as plain values, and the pure
// rules on them (redirect URI matching, PKCE, scopes, assurance). No storage,
// no HTTP, no clock: every time-dependent rule takes `now`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "identity/assurance_level.hpp"

namespace tongban::oidc {

// Lifetimes (seconds). A code is exchanged by the relying party's back end
// right after the redirect; 60 s is ample and keeps a stolen code short-lived.
inline constexpr std::int64_t kCodeLifetime = 60;
inline constexpr std::int64_t kAccessTokenLifetime = 600;
inline constexpr std::int64_t kIdTokenLifetime = 600;
// Refresh tokens also die with the login session they were issued under.
inline constexpr std::int64_t kRefreshTokenLifetime = 30 * 24 * 3600;

inline constexpr std::size_t kMaxNameChars = 100;
inline constexpr std::size_t kMaxUriChars = 512;
inline constexpr std::size_t kMaxUris = 10;
inline constexpr std::size_t kMaxScopes = 32;
inline constexpr std::size_t kMaxScopeChars = 64;
inline constexpr std::size_t kMaxStateChars = 512;
inline constexpr std::size_t kMaxNonceChars = 256;

// 客户端类型 — confidential clients authenticate with a secret; public clients
// (single-page and native apps) cannot keep one and must use PKCE.
enum class ClientType { kConfidential, kPublic };
std::string_view ClientTypeCode(ClientType type);  // "confidential", "public"
std::optional<ClientType> ParseClientType(std::string_view code);

enum class GrantType { kAuthorizationCode, kRefreshToken, kClientCredentials };
std::string_view GrantTypeCode(GrantType type);  // the RFC 6749 names
std::optional<GrantType> ParseGrantType(std::string_view code);

enum class ClientStatus { kActive, kDisabled };
std::string_view ClientStatusCode(ClientStatus status);  // "active", "disabled"

// 接入系统 — a relying party registered by an operator.
struct Client {
  std::string client_id;  // "client_" + lower-case ULID
  std::string name;
  ClientType type = ClientType::kConfidential;
  std::string secret_hash;  // SM3 hex of the secret; empty for public clients
  std::vector<std::string> redirect_uris;
  std::vector<std::string> post_logout_redirect_uris;
  std::vector<std::string> scopes;  // what it may ask for
  std::vector<GrantType> grant_types;
  std::optional<identity::AssuranceLevel> required_acr;  // minimum level of its users
  // 个人信息授权: whether userinfo shows this client the full phone number
  // (with the "phone" scope). Granted by the operator for systems with a legal
  // basis to hold it; every other client sees 138****5678.
  bool phone_entitled = false;
  ClientStatus status = ClientStatus::kActive;
  std::string created_at;
  std::string updated_at;

  bool Allows(GrantType grant) const;
  bool AllowsScope(std::string_view scope) const;
  // Exact, case-sensitive string comparison (RFC 9700 §4.1.3): no prefix,
  // wildcard or normalisation.
  bool HasRedirectUri(std::string_view uri) const;
  bool HasPostLogoutRedirectUri(std::string_view uri) const;
};

struct NewClient {
  std::string name;
  ClientType type = ClientType::kConfidential;
  std::vector<std::string> redirect_uris;
  std::vector<std::string> post_logout_redirect_uris;
  std::vector<std::string> scopes;     // empty: {"openid", "profile"}
  std::vector<GrantType> grant_types;  // empty: code + refresh (+ client_credentials when confidential)
  std::optional<identity::AssuranceLevel> required_acr;
  bool phone_entitled = false;
};

// Validates a registration and fills the defaults. Field errors name
// /name, /redirect_uris/<i>, /post_logout_redirect_uris/<i>, /scopes/<i>,
// /grant_types: reasons oidc.bad_name, oidc.bad_redirect_uri, oidc.bad_scope,
// oidc.bad_grant_types, oidc.too_many.
Result<NewClient> ValidateNewClient(NewClient input);

// A redirect URI may be registered when it is an absolute https or http URL
// with a host, has no fragment, no userinfo, no wildcard and no whitespace,
// and is at most kMaxUriChars long. (http: intranet systems and loopback; the
// code is protected by PKCE and exact matching — prefer https.)
Status ValidateRedirectUri(std::string_view uri, std::string field);

// RFC 6749 §3.3 scope tokens, restricted to [A-Za-z0-9_.:-]{1,64}.
bool IsValidScopeToken(std::string_view scope);
// "openid profile" → {"openid", "profile"}; duplicates dropped, order kept.
// nullopt when a token is invalid or there are more than kMaxScopes.
std::optional<std::vector<std::string>> ParseScope(std::string_view scope);
std::string JoinScope(const std::vector<std::string>& scopes);

// PKCE (RFC 7636). Only S256: "plain" gives the verifier away to anyone who
// sees the authorization request.
// A challenge is 43 base64url characters (a SHA-256 digest).
bool IsValidCodeChallenge(std::string_view challenge);
// A verifier is 43–128 characters of [A-Za-z0-9-._~] (§4.1).
bool IsValidCodeVerifier(std::string_view verifier);
// base64url(SHA-256(verifier)) == challenge, compared in constant time.
bool VerifyPkceS256(std::string_view verifier, std::string_view challenge);

// 授权码 — single use, kCodeLifetime seconds. Stored by the SM3 hash of the
// code; the code itself exists only in the redirect.
struct AuthorizationCode {
  std::string code_hash;
  std::string grant_id;  // the grant (token family) the exchange creates
  std::string client_id;
  std::string redirect_uri;
  std::vector<std::string> scopes;
  std::string nonce;
  std::string code_challenge;  // empty when the client sent none (confidential only)
  std::string subject_id;      // person_… or staff_…
  std::string session_id;
  std::int64_t auth_time = 0;
  std::string acr;  // "L1"…"L3"
  std::string amr;  // "pwd", "otp"
  std::int64_t expires_at = 0;
  std::string used_at;  // empty until exchanged
};

// 授权 — what one code exchange created: the refresh-token family. Revoking
// it ends every refresh token (and access token, checked at userinfo and by
// the bearer authenticator) issued under it.
struct Grant {
  std::string grant_id;
  std::string client_id;
  std::string subject_id;
  std::string session_id;
  std::vector<std::string> scopes;
  std::int64_t auth_time = 0;
  std::string acr;
  std::string amr;
  std::string created_at;
  std::string revoked_at;  // empty while live
  std::string revoked_reason;
};

// 刷新令牌 — opaque; stored by SM3 hash. Each use replaces it (rotation);
// presenting a used one is a sign of theft and revokes the whole family.
struct RefreshToken {
  std::string token_hash;
  std::string grant_id;
  std::int64_t expires_at = 0;
  std::string used_at;  // empty until rotated
};

// What a refresh-token presentation means, decided from the stored state.
enum class RefreshVerdict {
  kRotate,       // live, unused: issue the next one
  kReuse,        // already used: revoke the family
  kRevoked,      // the family is revoked
  kExpired,      // past expires_at
  kWrongClient,  // issued to another client
};
RefreshVerdict JudgeRefresh(const RefreshToken& token, const Grant& grant, std::string_view client_id,
                            std::int64_t now);

// What a code presentation means.
enum class CodeVerdict { kExchange, kReplay, kExpired, kWrongClient, kWrongRedirectUri, kPkceFailed };
CodeVerdict JudgeCode(const AuthorizationCode& code, std::string_view client_id,
                      std::string_view redirect_uri, std::string_view code_verifier, std::int64_t now);

// SM3 hex: how codes, refresh tokens and client secrets are stored. They are
// 256-bit random values, so a fast hash suffices (no password stretching).
std::string HashSecret(std::string_view secret);

}  // namespace tongban::oidc
