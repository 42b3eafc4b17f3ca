// OpenID Connect provider (单点登录) — the service room: the protocol's use
// cases (authorize, token, userinfo, logout, revoke), the operators' client
// administration and the signing keys. HTTP-agnostic: routes parse requests
// into the structs below and render the outcomes.
//
// What is offered (and what is not, on purpose):
//   - authorization code flow only (no implicit, no hybrid: response_type=code);
//   - PKCE with S256 only, required for public clients;
//   - exact redirect URI matching; errors go to the relying party only when the
//     client and redirect URI are known, never to an unregistered URI;
//   - refresh tokens rotate on every use; a used one presented again revokes
//     the whole family; they die with the login session;
//   - a second use of an authorization code revokes what the first issued;
//   - client_credentials with scopes for system-to-system calls;
//   - no consent screen: clients are registered by the platform operator for
//     departments' systems (first-party single sign-on).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "audit/audit.hpp"
#include "core/error.hpp"
#include "crypto/key_set.hpp"
#include "db/database.hpp"
#include "db/migration.hpp"
#include "identity/caller.hpp"
#include "identity/directory.hpp"
#include "jose/signing_key_ring.hpp"
#include "oidc/model.hpp"
#include "time/clock.hpp"

namespace tongban::oidc {

// The seams the app wires: where a person's data and the access log live.
struct Dependencies {
  identity::Directory* directory = nullptr;
  identity::SessionControl* sessions = nullptr;
  // The plain phone number of a person, for clients entitled to it (see
  // Client::phone_entitled); nullopt when none. In the reader's transaction.
  std::function<std::optional<std::string>(db::Transaction&, const std::string& person_id)> phone;
  // Records a client's read of a person's data (privacy::RecordAccess): whose
  // data, which client, which fields ("name,phone"), whether a full phone
  // number was shown (unmasked), the request.
  std::function<Status(db::Transaction&, const std::string& person_id, const std::string& client_id,
                       const std::string& client_name, const std::string& fields, bool unmasked,
                       const std::string& request_id)>
      record_access;
  const calendar::Clock* clock = nullptr;
};

// An OAuth error as RFC 6749 §5.2 / OIDC Core §3.1.2.6 spell it.
struct OAuthError {
  std::string error;  // "invalid_request", "invalid_grant", "invalid_client", …
  std::string description;
  int status = 400;  // 401 for invalid_client
};

struct AuthorizeRequest {
  std::string client_id;
  std::string redirect_uri;
  std::string response_type;
  std::string response_mode;
  std::string scope;
  std::string state;
  std::string nonce;
  std::string code_challenge;
  std::string code_challenge_method;
  std::string prompt;
  std::string acr_values;
  std::string max_age;
  std::string request;      // request objects are not supported
  std::string request_uri;  // nor request URIs
};

struct AuthorizeOutcome {
  enum class Kind {
    kRedirect,  // to the relying party: a code, or an error for it
    kLogin,     // to our login page, which returns to the authorize URL
    kError,     // shown to the user: the redirect URI cannot be trusted
  };
  Kind kind = Kind::kError;
  std::string location;
  Error error;
};

struct ClientAuthentication {
  std::string client_id;
  std::string client_secret;
  bool basic = false;  // client_secret_basic (else post, or none for public clients)
};

struct TokenRequest {
  std::string grant_type;
  std::string code;
  std::string redirect_uri;
  std::string code_verifier;
  std::string refresh_token;
  std::string scope;
  ClientAuthentication client;
};

struct TokenResponse {
  std::string access_token;
  std::int64_t expires_in = 0;
  std::string refresh_token;  // empty when none
  std::string id_token;       // empty for client_credentials
  std::string scope;
};

struct TokenOutcome {
  std::optional<TokenResponse> response;
  OAuthError error;
};

// The claims userinfo returns; unset ones are left out.
struct UserInfo {
  std::string subject;
  std::optional<std::string> name;
  std::optional<std::string> phone_number;
  std::optional<std::string> acr;
};

struct LogoutRequest {
  std::string id_token_hint;
  std::string post_logout_redirect_uri;
  std::string state;
  std::string client_id;
};

struct LogoutOutcome {
  std::string location;  // where to send the browser: the RP's URI, or "/"
  bool session_ended = false;
};

// A verified access token (RFC 9068), for the bearer authenticator.
struct AccessTokenInfo {
  std::string subject;  // person_…, staff_… or the client's id (client_credentials)
  std::string client_id;
  std::vector<std::string> scopes;
  std::string session_id;
  std::string grant_id;  // empty for client_credentials
  std::string acr;
  std::string amr;
  std::int64_t auth_time = 0;
};

struct IssuedClient {
  Client client;
  std::string client_secret;  // shown once; empty for public clients
};

class SigningKeys;

class OidcService {
 public:
  OidcService(db::Database& db, const crypto::KeySet& keys, Dependencies deps);
  ~OidcService();

