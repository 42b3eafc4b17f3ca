#include <algorithm>
#include <map>
#include <set>

#include "audit/audit.hpp"
#include "core/ids.hpp"
#include "core/utc.hpp"
#include "delegation/delegation.hpp"
#include "enterprise_event_json.hpp"
#include "identity/policy.hpp"
#include "outbox/outbox.hpp"
#include "sql_delegation_store.hpp"
#include "tongban_delegation_migrations.hpp"

namespace tongban::delegation {
namespace {

using identity::Caller;
using identity::CallerKind;

constexpr std::size_t kMaxLoginChars = 64;
constexpr int kMaxChainDepth = 32;
// Sub-grants and revocations take this transaction lock before they read the
// chain: on PostgreSQL (two writer lanes, read committed) a sub-grant could
// otherwise read its parent as active while a revocation of the parent commits
// beside it, and outlive the cascade. One key, not one per enterprise, so that
// batched units can never lock in opposite orders; both are rare operations.
constexpr std::int64_t kGrantChainLockKey = 0x64656c6567;  // "deleg"

Error GrantNotFound() {
  return Error::Make(ErrorCode::kNotFound, "delegation.grant_not_found", "未找到该授权", "no such grant");
}

Error EnterpriseNotFound() {
  return Error::Make(ErrorCode::kNotFound, "delegation.enterprise_not_found", "未找到该企业",
                     "no such enterprise");
}

Error EnterpriseNotActive() {
  return Error::Make(ErrorCode::kFailedPrecondition, "delegation.enterprise_not_active",
                     "该企业不是存续状态，不能授权", "the enterprise is not active (存续)");
}

Error NotManager() {
  return Error::Make(ErrorCode::kPermissionDenied, "delegation.not_enterprise_manager",
                     "只有法定代表人或企业管理员可以管理本企业的经办人",
                     "only the legal representative or an enterprise administrator may manage the agents");
}

Error NotLegalRepresentative() {
  return Error::Make(ErrorCode::kPermissionDenied, "delegation.not_legal_representative",
                     "只有法定代表人可以任免企业管理员",
                     "only the legal representative may appoint or remove administrators");
}

Error NoGrant() {
  return Error::Make(ErrorCode::kPermissionDenied, "delegation.no_grant", "您没有代表该企业办事的有效授权",
                     "you hold no live grant to act for this enterprise");
}

Error PersonsOnly() {
  return Error::Make(ErrorCode::kPermissionDenied, "identity.forbidden", "无权执行此操作",
                     "You are not allowed to do this");
}

// Authorize, then the delegation rules need a natural person (staff pass
// Authorize only for the permissions that name their role).
Status Gate(const Caller& caller, std::string_view permission, bool staff_allowed = false) {
  TONGBAN_RETURN_IF_ERROR(identity::Authorize(caller, permission));
  if (caller.kind == CallerKind::kPerson) return Status::Ok();
  if (staff_allowed && caller.kind == CallerKind::kStaff) return Status::Ok();
  return PersonsOnly();
}

audit::Actor ActorFor(const Caller& caller, const std::string& enterprise_id) {
  audit::Actor actor = caller.ToActor();
  actor.principal = enterprise_id;
  return actor;
}

std::string Quote(std::string_view id) {
  // Identifiers here are ent_/person_/grant_ + ULID: no characters to escape.
  return "\"" + std::string(id) + "\"";
}

void Audit(db::Transaction& tx, const Caller& caller, const std::string& enterprise_id, std::string action,
           std::string object_type, std::string object_id, std::string detail = {}) {
  audit::Append(tx, audit::Record{ActorFor(caller, enterprise_id), std::move(action), std::move(object_type),
                                  std::move(object_id), caller.request_id, audit::Outcome::kSuccess,
                                  std::move(detail)});
}

void PublishGrantEvent(db::Transaction& tx, const Caller& caller, std::string topic, const Grant& g) {
  std::string payload =
      "{\"grant_id\":" + Quote(g.grant_id) + ",\"enterprise_id\":" + Quote(g.enterprise_id) +
      ",\"grantee_kind\":" + Quote(GranteeKindCode(g.grantee_kind)) +
      ",\"grantee_id\":" + Quote(g.grantee_id) + ",\"parent_grant_id\":" + Quote(g.parent_grant_id) +
      ",\"actor\":" + Quote(caller.subject_id) + "}";
  outbox::Publish(
      tx, outbox::NewEvent{std::move(topic), "delegation_grant", g.grant_id, payload, caller.request_id});
}

// The terms a request asks for, checked for form only (no state).
Result<GrantTerms> ParseTerms(const GrantRequest& request) {
  GrantTerms terms;
  TONGBAN_ASSIGN_OR_RETURN(terms.scope, NormaliseScope(request.scope));
  TONGBAN_ASSIGN_OR_RETURN(terms.mode, ParseGrantMode(request.mode));
  terms.may_delegate = request.may_delegate;
  TONGBAN_ASSIGN_OR_RETURN(terms.expires_at, ParseExpiry(request.expires_at));
  return terms;
}

Status CheckGranteeNamed(const GrantRequest& request, bool persons_only) {
  bool login = !request.grantee_login.empty();
  bool uscc = !request.grantee_uscc.empty();
  if (persons_only && uscc) {
    return Error::Make(ErrorCode::kInvalidArgument, "delegation.sub_grant_to_person_only",
                       "转授权只能授予个人", "a sub-grant goes to a person, named by phone or ID number",
                       "/grantee_uscc");
  }
  if (login == uscc) {
    return Error::Make(
        ErrorCode::kInvalidArgument, "delegation.grantee_required",
        "请填写被授权人的手机号或证件号码，或代理机构的统一社会信用代码（二选一）",
        "name the grantee by exactly one of grantee_login (phone or ID number) and grantee_uscc",
        "/grantee_login");
  }
  if (request.grantee_login.size() > kMaxLoginChars) {
    return Error::Make(ErrorCode::kInvalidArgument, "delegation.grantee_not_found",
                       "未找到该手机号或证件号码对应的用户",
                       "nobody is registered with this phone or ID number", "/grantee_login");
  }
  return Status::Ok();
}

// Names and lookups shared by one unit of work.
class Context {
 public:
  Context(db::Transaction& tx, identity::Directory& directory, std::string now)
      : tx_(tx), directory_(directory), store_(tx), now_(std::move(now)) {}

