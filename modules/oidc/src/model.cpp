#include "oidc/model.hpp"

#include <algorithm>

#include "crypto/base64url.hpp"
#include "crypto/sha256.hpp"
#include "crypto/sm3.hpp"

namespace tongban::oidc {
namespace {

Error Invalid(std::string reason, std::string zh, std::string en, std::string field) {
  return Error::Make(ErrorCode::kInvalidArgument, std::move(reason), std::move(zh), std::move(en),
                     std::move(field));
}

bool Contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

bool ConstantTimeEqual(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

bool IsUnreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

bool IsBase64UrlChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

}  // namespace

std::string_view ClientTypeCode(ClientType type) {
  return type == ClientType::kPublic ? "public" : "confidential";
}

std::optional<ClientType> ParseClientType(std::string_view code) {
  if (code == "public") return ClientType::kPublic;
  if (code == "confidential") return ClientType::kConfidential;
  return std::nullopt;
}

std::string_view GrantTypeCode(GrantType type) {
  switch (type) {
    case GrantType::kAuthorizationCode: return "authorization_code";
    case GrantType::kRefreshToken: return "refresh_token";
    case GrantType::kClientCredentials: return "client_credentials";
  }
  return "authorization_code";
}

std::optional<GrantType> ParseGrantType(std::string_view code) {
  for (GrantType g :
       {GrantType::kAuthorizationCode, GrantType::kRefreshToken, GrantType::kClientCredentials}) {
    if (GrantTypeCode(g) == code) return g;
  }
  return std::nullopt;
}

std::string_view ClientStatusCode(ClientStatus status) {
  return status == ClientStatus::kDisabled ? "disabled" : "active";
}

bool Client::Allows(GrantType grant) const {
  return std::find(grant_types.begin(), grant_types.end(), grant) != grant_types.end();
}

bool Client::AllowsScope(std::string_view scope) const {
  return Contains(scopes, scope);
}

bool Client::HasRedirectUri(std::string_view uri) const {
  return Contains(redirect_uris, uri);
}

bool Client::HasPostLogoutRedirectUri(std::string_view uri) const {
  return Contains(post_logout_redirect_uris, uri);
}

Status ValidateRedirectUri(std::string_view uri, std::string field) {
  auto bad = [&](std::string zh, std::string en) {
    return Invalid("oidc.bad_redirect_uri", "回调地址无效：" + zh, "invalid redirect URI: " + en, field);
  };
  if (uri.empty() || uri.size() > kMaxUriChars) return bad("长度须为 1–512 个字符", "1–512 characters");
  for (char c : uri) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f || c == '*' || c == '\\' || c == '"' || c == '<' ||
        c == '>') {
      return bad("含有空白、通配符或不允许的字符",
                 "contains whitespace, a wildcard or a forbidden character");
    }
  }
  if (uri.find('#') != std::string_view::npos) return bad("不得含有片段（#）", "must not contain a fragment");
  std::string_view rest;
  if (uri.substr(0, 8) == "https://") {
    rest = uri.substr(8);
  } else if (uri.substr(0, 7) == "http://") {
    // Allowed (departments' intranet systems, loopback for native apps and
    // tests): PKCE and exact matching protect the code; operators should
    // register https wherever the system has it.
    rest = uri.substr(7);
  } else {
    return bad("须为 https 或 http 地址", "must be an https or http URL");
  }
  std::string_view authority = rest.substr(0, rest.find_first_of("/?"));
  if (authority.empty()) return bad("缺少主机名", "has no host");
  if (authority.find('@') != std::string_view::npos)
    return bad("不得含有用户信息", "must not contain userinfo");
  std::string_view host = authority;
  if (host.front() == '[') {
    auto close = host.find(']');
    if (close == std::string_view::npos) return bad("主机名无效", "has an invalid host");
    host = host.substr(0, close + 1);
  } else {
    host = host.substr(0, host.find(':'));
  }
  if (host.empty()) return bad("缺少主机名", "has no host");
  return Status::Ok();
}

bool IsValidScopeToken(std::string_view scope) {
  if (scope.empty() || scope.size() > kMaxScopeChars) return false;
  return std::all_of(scope.begin(), scope.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.' || c == ':' || c == '-';
  });
}

std::optional<std::vector<std::string>> ParseScope(std::string_view scope) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < scope.size()) {
    if (scope[i] == ' ') {
      ++i;
      continue;
    }
    std::size_t end = scope.find(' ', i);
    if (end == std::string_view::npos) end = scope.size();
    std::string_view token = scope.substr(i, end - i);
    if (!IsValidScopeToken(token)) return std::nullopt;
    if (!Contains(out, token)) out.emplace_back(token);
    if (out.size() > kMaxScopes) return std::nullopt;
    i = end;
  }
  return out;
}

std::string JoinScope(const std::vector<std::string>& scopes) {
  std::string out;
  for (const std::string& s : scopes) {
    if (!out.empty()) out += ' ';
    out += s;
  }
  return out;
}

