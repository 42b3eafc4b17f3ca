// Caller: role and scope queries, and the audit actor (identity/caller.hpp).
#include "identity/caller.hpp"

#include <algorithm>

namespace tongban::identity {

bool Caller::Has(Role role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

bool Caller::HasScope(const std::string& scope) const {
  return std::find(scopes.begin(), scopes.end(), scope) != scopes.end();
}

audit::Actor Caller::ToActor() const {
  audit::Actor actor;
  switch (kind) {
    case CallerKind::kAnonymous:
      actor.subject = "anonymous";
      actor.role = "anonymous";
      return actor;
    case CallerKind::kClient:
      actor.subject = subject_id.empty() ? "client_" + client_id : subject_id;
      actor.role = "client";
      return actor;
    case CallerKind::kPerson:
    case CallerKind::kStaff: break;
  }
  actor.subject = subject_id;
  actor.department = department_id;
  if (acting_for) {
    // Acting for an enterprise: the role is the agent's, the principal the enterprise.
    actor.role = std::string(RoleCode(Role::kEnterpriseAgent));
    actor.principal = acting_for->enterprise_id;
  } else if (!roles.empty()) {
    actor.role = std::string(RoleCode(roles.front()));
  } else {
    actor.role = kind == CallerKind::kStaff ? "staff" : "resident";
  }
  return actor;
}

}  // namespace tongban::identity