  // Loads the signing keys, creating an EdDSA and an ES256 key on first start.
  Status Start();

  // The discovery document's values depend on the issuer only.
  std::string JwksJson();

  AuthorizeOutcome Authorize(const identity::Caller& caller, const AuthorizeRequest& request,
                             const std::string& authorize_url, const std::string& issuer);
  TokenOutcome Token(const TokenRequest& request, const std::string& issuer, const std::string& request_id);
  // The same, answered through `done`: a refresh grant reads and signs on the
  // calling thread, hands its rotation to the writer (Database::WriteAsync)
  // and `done` runs on the writer's thread after the commit, so no thread
  // waits for it; every other outcome is answered before this returns. May
  // block on reads (call it from a worker). `done` is called exactly once.
  using TokenDone = std::function<void(TokenOutcome)>;
  void TokenAsync(const TokenRequest& request, const std::string& issuer, const std::string& request_id,
                  TokenDone done);
  // Whether TokenAsync for this grant type would neither wait nor block now:
  // on SQLite (a read is CPU work on pages in memory) with a free reader, for
  // the refresh and client_credentials grants (their only writes go through
  // WriteAsync; an authorization code's exchange writes synchronously). The
  // token endpoint then starts on the I/O thread instead of a worker.
  bool TokenNeverWaits(std::string_view grant_type);
  // kUnauthenticated oidc.invalid_token for a bad, expired or revoked token;
  // kPermissionDenied oidc.insufficient_scope without "openid".
  Result<UserInfo> GetUserInfo(const std::string& access_token, const std::string& issuer,
                               const std::string& request_id);
  // RP-initiated logout 1.0. kInvalidArgument oidc.bad_post_logout_redirect_uri
  // when the URI is not registered for the client named by the hint.
  Result<LogoutOutcome> Logout(const identity::Caller& caller, const LogoutRequest& request,
                               const std::string& issuer, const std::string& request_id);
  // RFC 7009: always "ok" for unknown tokens; an error only for client authentication.
  std::optional<OAuthError> Revoke(const ClientAuthentication& client, const std::string& token,
                                   const std::string& issuer, const std::string& request_id);

  Result<AccessTokenInfo> VerifyAccessToken(const std::string& token, const std::string& issuer);

  // Operators (policy rows oidc.client.*, oidc.key.rotate).
  Result<std::vector<Client>> ListClients(const identity::Caller& caller);
  Result<IssuedClient> CreateClient(const identity::Caller& caller, const NewClient& input);
  Result<Client> DisableClient(const identity::Caller& caller, const std::string& client_id);
  Result<IssuedClient> RotateClientSecret(const identity::Caller& caller, const std::string& client_id);
  Result<std::string> RotateSigningKey(const identity::Caller& caller, const std::string& algorithm);

  // The same for the command line (`tongban admin …`), acting as `actor`.
  Result<IssuedClient> CreateClientAs(const audit::Actor& actor, const NewClient& input,
                                      const std::string& request_id);
  // Makes a fresh key of `algorithm` ("EdDSA" or "ES256") active; the one it
  // replaces stays published until the last token it signed has expired.
  // Returns the new kid.
  Result<std::string> RotateSigningKeyAs(const audit::Actor& actor, const std::string& algorithm,
                                         const std::string& request_id);

 private:
  std::int64_t NowSeconds() const;
  // `also` runs in the same read transaction as the client lookup (one
  // round trip for the refresh grant's token lookup).
  Result<Client> AuthenticateClient(const ClientAuthentication& auth, OAuthError* error,
                                    const std::function<void(db::Transaction&)>& also = {});
  TokenOutcome ExchangeCode(const Client& client, const TokenRequest& request, const std::string& issuer,
                            const std::string& request_id);
  // What the refresh grant reads with the client.
  struct RefreshRead {
    std::optional<std::pair<RefreshToken, Grant>> found;  // the presented token and its family
    bool session_live = true;  // the family's login session (no SessionControl: live)
    bool touch_due = false;    // SessionControl::SessionLiveIn's
  };
  // Answers through `done` after the rotation's commit (see TokenAsync).
  void RefreshGrant(const Client& client, const TokenRequest& request, const RefreshRead& read,
                    const std::string& issuer, const std::string& request_id, TokenDone done);
  TokenOutcome ClientCredentials(const Client& client, const TokenRequest& request,
                                 const std::string& issuer);
  // `jwt_id`: the token's jti, or empty for a fresh random one.
  Result<std::string> SignAccessToken(const std::string& issuer, const AccessTokenInfo& info,
                                      std::string jwt_id = "");
  Result<std::string> SignIdToken(const std::string& issuer, const Grant& grant, const std::string& nonce);

  db::Database& db_;
  const crypto::KeySet& keys_;
  Dependencies deps_;
  calendar::SystemClock system_clock_;
  std::unique_ptr<SigningKeys> signing_keys_;
};

std::span<const db::Migration> Migrations();

}  // namespace tongban::oidc
