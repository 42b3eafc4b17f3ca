// The accounts routes through the router, on both back ends: status codes,
// problem+json reasons and fields for bad input, and that bad input writes
// nothing. Callers come from a test authenticator keyed by a header.
#include <gtest/gtest.h>

#include <map>

#include "audit/audit.hpp"
#include "http/json.hpp"
#include "identity/accounts.hpp"
#include "identity/check_character.hpp"
#include "outbox/outbox.hpp"
#include "testing/backend_test.hpp"

namespace tongban::identity {
namespace {

namespace json = boost::json;

class HeaderAuthenticator : public Authenticator {
 public:
  std::map<std::string, Caller> callers;
  std::optional<Result<Caller>> TryAuthenticate(const http::Request& request) override {
    std::string as(request.Header("X-Test-As"));
    if (as.empty()) return std::nullopt;
    auto it = callers.find(as);
    if (it == callers.end()) {
      return Result<Caller>(
          Error::Make(ErrorCode::kUnauthenticated, "identity.unauthenticated", "请先登录", "Log in first"));
    }
    return Result<Caller>(it->second);
  }
};

Caller StaffAs(std::string id, Role role, std::string department = "platform") {
  Caller c;
  c.kind = CallerKind::kStaff;
  c.subject_id = std::move(id);
  c.roles = {role};
  c.department_id = std::move(department);
  return c;
}

struct Reply {
  int status = 0;
  json::value body;
  std::string reason() const {
    return body.is_object() && body.as_object().contains("code") ? std::string(body.at("code").as_string())
                                                                 : "";
  }
  std::string field() const {
    return body.is_object() && body.as_object().contains("field") ? std::string(body.at("field").as_string())
                                                                  : "";
  }
};

class AccountRoutesTest : public tongban::testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    std::vector<db::Migration> all;
    for (auto span : {audit::Migrations(), outbox::Migrations(), privacy::Migrations(), Migrations()}) {
      all.insert(all.end(), span.begin(), span.end());
    }
    auto applied = db::ApplyMigrations(db(), all);
    ASSERT_TRUE(applied.ok()) << applied.error().message_en;
    service_ = std::make_unique<AccountService>(db(), vault_);
    headers_.callers["op"] = StaffAs("staff_op", Role::kPlatformOperator);
    headers_.callers["sec"] = StaffAs("staff_sec", Role::kSecurityAdmin);
    headers_.callers["sys"] = StaffAs("staff_sys", Role::kSystemAdmin);
    headers_.callers["win"] = StaffAs("staff_win", Role::kWindowOfficer);
    composite_.Add(&headers_);
    RegisterAccountRoutes(router_, *service_, composite_);

    std::string first17 = "31010519900307123";
    zhang_id_ = first17 + *Gb11643CheckCharacter(first17);
    Status registered = db().Write([&](db::Transaction& tx) -> Status {
      auto p = service_->RegisterPerson(tx, NewPerson{"张三", "resident_id", zhang_id_, "", "13812345678"});
      if (!p) return p.error();
      zhang_ = p->person_id;
      Caller me;
      me.kind = CallerKind::kPerson;
      me.subject_id = zhang_;
      me.roles = {Role::kResident};
      headers_.callers["zhang"] = me;
      return Status::Ok();
    });
    ASSERT_TRUE(registered.ok()) << registered.error().reason;
    ASSERT_FALSE(zhang_.empty());
  }

  Reply Call(http::Method method, const std::string& path, const std::string& as,
             std::optional<json::value> body = std::nullopt,
             std::multimap<std::string, std::string> query = {}) {
    http::Request request;
    request.method = method;
    request.path = path;
    request.target = path;
    request.query = std::move(query);
    request.request_id = "req-routes";
    request.remote_address = "127.0.0.1";
    if (!as.empty()) request.headers.emplace("X-Test-As", as);
    if (body) {
      request.headers.emplace("Content-Type", "application/json");
      request.body = json::serialize(*body);
    }
    http::RouteMatch match = router_.Match(method, path);
    EXPECT_NE(match.route, nullptr) << path;
    if (!match.route) return {};
    request.path_params = match.path_params;
    request.route = match.route->pattern;
    http::Response response = match.route->handler(request);
    Reply reply{response.status, {}};
    if (!response.body.empty()) reply.body = json::parse(response.body);
    return reply;
  }

