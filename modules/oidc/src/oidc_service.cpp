#include "oidc/service.hpp"

#include <algorithm>
#include <future>
#include <memory>

#include "core/ids.hpp"
#include "core/utc.hpp"
#include "crypto/base64url.hpp"
#include "crypto/random.hpp"
#include "http/url_encoding.hpp"
#include "identity/policy.hpp"
#include "jose/jwt.hpp"
#include "outbox/outbox.hpp"
#include "signing_keys.hpp"
#include "sql_oidc_store.hpp"
#include "tongban_oidc_migrations.hpp"

namespace tongban::oidc {
namespace {

// Random bytes in a refresh token (256 bits) and in an access token's jti.
constexpr std::size_t kRefreshTokenBytes = 32;
constexpr std::size_t kJwtIdBytes = 16;

constexpr jose::AlgorithmSet kOurAlgorithms{jose::Algorithm::kEdDsa, jose::Algorithm::kEs256};
// ID token hints at logout may have expired (OIDC RP-Initiated Logout §2);
// we still want our signature on them, within a day.
constexpr std::chrono::hours kLogoutHintLeeway{24};

std::string ToLower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool Has(const std::vector<std::string>& list, std::string_view v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

OAuthError OAuth(std::string error, std::string description, int status = 400) {
  return OAuthError{std::move(error), std::move(description), status};
}

constexpr const char* kReusedToken =
    "the refresh token was already used; every token of its family is revoked";

TokenOutcome Fail(std::string error, std::string description, int status = 400) {
  TokenOutcome out;
  out.error = OAuth(std::move(error), std::move(description), status);
  return out;
}

bool ConstantTimeEqual(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

audit::Actor ClientActor(const std::string& client_id) {
  return audit::Actor{client_id, "client", "", ""};
}

std::string JsonString(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// Revokes a grant and with it every token of its family, with the audit
// record and the event, in the caller's write; nothing when it was revoked
// already. Returns whether this call revoked it.
bool RevokeFamily(db::Transaction& tx, const std::string& grant_id, const std::string& client_id,
                  const std::string& request_id, const std::string& reason) {
  if (!SqlOidcStore(tx).RevokeGrant(grant_id, NowUtcMillis(), reason)) return false;
  audit::Append(tx, audit::Record{ClientActor(client_id), "oidc.grant.revoke", "oidc_grant", grant_id,
                                  request_id, audit::Outcome::kSuccess, reason});
  outbox::Publish(tx, outbox::NewEvent{"oidc.grant.revoked", "oidc_grant", grant_id,
                                       "{\"reason\":" + JsonString(reason) + "}", request_id});
  return true;
}

// Scopes that name user data (OIDC Core §5.4) — never granted to a client on its own behalf.
bool IsUserScope(std::string_view s) {
  return s == "openid" || s == "profile" || s == "phone" || s == "offline_access";
}

Error InvalidToken(std::string en) {
  return Error::Make(ErrorCode::kUnauthenticated, "oidc.invalid_token", "访问令牌无效、已过期或已撤销",
                     std::move(en));
}

std::vector<std::string> SplitSpaces(std::string_view text) {
  return ParseScope(text).value_or(std::vector<std::string>{});
}

// The authorize URL with the parameters that made us send the user to the
// login page removed, so that the login page's return does not loop.
std::string WithoutParams(const std::string& url, std::initializer_list<std::string_view> names) {
  auto q = url.find('?');
  if (q == std::string::npos) return url;
  std::string out = url.substr(0, q);
  std::string_view query = std::string_view(url).substr(q + 1);
  char sep = '?';
  std::size_t i = 0;
  while (i <= query.size()) {
    std::size_t end = query.find('&', i);
    if (end == std::string_view::npos) end = query.size();
    std::string_view pair = query.substr(i, end - i);
    std::string_view name = pair.substr(0, pair.find('='));
    bool drop = pair.empty();
    for (std::string_view n : names) drop = drop || name == n;
    if (!drop) {
      out += sep;
      out += pair;
      sep = '&';
    }
    i = end + 1;
  }
  return out;
}

}  // namespace

OidcService::OidcService(db::Database& db, const crypto::KeySet& keys, Dependencies deps)
    : db_(db), keys_(keys), deps_(std::move(deps)) {
  if (!deps_.clock) deps_.clock = &system_clock_;
  signing_keys_ = std::make_unique<SigningKeys>(db_, keys_.data_encryption_key, *deps_.clock);
}

OidcService::~OidcService() = default;

Status OidcService::Start() {
  return signing_keys_->Start();
}

std::int64_t OidcService::NowSeconds() const {
  return std::chrono::duration_cast<std::chrono::seconds>(deps_.clock->Now().time_since_epoch()).count();
}

std::string OidcService::JwksJson() {
  return signing_keys_->Current()->jwks_json;
}

// ---- authorize ------------------------------------------------------------------

AuthorizeOutcome OidcService::Authorize(const identity::Caller& caller, const AuthorizeRequest& req,
                                        const std::string& authorize_url, const std::string& issuer) {
  AuthorizeOutcome out;
  auto user_error = [&](std::string reason, std::string zh, std::string en, std::string field) {
    out.kind = AuthorizeOutcome::Kind::kError;
    out.error = Error::Make(ErrorCode::kInvalidArgument, std::move(reason), std::move(zh), std::move(en),
                            std::move(field));
    return out;
  };
  if (req.client_id.empty()) {
    return user_error("oidc.missing_client_id", "缺少 client_id 参数", "client_id is missing", "client_id");
  }
  std::optional<Client> client;
  db_.Run([&](db::Transaction& tx) { client = SqlOidcStore(tx).FindClient(req.client_id); });
  if (!client || client->status != ClientStatus::kActive) {
    return user_error("oidc.unknown_client", "未知或已停用的接入系统", "unknown or disabled client",
                      "client_id");
  }
  if (req.redirect_uri.empty() || !client->HasRedirectUri(req.redirect_uri)) {
    // Never redirect to a URI we cannot vouch for (RFC 6749 §4.1.2.1).
    return user_error("oidc.bad_redirect_uri", "回调地址未在该接入系统登记",
                      "redirect_uri is not registered for this client", "redirect_uri");
  }
  // From here on, errors go back to the relying party.
  auto rp_error = [&](std::string error, std::string description) {
    out.kind = AuthorizeOutcome::Kind::kRedirect;
    std::vector<std::pair<std::string, std::string>> params{{"error", std::move(error)},
                                                            {"error_description", std::move(description)}};
    if (!req.state.empty()) params.emplace_back("state", req.state);
    params.emplace_back("iss", issuer);
    out.location = http::AppendQuery(req.redirect_uri, params);
    return out;
  };
  if (req.state.size() > kMaxStateChars) return rp_error("invalid_request", "state is too long");
  if (!req.request.empty()) return rp_error("request_not_supported", "request objects are not supported");
  if (!req.request_uri.empty()) return rp_error("request_uri_not_supported", "request_uri is not supported");
  if (req.response_type != "code") {
    return rp_error("unsupported_response_type",
                    "only response_type=code is supported (no implicit or hybrid flow)");
  }
  if (!req.response_mode.empty() && req.response_mode != "query") {
    return rp_error("invalid_request", "only response_mode=query is supported");
  }
  if (!client->Allows(GrantType::kAuthorizationCode)) {
    return rp_error("unauthorized_client", "this client may not use the authorization code flow");
  }
  auto asked = ParseScope(req.scope);
  if (!asked) return rp_error("invalid_scope", "scope is malformed");
  if (!Has(*asked, "openid")) return rp_error("invalid_scope", "scope must include openid");
  // Scopes the client may not have are left out of the grant, not refused
  // (RFC 6749 §3.3; the token response's "scope" says what was granted), so
  // that a relying party asking "openid profile email offline_access" still
  // signs in. offline_access is implied by the refresh_token grant type.
  std::vector<std::string> granted;
  for (const std::string& s : *asked) {
    if (client->AllowsScope(s)) granted.push_back(s);
  }
  auto scopes = std::optional<std::vector<std::string>>(std::move(granted));
  if (req.nonce.size() > kMaxNonceChars) return rp_error("invalid_request", "nonce is too long");
  if (!req.code_challenge_method.empty() && req.code_challenge_method != "S256") {
    return rp_error("invalid_request", "only code_challenge_method=S256 is supported (plain is refused)");
  }
  if (req.code_challenge.empty()) {
    if (!req.code_challenge_method.empty()) return rp_error("invalid_request", "code_challenge is missing");
    if (client->type == ClientType::kPublic) {
      return rp_error("invalid_request",
                      "PKCE is required for public clients: send code_challenge with S256");
    }
  } else {
    if (req.code_challenge_method.empty()) {
      // RFC 7636 §4.3 defaults to plain, which we refuse.
      return rp_error("invalid_request", "code_challenge_method=S256 is required");
    }
    if (!IsValidCodeChallenge(req.code_challenge)) {
      return rp_error("invalid_request", "code_challenge must be 43 base64url characters (S256)");
    }
  }
  auto prompts = ParseScope(req.prompt);
  if (!prompts) return rp_error("invalid_request", "prompt is malformed");
  bool prompt_none = Has(*prompts, "none");
  bool prompt_login = Has(*prompts, "login");
  for (const std::string& p : *prompts) {
    if (p != "none" && p != "login" && p != "consent" && p != "select_account") {
      return rp_error("invalid_request", "unsupported prompt value: " + p);
    }
  }
  if (prompt_none && prompts->size() > 1)
    return rp_error("invalid_request", "prompt=none cannot be combined");
  std::optional<std::int64_t> max_age;
  if (!req.max_age.empty()) {
    std::int64_t v = 0;
    for (char c : req.max_age) {
      if (c < '0' || c > '9' || v > 100'000'000)
        return rp_error("invalid_request", "max_age must be a number");
      v = v * 10 + (c - '0');
    }
    max_age = v;
  }

  bool signed_in =
      caller.kind == identity::CallerKind::kPerson || caller.kind == identity::CallerKind::kStaff;
  bool too_old = signed_in && max_age && NowSeconds() - caller.auth_time > *max_age;
  if (!signed_in || prompt_login || too_old) {
    if (prompt_none) return rp_error("login_required", "the user is not logged in");
    out.kind = AuthorizeOutcome::Kind::kLogin;
    std::string back = WithoutParams(authorize_url, {"prompt", "max_age"});
    std::vector<std::pair<std::string, std::string>> params{{"return_to", back}};
    if (prompt_login || too_old) params.emplace_back("prompt", "login");
    out.location = http::AppendQuery("/login", params);
    return out;
  }

  // 实名等级: the client's minimum and the request's acr_values (the lowest
  // listed value is the least the relying party accepts).
  std::optional<identity::AssuranceLevel> required = client->required_acr;
  if (!req.acr_values.empty()) {
    std::optional<identity::AssuranceLevel> lowest;
    for (const std::string& v : SplitSpaces(req.acr_values)) {
      auto level = identity::ParseAssuranceLevel(v);
      if (level.ok() && (!lowest || *level < *lowest)) lowest = *level;
    }
    if (!lowest) return rp_error("invalid_request", "acr_values must list L1, L2 or L3");
    if (!required || *lowest > *required) required = lowest;
  }
  if (required && !identity::Satisfies(caller.assurance, *required)) {
    return rp_error("access_denied", "this service requires real-name assurance level " +
                                         std::string(identity::AssuranceLevelCode(*required)) +
                                         "; the account is at level " +
                                         std::string(identity::AssuranceLevelCode(caller.assurance)) +
                                         " (verify your identity to raise it)");
  }

  std::string code = crypto::RandomToken(32);
  AuthorizationCode stored;
  stored.code_hash = HashSecret(code);
  stored.grant_id = "grant_" + ToLower(NewUlid());
  stored.client_id = client->client_id;
  stored.redirect_uri = req.redirect_uri;
  stored.scopes = *scopes;
  stored.nonce = req.nonce;
  stored.code_challenge = req.code_challenge;
  stored.subject_id = caller.subject_id;
  stored.session_id = caller.session_id;
  stored.auth_time = caller.auth_time;
  stored.acr = std::string(identity::AssuranceLevelCode(caller.assurance));
  stored.amr = caller.auth_method.empty() ? "pwd" : caller.auth_method;
  stored.expires_at = NowSeconds() + kCodeLifetime;
  Status st = db_.Write([&](db::Transaction& tx) -> Status {
    SqlOidcStore store(tx);
    // Codes past their minute are refused anyway; an hour later their rows go
    // (replay detection needs them only while a replay could still arrive).
    store.DeleteExpiredCodes(NowSeconds() - 3600);
    store.InsertCode(stored, NowUtcMillis());
    audit::Append(
        tx, audit::Record{caller.ToActor(), "oidc.authorization_code.issue", "oidc_grant", stored.grant_id,
                          caller.request_id, audit::Outcome::kSuccess, "client " + client->client_id});
    outbox::Publish(
        tx, outbox::NewEvent{"oidc.authorization_code.issued", "oidc_grant", stored.grant_id,
                             "{\"client_id\":" + JsonString(client->client_id) + "}", caller.request_id});
    return Status::Ok();
  });
  if (!st.ok()) return rp_error("server_error", "the authorization could not be recorded; try again");
  std::vector<std::pair<std::string, std::string>> params{{"code", code}};
  if (!req.state.empty()) params.emplace_back("state", req.state);
  params.emplace_back("iss", issuer);  // RFC 9207
  out.kind = AuthorizeOutcome::Kind::kRedirect;
  out.location = http::AppendQuery(req.redirect_uri, params);
  return out;
}

// ---- token ----------------------------------------------------------------------

Result<Client> OidcService::AuthenticateClient(const ClientAuthentication& auth, OAuthError* error,
                                               const std::function<void(db::Transaction&)>& also) {
  auto fail = [&](std::string description) {
    *error = OAuth("invalid_client", std::move(description), 401);
    return Error::Make(ErrorCode::kUnauthenticated, "oidc.invalid_client", "接入系统认证失败",
                       "client authentication failed");
  };
  if (auth.client_id.empty()) return fail("client authentication is missing");
  std::optional<Client> client;
  db_.Run([&](db::Transaction& tx) {
    client = SqlOidcStore(tx).FindClient(auth.client_id);
    if (client && also) also(tx);
  });
  if (!client || client->status != ClientStatus::kActive) return fail("unknown or disabled client");
  if (client->type == ClientType::kPublic) {
    if (!auth.client_secret.empty()) return fail("a public client has no secret");
    return *client;
  }
  if (auth.client_secret.empty()) return fail("client_secret is missing");
  if (!ConstantTimeEqual(HashSecret(auth.client_secret), client->secret_hash)) {
    return fail("wrong client secret");
  }
  return *client;
}

TokenOutcome OidcService::Token(const TokenRequest& request, const std::string& issuer,
                                const std::string& request_id) {
  std::promise<TokenOutcome> answered;
  std::future<TokenOutcome> outcome = answered.get_future();
  TokenAsync(request, issuer, request_id,
             [&answered](TokenOutcome out) { answered.set_value(std::move(out)); });
  return outcome.get();
}

bool OidcService::TokenNeverWaits(std::string_view grant_type) {
  return db_.dialect() == db::Dialect::kSqlite &&
         (grant_type == "refresh_token" || grant_type == "client_credentials") && db_.ReaderAvailable();
}

void OidcService::TokenAsync(const TokenRequest& request, const std::string& issuer,
                             const std::string& request_id, TokenDone done) {
  OAuthError auth_error;
  // The refresh grant's token, its family and the login session are read
  // with the client: one read transaction.
  RefreshRead refresh;
  std::function<void(db::Transaction&)> also;
  if (request.grant_type == "refresh_token" && !request.refresh_token.empty()) {
    also = [&](db::Transaction& tx) {
      refresh.found = SqlOidcStore(tx).FindRefreshToken(HashSecret(request.refresh_token));
      if (refresh.found && deps_.sessions) {
        refresh.session_live =
            deps_.sessions->SessionLiveIn(tx, refresh.found->second.session_id, &refresh.touch_due);
      }
    };
  }
  auto client = AuthenticateClient(request.client, &auth_error, also);
  if (!client.ok()) {
    TokenOutcome out;
    out.error = auth_error;
    return done(std::move(out));
  }
  auto grant = ParseGrantType(request.grant_type);
  if (request.grant_type.empty()) return done(Fail("invalid_request", "grant_type is missing"));
  if (!grant) return done(Fail("unsupported_grant_type", "unsupported grant_type: " + request.grant_type));
  if (!client->Allows(*grant)) {
    return done(Fail("unauthorized_client", "this client may not use " + request.grant_type));
  }
  switch (*grant) {
    case GrantType::kAuthorizationCode: return done(ExchangeCode(*client, request, issuer, request_id));
    case GrantType::kRefreshToken:
      return RefreshGrant(*client, request, refresh, issuer, request_id, std::move(done));
    case GrantType::kClientCredentials: return done(ClientCredentials(*client, request, issuer));
  }
  done(Fail("unsupported_grant_type", "unsupported grant_type"));
}

Result<std::string> OidcService::SignAccessToken(const std::string& issuer, const AccessTokenInfo& info,
                                                 std::string jwt_id) {
  auto keys = signing_keys_->Current();
  auto key = keys->ring.ActiveKey(jose::Algorithm::kEdDsa);
  if (!key.ok()) return key.error();
  auto now = deps_.clock->Now();
  jose::RegisteredClaims claims;
  claims.issuer = issuer;
  claims.subject = info.subject;
  claims.audience = {issuer};
  claims.issued_at = std::chrono::time_point_cast<std::chrono::seconds>(now);
  claims.expires_at = *claims.issued_at + std::chrono::seconds(kAccessTokenLifetime);
  claims.jwt_id = jwt_id.empty() ? crypto::RandomToken(kJwtIdBytes) : std::move(jwt_id);
  jose::ExtraClaims extra;
  extra.SetString("client_id", info.client_id);
  extra.SetString("scope", JoinScope(info.scopes));
  if (!info.grant_id.empty()) {
    extra.SetInteger("auth_time", info.auth_time);
    extra.SetString("acr", info.acr);
    extra.SetStringList("amr", {info.amr});
    extra.SetString("sid", info.session_id);
    extra.SetString("grant_id", info.grant_id);
  }
  return jose::SignJwt(*key, claims, extra, "at+jwt");
}

Result<std::string> OidcService::SignIdToken(const std::string& issuer, const Grant& grant,
                                             const std::string& nonce) {
  auto keys = signing_keys_->Current();
  auto key = keys->ring.ActiveKey(jose::Algorithm::kEdDsa);
  if (!key.ok()) return key.error();
  auto now = deps_.clock->Now();
  jose::RegisteredClaims claims;
  claims.issuer = issuer;
  claims.subject = grant.subject_id;
  claims.audience = {grant.client_id};
  claims.issued_at = std::chrono::time_point_cast<std::chrono::seconds>(now);
  claims.expires_at = *claims.issued_at + std::chrono::seconds(kIdTokenLifetime);
  jose::ExtraClaims extra;
  extra.SetInteger("auth_time", grant.auth_time);
  if (!nonce.empty()) extra.SetString("nonce", nonce);
  extra.SetString("acr", grant.acr);
  extra.SetStringList("amr", {grant.amr});
  extra.SetString("sid", grant.session_id);
  return jose::SignJwt(*key, claims, extra, "JWT");
}

TokenOutcome OidcService::ExchangeCode(const Client& client, const TokenRequest& request,
                                       const std::string& issuer, const std::string& request_id) {
  if (request.code.empty()) return Fail("invalid_request", "code is missing");
  if (request.redirect_uri.empty()) return Fail("invalid_request", "redirect_uri is missing");
  if (!request.code_verifier.empty() && !IsValidCodeVerifier(request.code_verifier)) {
    return Fail("invalid_request", "code_verifier must be 43–128 characters of [A-Za-z0-9-._~]");
  }
  std::string code_hash = HashSecret(request.code);
  std::optional<AuthorizationCode> code;
  db_.Run([&](db::Transaction& tx) { code = SqlOidcStore(tx).FindCode(code_hash); });
  if (!code) return Fail("invalid_grant", "unknown authorization code");
  auto revoke_family = [&](const std::string& reason) {
    Status st = db_.Write([&](db::Transaction& tx) -> Status {
      RevokeFamily(tx, code->grant_id, client.client_id, request_id, reason);
      return Status::Ok();
    });
    (void)st;
  };
  switch (JudgeCode(*code, client.client_id, request.redirect_uri, request.code_verifier, NowSeconds())) {
    case CodeVerdict::kExchange: break;
    case CodeVerdict::kReplay:
      revoke_family("code_replay");
      return Fail("invalid_grant",
                  "the authorization code was already used; the tokens issued with it are revoked");
    case CodeVerdict::kExpired: return Fail("invalid_grant", "the authorization code has expired");
    case CodeVerdict::kWrongClient:
      return Fail("invalid_grant", "the authorization code was issued to another client");
    case CodeVerdict::kWrongRedirectUri:
      return Fail("invalid_grant", "redirect_uri differs from the authorization request's");
    case CodeVerdict::kPkceFailed:
      return Fail("invalid_grant", "PKCE verification failed: code_verifier does not match code_challenge");
  }
  if (client.type == ClientType::kPublic && code->code_challenge.empty()) {
    return Fail("invalid_grant", "PKCE is required for public clients");
  }
  if (deps_.sessions && !deps_.sessions->SessionLive(code->session_id)) {
    return Fail("invalid_grant", "the login session has ended");
  }
  Grant grant;
  grant.grant_id = code->grant_id;
  grant.client_id = client.client_id;
  grant.subject_id = code->subject_id;
  grant.session_id = code->session_id;
  grant.scopes = code->scopes;
  grant.auth_time = code->auth_time;
  grant.acr = code->acr;
  grant.amr = code->amr;
  grant.created_at = NowUtcMillis();
  bool with_refresh = client.Allows(GrantType::kRefreshToken);
  std::string refresh = with_refresh ? crypto::RandomToken(kRefreshTokenBytes) : "";
  bool replayed = false;
  Status st = db_.Write([&](db::Transaction& tx) -> Status {
    replayed = false;
    SqlOidcStore store(tx);
    std::string now = NowUtcMillis();
    if (!store.MarkCodeUsed(code_hash, now)) {
      // Another exchange won the race: this one is the replay.
      replayed = true;
      RevokeFamily(tx, grant.grant_id, client.client_id, request_id, "code_replay");
      return Status::Ok();
    }
    store.InsertGrant(grant);
    if (with_refresh) {
      store.InsertRefreshToken(
          RefreshToken{HashSecret(refresh), grant.grant_id, NowSeconds() + kRefreshTokenLifetime, ""}, now);
    }
    audit::Append(
        tx, audit::Record{ClientActor(client.client_id), "oidc.grant.create", "oidc_grant", grant.grant_id,
                          request_id, audit::Outcome::kSuccess, "subject " + grant.subject_id});
    outbox::Publish(tx, outbox::NewEvent{"oidc.grant.created", "oidc_grant", grant.grant_id,
                                         "{\"client_id\":" + JsonString(client.client_id) + "}", request_id});
    return Status::Ok();
  });
  if (!st.ok()) return Fail("server_error", "the tokens could not be recorded; try again", 500);
  if (replayed) {
    return Fail("invalid_grant",
                "the authorization code was already used; the tokens issued with it are revoked");
  }
  AccessTokenInfo info{grant.subject_id, client.client_id, grant.scopes, grant.session_id,
                       grant.grant_id,   grant.acr,        grant.amr,    grant.auth_time};
  auto access = SignAccessToken(issuer, info);
  auto id_token = SignIdToken(issuer, grant, code->nonce);
  if (!access.ok() || !id_token.ok()) return Fail("server_error", "signing failed", 500);
  TokenResponse response{*access, kAccessTokenLifetime, refresh, *id_token, JoinScope(grant.scopes)};
  TokenOutcome out;
  out.response = std::move(response);
  return out;
}

void OidcService::RefreshGrant(const Client& client, const TokenRequest& request, const RefreshRead& read,
                               const std::string& issuer, const std::string& request_id, TokenDone done) {
  const std::optional<std::pair<RefreshToken, Grant>>& found = read.found;
  if (request.refresh_token.empty()) return done(Fail("invalid_request", "refresh_token is missing"));
  if (!found) return done(Fail("invalid_grant", "unknown refresh token"));
  const Grant& grant = found->second;
  // Revokes the family, then answers `failure` once the revocation is durable
  // (asynchronously: the grant may have started on an I/O thread).
  auto revoke_family = [&](std::string reason, TokenOutcome failure) {
    db_.WriteAsync(
        [grant_id = grant.grant_id, client_id = client.client_id, request_id,
         reason](db::Transaction& tx) -> Status {
          RevokeFamily(tx, grant_id, client_id, request_id, reason);
          return Status::Ok();
        },
        [failure = std::move(failure), done = std::move(done)](Status) mutable { done(std::move(failure)); });
  };
  switch (JudgeRefresh(found->first, grant, client.client_id, NowSeconds())) {
    case RefreshVerdict::kRotate: break;
    case RefreshVerdict::kReuse:
      return revoke_family("refresh_token_reuse", Fail("invalid_grant", kReusedToken));
    case RefreshVerdict::kRevoked: return done(Fail("invalid_grant", "the refresh token has been revoked"));
    case RefreshVerdict::kExpired: return done(Fail("invalid_grant", "the refresh token has expired"));
    case RefreshVerdict::kWrongClient:
      return done(Fail("invalid_grant", "the refresh token was issued to another client"));
  }
  std::vector<std::string> scopes = grant.scopes;
  if (!request.scope.empty()) {
    auto asked = ParseScope(request.scope);
    if (!asked) return done(Fail("invalid_scope", "scope is malformed"));
    for (const std::string& s : *asked) {
      if (!Has(grant.scopes, s)) return done(Fail("invalid_scope", "scope exceeds the original grant: " + s));
    }
    scopes = *asked;
  }
  if (!read.session_live) {
    return revoke_family("session_ended", Fail("invalid_grant", "the login session has ended"));
  }
  // The next refresh token and the access token's jti from one draw of the
  // random generator (each draw costs a lock and a DRBG step), and the hash
  // made here rather than in the writer, which every write waits on. The
  // tokens are signed before the write too, so that the writer's completion
  // only answers; when the write fails they are dropped unseen.
  std::string random = crypto::RandomBytes(kRefreshTokenBytes + kJwtIdBytes);
  std::string_view drawn = random;
  std::string next = crypto::Base64UrlEncode(drawn.substr(0, kRefreshTokenBytes));
  std::string jwt_id = crypto::Base64UrlEncode(drawn.substr(kRefreshTokenBytes));
  AccessTokenInfo info{grant.subject_id, client.client_id, scopes,    grant.session_id,
                       grant.grant_id,   grant.acr,        grant.amr, grant.auth_time};
  auto access = SignAccessToken(issuer, info, std::move(jwt_id));
  auto id_token = SignIdToken(issuer, grant, "");
  if (!access.ok() || !id_token.ok()) return done(Fail("server_error", "signing failed", 500));

  struct Rotation {
    std::string token_hash;  // the presented token's
    RefreshToken next;
    std::string client_id;
    std::string request_id;
    std::string touch_session;  // the login session's id when its use is due to be recorded
    bool reused = false;        // written by the unit, read by the completion (after it, on the writer)
    TokenResponse response;
  };
  auto rotation = std::make_shared<Rotation>(
      Rotation{found->first.token_hash,
               RefreshToken{HashSecret(next), grant.grant_id, NowSeconds() + kRefreshTokenLifetime, ""},
               client.client_id, request_id, read.touch_due ? grant.session_id : "", false,
               TokenResponse{*std::move(access), kAccessTokenLifetime, std::move(next), *std::move(id_token),
                             JoinScope(scopes)}});
  db_.WriteAsync(
      [rotation, sessions = deps_.sessions](db::Transaction& tx) -> Status {
        Rotation& r = *rotation;
        r.reused = false;
        SqlOidcStore store(tx);
        std::string now = NowUtcMillis();
        const std::string& grant_id = r.next.grant_id;
        if (!store.MarkRefreshTokenUsed(r.token_hash, now)) {
          r.reused = true;  // a concurrent presentation of the same token won
          RevokeFamily(tx, grant_id, r.client_id, r.request_id, "refresh_token_reuse");
          return Status::Ok();
        }
        store.InsertRefreshToken(r.next, now);
        if (sessions && !r.touch_session.empty()) sessions->TouchSession(tx, r.touch_session);
        audit::Append(tx, audit::Record{ClientActor(r.client_id), "oidc.refresh_token.rotate", "oidc_grant",
                                        grant_id, r.request_id, audit::Outcome::kSuccess, ""});
        outbox::Publish(
            tx, outbox::NewEvent{"oidc.refresh_token.rotated", "oidc_grant", grant_id, "{}", r.request_id});
        return Status::Ok();
      },
      [rotation, done = std::move(done)](Status st) {
        if (!st.ok()) return done(Fail("server_error", "the tokens could not be recorded; try again", 500));
        if (rotation->reused) return done(Fail("invalid_grant", kReusedToken));
        TokenOutcome out;
        out.response = std::move(rotation->response);
        done(std::move(out));
      });
}

TokenOutcome OidcService::ClientCredentials(const Client& client, const TokenRequest& request,
                                            const std::string& issuer) {
  std::vector<std::string> scopes;
  if (request.scope.empty()) {
    for (const std::string& s : client.scopes) {
      if (!IsUserScope(s)) scopes.push_back(s);
    }
  } else {
    auto asked = ParseScope(request.scope);
    if (!asked) return Fail("invalid_scope", "scope is malformed");
    for (const std::string& s : *asked) {
      if (IsUserScope(s))
        return Fail("invalid_scope", "scope " + s + " needs a user; not for client_credentials");
      if (!client.AllowsScope(s)) return Fail("invalid_scope", "scope not allowed for this client: " + s);
    }
    scopes = *asked;
  }
  AccessTokenInfo info;
  info.subject = client.client_id;
  info.client_id = client.client_id;
  info.scopes = scopes;
  auto access = SignAccessToken(issuer, info);
  if (!access.ok()) return Fail("server_error", "signing failed", 500);
  TokenOutcome out;
  out.response = TokenResponse{*access, kAccessTokenLifetime, "", "", JoinScope(scopes)};
  return out;
}

// ---- access tokens and userinfo -------------------------------------------------

namespace {

Result<AccessTokenInfo> ParseAccessToken(const std::string& token, const jose::JwkSet& keys,
                                         const std::string& issuer, jose::Instant now) {
  jose::JwtChecks checks;
  checks.issuer = issuer;
  checks.audience = issuer;
  checks.type = "at+jwt";
  auto verified = jose::VerifyJwt(token, keys, {jose::Algorithm::kEdDsa}, checks, now);
  if (!verified.ok())
    return InvalidToken("the access token is invalid or expired").WithDetail(verified.error().reason);
  AccessTokenInfo info;
  info.subject = verified->claims.subject;
  info.client_id = verified->StringClaim("client_id").value_or("");
  info.scopes = SplitSpaces(verified->StringClaim("scope").value_or(""));
  info.session_id = verified->StringClaim("sid").value_or("");
  info.grant_id = verified->StringClaim("grant_id").value_or("");
  info.acr = verified->StringClaim("acr").value_or("");
  auto amr = verified->StringListClaim("amr");
  info.amr = amr && !amr->empty() ? amr->front() : "";
  info.auth_time = verified->IntegerClaim("auth_time").value_or(0);
  if (info.subject.empty() || info.client_id.empty())
    return InvalidToken("the access token lacks sub or client_id");
  return info;
}

}  // namespace

Result<AccessTokenInfo> OidcService::VerifyAccessToken(const std::string& token, const std::string& issuer) {
  auto info = ParseAccessToken(token, signing_keys_->Current()->published, issuer, deps_.clock->Now());
  if (!info.ok()) return info;
  bool live = true;
  db_.Run([&](db::Transaction& tx) {
    SqlOidcStore store(tx);
    if (!info->grant_id.empty()) {
      auto grant = store.FindGrant(info->grant_id);
      live = grant && grant->revoked_at.empty();
    } else {
      auto client = store.FindClient(info->client_id);
      live = client && client->status == ClientStatus::kActive;
    }
  });
  if (!live) return InvalidToken("the access token has been revoked");
  return info;
}

Result<UserInfo> OidcService::GetUserInfo(const std::string& access_token, const std::string& issuer,
                                          const std::string& request_id) {
  auto info = ParseAccessToken(access_token, signing_keys_->Current()->published, issuer, deps_.clock->Now());
  if (!info.ok()) return info.error();
  if (info->grant_id.empty()) return InvalidToken("a client_credentials token has no user");
  if (!Has(info->scopes, "openid")) {
    return Error::Make(ErrorCode::kPermissionDenied, "oidc.insufficient_scope",
                       "访问令牌缺少 openid 授权范围", "the access token lacks the openid scope");
  }
  bool person = info->subject.rfind("person_", 0) == 0;
  bool want_profile = Has(info->scopes, "profile");
  bool want_phone = Has(info->scopes, "phone") && person;
  UserInfo out;
  out.subject = info->subject;
  out.acr = info->acr;
  bool live = false;
  bool unmasked = false;
  std::string client_name;
  db_.Run([&](db::Transaction& tx) {
    SqlOidcStore store(tx);
    auto grant = store.FindGrant(info->grant_id);
    live = grant && grant->revoked_at.empty();
    if (!live || !deps_.directory) return;
    auto client = store.FindClient(info->client_id);
    client_name = client ? client->name : "";
    if (person) {
      auto p = deps_.directory->FindPerson(tx, info->subject);
      if (!p) return;
      if (want_profile) out.name = p->name;
      if (want_phone) {
        if (client && client->phone_entitled && deps_.phone) {
          out.phone_number = deps_.phone(tx, info->subject);
          unmasked = out.phone_number.has_value();
        } else if (!p->phone_masked.empty()) {
          out.phone_number = p->phone_masked;
        }
      }
    } else if (want_profile) {
      auto s = deps_.directory->FindStaff(tx, info->subject);
      if (s) out.name = s->name;
    }
  });
  if (!live) return InvalidToken("the access token has been revoked");
  if (person && (out.name || out.phone_number) && deps_.record_access) {
    std::string fields;
    if (out.name) fields = "name";
    if (out.phone_number) fields += fields.empty() ? "phone" : ",phone";
    Status st = db_.Write([&](db::Transaction& tx) -> Status {
      return deps_.record_access(tx, info->subject, info->client_id, client_name, fields, unmasked,
                                 request_id);
    });
    // A read we cannot record is a read we do not serve.
    if (!st.ok()) return st.error();
  }
  return out;
}

// ---- logout and revocation ------------------------------------------------------

Result<LogoutOutcome> OidcService::Logout(const identity::Caller& caller, const LogoutRequest& request,
                                          const std::string& issuer, const std::string& request_id) {
  auto bad = [](std::string reason, std::string zh, std::string en, std::string field) {
    return Error::Make(ErrorCode::kInvalidArgument, std::move(reason), std::move(zh), std::move(en),
                       std::move(field));
  };
  std::string client_id = request.client_id;
  std::string session_id;
  if (!request.id_token_hint.empty()) {
    jose::JwtChecks checks;
    checks.issuer = issuer;
    checks.leeway = std::chrono::duration_cast<std::chrono::seconds>(kLogoutHintLeeway);
    auto verified = jose::VerifyJwt(request.id_token_hint, signing_keys_->Current()->published,
                                    kOurAlgorithms, checks, deps_.clock->Now());
    if (!verified.ok()) {
      return bad("oidc.bad_id_token_hint", "id_token_hint 无效",
                 "id_token_hint is not a valid ID token of ours", "id_token_hint");
    }
    std::string aud = verified->claims.audience.empty() ? "" : verified->claims.audience.front();
    if (!client_id.empty() && client_id != aud) {
      return bad("oidc.bad_id_token_hint", "id_token_hint 与 client_id 不符",
                 "id_token_hint was issued to another client", "client_id");
    }
    client_id = aud;
    session_id = verified->StringClaim("sid").value_or("");
  } else if (caller.authenticated()) {
    session_id = caller.session_id;
  }
  std::string location = "/";
  if (!request.post_logout_redirect_uri.empty()) {
    std::optional<Client> client;
    if (!client_id.empty()) {
      db_.Run([&](db::Transaction& tx) { client = SqlOidcStore(tx).FindClient(client_id); });
    }
    if (!client || !client->HasPostLogoutRedirectUri(request.post_logout_redirect_uri)) {
      return bad("oidc.bad_post_logout_redirect_uri", "登出后回调地址未在该接入系统登记",
                 "post_logout_redirect_uri is not registered for this client", "post_logout_redirect_uri");
    }
    std::vector<std::pair<std::string, std::string>> params;
    if (!request.state.empty()) params.emplace_back("state", request.state);
    location = http::AppendQuery(request.post_logout_redirect_uri, params);
  }
  LogoutOutcome out;
  out.location = location;
  if (!session_id.empty()) {
    if (deps_.sessions) TONGBAN_RETURN_IF_ERROR(deps_.sessions->EndSession(session_id));
    audit::Actor actor = caller.authenticated() ? caller.ToActor() : ClientActor(client_id);
    TONGBAN_RETURN_IF_ERROR(db_.Write([&](db::Transaction& tx) -> Status {
      std::int64_t n = SqlOidcStore(tx).RevokeGrantsOfSession(session_id, NowUtcMillis(), "logout");
      audit::Append(tx, audit::Record{actor, "oidc.session.logout", "session", session_id, request_id,
                                      audit::Outcome::kSuccess, std::to_string(n) + " grants revoked"});
      outbox::Publish(tx, outbox::NewEvent{"oidc.session.logged_out", "session", session_id,
                                           "{\"client_id\":" + JsonString(client_id) + "}", request_id});
      return Status::Ok();
    }));
    out.session_ended = true;
  }
  return out;
}

std::optional<OAuthError> OidcService::Revoke(const ClientAuthentication& auth, const std::string& token,
                                              const std::string& issuer, const std::string& request_id) {
  OAuthError error;
  auto client = AuthenticateClient(auth, &error);
  if (!client.ok()) return error;
  if (token.empty()) return OAuth("invalid_request", "token is missing");
  std::string grant_id;
  std::optional<std::pair<RefreshToken, Grant>> found;
  db_.Run([&](db::Transaction& tx) { found = SqlOidcStore(tx).FindRefreshToken(HashSecret(token)); });
  if (found && found->second.client_id == client->client_id) {
    grant_id = found->second.grant_id;
  } else if (!found) {
    auto info = ParseAccessToken(token, signing_keys_->Current()->published, issuer, deps_.clock->Now());
    if (info.ok() && info->client_id == client->client_id) grant_id = info->grant_id;
  }
  if (grant_id.empty()) return std::nullopt;  // RFC 7009 §2.2: unknown tokens are not an error
  Status st = db_.Write([&](db::Transaction& tx) -> Status {
    RevokeFamily(tx, grant_id, client->client_id, request_id, "revoked_by_client");
    return Status::Ok();
  });
  if (!st.ok()) return OAuth("server_error", "the revocation could not be recorded", 503);
  return std::nullopt;
}

// ---- operators ------------------------------------------------------------------

Result<std::vector<Client>> OidcService::ListClients(const identity::Caller& caller) {
  TONGBAN_RETURN_IF_ERROR(identity::Authorize(caller, "oidc.client.list"));
  std::vector<Client> out;
  db_.Run([&](db::Transaction& tx) { out = SqlOidcStore(tx).ListClients(1000); });
  return out;
}

Result<IssuedClient> OidcService::CreateClient(const identity::Caller& caller, const NewClient& input) {
  TONGBAN_RETURN_IF_ERROR(identity::Authorize(caller, "oidc.client.create"));
  return CreateClientAs(caller.ToActor(), input, caller.request_id);
}

Result<IssuedClient> OidcService::CreateClientAs(const audit::Actor& actor, const NewClient& input,
                                                 const std::string& request_id) {
  auto valid = ValidateNewClient(input);
  if (!valid.ok()) return valid.error();
  IssuedClient issued;
  Client& c = issued.client;
  c.client_id = "client_" + ToLower(NewUlid());
  c.name = valid->name;
  c.type = valid->type;
  if (c.type == ClientType::kConfidential) {
    issued.client_secret = crypto::RandomToken(32);
    c.secret_hash = HashSecret(issued.client_secret);
  }
  c.redirect_uris = valid->redirect_uris;
  c.post_logout_redirect_uris = valid->post_logout_redirect_uris;
  c.scopes = valid->scopes;
  c.grant_types = valid->grant_types;
  c.required_acr = valid->required_acr;
  c.phone_entitled = valid->phone_entitled;
  c.created_at = NowUtcMillis();
  c.updated_at = c.created_at;
  TONGBAN_RETURN_IF_ERROR(db_.Write([&](db::Transaction& tx) -> Status {
    SqlOidcStore(tx).InsertClient(c);
    audit::Append(tx, audit::Record{actor, "oidc.client.create", "oidc_client", c.client_id, request_id,
                                    audit::Outcome::kSuccess, ""});
    outbox::Publish(tx, outbox::NewEvent{"oidc.client.created", "oidc_client", c.client_id,
                                         "{\"client_id\":" + JsonString(c.client_id) + "}", request_id});
    return Status::Ok();
  }));
  return issued;
}

Result<Client> OidcService::DisableClient(const identity::Caller& caller, const std::string& client_id) {
  TONGBAN_RETURN_IF_ERROR(identity::Authorize(caller, "oidc.client.disable"));
  std::optional<Client> client;
  TONGBAN_RETURN_IF_ERROR(db_.Write([&](db::Transaction& tx) -> Status {
    SqlOidcStore store(tx);
    if (!store.SetClientStatus(client_id, ClientStatus::kDisabled, NowUtcMillis())) {
      return Error::Make(ErrorCode::kNotFound, "oidc.client_not_found", "未找到该接入系统", "no such client");
    }
    client = store.FindClient(client_id);
    audit::Append(tx, audit::Record{caller.ToActor(), "oidc.client.disable", "oidc_client", client_id,
                                    caller.request_id, audit::Outcome::kSuccess, ""});
    outbox::Publish(tx, outbox::NewEvent{"oidc.client.disabled", "oidc_client", client_id,
                                         "{\"client_id\":" + JsonString(client_id) + "}", caller.request_id});
    return Status::Ok();
  }));
  return *client;
}

Result<IssuedClient> OidcService::RotateClientSecret(const identity::Caller& caller,
                                                     const std::string& client_id) {
  TONGBAN_RETURN_IF_ERROR(identity::Authorize(caller, "oidc.client.rotate_secret"));
  IssuedClient issued;
  issued.client_secret = crypto::RandomToken(32);
  TONGBAN_RETURN_IF_ERROR(db_.Write([&](db::Transaction& tx) -> Status {
    SqlOidcStore store(tx);
    auto client = store.FindClient(client_id);
    if (!client) {
      return Error::Make(ErrorCode::kNotFound, "oidc.client_not_found", "未找到该接入系统", "no such client");
    }
    if (client->type == ClientType::kPublic) {
      return Error::Make(ErrorCode::kFailedPrecondition, "oidc.public_client_has_no_secret",
                         "公开客户端没有密钥", "a public client has no secret");
    }
    store.SetClientSecretHash(client_id, HashSecret(issued.client_secret), NowUtcMillis());
    issued.client = *store.FindClient(client_id);
    audit::Append(tx, audit::Record{caller.ToActor(), "oidc.client.rotate_secret", "oidc_client", client_id,
                                    caller.request_id, audit::Outcome::kSuccess, ""});
    outbox::Publish(tx, outbox::NewEvent{"oidc.client.secret_rotated", "oidc_client", client_id,
                                         "{\"client_id\":" + JsonString(client_id) + "}", caller.request_id});
    return Status::Ok();
  }));
  return issued;
}

Result<std::string> OidcService::RotateSigningKey(const identity::Caller& caller,
                                                  const std::string& algorithm) {
  TONGBAN_RETURN_IF_ERROR(identity::Authorize(caller, "oidc.signing_key.rotate"));
  return RotateSigningKeyAs(caller.ToActor(), algorithm, caller.request_id);
}

Result<std::string> OidcService::RotateSigningKeyAs(const audit::Actor& actor, const std::string& algorithm,
                                                    const std::string& request_id) {
  auto alg = jose::ParseAlgorithm(algorithm);
  if (!alg) {
    return Error::Make(ErrorCode::kInvalidArgument, "oidc.bad_algorithm", "算法须为 EdDSA 或 ES256",
                       "algorithm must be EdDSA or ES256", "/algorithm");
  }
  return signing_keys_->Rotate(*alg, actor, request_id);
}

std::span<const db::Migration> Migrations() {
  return migrations::kMigrations;
}

}  // namespace tongban::oidc
