#include "sql_oidc_store.hpp"

#include "tongban_oidc_sql.hpp"

namespace tongban::oidc {
namespace {

// Lists are stored space-separated: none of their items (URIs, scope tokens,
// grant type names) may contain a space.
std::string JoinList(const std::vector<std::string>& items) {
  return JoinScope(items);
}

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t end = text.find(' ', i);
    if (end == std::string::npos) end = text.size();
    if (end > i) out.push_back(text.substr(i, end - i));
    i = end + 1;
  }
  return out;
}

std::string JoinGrants(const std::vector<GrantType>& grants) {
  std::vector<std::string> names;
  for (GrantType g : grants) names.emplace_back(GrantTypeCode(g));
  return JoinList(names);
}

Client ClientFromRow(const db::Row& row) {
  Client c;
  c.client_id = row.Text(0);
  c.name = row.Text(1);
  c.type = ParseClientType(row.Text(2)).value_or(ClientType::kConfidential);
  c.secret_hash = row.Text(3);
  c.redirect_uris = SplitList(row.Text(4));
  c.post_logout_redirect_uris = SplitList(row.Text(5));
  c.scopes = SplitList(row.Text(6));
  for (const std::string& g : SplitList(row.Text(7))) {
    if (auto grant = ParseGrantType(g)) c.grant_types.push_back(*grant);
  }
  if (!row.Text(8).empty()) {
    auto level = identity::ParseAssuranceLevel(row.Text(8));
    if (level.ok()) c.required_acr = *level;
  }
  c.phone_entitled = row.Bool(9);
  c.status = row.Text(10) == "disabled" ? ClientStatus::kDisabled : ClientStatus::kActive;
  c.created_at = row.Text(11);
  c.updated_at = row.Text(12);
  return c;
}

Grant GrantFromRow(const db::Row& row, std::size_t at) {
  Grant g;
  g.grant_id = row.Text(at + 0);
  g.client_id = row.Text(at + 1);
  g.subject_id = row.Text(at + 2);
  g.session_id = row.Text(at + 3);
  g.scopes = SplitList(row.Text(at + 4));
  g.auth_time = row.Int(at + 5);
  g.acr = row.Text(at + 6);
  g.amr = row.Text(at + 7);
  g.created_at = row.Text(at + 8);
  g.revoked_at = row.OptText(at + 9).value_or("");
  g.revoked_reason = row.Text(at + 10);
  return g;
}

}  // namespace

void SqlOidcStore::InsertClient(const Client& c) {
  std::string acr = c.required_acr ? std::string(identity::AssuranceLevelCode(*c.required_acr)) : "";
  tx_.Execute(sql::kInsertOidcClient,
              {c.client_id, c.name, ClientTypeCode(c.type), c.secret_hash, JoinList(c.redirect_uris),
               JoinList(c.post_logout_redirect_uris), JoinList(c.scopes), JoinGrants(c.grant_types), acr,
               c.phone_entitled, ClientStatusCode(c.status), c.created_at, c.updated_at});
}

std::optional<Client> SqlOidcStore::FindClient(const std::string& client_id) {
  db::Rows rows = tx_.Query(sql::kSelectOidcClientById, {client_id});
  if (rows.empty()) return std::nullopt;
  return ClientFromRow(rows[0]);
}

std::vector<Client> SqlOidcStore::ListClients(int limit) {
  std::vector<Client> out;
  for (db::Row row : tx_.Query(sql::kSelectOidcClients, {limit})) out.push_back(ClientFromRow(row));
  return out;
}

bool SqlOidcStore::SetClientStatus(const std::string& client_id, ClientStatus status, const std::string& at) {
  return tx_.Execute(sql::kUpdateOidcClientStatus, {client_id, ClientStatusCode(status), at}) == 1;
}

bool SqlOidcStore::SetClientSecretHash(const std::string& client_id, const std::string& secret_hash,
                                       const std::string& at) {
  return tx_.Execute(sql::kUpdateOidcClientSecret, {client_id, secret_hash, at}) == 1;
}

void SqlOidcStore::InsertCode(const AuthorizationCode& c, const std::string& created_at) {
  tx_.Execute(
      sql::kInsertOidcAuthorizationCode,
      {c.code_hash, c.grant_id, c.client_id, c.redirect_uri, JoinList(c.scopes), c.nonce, c.code_challenge,
       c.subject_id, c.session_id, c.auth_time, c.acr, c.amr, c.expires_at, created_at});
}