  std::int64_t Count(const char* table) {
    std::int64_t n = 0;
    std::string text = std::string("SELECT COUNT(*) FROM ") + table;
    db().Run([&](db::Transaction& tx) {
      n = tx.Query(db::Sql{"count", text.c_str(), text.c_str()})[0].Int(0);
    });
    return n;
  }

  crypto::KeySet keys_ = crypto::KeySet::Generate();
  privacy::Vault vault_{keys_};
  std::unique_ptr<AccountService> service_;
  HeaderAuthenticator headers_;
  CompositeAuthenticator composite_;
  http::Router router_;
  std::string zhang_;
  std::string zhang_id_;
};

using http::Method;

TEST_P(AccountRoutesTest, SearchShowsMaskedNumbers) {
  Reply r = Call(Method::kGet, "/api/v1/admin/persons", "op", std::nullopt, {{"q", "张"}});
  ASSERT_EQ(r.status, 200) << json::serialize(r.body);
  const json::array& items = r.body.at("items").as_array();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].at("phone_masked").as_string(), "138****5678");
  EXPECT_EQ(items[0].at("assurance_level").as_string(), "L1");
  EXPECT_EQ(json::serialize(r.body).find(zhang_id_), std::string::npos);
}

TEST_P(AccountRoutesTest, AnonymousIs401AndTheWrongRoleIs403) {
  EXPECT_EQ(Call(Method::kGet, "/api/v1/admin/persons", "").status, 401);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/admin/persons", "zhang").status, 403);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/admin/persons", "sys").status, 403);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/admin/persons", "forged").status, 401);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/me/access-log", "").status, 401);
}

TEST_P(AccountRoutesTest, UnmaskAndThePersonSeesIt) {
  Reply bad = Call(Method::kPost, "/api/v1/admin/persons/" + zhang_ + "/unmask", "sec",
                   json::object{{"fields", json::array{"id_number"}}, {"purpose", ""}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.reason(), "privacy.purpose_required");
  EXPECT_EQ(bad.field(), "/purpose");
  Reply ok = Call(Method::kPost, "/api/v1/admin/persons/" + zhang_ + "/unmask", "sec",
                  json::object{{"fields", json::array{"id_number", "phone"}}, {"purpose", "投诉核查"}});
  ASSERT_EQ(ok.status, 200) << json::serialize(ok.body);
  EXPECT_EQ(ok.body.at("id_number").as_string(), zhang_id_);
  EXPECT_EQ(ok.body.at("phone").as_string(), "13812345678");

  Reply log = Call(Method::kGet, "/api/v1/me/access-log", "zhang");
  ASSERT_EQ(log.status, 200);
  const json::array& items = log.body.at("items").as_array();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].at("purpose").as_string(), "投诉核查");
  EXPECT_TRUE(items[0].at("unmasked").as_bool());
  EXPECT_EQ(items[0].at("reader_id").as_string(), "staff_sec");
}

TEST_P(AccountRoutesTest, BadEnterpriseInputIsAProblemAndWritesNothing) {
  std::int64_t audit_before = Count("audit_log");
  struct Case {
    json::object body;
    int status;
    const char* reason;
    const char* field;
  };
  const Case cases[] = {
      {{{"uscc", "91440300708461136X"}, {"name", "腾讯"}, {"legal_representative_person_id", zhang_}},
       400,
       "identity.uscc_check",
       "/uscc"},
      {{{"uscc", "9144"}, {"name", "腾讯"}, {"legal_representative_person_id", zhang_}},
       400,
       "identity.uscc_length",
       "/uscc"},
      {{{"uscc", "91440300708461136T"},
        {"name", std::string(201, 'a')},
        {"legal_representative_person_id", zhang_}},
       400,
       "",
       "/name"},
      {{{"uscc", "91440300708461136T"},
        {"name", "腾讯"},
        {"legal_representative_person_id", zhang_},
        {"colour", "red"}},
       400,
       "http.unknown_field",
       ""},
      {{{"name", "腾讯"}, {"legal_representative_person_id", zhang_}}, 400, "", "/uscc"},
  };
  for (const Case& c : cases) {
    Reply r = Call(Method::kPost, "/api/v1/admin/enterprises", "op", c.body);
    EXPECT_EQ(r.status, c.status) << json::serialize(c.body);
    if (*c.reason) {
      EXPECT_EQ(r.reason(), c.reason);
    }
    if (*c.field) {
      EXPECT_EQ(r.field(), c.field);
    }
    EXPECT_FALSE(r.body.at("message_zh").as_string().empty());
  }
  EXPECT_EQ(Count("enterprises"), 0);
  EXPECT_EQ(Count("audit_log"), audit_before);
  Reply created = Call(Method::kPost, "/api/v1/admin/enterprises", "op",
                       json::object{{"uscc", "91440300708461136T"},
                                    {"name", "腾讯科技（深圳）有限公司"},
                                    {"legal_representative_person_id", zhang_}});
  ASSERT_EQ(created.status, 201) << json::serialize(created.body);
  EXPECT_EQ(created.body.at("registry_status").as_string(), "active");
  Reply again =
      Call(Method::kPost, "/api/v1/admin/enterprises", "op",
           json::object{
               {"uscc", "91440300708461136T"}, {"name", "腾讯"}, {"legal_representative_person_id", zhang_}});
  EXPECT_EQ(again.status, 409);
}

