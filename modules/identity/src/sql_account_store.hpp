// store: SQL for persons, enterprises and staff only. Sealed values, indexes
// and masks arrive computed; the store never sees a key.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "identity/directory.hpp"

namespace tongban::identity {

struct PersonRow {
  std::string id;
  std::string name;
  std::string id_kind;
  std::string id_number_sealed;  // binary
  std::string id_number_index;
  std::string id_number_masked;
  std::string nationality;
  std::string phone_sealed;  // binary
  std::string phone_index;
  std::string phone_masked;
  std::string assurance_level;  // "L1", "L2", "L3"
  std::string status;
  std::string assurance_verified_by;
  std::string assurance_verified_at;
  std::string created_at;
  std::string updated_at;
};

struct EnterpriseRow {
  EnterpriseSummary summary;
  std::string created_at;
  std::string updated_at;
};

struct StaffRow {
  std::string id;
  std::string username;
  std::string name;
  std::string department_id;
  std::string roles;  // comma-separated role codes
  std::string status;
  std::string created_at;
  std::string updated_at;
};

class SqlAccountStore {
 public:
  explicit SqlAccountStore(db::Transaction& tx) : tx_(tx) {}

  // False when a unique key (document or phone index) is taken: nothing written.
  bool InsertPerson(const PersonRow& person);
  std::optional<PersonRow> FindPerson(const std::string& id);
  std::optional<PersonRow> FindPersonByIdNumberIndex(const std::string& index);
  std::optional<PersonRow> FindPersonByPhoneIndex(const std::string& index);
  // `pattern` is a LIKE pattern escaped with '\'.
  std::vector<PersonRow> FindPersonsByName(const std::string& pattern, const std::string& after, int limit);
  std::vector<PersonRow> ListPersons(const std::string& after, int limit);
  void UpdatePersonAssurance(const std::string& id, const std::string& level, const std::string& verified_by,
                             const std::string& at);

  // False when the code is taken.
  bool InsertEnterprise(const EnterpriseRow& enterprise);
  std::optional<EnterpriseRow> FindEnterprise(const std::string& id);
  std::optional<EnterpriseRow> FindEnterpriseByUscc(const std::string& uscc);
  std::vector<EnterpriseRow> FindEnterprises(const std::string& name_pattern, const std::string& uscc,
                                             const std::string& after, int limit);
  std::vector<EnterpriseRow> FindEnterprisesByLegalRepresentative(const std::string& person_id);

  // False when the username is taken.
  bool InsertStaff(const StaffRow& staff);
  std::optional<StaffRow> FindStaff(const std::string& id);
  std::optional<StaffRow> FindStaffByUsername(const std::string& username);
  // All staff, or one department's when `department_id` is not empty.
  std::vector<StaffRow> ListStaff(const std::string& department_id, const std::string& after, int limit);
  void UpdateStaffRoles(const std::string& id, const std::string& roles, const std::string& at);
  void UpdateStaffStatus(const std::string& id, const std::string& status, const std::string& at);

 private:
  db::Transaction& tx_;
};

// "%fragment%" with LIKE's '%', '_' and the escape '\' escaped.
std::string ContainsPattern(const std::string& fragment);

}  // namespace tongban::identity
