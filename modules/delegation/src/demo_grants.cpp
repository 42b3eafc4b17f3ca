// 演示授权 — the demo grants (LoadDemoGrants, delegation/delegation.hpp).
#include <utility>

#include "audit/audit.hpp"
#include "core/ids.hpp"
#include "core/utc.hpp"
#include "delegation/delegation.hpp"
#include "outbox/outbox.hpp"
#include "sql_delegation_store.hpp"

namespace tongban::delegation {
namespace {

constexpr int kDemoGrantDays = 365;

Error Missing(const std::string& what) {
  return Error::Make(ErrorCode::kFailedPrecondition, "delegation.demo_accounts_missing",
                     "演示授权所需的演示账号不存在", "the demo accounts the demo grants need are missing")
      .WithDetail("missing demo account: " + what);
}

struct Loader {
  db::Transaction& tx;
  SqlDelegationStore store;
  std::string now;
  std::string expires_at;

  // Makes the grant unless the grantee already holds a live one for the enterprise.
  Grant Ensure(const std::string& enterprise_id, const std::string& grantor, GranteeKind kind,
               const std::string& grantee, std::vector<std::string> scope, GrantMode mode, bool may_delegate,
               const std::string& parent_grant_id = {}) {
    for (Grant& g : store.LiveGrants(grantee, enterprise_id, now)) {
      if (g.parent_grant_id == parent_grant_id) return g;
    }
    Grant g;
    g.grant_id = "grant_" + NewUlid();
    g.enterprise_id = enterprise_id;
    g.parent_grant_id = parent_grant_id;
    g.grantor_person_id = grantor;
    g.grantee_kind = kind;
    g.grantee_id = grantee;
    g.scope = std::move(scope);
    g.mode = mode;
    g.may_delegate = may_delegate;
    g.expires_at = expires_at;
    g.created_at = now;
    store.InsertGrant(g);
    audit::Append(
        tx, audit::Record{audit::Actor{"system:demo", "system", "", enterprise_id}, "delegation.grant.create",
                          "delegation_grant", g.grant_id, "", audit::Outcome::kSuccess, "demo data"});
    outbox::Publish(tx, outbox::NewEvent{"delegation.grant.created", "delegation_grant", g.grant_id,
                                         "{\"grant_id\":\"" + g.grant_id + "\",\"enterprise_id\":\"" +
                                             enterprise_id + "\",\"actor\":\"system:demo\"}",
                                         ""});
    return g;
  }
};

}  // namespace

DemoGrantPlan DefaultDemoGrantPlan() {
  // The demo accounts of docs/demo-accounts.md (identity's demo data).
  // 赵敏's 上海通办示范科技有限公司 and 陈静's 上海浦江贸易有限公司 are clients of
  // 孙丽's intermediary 上海代办通企业服务有限公司; 刘洋 may apply and 李四 may
  // only view for the former; 王五 works for the intermediary.
  return DemoGrantPlan{"91310101MA1FL0D18X", "91310101MA1G2K3LXA", "91310101MA1H4N5P56",
                       "13800000006",        "13800000002",        "13800000003"};
}

Status LoadDemoGrants(db::Database& db, identity::Directory& directory, const AccountLookups& accounts,
                      const calendar::Clock& clock, const DemoGrantPlan& plan) {
  if (!accounts.find_by_login) return Missing("no account lookup");
  return db.Write([&](db::Transaction& tx) -> Status {
    std::string now = FormatUtcMillis(clock.Now());
    Loader loader{tx, SqlDelegationStore(tx), now, AddDays(now, kDemoGrantDays)};
    auto enterprise = [&](const std::string& uscc) { return directory.FindEnterpriseByUscc(tx, uscc); };
    auto person = [&](const std::string& login) -> std::optional<std::string> {
      auto s = accounts.find_by_login(tx, login);
      if (!s || s->staff) return std::nullopt;
      return s->subject_id;
    };
    auto a = enterprise(plan.client_a_uscc);
    auto b = enterprise(plan.client_b_uscc);
    auto intermediary = enterprise(plan.intermediary_uscc);
    auto apply_agent = person(plan.apply_agent_login);
    auto view_agent = person(plan.view_agent_login);
    auto staff = person(plan.intermediary_staff_login);
    if (!a) return Missing("enterprise " + plan.client_a_uscc);
    if (!b) return Missing("enterprise " + plan.client_b_uscc);
    if (!intermediary) return Missing("intermediary " + plan.intermediary_uscc);
    if (!apply_agent || !view_agent || !staff) return Missing("a demo agent's phone number");

    loader.Ensure(a->enterprise_id, a->legal_representative_person_id, GranteeKind::kPerson, *apply_agent,
                  {std::string(kAllServices)}, GrantMode::kApply, true);
    loader.Ensure(a->enterprise_id, a->legal_representative_person_id, GranteeKind::kPerson, *view_agent,
                  {std::string(kAllServices)}, GrantMode::kView, false);
    for (const identity::EnterpriseSummary* client : {&*a, &*b}) {
      Grant to_intermediary = loader.Ensure(client->enterprise_id, client->legal_representative_person_id,
                                            GranteeKind::kEnterprise, intermediary->enterprise_id,
                                            {std::string(kAllServices)}, GrantMode::kApply, true);
      loader.Ensure(client->enterprise_id, intermediary->legal_representative_person_id, GranteeKind::kPerson,
                    *staff, {std::string(kAllServices)}, GrantMode::kApply, false, to_intermediary.grant_id);
    }
    return Status::Ok();
  });
}

}  // namespace tongban::delegation