Result<NewClient> ValidateNewClient(NewClient input) {
  std::size_t name_chars = 0;
  for (unsigned char c : input.name) name_chars += (c & 0xC0) != 0x80 ? 1 : 0;
  bool blank = input.name.find_first_not_of(" \t") == std::string::npos;
  if (blank || name_chars > kMaxNameChars || std::any_of(input.name.begin(), input.name.end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x20;
      })) {
    return Invalid("oidc.bad_name", "名称须为 1–100 个字符", "the name must be 1–100 characters", "/name");
  }
  if (input.redirect_uris.size() > kMaxUris || input.post_logout_redirect_uris.size() > kMaxUris) {
    return Invalid("oidc.too_many", "回调地址最多 10 个", "at most 10 redirect URIs",
                   input.redirect_uris.size() > kMaxUris ? "/redirect_uris" : "/post_logout_redirect_uris");
  }
  for (std::size_t i = 0; i < input.redirect_uris.size(); ++i) {
    TONGBAN_RETURN_IF_ERROR(
        ValidateRedirectUri(input.redirect_uris[i], "/redirect_uris/" + std::to_string(i)));
  }
  for (std::size_t i = 0; i < input.post_logout_redirect_uris.size(); ++i) {
    TONGBAN_RETURN_IF_ERROR(ValidateRedirectUri(input.post_logout_redirect_uris[i],
                                                "/post_logout_redirect_uris/" + std::to_string(i)));
  }
  if (input.scopes.empty()) input.scopes = {"openid", "profile"};
  if (input.scopes.size() > kMaxScopes) {
    return Invalid("oidc.too_many", "授权范围最多 32 个", "at most 32 scopes", "/scopes");
  }
  std::vector<std::string> scopes;
  for (std::size_t i = 0; i < input.scopes.size(); ++i) {
    if (!IsValidScopeToken(input.scopes[i])) {
      return Invalid("oidc.bad_scope", "授权范围须为 1–64 个字母、数字或 _ . : -",
                     "a scope is 1–64 of letters, digits and _ . : -", "/scopes/" + std::to_string(i));
    }
    if (!Contains(scopes, input.scopes[i])) scopes.push_back(input.scopes[i]);
  }
  input.scopes = std::move(scopes);
  if (input.grant_types.empty()) {
    input.grant_types = {GrantType::kAuthorizationCode, GrantType::kRefreshToken};
    if (input.type == ClientType::kConfidential) input.grant_types.push_back(GrantType::kClientCredentials);
  }
  std::vector<GrantType> grants;
  for (GrantType g : input.grant_types) {
    if (std::find(grants.begin(), grants.end(), g) == grants.end()) grants.push_back(g);
  }
  input.grant_types = std::move(grants);
  auto has = [&](GrantType g) {
    return std::find(input.grant_types.begin(), input.grant_types.end(), g) != input.grant_types.end();
  };
  if (input.type == ClientType::kPublic && has(GrantType::kClientCredentials)) {
    return Invalid("oidc.bad_grant_types", "公开客户端不能使用 client_credentials",
                   "a public client cannot use client_credentials", "/grant_types");
  }
  if (has(GrantType::kAuthorizationCode) && input.redirect_uris.empty()) {
    return Invalid("oidc.bad_redirect_uri", "授权码模式至少需要一个回调地址",
                   "the authorization code flow needs at least one redirect URI", "/redirect_uris");
  }
  if (has(GrantType::kRefreshToken) && !has(GrantType::kAuthorizationCode)) {
    return Invalid("oidc.bad_grant_types", "refresh_token 须与 authorization_code 一同使用",
                   "refresh_token needs authorization_code", "/grant_types");
  }
  return input;
}

bool IsValidCodeChallenge(std::string_view challenge) {
  return challenge.size() == 43 && std::all_of(challenge.begin(), challenge.end(), IsBase64UrlChar);
}

bool IsValidCodeVerifier(std::string_view verifier) {
  return verifier.size() >= 43 && verifier.size() <= 128 &&
         std::all_of(verifier.begin(), verifier.end(), IsUnreserved);
}

bool VerifyPkceS256(std::string_view verifier, std::string_view challenge) {
  if (!IsValidCodeVerifier(verifier) || !IsValidCodeChallenge(challenge)) return false;
  return ConstantTimeEqual(crypto::Base64UrlEncode(crypto::Sha256(verifier)), challenge);
}

RefreshVerdict JudgeRefresh(const RefreshToken& token, const Grant& grant, std::string_view client_id,
                            std::int64_t now) {
  // A token presented by another client is not evidence of theft from this
  // family's client: refuse without revoking (the other client could be
  // probing to revoke someone else's grant).
  if (grant.client_id != client_id) return RefreshVerdict::kWrongClient;
  if (!grant.revoked_at.empty()) return RefreshVerdict::kRevoked;
  if (!token.used_at.empty()) return RefreshVerdict::kReuse;
  if (now >= token.expires_at) return RefreshVerdict::kExpired;
  return RefreshVerdict::kRotate;
}

CodeVerdict JudgeCode(const AuthorizationCode& code, std::string_view client_id,
                      std::string_view redirect_uri, std::string_view code_verifier, std::int64_t now) {
  if (code.client_id != client_id) return CodeVerdict::kWrongClient;
  if (!code.used_at.empty()) return CodeVerdict::kReplay;
  if (now >= code.expires_at) return CodeVerdict::kExpired;
  // RFC 6749 §4.1.3: the redirect_uri must be identical to the authorization request's.
  if (code.redirect_uri != redirect_uri) return CodeVerdict::kWrongRedirectUri;
  if (!code.code_challenge.empty()) {
    if (!VerifyPkceS256(code_verifier, code.code_challenge)) return CodeVerdict::kPkceFailed;
  } else if (!code_verifier.empty()) {
    // A verifier without a challenge: the request was not bound (RFC 9700 §2.1.1
    // — a downgrade attempt); refuse.
    return CodeVerdict::kPkceFailed;
  }
  return CodeVerdict::kExchange;
}

std::string HashSecret(std::string_view secret) {
  return crypto::Sm3Hex(secret);
}

}  // namespace tongban::oidc
