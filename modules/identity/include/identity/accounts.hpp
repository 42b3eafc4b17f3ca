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
#include "db/migration.hpp"
#include "http/router.hpp"
#include "identity/assurance_level.hpp"
#include "identity/authenticator.hpp"
#include "identity/caller.hpp"
#include "identity/directory.hpp"
#include "identity/role.hpp"
#include "privacy/personal_data.hpp"
#include "time/clock.hpp"

namespace tongban::identity {

// What authentication needs to know about the holder of a login name.
struct LoginSubject {
  std::string subject_id;  // person_… or staff_…
  bool staff = false;
  std::string display_name;
  std::vector<Role> roles;  // persons: {kResident}; staff: their roles
  std::string department_id;
  AssuranceLevel assurance = AssuranceLevel::kL1;
  std::string status;  // "active", "disabled"
  std::string phone;   // plaintext, for sending a one-time code; empty if none
};

struct NewPerson {
  std::string name;
  std::string
      id_kind;  // "resident_id", "passport", "hk_macau_permit", "taiwan_permit", "hmt_residence_permit"
  std::string id_number;
  std::string nationality;  // ISO 3166-1 alpha-3; required for passports, "CHN" otherwise
  std::string phone;        // mainland mobile, 11 digits
};

// Limits of operator input (UTF-8 code points); routes use the same numbers.
inline constexpr std::size_t kMaxPersonNameChars = 100;
inline constexpr std::size_t kMaxEnterpriseNameChars = 200;
inline constexpr std::size_t kMaxDocumentNumberChars = 32;
inline constexpr std::size_t kMaxSearchChars = 100;
inline constexpr std::size_t kMaxDepartmentIdChars = 64;
inline constexpr std::size_t kMaxUsernameChars = 64;
inline constexpr int kMaxPageSize = 100;

// A person as an operator sees them: masked, plus what is not personal.
struct PersonDetail {
  PersonSummary summary;
  std::string nationality;
  std::string assurance_verified_by;  // staff_… who verified in person (L3); empty otherwise
  std::string assurance_verified_at;
  std::string created_at;
  std::string updated_at;
  std::vector<EnterpriseSummary> represented_enterprises;  // where the person is legal representative
};

// The plaintext of the fields an operator asked to unmask (empty when not asked).
struct UnmaskedPerson {
  std::string person_id;
  std::optional<std::string> id_number;
  std::optional<std::string> phone;
};

struct PersonSearch {
  // A name fragment, or an exact phone number or document number (found
  // through the blind index); empty lists everybody.
  std::string text;
  std::string purpose;  // recorded in the access log; "operator console" when empty
  std::string after;    // person_id of the last row of the previous page
  int limit = 50;       // 1–kMaxPageSize
};

struct NewEnterprise {
  std::string uscc;
  std::string name;
  std::string legal_representative_person_id;
  std::string registry_status = "active";  // "active", "revoked", "deregistered"
};

struct NewStaff {
  std::string username;  // [a-z][a-z0-9._-]{2,63}, stored lower case
  std::string name;
  std::string department_id;  // [a-z0-9_.-]{1,64}
};

// One row of "who looked at my data", ready to show to the person.
struct AccessLogEntry {
  std::int64_t seq = 0;
  std::string at;
  std::string reader_kind;  // "staff", "client", "system"
  std::string reader_id;    // staff_… or the client id
  std::string reader_name;  // the staff member's name; the client id for systems
  std::string reader_department;
  std::string reader_role;
  std::string purpose;
  std::vector<std::string> fields;
  bool unmasked = false;
};

struct AccessLogPage {
  std::vector<AccessLogEntry> items;
  std::int64_t next_before = 0;  // 0 when this is the last page
};

class AccountService : public Directory {
 public:
  AccountService(db::Database& db, const privacy::Vault& vault);
  // `clock` decides "today" for birth-date checks; must outlive the service.
  AccountService(db::Database& db, const privacy::Vault& vault, const calendar::Clock& clock);

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
  std::optional<EnterpriseSummary> FindEnterprise(db::Transaction& tx,
                                                  const std::string& enterprise_id) override;
  std::optional<EnterpriseSummary> FindEnterpriseByUscc(db::Transaction& tx,
                                                        const std::string& uscc) override;
  std::optional<StaffSummary> FindStaff(db::Transaction& tx, const std::string& staff_id) override;

