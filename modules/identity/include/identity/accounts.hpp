// Accounts (the identity module's subjects): natural persons, legal persons
// and staff — registration, lookup by a login name, and the directory other
// modules read. Authentication (credentials, sessions, one-time codes) lives
// in identity/authentication.hpp and finds its subjects through this file.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "db/database.hpp"
#include "identity/assurance_level.hpp"
#include "identity/directory.hpp"
#include "identity/role.hpp"
#include "privacy/personal_data.hpp"

namespace tongban::identity {

// What authentication needs to know about the holder of a login name.
struct LoginSubject {
  std::string subject_id;  // person_… or staff_…
  bool staff = false;
  std::string display_name;
  std::vector<Role> roles;  // persons: {kResident}; staff: their roles
  std::string department_id;
  AssuranceLevel assurance = AssuranceLevel::kL1;
  std::string status;      // "active", "disabled"
  std::string phone;       // plaintext, for sending a one-time code; empty if none
};

struct NewPerson {
  std::string name;
  std::string id_kind;    // "resident_id", "passport", "hk_macau_permit", "taiwan_permit", "hmt_residence_permit"
  std::string id_number;
  std::string nationality;  // ISO 3166-1 alpha-3; required for passports, "CHN" otherwise
  std::string phone;      // mainland mobile, 11 digits
};

class AccountService : public Directory {
 public:
  AccountService(db::Database& db, const privacy::Vault& vault);

  // Validates (identity model types: check digits, dates, regions) and creates
  // the person at L1. kAlreadyExists identity.person_exists (field /id_number
  // or /phone) when the ID number or phone is taken. In the caller's transaction.
  Result<PersonSummary> RegisterPerson(db::Transaction& tx, const NewPerson& person);

  // Login names: a phone number, an ID number (persons) or a staff username.
  // Looks up by blind index; nullopt when nobody holds it.
  std::optional<LoginSubject> FindByLogin(db::Transaction& tx, const std::string& login);
  std::optional<LoginSubject> FindSubject(db::Transaction& tx, const std::string& subject_id);

  // Directory
  std::optional<PersonSummary> FindPerson(db::Transaction& tx, const std::string& person_id) override;
  std::optional<EnterpriseSummary> FindEnterprise(db::Transaction& tx, const std::string& enterprise_id) override;
  std::optional<EnterpriseSummary> FindEnterpriseByUscc(db::Transaction& tx, const std::string& uscc) override;
  std::optional<StaffSummary> FindStaff(db::Transaction& tx, const std::string& staff_id) override;

  // … operator functions (persons, enterprises, staff) are declared below by the module.
 private:
  db::Database& db_;
  const privacy::Vault& vault_;
};

}  // namespace tongban::identity