std::optional<AuthorizationCode> SqlOidcStore::FindCode(const std::string& code_hash) {
  db::Rows rows = tx_.Query(sql::kSelectOidcAuthorizationCodeByHash, {code_hash});
  if (rows.empty()) return std::nullopt;
  db::Row row = rows[0];
  AuthorizationCode c;
  c.code_hash = row.Text(0);
  c.grant_id = row.Text(1);
  c.client_id = row.Text(2);
  c.redirect_uri = row.Text(3);
  c.scopes = SplitList(row.Text(4));
  c.nonce = row.Text(5);
  c.code_challenge = row.Text(6);
  c.subject_id = row.Text(7);
  c.session_id = row.Text(8);
  c.auth_time = row.Int(9);
  c.acr = row.Text(10);
  c.amr = row.Text(11);
  c.expires_at = row.Int(12);
  c.used_at = row.OptText(13).value_or("");
  return c;
}

bool SqlOidcStore::MarkCodeUsed(const std::string& code_hash, const std::string& at) {
  return tx_.Execute(sql::kMarkOidcAuthorizationCodeUsed, {code_hash, at}) == 1;
}

std::int64_t SqlOidcStore::DeleteExpiredCodes(std::int64_t before) {
  return tx_.Execute(sql::kDeleteExpiredOidcAuthorizationCodes, {before});
}

void SqlOidcStore::InsertGrant(const Grant& g) {
  tx_.Execute(sql::kInsertOidcGrant, {g.grant_id, g.client_id, g.subject_id, g.session_id, JoinList(g.scopes),
                                      g.auth_time, g.acr, g.amr, g.created_at});
}

std::optional<Grant> SqlOidcStore::FindGrant(const std::string& grant_id) {
  db::Rows rows = tx_.Query(sql::kSelectOidcGrantById, {grant_id});
  if (rows.empty()) return std::nullopt;
  return GrantFromRow(rows[0], 0);
}

bool SqlOidcStore::RevokeGrant(const std::string& grant_id, const std::string& at,
                               const std::string& reason) {
  return tx_.Execute(sql::kRevokeOidcGrant, {grant_id, at, reason}) == 1;
}

std::int64_t SqlOidcStore::RevokeGrantsOfSession(const std::string& session_id, const std::string& at,
                                                 const std::string& reason) {
  return tx_.Execute(sql::kRevokeOidcGrantsBySession, {session_id, at, reason});
}

void SqlOidcStore::InsertRefreshToken(const RefreshToken& t, const std::string& created_at) {
  tx_.Execute(sql::kInsertOidcRefreshToken, {t.token_hash, t.grant_id, t.expires_at, created_at});
}

std::optional<std::pair<RefreshToken, Grant>> SqlOidcStore::FindRefreshToken(const std::string& token_hash) {
  db::Rows rows = tx_.Query(sql::kSelectOidcRefreshTokenByHash, {token_hash});
  if (rows.empty()) return std::nullopt;
  db::Row row = rows[0];
  RefreshToken t{row.Text(0), row.Text(1), row.Int(2), row.OptText(3).value_or("")};
  return std::make_pair(std::move(t), GrantFromRow(row, 4));
}

bool SqlOidcStore::MarkRefreshTokenUsed(const std::string& token_hash, const std::string& at) {
  return tx_.Execute(sql::kMarkOidcRefreshTokenUsed, {token_hash, at}) == 1;
}

void SqlOidcStore::InsertSigningKey(const StoredSigningKey& k, const std::string& created_at) {
  tx_.Execute(sql::kInsertOidcSigningKey,
              {k.kid, k.algorithm, k.state, k.sealed_private_key, k.retiring_until, created_at});
}

std::vector<StoredSigningKey> SqlOidcStore::ListSigningKeys() {
  std::vector<StoredSigningKey> out;
  for (db::Row row : tx_.Query(sql::kSelectOidcSigningKeys)) {
    out.push_back(StoredSigningKey{row.Text(0), row.Text(1), row.Text(2), row.Text(3), row.Int(4)});
  }
  return out;
}

void SqlOidcStore::SetSigningKeyState(const std::string& kid, const std::string& state,
                                      std::int64_t retiring_until) {
  tx_.Execute(sql::kUpdateOidcSigningKeyState, {kid, state, retiring_until});
}

}  // namespace tongban::oidc
