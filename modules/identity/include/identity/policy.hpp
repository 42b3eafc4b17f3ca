// 权限策略 — the one authorisation policy. Services call Authorize before they
// act; routes never decide. Each permission is a row of one table (policy.cpp):
// which roles hold it and which rule ties the caller to the object.
//
//   kAnyone       anyone, even anonymous (public reads)
//   kSelf         an authenticated person acting on their own objects
//                 (target.owner_person_id == caller.subject_id, acting for nobody),
//                 or acting for target.enterprise_id within the grant: services
//                 in scope, and may_apply for permissions marked as applying
//   kRole         any caller holding one of the roles (platform-wide)
//   kDepartment   staff holding one of the roles, and target.department_id is the
//                 caller's department
//   kClientScope  a system client whose token carries the permission's scope
//
// A denial is kPermissionDenied identity.forbidden (403); an anonymous caller
// where authentication is needed gets kUnauthenticated identity.unauthenticated
// (401). A service that must not reveal whether an object exists maps a denial
// on someone else's object to its own not-found answer.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "identity/caller.hpp"

namespace tongban::identity {

struct Target {
  std::string owner_person_id;  // person_… the object belongs to
  std::string enterprise_id;    // ent_… the object belongs to
  std::string department_id;    // department holding the object
  std::string service_code;     // service item (or category) concerned, for grant scope
};

enum class Rule { kAnyone, kSelf, kRole, kDepartment, kClientScope };

struct Permission {
  std::string_view name;  // "<module>.<object>.<verb>", e.g. "identity.staff.create"
  Rule rule = Rule::kRole;
  std::vector<Role> roles;  // for kRole and kDepartment; for kSelf, staff roles that may also act
  bool applies = false;     // kSelf on an enterprise's object: needs may_apply, not just view
  std::string_view scope;   // for kClientScope
};

// Every permission of the platform, for the matrix test and the docs.
const std::vector<Permission>& AllPermissions();

// kNotFound-free: the decision only. Unknown permission names are a programming
// error (kInternal identity.unknown_permission), never an allow.
Status Authorize(const Caller& caller, std::string_view permission, const Target& target = {});

}  // namespace tongban::identity