TEST_P(AccountRoutesTest, StaffRolesWithSeparationOfDuties) {
  Reply created = Call(Method::kPost, "/api/v1/admin/staff", "sys",
                       json::object{{"username", "wang"}, {"name", "王"}, {"department_id", "dept_a"}});
  ASSERT_EQ(created.status, 201) << json::serialize(created.body);
  std::string id(created.body.at("staff_id").as_string());
  Reply sod = Call(Method::kPut, "/api/v1/admin/staff/" + id + "/roles", "sec",
                   json::object{{"roles", json::array{"system_admin", "audit_admin"}}});
  EXPECT_EQ(sod.status, 400);
  EXPECT_EQ(sod.reason(), "identity.roles_separation_of_duties");
  Reply unknown = Call(Method::kPut, "/api/v1/admin/staff/" + id + "/roles", "sec",
                       json::object{{"roles", json::array{"reviewer", "king"}}});
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(unknown.reason(), "identity.role_unknown");
  EXPECT_EQ(unknown.field(), "/roles/1");
  Reply not_array =
      Call(Method::kPut, "/api/v1/admin/staff/" + id + "/roles", "sec", json::object{{"roles", "reviewer"}});
  EXPECT_EQ(not_array.status, 400);
  EXPECT_EQ(not_array.field(), "/roles");
  Reply ok = Call(Method::kPut, "/api/v1/admin/staff/" + id + "/roles", "sec",
                  json::object{{"roles", json::array{"reviewer"}}});
  ASSERT_EQ(ok.status, 200);
  EXPECT_EQ(ok.body.at("roles").as_array().size(), 1u);
  Reply list = Call(Method::kGet, "/api/v1/admin/staff", "sec");
  EXPECT_EQ(list.body.at("items").as_array().size(), 1u);
  EXPECT_EQ(Call(Method::kPost, "/api/v1/admin/staff/" + id + "/disable", "sec").status, 200);
  EXPECT_EQ(Call(Method::kPost, "/api/v1/admin/staff/staff_nobody/disable", "sec").status, 404);
}

TEST_P(AccountRoutesTest, VerifyInPersonAndBadQueries) {
  Reply mismatch = Call(Method::kPost, "/api/v1/admin/persons/" + zhang_ + "/verify-in-person", "win",
                        json::object{{"id_number", "H12345678"}});
  EXPECT_EQ(mismatch.status, 400);
  EXPECT_EQ(mismatch.field(), "/id_number");
  Reply ok = Call(Method::kPost, "/api/v1/admin/persons/" + zhang_ + "/verify-in-person", "win",
                  json::object{{"id_number", zhang_id_}});
  ASSERT_EQ(ok.status, 200) << json::serialize(ok.body);
  EXPECT_EQ(ok.body.at("assurance_level").as_string(), "L3");
  EXPECT_EQ(Call(Method::kGet, "/api/v1/admin/persons", "op", std::nullopt, {{"limit", "1000"}}).status, 400);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/admin/persons", "op", std::nullopt, {{"limit", "x"}}).status, 400);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/me/access-log", "zhang", std::nullopt, {{"before", "-3"}}).status,
            400);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/admin/persons/person_nobody", "op").status, 404);
}

TONGBAN_INSTANTIATE_BACKEND_TESTS(AccountRoutesTest);

}  // namespace
}  // namespace tongban::identity
