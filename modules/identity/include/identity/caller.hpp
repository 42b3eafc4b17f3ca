// 调用者 — the caller: who is making a request, for whom, with which rights.
// Built once per request by an Authenticator and handed to services, which
// decide (identity/policy.hpp) — routes never decide authorisation themselves.
//
// Subject identifiers are opaque strings with a kind prefix, stable forever:
//   person_<ULID>   a natural person's account (resident, foreigner, HMT resident)
//   staff_<ULID>    a staff account (window officer, reviewer, administrators …)
//   ent_<ULID>      an enterprise or other legal person
//   client_<…>      an OpenID Connect client (system-to-system calls)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit.hpp"
#include "identity/assurance_level.hpp"
#include "identity/role.hpp"

namespace tongban::identity {

enum class CallerKind {
  kAnonymous,  // no credential
  kPerson,     // a natural person (cookie session or a user access token)
  kStaff,      // a staff account (cookie session or a user access token)
  kClient,     // a system calling with a client_credentials access token
};

// 代办 — on whose behalf a person acts, when not for themselves. Resolved
// afresh on every request from the grant (delegation module), so a revoked
// or expired grant stops the very next request.
struct ActingFor {
  std::string enterprise_id;  // ent_…
  std::string enterprise_name;
  std::string grant_id;  // empty when the person is the legal representative
  bool legal_representative = false;
  bool may_apply = false;             // false: view only
  std::vector<std::string> services;  // item or category codes; "*" = all
  std::string expires_at;             // RFC 3339 UTC; empty = no expiry
};

struct Caller {
  CallerKind kind = CallerKind::kAnonymous;
  std::string subject_id;  // person_…, staff_…, client_…; empty when anonymous
  std::string display_name;
  std::vector<Role> roles;    // resident, enterprise_agent (when acting for an enterprise), staff roles
  std::string department_id;  // staff only
  AssuranceLevel assurance = AssuranceLevel::kL1;
  std::string session_id;      // cookie session or the token's session; empty for clients
  std::string auth_method;     // "pwd", "otp" (OIDC amr values)
  std::int64_t auth_time = 0;  // Unix seconds of the login
  std::optional<ActingFor> acting_for;
  std::string client_id;            // the OIDC client when called with a bearer token
  std::vector<std::string> scopes;  // the token's scopes; empty for cookie sessions
  std::string remote_address;
  std::string request_id;

  bool authenticated() const { return kind != CallerKind::kAnonymous; }
  bool Has(Role role) const;
  bool HasScope(const std::string& scope) const;

  // The audit actor: subject, the role it acted in, department, and the
  // principal (ent_… when acting for an enterprise).
  audit::Actor ToActor() const;
};

}  // namespace tongban::identity
