#include "sql_delegation_store.hpp"

#include "tongban_delegation_sql.hpp"

namespace tongban::delegation {
namespace {

AdministratorRow AdministratorFromRow(const db::Row& row) {
  return AdministratorRow{row.Text(0), row.Text(1), row.Text(2), row.Text(3)};
}

Grant GrantFromRow(const db::Row& row) {
  Grant g;
  g.grant_id = row.Text(0);
  g.enterprise_id = row.Text(1);
  g.parent_grant_id = row.Text(2);
  g.grantor_person_id = row.Text(3);
  auto kind = ParseGranteeKind(row.Text(4));
  if (!kind) throw FatalError(kind.error());
  g.grantee_kind = *kind;
  g.grantee_id = row.Text(5);
  g.scope = SplitScope(row.Text(6));
  auto mode = ParseGrantMode(row.Text(7));
  if (!mode) throw FatalError(mode.error());
  g.mode = *mode;
  g.may_delegate = row.Bool(8);
  g.expires_at = row.Text(9);
  auto status = ParseGrantStatus(row.Text(10));
  if (!status) throw FatalError(status.error());
  g.status = *status;
  g.created_at = row.Text(11);
  g.revoked_at = row.Text(12);
  g.revoked_by = row.Text(13);
  return g;
}

std::vector<Grant> Grants(const db::Rows& rows) {
  std::vector<Grant> out;
  out.reserve(rows.size());
  for (db::Row row : rows) out.push_back(GrantFromRow(row));
  return out;
}

}  // namespace

std::string JoinScope(const std::vector<std::string>& scope) {
  std::string out;
  for (const std::string& code : scope) {
    if (!out.empty()) out += ',';
    out += code;
  }
  return out;
}

std::vector<std::string> SplitScope(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size() && !text.empty()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

bool SqlDelegationStore::InsertAdministrator(const AdministratorRow& r) {
  return 1 == tx_.Execute(sql::kInsertDelegationAdministrator,
                          {r.enterprise_id, r.person_id, r.appointed_by, r.appointed_at});
}

bool SqlDelegationStore::DeleteAdministrator(const std::string& enterprise_id, const std::string& person_id) {
  return 1 == tx_.Execute(sql::kDeleteDelegationAdministrator, {enterprise_id, person_id});
}

bool SqlDelegationStore::IsAdministrator(const std::string& enterprise_id, const std::string& person_id) {
  return !tx_.Query(sql::kSelectDelegationAdministrator, {enterprise_id, person_id}).empty();
}

std::vector<AdministratorRow> SqlDelegationStore::AdministratorsOf(const std::string& enterprise_id) {
  std::vector<AdministratorRow> out;
  for (db::Row row : tx_.Query(sql::kSelectDelegationAdministratorsByEnterprise, {enterprise_id})) {
    out.push_back(AdministratorFromRow(row));
  }
  return out;
}

std::vector<AdministratorRow> SqlDelegationStore::AdministrationsBy(const std::string& person_id) {
  std::vector<AdministratorRow> out;
  for (db::Row row : tx_.Query(sql::kSelectDelegationAdministratorsByPerson, {person_id})) {
    out.push_back(AdministratorFromRow(row));
  }
  return out;
}

void SqlDelegationStore::InsertGrant(const Grant& g) {
  tx_.Execute(
      sql::kInsertDelegationGrant,
      {g.grant_id, g.enterprise_id, g.parent_grant_id, g.grantor_person_id, GranteeKindCode(g.grantee_kind),
       g.grantee_id, JoinScope(g.scope), GrantModeCode(g.mode), g.may_delegate, g.expires_at,
       GrantStatusCode(g.status), g.created_at, g.revoked_at, g.revoked_by});
}

std::optional<Grant> SqlDelegationStore::FindGrant(const std::string& grant_id) {
  db::Rows rows = tx_.Query(sql::kSelectDelegationGrantById, {grant_id});
  if (rows.empty()) return std::nullopt;
  return GrantFromRow(rows[0]);
}

std::vector<Grant> SqlDelegationStore::LiveGrants(const std::string& grantee_id,
                                                  const std::string& enterprise_id, const std::string& now) {
  return Grants(
      tx_.Query(sql::kSelectLiveDelegationGrantsByGranteeEnterprise, {grantee_id, enterprise_id, now}));
}

std::vector<Grant> SqlDelegationStore::LiveGrantsHeldBy(const std::string& grantee_id,
                                                        const std::string& now) {
  return Grants(tx_.Query(sql::kSelectLiveDelegationGrantsByGrantee, {grantee_id, now}));
}

std::vector<Grant> SqlDelegationStore::GrantsHeldBy(const std::string& grantee_id, int limit) {
  return Grants(tx_.Query(sql::kSelectDelegationGrantsByGrantee, {grantee_id, limit}));
}

std::vector<Grant> SqlDelegationStore::GrantsGivenBy(const std::string& grantor_person_id, int limit) {
  return Grants(tx_.Query(sql::kSelectDelegationGrantsByGrantor, {grantor_person_id, limit}));
}

std::vector<Grant> SqlDelegationStore::GrantsOfEnterprise(const std::string& enterprise_id, int limit) {
  return Grants(tx_.Query(sql::kSelectDelegationGrantsByEnterprise, {enterprise_id, limit}));
}

std::vector<Grant> SqlDelegationStore::Children(const std::string& parent_grant_id) {
  return Grants(tx_.Query(sql::kSelectDelegationGrantsByParent, {parent_grant_id}));
}

bool SqlDelegationStore::MarkRevoked(const std::string& grant_id, const std::string& at,
                                     const std::string& by) {
  return 1 == tx_.Execute(sql::kUpdateDelegationGrantRevoked, {grant_id, at, by});
}

void SqlDelegationStore::UpsertRepresented(const std::string& enterprise_id, const std::string& person_id,
                                           const std::string& at) {
  tx_.Execute(sql::kUpsertDelegationRepresentedEnterprise, {enterprise_id, person_id, at});
}

std::vector<std::string> SqlDelegationStore::EnterprisesRepresentedBy(const std::string& person_id) {
  std::vector<std::string> out;
  for (db::Row row : tx_.Query(sql::kSelectDelegationRepresentedEnterprisesByPerson, {person_id})) {
    out.push_back(row.Text(0));
  }
  return out;
}

}  // namespace tongban::delegation