  // --- operator functions. Each authorises the caller (identity/policy.hpp),
  // opens its own unit of work, and writes the audit record and event of any
  // change in it. A person's data read by staff is recorded in the access log
  // (privacy::RecordAccess, masked) in the same unit.

  // identity.person.list. Every person returned is recorded as read (masked).
  Result<std::vector<PersonSummary>> SearchPersons(const Caller& caller, const PersonSearch& search);
  // identity.person.read; kNotFound identity.person_not_found.
  Result<PersonDetail> ReadPerson(const Caller& caller, const std::string& person_id,
                                  const std::string& purpose);
  // identity.person.unmask: the plaintext of `fields` ("id_number", "phone"),
  // recorded as an unmasked read with the purpose (2–200 characters) and audited.
  Result<UnmaskedPerson> UnmaskPerson(const Caller& caller, const std::string& person_id,
                                      const std::vector<std::string>& fields, const std::string& purpose);
  // identity.person.verify_in_person: the window officer typed `presented_number`
  // from the document in front of them; it must be the person's document
  // (identity.document_mismatch otherwise). Sets L3.
  Result<PersonDetail> VerifyInPerson(const Caller& caller, const std::string& person_id,
                                      const std::string& presented_number);

  // identity.enterprise.create / identity.enterprise.read.
  Result<EnterpriseSummary> CreateEnterprise(const Caller& caller, const NewEnterprise& enterprise);
  Result<std::vector<EnterpriseSummary>> SearchEnterprises(const Caller& caller, const std::string& text,
                                                           const std::string& after, int limit);
  Result<EnterpriseSummary> ReadEnterprise(const Caller& caller, const std::string& enterprise_id);

  // identity.staff.create: the account starts with no roles (三权分立: the
  // security administrator assigns them).
  Result<StaffSummary> CreateStaff(const Caller& caller, const NewStaff& staff);
  // identity.staff.list (everybody) or identity.department_staff.list (the
  // department administrator's own department).
  Result<std::vector<StaffSummary>> ListStaff(const Caller& caller, const std::string& after, int limit);
  // identity.staff.assign_roles: replaces the roles; separation of duties
  // enforced; nobody assigns their own roles.
  Result<StaffSummary> AssignRoles(const Caller& caller, const std::string& staff_id,
                                   const std::vector<Role>& roles);
  // identity.staff.disable; nobody disables themselves.
  Result<StaffSummary> DisableStaff(const Caller& caller, const std::string& staff_id);

  // identity.access_log.read_own: who looked at the caller's data.
  Result<AccessLogPage> ListMyAccessLog(const Caller& caller, std::int64_t before, int limit);

 private:
  db::Database& db_;
  const privacy::Vault& vault_;
  const calendar::Clock& clock_;
};

// The operator console's routes and "who looked at my data":
//   GET  /api/v1/admin/persons                       ?q=&purpose=&after=&limit=
//   GET  /api/v1/admin/persons/{person_id}           ?purpose=
//   POST /api/v1/admin/persons/{person_id}/unmask    {fields, purpose}
//   POST /api/v1/admin/persons/{person_id}/verify-in-person {id_number}
//   GET  /api/v1/admin/enterprises                   ?q=&after=&limit=
//   POST /api/v1/admin/enterprises                   {uscc, name, legal_representative_person_id,
//   registry_status} GET  /api/v1/admin/enterprises/{enterprise_id} GET  /api/v1/admin/staff ?after=&limit=
//   POST /api/v1/admin/staff                         {username, name, department_id}
//   PUT  /api/v1/admin/staff/{staff_id}/roles        {roles}
//   POST /api/v1/admin/staff/{staff_id}/disable
//   GET  /api/v1/me/access-log                       ?before=&limit=
void RegisterAccountRoutes(http::Router& router, AccountService& service,
                           CompositeAuthenticator& authenticator);

// Demo mode only (serve --demo): residents at L1, L2 and L3, a foreigner, a
// Hong Kong resident, three enterprises with demo residents as legal
// representatives, and staff for every role in two departments, all with the
// password kDemoPassword (docs/demo-accounts.md lists them). Idempotent: what
// exists already is left alone, so restarts change nothing.
inline constexpr std::string_view kDemoPassword = "Tongban-Demo-2026";
Status LoadDemoAccounts(db::Database& db, AccountService& accounts);

// The accounts tables (persons, enterprises, staff), module "identity".
std::span<const db::Migration> Migrations();

}  // namespace tongban::identity
