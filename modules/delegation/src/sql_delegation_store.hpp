// store: SQL for delegation_administrators and delegation_grants only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "delegation/delegation.hpp"

namespace tongban::delegation {

struct AdministratorRow {
  std::string enterprise_id;
  std::string person_id;
  std::string appointed_by;
  std::string appointed_at;
};

class SqlDelegationStore {
 public:
  explicit SqlDelegationStore(db::Transaction& tx) : tx_(tx) {}

  // False when the person already administers the enterprise: nothing written.
  bool InsertAdministrator(const AdministratorRow& row);
  // False when there was no such administrator.
  bool DeleteAdministrator(const std::string& enterprise_id, const std::string& person_id);
  bool IsAdministrator(const std::string& enterprise_id, const std::string& person_id);
  std::vector<AdministratorRow> AdministratorsOf(const std::string& enterprise_id);
  std::vector<AdministratorRow> AdministrationsBy(const std::string& person_id);

  void InsertGrant(const Grant& grant);
  std::optional<Grant> FindGrant(const std::string& grant_id);
  std::vector<Grant> LiveGrants(const std::string& grantee_id, const std::string& enterprise_id,
                                const std::string& now);
  std::vector<Grant> LiveGrantsHeldBy(const std::string& grantee_id, const std::string& now);
  std::vector<Grant> GrantsHeldBy(const std::string& grantee_id, int limit);
  std::vector<Grant> GrantsGivenBy(const std::string& grantor_person_id, int limit);
  std::vector<Grant> GrantsOfEnterprise(const std::string& enterprise_id, int limit);
  std::vector<Grant> Children(const std::string& parent_grant_id);
  // False when the grant was not active (already revoked): nothing written.
  bool MarkRevoked(const std::string& grant_id, const std::string& at, const std::string& by);

  // The read model of who represents which enterprise, fed by identity's
  // enterprise events (DelegationService::RepresentationSubscriber).
  void UpsertRepresented(const std::string& enterprise_id, const std::string& person_id,
                         const std::string& at);
  std::vector<std::string> EnterprisesRepresentedBy(const std::string& person_id);

 private:
  db::Transaction& tx_;
};

// "A01,C02-0003" ⇄ {"A01", "C02-0003"}: scope codes never contain commas.
std::string JoinScope(const std::vector<std::string>& scope);
std::vector<std::string> SplitScope(const std::string& text);

}  // namespace tongban::delegation
