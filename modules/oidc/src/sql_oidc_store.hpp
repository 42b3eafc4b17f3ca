// store: SQL for the oidc_* tables only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "oidc/model.hpp"

namespace tongban::oidc {

struct StoredSigningKey {
  std::string kid;
  std::string algorithm;           // "EdDSA", "ES256"
  std::string state;               // jose::KeyStateCode
  std::string sealed_private_key;  // base64url of SealingKey::Seal(PEM)
  std::int64_t retiring_until = 0;
};

class SqlOidcStore {
 public:
  explicit SqlOidcStore(db::Transaction& tx) : tx_(tx) {}

  void InsertClient(const Client& client);
  std::optional<Client> FindClient(const std::string& client_id);
  std::vector<Client> ListClients(int limit);
  // False when there is no such client.
  bool SetClientStatus(const std::string& client_id, ClientStatus status, const std::string& at);
  bool SetClientSecretHash(const std::string& client_id, const std::string& secret_hash,
                           const std::string& at);

  void InsertCode(const AuthorizationCode& code, const std::string& created_at);
  std::optional<AuthorizationCode> FindCode(const std::string& code_hash);
  // True when this call marked it (it was unused): the one exchange that wins.
  bool MarkCodeUsed(const std::string& code_hash, const std::string& at);
  std::int64_t DeleteExpiredCodes(std::int64_t before);

  void InsertGrant(const Grant& grant);
  std::optional<Grant> FindGrant(const std::string& grant_id);
  // True when this call revoked it (it was live).
  bool RevokeGrant(const std::string& grant_id, const std::string& at, const std::string& reason);
  std::int64_t RevokeGrantsOfSession(const std::string& session_id, const std::string& at,
                                     const std::string& reason);

  void InsertRefreshToken(const RefreshToken& token, const std::string& created_at);
  // The token and its family.
  std::optional<std::pair<RefreshToken, Grant>> FindRefreshToken(const std::string& token_hash);
  bool MarkRefreshTokenUsed(const std::string& token_hash, const std::string& at);

  void InsertSigningKey(const StoredSigningKey& key, const std::string& created_at);
  std::vector<StoredSigningKey> ListSigningKeys();
  void SetSigningKeyState(const std::string& kid, const std::string& state, std::int64_t retiring_until);

 private:
  db::Transaction& tx_;
};

}  // namespace tongban::oidc
