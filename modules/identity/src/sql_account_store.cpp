#include "sql_account_store.hpp"

#include "tongban_identity_sql.hpp"

namespace tongban::identity {
namespace {

PersonRow PersonFromRow(const db::Row& r) {
  PersonRow p;
  p.id = r.Text(0);
  p.name = r.Text(1);
  p.id_kind = r.Text(2);
  p.id_number_sealed = r.Bytes(3);
  p.id_number_masked = r.Text(4);
  p.nationality = r.Text(5);
  p.phone_sealed = r.Bytes(6);
  p.phone_masked = r.Text(7);
  p.assurance_level = r.Text(8);
  p.status = r.Text(9);
  p.assurance_verified_by = r.Text(10);
  p.assurance_verified_at = r.Text(11);
  p.created_at = r.Text(12);
  p.updated_at = r.Text(13);
  p.id_number_index = r.Text(14);
  p.phone_index = r.Text(15);
  return p;
}

EnterpriseRow EnterpriseFromRow(const db::Row& r) {
  EnterpriseRow e;
  e.summary = EnterpriseSummary{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4)};
  e.created_at = r.Text(5);
  e.updated_at = r.Text(6);
  return e;
}

StaffRow StaffFromRow(const db::Row& r) {
  return StaffRow{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6), r.Text(7)};
}

template <typename T, typename F>
std::optional<T> First(const db::Rows& rows, F from_row) {
  if (rows.empty()) return std::nullopt;
  return from_row(rows[0]);
}

template <typename T, typename F>
std::vector<T> All(const db::Rows& rows, F from_row) {
  std::vector<T> out;
  out.reserve(rows.size());
  for (db::Row row : rows) out.push_back(from_row(row));
  return out;
}

// The insert statements end ON CONFLICT DO NOTHING: a taken unique key
// changes no row (catching the violation would leave a PostgreSQL
// transaction aborted for the rest of the batch).
bool InsertUnique(db::Transaction& tx, const db::Sql& sql, const db::Params& params) {
  return tx.Execute(sql, params) == 1;
}

}  // namespace

bool SqlAccountStore::InsertPerson(const PersonRow& p) {
  return InsertUnique(
      tx_, sql::kPersonInsert,
      {p.id, p.name, p.id_kind, db::Blob{p.id_number_sealed}, p.id_number_index, p.id_number_masked,
       p.nationality, db::Blob{p.phone_sealed}, p.phone_index, p.phone_masked, p.assurance_level, p.status,
       p.assurance_verified_by, p.assurance_verified_at, p.created_at, p.updated_at});
}

std::optional<PersonRow> SqlAccountStore::FindPerson(const std::string& id) {
  return First<PersonRow>(tx_.Query(sql::kPersonSelectById, {id}), PersonFromRow);
}

std::optional<PersonRow> SqlAccountStore::FindPersonByIdNumberIndex(const std::string& index) {
  return First<PersonRow>(tx_.Query(sql::kPersonSelectByIdNumberIndex, {index}), PersonFromRow);
}

std::optional<PersonRow> SqlAccountStore::FindPersonByPhoneIndex(const std::string& index) {
  return First<PersonRow>(tx_.Query(sql::kPersonSelectByPhoneIndex, {index}), PersonFromRow);
}

std::vector<PersonRow> SqlAccountStore::FindPersonsByName(const std::string& pattern,
                                                          const std::string& after, int limit) {
  return All<PersonRow>(tx_.Query(sql::kPersonSelectByName, {pattern, after, limit}), PersonFromRow);
}

std::vector<PersonRow> SqlAccountStore::ListPersons(const std::string& after, int limit) {
  return All<PersonRow>(tx_.Query(sql::kPersonSelectPage, {after, limit}), PersonFromRow);
}

void SqlAccountStore::UpdatePersonAssurance(const std::string& id, const std::string& level,
                                            const std::string& verified_by, const std::string& at) {
  tx_.Execute(sql::kPersonUpdateAssurance, {id, level, verified_by, at});
}

bool SqlAccountStore::InsertEnterprise(const EnterpriseRow& e) {
  const EnterpriseSummary& s = e.summary;
  return InsertUnique(tx_, sql::kEnterpriseInsert,
                      {s.enterprise_id, s.uscc, s.name, s.legal_representative_person_id, s.registry_status,
                       e.created_at, e.updated_at});
}

std::optional<EnterpriseRow> SqlAccountStore::FindEnterprise(const std::string& id) {
  return First<EnterpriseRow>(tx_.Query(sql::kEnterpriseSelectById, {id}), EnterpriseFromRow);
}

std::optional<EnterpriseRow> SqlAccountStore::FindEnterpriseByUscc(const std::string& uscc) {
  return First<EnterpriseRow>(tx_.Query(sql::kEnterpriseSelectByUscc, {uscc}), EnterpriseFromRow);
}

std::vector<EnterpriseRow> SqlAccountStore::FindEnterprises(const std::string& name_pattern,
                                                            const std::string& uscc, const std::string& after,
                                                            int limit) {
  return All<EnterpriseRow>(tx_.Query(sql::kEnterpriseSelectByText, {name_pattern, uscc, after, limit}),
                            EnterpriseFromRow);
}

std::vector<EnterpriseRow> SqlAccountStore::FindEnterprisesByLegalRepresentative(
    const std::string& person_id) {
  return All<EnterpriseRow>(tx_.Query(sql::kEnterpriseSelectByLegalRepresentative, {person_id}),
                            EnterpriseFromRow);
}

bool SqlAccountStore::InsertStaff(const StaffRow& s) {
  return InsertUnique(
      tx_, sql::kStaffInsert,
      {s.id, s.username, s.name, s.department_id, s.roles, s.status, s.created_at, s.updated_at});
}

std::optional<StaffRow> SqlAccountStore::FindStaff(const std::string& id) {
  return First<StaffRow>(tx_.Query(sql::kStaffSelectById, {id}), StaffFromRow);
}

std::optional<StaffRow> SqlAccountStore::FindStaffByUsername(const std::string& username) {
  return First<StaffRow>(tx_.Query(sql::kStaffSelectByUsername, {username}), StaffFromRow);
}

std::vector<StaffRow> SqlAccountStore::ListStaff(const std::string& department_id, const std::string& after,
                                                 int limit) {
  if (department_id.empty())
    return All<StaffRow>(tx_.Query(sql::kStaffSelectPage, {after, limit}), StaffFromRow);
  return All<StaffRow>(tx_.Query(sql::kStaffSelectByDepartment, {department_id, after, limit}), StaffFromRow);
}

void SqlAccountStore::UpdateStaffRoles(const std::string& id, const std::string& roles,
                                       const std::string& at) {
  tx_.Execute(sql::kStaffUpdateRoles, {id, roles, at});
}

void SqlAccountStore::UpdateStaffStatus(const std::string& id, const std::string& status,
                                        const std::string& at) {
  tx_.Execute(sql::kStaffUpdateStatus, {id, status, at});
}

std::string ContainsPattern(const std::string& fragment) {
  std::string out = "%";
  for (char c : fragment) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('%');
  return out;
}

}  // namespace tongban::identity
