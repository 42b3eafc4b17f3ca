// What other modules may read about accounts and legal persons, without
// reaching into the identity module's tables. Personal identifiers leave this
// interface masked unless the caller asks through personal-data access
// (privacy/personal_data.hpp), which records the read.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "db/database.hpp"
#include "identity/assurance_level.hpp"
#include "identity/caller.hpp"
#include "identity/role.hpp"

namespace tongban::identity {

struct PersonSummary {
  std::string person_id;  // person_…
  std::string name;
  std::string
      id_kind;  // "resident_id", "passport", "hk_macau_permit", "taiwan_permit", "hmt_residence_permit"
  std::string id_number_masked;  // 310***********1234
  std::string phone_masked;      // 138****5678
  AssuranceLevel assurance = AssuranceLevel::kL1;
  std::string status;  // "active", "locked", "disabled"
};

struct EnterpriseSummary {
  std::string enterprise_id;  // ent_…
  std::string uscc;           // not personal data: public on the licence
  std::string name;
  std::string legal_representative_person_id;
  std::string registry_status;  // "active" (存续), "revoked" (吊销), "deregistered" (注销)
};

struct StaffSummary {
  std::string staff_id;  // staff_…
  std::string name;
  std::string department_id;
  std::vector<Role> roles;
  std::string status;
};

class Directory {
 public:
  virtual ~Directory() = default;
  virtual std::optional<PersonSummary> FindPerson(db::Transaction& tx, const std::string& person_id) = 0;
  virtual std::optional<EnterpriseSummary> FindEnterprise(db::Transaction& tx,
                                                          const std::string& enterprise_id) = 0;
  virtual std::optional<EnterpriseSummary> FindEnterpriseByUscc(db::Transaction& tx,
                                                                const std::string& uscc) = 0;
  virtual std::optional<StaffSummary> FindStaff(db::Transaction& tx, const std::string& staff_id) = 0;
};

// Ends sessions: used by RP-initiated logout (OIDC) and by "log out everywhere".
class SessionControl {
 public:
  virtual ~SessionControl() = default;
  // Revokes one session; ok when it was already gone.
  virtual Status EndSession(const std::string& session_id) = 0;
  // Whether the session is still live (not revoked, not expired). OIDC refresh
  // tokens issued under a session die with it; asking counts as use of the
  // session and extends its idle time, as a request with its cookie would.
  virtual bool SessionLive(const std::string& session_id) = 0;
  // The same read inside the caller's transaction, for a caller that reads
  // other rows with it (the refresh grant reads its token, its grant and the
  // session in one transaction). Sets *touch_due when the use should be
  // recorded: the caller then calls TouchSession in its next write.
  virtual bool SessionLiveIn(db::Transaction& tx, const std::string& session_id, bool* touch_due) = 0;
  virtual void TouchSession(db::Transaction& tx, const std::string& session_id) = 0;
};

// Implemented by the delegation module: may this person act for this
// enterprise now, and within which rights? Looked up on every request of a
// session acting for an enterprise, so revocation takes effect at once.
class PrincipalResolver {
 public:
  virtual ~PrincipalResolver() = default;
  // kPermissionDenied delegation.no_grant when there is no live grant (never
  // granted, revoked, expired, or the enterprise is not active).
  virtual Result<ActingFor> Resolve(db::Transaction& tx, const std::string& person_id,
                                    const std::string& enterprise_id) = 0;
};

}  // namespace tongban::identity
