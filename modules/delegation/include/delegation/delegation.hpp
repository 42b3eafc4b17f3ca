// 法人多级授权 — the delegation service: enterprise administrators, grants to
// agents and intermediaries, sub-grants, revocation, and the resolution of
// "on whose behalf" (identity::PrincipalResolver) on every request.
//
// Who may do what (on top of identity::Authorize, which only admits natural
// persons — and platform operators for reads):
//   - the legal representative appoints and removes administrators;
//   - the legal representative and administrators ("managers") make grants of
//     the enterprise, list them and revoke any of them;
//   - the holder of a live grant that may be passed on makes sub-grants; for a
//     grant held by an intermediary enterprise, that enterprise's managers do;
//   - a grant can be revoked by the managers of its enterprise, by whoever made
//     it or any grant above it, and by the managers of an intermediary above
//     it; revoking revokes every grant passed on from it, in one transaction;
//   - a grant is visible to those who may revoke it and to its holder; to
//     anyone else it does not exist (delegation.grant_not_found).
// An administrator manages the enterprise's agents; to act for the enterprise
// they need a grant like anyone else (the legal representative does not).
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "db/database.hpp"
#include "db/migration.hpp"
#include "delegation/grant.hpp"
#include "identity/accounts.hpp"
#include "identity/caller.hpp"
#include "identity/directory.hpp"
#include "outbox/outbox.hpp"
#include "time/clock.hpp"

namespace tongban::delegation {

// 企业管理员
struct Administrator {
  std::string enterprise_id;
  std::string person_id;
  std::string person_name;
  std::string phone_masked;
  std::string appointed_by;
  std::string appointed_at;
};

// A grant as shown: the stored grant and the names around it.
struct GrantView {
  Grant grant;
  std::string enterprise_name;
  std::string grantor_name;
  std::string grantee_name;
  std::string grantee_phone_masked;  // person grantees
  std::string grantee_uscc;          // enterprise grantees
  bool live = false;
};

// 可代表的主体 — someone a person may act for: themself, or an enterprise.
struct Principal {
  std::string enterprise_id;  // empty: the person themself
  std::string name;
  identity::ActingFor rights;  // for enterprises
};

struct ManagedEnterprise {
  std::string enterprise_id;
  std::string name;
  bool legal_representative = false;
};

struct Principals {
  std::vector<Principal> principals;       // themself first
  std::vector<ManagedEnterprise> managed;  // enterprises whose agents they manage
};

// A grant or sub-grant as asked for. Exactly one of grantee_login (a phone
// number or ID number of a person) and grantee_uscc (an intermediary) is set;
// sub-grants go to persons only.
struct GrantRequest {
  std::string grantee_login;
  std::string grantee_uscc;
  std::vector<std::string> scope;
  std::string mode;  // "apply" or "view"
  bool may_delegate = false;
  std::string expires_at;  // ParseExpiry's forms
};

enum class Direction { kHeld, kGiven };

// What the service needs from the accounts part of the identity module beyond
// identity::Directory. The app wires these to AccountService.
struct AccountLookups {
  // AccountService::FindByLogin: a phone number or ID number → the person.
  std::function<std::optional<identity::LoginSubject>(db::Transaction&, const std::string&)> find_by_login;
  // The enterprises whose legal representative is this person. Optional:
  // ListPrincipals also consults the module's own index fed by identity's
  // enterprise events (RepresentationSubscriber).
  std::function<std::vector<identity::EnterpriseSummary>(db::Transaction&, const std::string&)>
      enterprises_represented_by;
};

inline constexpr int kMaxListed = 500;

class DelegationService : public identity::PrincipalResolver {
 public:
  DelegationService(db::Database& db, identity::Directory& directory, AccountLookups accounts,
                    const calendar::Clock& clock);

  Result<std::vector<Administrator>> ListAdministrators(const identity::Caller& caller,
                                                        const std::string& enterprise_id);
  // `login`: the person's phone number or ID number (field /login).
  Result<Administrator> AppointAdministrator(const identity::Caller& caller, const std::string& enterprise_id,
                                             const std::string& login);
  Status RemoveAdministrator(const identity::Caller& caller, const std::string& enterprise_id,
                             const std::string& person_id);

  Result<GrantView> CreateGrant(const identity::Caller& caller, const std::string& enterprise_id,
                                const GrantRequest& request);
  Result<GrantView> CreateSubGrant(const identity::Caller& caller, const std::string& parent_grant_id,
                                   const GrantRequest& request);
  Result<GrantView> GetGrant(const identity::Caller& caller, const std::string& grant_id);
  // Revokes the grant and everything passed on from it; returns them all,
  // the grant first. delegation.grant_revoked when it was already revoked.
  Result<std::vector<GrantView>> RevokeGrant(const identity::Caller& caller, const std::string& grant_id);
  // Grants of the enterprise (as principal) and grants it holds (as an
  // intermediary), newest first.
  Result<std::vector<GrantView>> ListEnterpriseGrants(const identity::Caller& caller,
                                                      const std::string& enterprise_id);
  Result<std::vector<GrantView>> ListMyGrants(const identity::Caller& caller, Direction direction);
  Result<Principals> ListPrincipals(const identity::Caller& caller);

  // Keeps the delegation module's index of legal representatives from the
  // identity module's enterprise events ("identity.enterprise.created", and
  // "identity.enterprise.updated" should it appear), so that ListPrincipals
  // finds the enterprises a person represents. The index only suggests: every
  // entry is checked against the Directory when it is read, and Resolve never
  // uses it. Events without both ids are skipped.
  static outbox::Subscriber RepresentationSubscriber();

  // identity::PrincipalResolver: in the caller's transaction, with the clock's now.
  Result<identity::ActingFor> Resolve(db::Transaction& tx, const std::string& person_id,
                                      const std::string& enterprise_id) override;

 private:
  db::Database& db_;
  identity::Directory& directory_;
  AccountLookups accounts_;
  const calendar::Clock& clock_;
};

std::span<const db::Migration> Migrations();

// 演示授权 — who the demo grants are for, named as a person logs in (phone
// number) and as an enterprise is known (unified social credit code). The
// default plan names the demo accounts of docs/demo-accounts.md.
struct DemoGrantPlan {
  std::string client_a_uscc;             // an enterprise with two agents, and a client of the intermediary
  std::string client_b_uscc;             // a second client of the intermediary
  std::string intermediary_uscc;         // 代理机构
  std::string apply_agent_login;         // may apply for client A, every service
  std::string view_agent_login;          // may only view client A's affairs
  std::string intermediary_staff_login;  // acts for clients A and B through the intermediary
};
DemoGrantPlan DefaultDemoGrantPlan();

// Demo mode only; idempotent (a grant the plan wants that is already live is
// not made again). Grants last a year from now. kFailedPrecondition
// delegation.demo_accounts_missing when an account of the plan is absent.
Status LoadDemoGrants(db::Database& db, identity::Directory& directory, const AccountLookups& accounts,
                      const calendar::Clock& clock, const DemoGrantPlan& plan = DefaultDemoGrantPlan());

}  // namespace tongban::delegation