  SqlDelegationStore& store() { return store_; }
  const std::string& now() const { return now_; }
  db::Transaction& tx() { return tx_; }

  const identity::EnterpriseSummary* Enterprise(const std::string& id) {
    auto it = enterprises_.find(id);
    if (it == enterprises_.end()) it = enterprises_.emplace(id, directory_.FindEnterprise(tx_, id)).first;
    return it->second ? &*it->second : nullptr;
  }
  const identity::PersonSummary* Person(const std::string& id) {
    auto it = persons_.find(id);
    if (it == persons_.end()) it = persons_.emplace(id, directory_.FindPerson(tx_, id)).first;
    return it->second ? &*it->second : nullptr;
  }
  bool IsLegalRepresentative(const std::string& enterprise_id, const std::string& person_id) {
    const auto* e = Enterprise(enterprise_id);
    return e && !person_id.empty() && e->legal_representative_person_id == person_id;
  }
  bool IsManager(const std::string& enterprise_id, const std::string& person_id) {
    return IsLegalRepresentative(enterprise_id, person_id) ||
           store_.IsAdministrator(enterprise_id, person_id);
  }
  bool EnterpriseActive(const std::string& enterprise_id) {
    const auto* e = Enterprise(enterprise_id);
    return e && e->registry_status == "active";
  }
  // Reading an enterprise's administrators or grants: the enterprise exists,
  // and a person reading it manages it (staff passed the policy already).
  Status MayReadEnterprise(const Caller& caller, const std::string& enterprise_id) {
    if (!Enterprise(enterprise_id)) return EnterpriseNotFound();
    if (caller.kind == CallerKind::kPerson && !IsManager(enterprise_id, caller.subject_id))
      return NotManager();
    return Status::Ok();
  }

  // [grant, parent, grandparent, …]
  std::vector<Grant> Chain(Grant grant) {
    std::vector<Grant> chain{std::move(grant)};
    while (!chain.back().parent_grant_id.empty() && static_cast<int>(chain.size()) < kMaxChainDepth) {
      auto parent = store_.FindGrant(chain.back().parent_grant_id);
      if (!parent) break;
      chain.push_back(std::move(*parent));
    }
    return chain;
  }

  GrantView View(const Grant& g) {
    GrantView v;
    v.grant = g;
    v.live = IsLive(g, now_);
    if (const auto* e = Enterprise(g.enterprise_id)) v.enterprise_name = e->name;
    if (const auto* p = Person(g.grantor_person_id)) v.grantor_name = p->name;
    if (g.grantee_kind == GranteeKind::kPerson) {
      if (const auto* p = Person(g.grantee_id)) {
        v.grantee_name = p->name;
        v.grantee_phone_masked = p->phone_masked;
      }
    } else if (const auto* e = Enterprise(g.grantee_id)) {
      v.grantee_name = e->name;
      v.grantee_uscc = e->uscc;
    }
    return v;
  }

 private:
  db::Transaction& tx_;
  identity::Directory& directory_;
  SqlDelegationStore store_;
  std::string now_;
  std::map<std::string, std::optional<identity::EnterpriseSummary>> enterprises_;
  std::map<std::string, std::optional<identity::PersonSummary>> persons_;
};

enum class Access { kNone, kRead, kRevoke };

Access AccessTo(Context& ctx, const Caller& caller, const std::vector<Grant>& chain) {
  if (caller.kind == CallerKind::kStaff)
    return caller.Has(identity::Role::kPlatformOperator) ? Access::kRead : Access::kNone;
  const std::string& me = caller.subject_id;
  const Grant& g = chain.front();
  if (ctx.IsManager(g.enterprise_id, me)) return Access::kRevoke;
  for (std::size_t i = 0; i < chain.size(); ++i) {
    const Grant& c = chain[i];
    if (c.grantor_person_id == me) return Access::kRevoke;
    if (i == 0) continue;
    if (c.grantee_kind == GranteeKind::kPerson && c.grantee_id == me) return Access::kRevoke;
    if (c.grantee_kind == GranteeKind::kEnterprise && ctx.IsManager(c.grantee_id, me)) return Access::kRevoke;
  }
  if (g.grantee_kind == GranteeKind::kPerson && g.grantee_id == me) return Access::kRead;
  if (g.grantee_kind == GranteeKind::kEnterprise && ctx.IsManager(g.grantee_id, me)) return Access::kRead;
  return Access::kNone;
}

// Holds `g` itself: may pass it on, subject to its terms.
bool Holds(Context& ctx, const Caller& caller, const Grant& g) {
  if (g.grantee_kind == GranteeKind::kPerson) return g.grantee_id == caller.subject_id;
  return ctx.IsManager(g.grantee_id, caller.subject_id);
}

// The person named by a phone or ID number, active, not staff.
Result<std::string> FindPersonByLogin(Context& ctx, const AccountLookups& accounts, const std::string& login,
                                      std::string field) {
  std::optional<identity::LoginSubject> subject;
  if (!login.empty() && login.size() <= kMaxLoginChars && accounts.find_by_login) {
    subject = accounts.find_by_login(ctx.tx(), login);
  }
  if (!subject || subject->staff) {
    return Error::Make(ErrorCode::kInvalidArgument, "delegation.person_not_found",
                       "未找到该手机号或证件号码对应的用户",
                       "nobody is registered with this phone or ID number", std::move(field));
  }
  if (subject->status != "active") {
    return Error::Make(ErrorCode::kInvalidArgument, "delegation.person_not_active", "该用户账号不可用",
                       "this person's account is not active", std::move(field));
  }
  return subject->subject_id;
}

bool ChainUsable(Context& ctx, const std::vector<Grant>& chain) {
  for (const Grant& c : chain) {
    if (!IsLive(c, ctx.now())) return false;
    if (c.grantee_kind == GranteeKind::kEnterprise && !ctx.EnterpriseActive(c.grantee_id)) return false;
  }
  return true;
}

Result<identity::ActingFor> ResolveIn(Context& ctx, const std::string& person_id,
                                      const std::string& enterprise_id) {
  const auto* e = ctx.Enterprise(enterprise_id);
  if (!e || e->registry_status != "active" || person_id.empty()) return NoGrant();
  identity::ActingFor acting;
  acting.enterprise_id = e->enterprise_id;
  acting.enterprise_name = e->name;
  if (e->legal_representative_person_id == person_id) {
    acting.legal_representative = true;
    acting.may_apply = true;
    acting.services = {std::string(kAllServices)};
    return acting;
  }
  std::vector<Grant> usable;
  for (Grant& g : ctx.store().LiveGrants(person_id, enterprise_id, ctx.now())) {
    if (g.grantee_kind != GranteeKind::kPerson) continue;
    if (ChainUsable(ctx, ctx.Chain(g))) usable.push_back(std::move(g));
  }
  const Grant* chosen = ChooseGrant(usable);
  if (!chosen) return NoGrant();
  acting.grant_id = chosen->grant_id;
  acting.may_apply = chosen->mode == GrantMode::kApply;
  acting.services = chosen->scope;
  acting.expires_at = chosen->expires_at;
  return acting;
}

}  // namespace

DelegationService::DelegationService(db::Database& db, identity::Directory& directory,
                                     AccountLookups accounts, const calendar::Clock& clock)
    : db_(db), directory_(directory), accounts_(std::move(accounts)), clock_(clock) {}

Result<std::vector<Administrator>> DelegationService::ListAdministrators(const Caller& caller,
                                                                         const std::string& enterprise_id) {
  TONGBAN_RETURN_IF_ERROR(Gate(caller, "delegation.administrator.list", true));
  Result<std::vector<Administrator>> out = Error{};
  db_.Run([&](db::Transaction& tx) {
    Context ctx(tx, directory_, FormatUtcMillis(clock_.Now()));
    if (Status may = ctx.MayReadEnterprise(caller, enterprise_id); !may.ok()) {
      out = may.error();
      return;
    }
    std::vector<Administrator> list;
    for (const AdministratorRow& row : ctx.store().AdministratorsOf(enterprise_id)) {
      Administrator a{row.enterprise_id, row.person_id, "", "", row.appointed_by, row.appointed_at};
      if (const auto* p = ctx.Person(row.person_id)) {
        a.person_name = p->name;
        a.phone_masked = p->phone_masked;
      }
      list.push_back(std::move(a));
    }
    out = std::move(list);
  });
  return out;
}

Result<Administrator> DelegationService::AppointAdministrator(const Caller& caller,
                                                              const std::string& enterprise_id,
                                                              const std::string& login) {
  TONGBAN_RETURN_IF_ERROR(Gate(caller, "delegation.administrator.manage"));
  Administrator appointed;
  Status st = db_.Write([&](db::Transaction& tx) -> Status {
    Context ctx(tx, directory_, FormatUtcMillis(clock_.Now()));
    if (!ctx.Enterprise(enterprise_id)) return EnterpriseNotFound();
    if (!ctx.IsLegalRepresentative(enterprise_id, caller.subject_id)) return NotLegalRepresentative();
    if (!ctx.EnterpriseActive(enterprise_id)) return EnterpriseNotActive();
    TONGBAN_ASSIGN_OR_RETURN(std::string person_id, FindPersonByLogin(ctx, accounts_, login, "/login"));
    if (person_id == caller.subject_id) {
      return Error::Make(ErrorCode::kInvalidArgument, "delegation.administrator_is_legal_representative",
                         "法定代表人本人无需任命为管理员", "the legal representative needs no appointment",
                         "/login");
    }
    AdministratorRow row{enterprise_id, person_id, caller.subject_id, ctx.now()};
    if (!ctx.store().InsertAdministrator(row)) {
      return Error::Make(ErrorCode::kAlreadyExists, "delegation.administrator_exists",
                         "该用户已是本企业管理员", "this person already administers the enterprise",
                         "/login");
    }
    Audit(tx, caller, enterprise_id, "delegation.administrator.appoint", "enterprise_administrator",
          enterprise_id + "/" + person_id);
    outbox::Publish(tx, outbox::NewEvent{"delegation.administrator.appointed", "enterprise_administrator",
                                         enterprise_id + "/" + person_id,
                                         "{\"enterprise_id\":" + Quote(enterprise_id) +
                                             ",\"person_id\":" + Quote(person_id) + "}",
                                         caller.request_id});
    appointed = Administrator{enterprise_id, person_id, "", "", caller.subject_id, ctx.now()};
    if (const auto* p = ctx.Person(person_id)) {
      appointed.person_name = p->name;
      appointed.phone_masked = p->phone_masked;
    }
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return appointed;
}

Status DelegationService::RemoveAdministrator(const Caller& caller, const std::string& enterprise_id,
                                              const std::string& person_id) {
  TONGBAN_RETURN_IF_ERROR(Gate(caller, "delegation.administrator.manage"));
  return db_.Write([&](db::Transaction& tx) -> Status {
    Context ctx(tx, directory_, FormatUtcMillis(clock_.Now()));
    if (!ctx.Enterprise(enterprise_id)) return EnterpriseNotFound();
    if (!ctx.IsLegalRepresentative(enterprise_id, caller.subject_id)) return NotLegalRepresentative();
    if (!ctx.store().DeleteAdministrator(enterprise_id, person_id)) {
      return Error::Make(ErrorCode::kNotFound, "delegation.administrator_not_found", "该用户不是本企业管理员",
                         "this person does not administer the enterprise");
    }
    Audit(tx, caller, enterprise_id, "delegation.administrator.remove", "enterprise_administrator",
          enterprise_id + "/" + person_id);
    outbox::Publish(tx, outbox::NewEvent{"delegation.administrator.removed", "enterprise_administrator",
                                         enterprise_id + "/" + person_id,
                                         "{\"enterprise_id\":" + Quote(enterprise_id) +
                                             ",\"person_id\":" + Quote(person_id) + "}",
                                         caller.request_id});
    return Status::Ok();
  });
}

Result<GrantView> DelegationService::CreateGrant(const Caller& caller, const std::string& enterprise_id,
                                                 const GrantRequest& request) {
  TONGBAN_RETURN_IF_ERROR(Gate(caller, "delegation.grant.create"));
  TONGBAN_RETURN_IF_ERROR(CheckGranteeNamed(request, false));
  TONGBAN_ASSIGN_OR_RETURN(GrantTerms terms, ParseTerms(request));
  GrantView created;
  Status st = db_.Write([&](db::Transaction& tx) -> Status {
    Context ctx(tx, directory_, FormatUtcMillis(clock_.Now()));
    if (!ctx.Enterprise(enterprise_id)) return EnterpriseNotFound();
    if (!ctx.IsManager(enterprise_id, caller.subject_id)) return NotManager();
    if (!ctx.EnterpriseActive(enterprise_id)) return EnterpriseNotActive();
    TONGBAN_RETURN_IF_ERROR(CheckEnterpriseGrantTerms(terms, ctx.now()));
    Grant g;
    if (!request.grantee_login.empty()) {
      TONGBAN_ASSIGN_OR_RETURN(g.grantee_id,
                               FindPersonByLogin(ctx, accounts_, request.grantee_login, "/grantee_login"));
      g.grantee_kind = GranteeKind::kPerson;
      if (ctx.IsLegalRepresentative(enterprise_id, g.grantee_id)) {
        return Error::Make(ErrorCode::kInvalidArgument, "delegation.grantee_is_legal_representative",
                           "法定代表人已拥有本企业的全部权限，无需授权",
                           "the legal representative already holds every right of the enterprise",
                           "/grantee_login");
      }
    } else {
      auto intermediary = directory_.FindEnterpriseByUscc(tx, request.grantee_uscc);
      if (!intermediary) {
        return Error::Make(ErrorCode::kInvalidArgument, "delegation.intermediary_not_found",
                           "未找到该统一社会信用代码对应的企业",
                           "no enterprise has this unified social credit code", "/grantee_uscc");
      }
      if (intermediary->enterprise_id == enterprise_id) {
        return Error::Make(ErrorCode::kInvalidArgument, "delegation.grantee_is_principal",
                           "不能授权给本企业自己", "an enterprise cannot grant its rights to itself",
                           "/grantee_uscc");
      }
      if (intermediary->registry_status != "active") {
        return Error::Make(ErrorCode::kInvalidArgument, "delegation.intermediary_not_active",
                           "该代理机构不是存续状态", "the intermediary is not active (存续)",
                           "/grantee_uscc");
      }
      // An enterprise does not act itself: its people act by sub-grants, so a
      // grant to an intermediary that may not be passed on would be void.
      if (!terms.may_delegate) {
        return Error::Make(ErrorCode::kInvalidArgument, "delegation.intermediary_must_delegate",
                           "授权给代理机构时须允许其转授权给本机构工作人员",
                           "a grant to an intermediary must allow passing on to its people", "/may_delegate");
      }
      g.grantee_kind = GranteeKind::kEnterprise;
      g.grantee_id = intermediary->enterprise_id;
    }
    g.grant_id = "grant_" + NewUlid();
    g.enterprise_id = enterprise_id;
    g.grantor_person_id = caller.subject_id;
    g.scope = terms.scope;
    g.mode = terms.mode;
    g.may_delegate = terms.may_delegate;
    g.expires_at = terms.expires_at;
    g.status = GrantStatus::kActive;
    g.created_at = ctx.now();
    ctx.store().InsertGrant(g);
    Audit(tx, caller, enterprise_id, "delegation.grant.create", "delegation_grant", g.grant_id);
    PublishGrantEvent(tx, caller, "delegation.grant.created", g);
    created = ctx.View(g);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return created;
}

Result<GrantView> DelegationService::CreateSubGrant(const Caller& caller, const std::string& parent_grant_id,
                                                    const GrantRequest& request) {
  TONGBAN_RETURN_IF_ERROR(Gate(caller, "delegation.grant.delegate"));
  TONGBAN_RETURN_IF_ERROR(CheckGranteeNamed(request, true));
  TONGBAN_ASSIGN_OR_RETURN(GrantTerms terms, ParseTerms(request));
  GrantView created;
  Status st = db_.Write([&](db::Transaction& tx) -> Status {
    tx.LockForTransaction(kGrantChainLockKey);
    Context ctx(tx, directory_, FormatUtcMillis(clock_.Now()));
    auto parent = ctx.store().FindGrant(parent_grant_id);
    if (!parent) return GrantNotFound();
    std::vector<Grant> chain = ctx.Chain(*parent);
    if (AccessTo(ctx, caller, chain) == Access::kNone) return GrantNotFound();
    if (!Holds(ctx, caller, *parent)) {
      return Error::Make(ErrorCode::kPermissionDenied, "delegation.not_grant_holder",
                         "只有被授权人可以转授权", "only the holder of a grant may pass it on");
    }
    if (!ctx.EnterpriseActive(parent->enterprise_id)) return EnterpriseNotActive();
    if (!ChainUsable(ctx, chain) && IsLive(*parent, ctx.now())) {
      return Error::Make(ErrorCode::kFailedPrecondition, "delegation.parent_not_live", "该授权已撤销或已过期",
                         "the grant to pass on from is revoked or expired");
    }
    TONGBAN_RETURN_IF_ERROR(CheckSubGrantTerms(*parent, terms, ctx.now()));
    Grant g;
    TONGBAN_ASSIGN_OR_RETURN(g.grantee_id,
                             FindPersonByLogin(ctx, accounts_, request.grantee_login, "/grantee_login"));
    if (parent->grantee_kind == GranteeKind::kPerson && g.grantee_id == parent->grantee_id) {
      return Error::Make(ErrorCode::kInvalidArgument, "delegation.grantee_is_holder", "不能转授权给自己",
                         "you already hold this grant", "/grantee_login");
    }
    if (ctx.IsLegalRepresentative(parent->enterprise_id, g.grantee_id)) {
      return Error::Make(ErrorCode::kInvalidArgument, "delegation.grantee_is_legal_representative",
                         "法定代表人已拥有本企业的全部权限，无需授权",
                         "the legal representative already holds every right of the enterprise",
                         "/grantee_login");
    }
    g.grant_id = "grant_" + NewUlid();
    g.enterprise_id = parent->enterprise_id;
    g.parent_grant_id = parent->grant_id;
    g.grantor_person_id = caller.subject_id;
    g.grantee_kind = GranteeKind::kPerson;
    g.scope = terms.scope;
    g.mode = terms.mode;
    g.may_delegate = terms.may_delegate;
    g.expires_at = terms.expires_at;
    g.status = GrantStatus::kActive;
    g.created_at = ctx.now();
    ctx.store().InsertGrant(g);
    Audit(tx, caller, g.enterprise_id, "delegation.grant.delegate", "delegation_grant", g.grant_id,
          "parent " + parent->grant_id);
    PublishGrantEvent(tx, caller, "delegation.grant.created", g);
    created = ctx.View(g);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return created;
}

Result<GrantView> DelegationService::GetGrant(const Caller& caller, const std::string& grant_id) {
  TONGBAN_RETURN_IF_ERROR(Gate(caller, "delegation.grant.read", true));
  Result<GrantView> out = GrantNotFound();
  db_.Run([&](db::Transaction& tx) {
    Context ctx(tx, directory_, FormatUtcMillis(clock_.Now()));
    auto g = ctx.store().FindGrant(grant_id);
    if (!g || AccessTo(ctx, caller, ctx.Chain(*g)) == Access::kNone) return;
    out = ctx.View(*g);
  });
  return out;
}

Result<std::vector<GrantView>> DelegationService::RevokeGrant(const Caller& caller,
                                                              const std::string& grant_id) {
  TONGBAN_RETURN_IF_ERROR(Gate(caller, "delegation.grant.revoke"));
  std::vector<GrantView> revoked;
  Status st = db_.Write([&](db::Transaction& tx) -> Status {
    revoked.clear();
    tx.LockForTransaction(kGrantChainLockKey);
    Context ctx(tx, directory_, FormatUtcMillis(clock_.Now()));
    auto g = ctx.store().FindGrant(grant_id);
    if (!g) return GrantNotFound();
    Access access = AccessTo(ctx, caller, ctx.Chain(*g));
    if (access == Access::kNone) return GrantNotFound();
    if (access != Access::kRevoke) {
      return Error::Make(
          ErrorCode::kPermissionDenied, "delegation.not_revoker",
          "您不能撤销该授权：请联系授权人或企业管理员",
          "only the grantor, those above them or the enterprise's managers may revoke this grant");
    }
    if (g->status == GrantStatus::kRevoked) {
      return Error::Make(ErrorCode::kFailedPrecondition, "delegation.grant_revoked", "该授权已被撤销",
                         "this grant is already revoked");
    }
    // Breadth-first over everything passed on from the grant. Descendants
    // revoked earlier already had theirs revoked with them, but are walked
    // anyway: it costs one query each and needs no invariant.
    std::vector<Grant> queue{*g};
    std::set<std::string> seen;
    for (std::size_t i = 0; i < queue.size(); ++i) {
      Grant current = queue[i];
      if (!seen.insert(current.grant_id).second) continue;
      if (current.status == GrantStatus::kActive &&
          ctx.store().MarkRevoked(current.grant_id, ctx.now(), caller.subject_id)) {
        current.status = GrantStatus::kRevoked;
        current.revoked_at = ctx.now();
        current.revoked_by = caller.subject_id;
        Audit(tx, caller, current.enterprise_id,
              i == 0 ? "delegation.grant.revoke" : "delegation.grant.revoke_cascade", "delegation_grant",
              current.grant_id, i == 0 ? "" : "revoked with " + g->grant_id);
        PublishGrantEvent(tx, caller, "delegation.grant.revoked", current);
        revoked.push_back(ctx.View(current));
      }
      for (Grant& child : ctx.store().Children(current.grant_id)) queue.push_back(std::move(child));
    }
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return revoked;
}

Result<std::vector<GrantView>> DelegationService::ListEnterpriseGrants(const Caller& caller,
                                                                       const std::string& enterprise_id) {
  TONGBAN_RETURN_IF_ERROR(Gate(caller, "delegation.enterprise_grant.list", true));
  Result<std::vector<GrantView>> out = Error{};
  db_.Run([&](db::Transaction& tx) {
    Context ctx(tx, directory_, FormatUtcMillis(clock_.Now()));
    if (Status may = ctx.MayReadEnterprise(caller, enterprise_id); !may.ok()) {
      out = may.error();
      return;
    }
    std::vector<GrantView> list;
    for (const Grant& g : ctx.store().GrantsOfEnterprise(enterprise_id, kMaxListed))
      list.push_back(ctx.View(g));
    out = std::move(list);
  });
  return out;
}

Result<std::vector<GrantView>> DelegationService::ListMyGrants(const Caller& caller, Direction direction) {
  TONGBAN_RETURN_IF_ERROR(Gate(caller, "delegation.grant.list_own"));
  std::vector<GrantView> list;
  db_.Run([&](db::Transaction& tx) {
    Context ctx(tx, directory_, FormatUtcMillis(clock_.Now()));
    auto grants = direction == Direction::kHeld ? ctx.store().GrantsHeldBy(caller.subject_id, kMaxListed)
                                                : ctx.store().GrantsGivenBy(caller.subject_id, kMaxListed);
    for (const Grant& g : grants) list.push_back(ctx.View(g));
  });
  return list;
}

Result<Principals> DelegationService::ListPrincipals(const Caller& caller) {
  TONGBAN_RETURN_IF_ERROR(Gate(caller, "delegation.principal.list_own"));
  Principals out;
  db_.Run([&](db::Transaction& tx) {
    Context ctx(tx, directory_, FormatUtcMillis(clock_.Now()));
    const std::string& me = caller.subject_id;
    out.principals.push_back(Principal{"", caller.display_name, {}});
    std::set<std::string> enterprises;
    std::set<std::string> managed;
    std::set<std::string> represented;
    if (accounts_.enterprises_represented_by) {
      for (const identity::EnterpriseSummary& e : accounts_.enterprises_represented_by(tx, me)) {
        represented.insert(e.enterprise_id);
      }
    }
    for (std::string& id : ctx.store().EnterprisesRepresentedBy(me)) represented.insert(std::move(id));
    for (const std::string& id : represented) {
      // The index may lag a change of legal representative: the Directory decides.
      if (!ctx.IsLegalRepresentative(id, me)) continue;
      enterprises.insert(id);
      managed.insert(id);
      out.managed.push_back(ManagedEnterprise{id, ctx.Enterprise(id)->name, true});
    }
    for (const Grant& g : ctx.store().LiveGrantsHeldBy(me, ctx.now())) {
      if (g.grantee_kind == GranteeKind::kPerson) enterprises.insert(g.enterprise_id);
    }
    for (const std::string& id : enterprises) {
      auto acting = ResolveIn(ctx, me, id);
      if (acting) out.principals.push_back(Principal{id, acting->enterprise_name, *acting});
    }
    for (const AdministratorRow& row : ctx.store().AdministrationsBy(me)) {
      if (!managed.insert(row.enterprise_id).second) continue;
      const auto* e = ctx.Enterprise(row.enterprise_id);
      out.managed.push_back(ManagedEnterprise{row.enterprise_id, e ? e->name : "", false});
    }
  });
  return out;
}

outbox::Subscriber DelegationService::RepresentationSubscriber() {
  return outbox::Subscriber{"delegation.legal_representatives",
                            {"identity.enterprise.created", "identity.enterprise.updated"},
                            [](db::Transaction& tx, const outbox::Event& e) -> Status {
                              auto parsed = ParseEnterpriseEvent(e.payload);
                              if (!parsed) return Status::Ok();
                              SqlDelegationStore(tx).UpsertRepresented(parsed->enterprise_id,
                                                                       parsed->legal_representative_person_id,
                                                                       NowUtcMillis());
                              return Status::Ok();
                            }};
}

Result<identity::ActingFor> DelegationService::Resolve(db::Transaction& tx, const std::string& person_id,
                                                       const std::string& enterprise_id) {
  Context ctx(tx, directory_, FormatUtcMillis(clock_.Now()));
  return ResolveIn(ctx, person_id, enterprise_id);
}

std::span<const db::Migration> Migrations() {
  return migrations::kMigrations;
}

}  // namespace tongban::delegation
