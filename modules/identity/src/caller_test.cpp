#include "identity/caller.hpp"

#include <gtest/gtest.h>

#include "identity/authenticator.hpp"

namespace tongban::identity {
namespace {

TEST(CallerTest, HasAndHasScope) {
  Caller c;
  c.kind = CallerKind::kStaff;
  c.roles = {Role::kWindowOfficer, Role::kReviewer};
  c.scopes = {"openid", "cases:read"};
  EXPECT_TRUE(c.Has(Role::kReviewer));
  EXPECT_FALSE(c.Has(Role::kSystemAdmin));
  EXPECT_TRUE(c.HasScope("cases:read"));
  EXPECT_FALSE(c.HasScope("cases"));
}

TEST(CallerTest, ActorOfAnonymousPersonAgentStaffClient) {
  Caller anonymous;
  EXPECT_EQ(anonymous.ToActor().subject, "anonymous");

  Caller person;
  person.kind = CallerKind::kPerson;
  person.subject_id = "person_01";
  person.roles = {Role::kResident};
  audit::Actor a = person.ToActor();
  EXPECT_EQ(a.subject, "person_01");
  EXPECT_EQ(a.role, "resident");
  EXPECT_EQ(a.principal, "");

  person.acting_for = ActingFor{};
  person.acting_for->enterprise_id = "ent_01";
  a = person.ToActor();
  EXPECT_EQ(a.role, "enterprise_agent");
  EXPECT_EQ(a.principal, "ent_01");

  Caller staff;
  staff.kind = CallerKind::kStaff;
  staff.subject_id = "staff_01";
  staff.roles = {Role::kReviewer};
  staff.department_id = "dept_01";
  a = staff.ToActor();
  EXPECT_EQ(a.role, "reviewer");
  EXPECT_EQ(a.department, "dept_01");

  Caller client;
  client.kind = CallerKind::kClient;
  client.client_id = "abc";
  EXPECT_EQ(client.ToActor().subject, "client_abc");
  EXPECT_EQ(client.ToActor().role, "client");
}

// Answers with a fixed caller, a fixed error, or "not my credential".
class FixedScheme : public Authenticator {
 public:
  FixedScheme() = default;
  explicit FixedScheme(Caller caller) : caller_(std::move(caller)) {}
  explicit FixedScheme(Error error) : error_(std::move(error)) {}
  std::optional<Result<Caller>> TryAuthenticate(const http::Request&) override {
    if (caller_) return Result<Caller>(*caller_);
    if (error_) return Result<Caller>(*error_);
    return std::nullopt;
  }

 private:
  std::optional<Caller> caller_;
  std::optional<Error> error_;
};

TEST(CompositeAuthenticatorTest, FirstApplicableSchemeDecides) {
  Caller person;
  person.kind = CallerKind::kPerson;
  person.subject_id = "person_01";
  FixedScheme absent;
  FixedScheme present(person);
  FixedScheme refusing(
      Error::Make(ErrorCode::kUnauthenticated, "identity.unauthenticated", "请先登录", "Log in first"));
  http::Request request;
  request.remote_address = "203.0.113.7";
  request.request_id = "req-1";

  CompositeAuthenticator none;
  auto anon = none.Authenticate(request);
  ASSERT_TRUE(anon.ok());
  EXPECT_FALSE(anon->authenticated());
  EXPECT_EQ(anon->remote_address, "203.0.113.7");

  CompositeAuthenticator composite;
  composite.Add(&absent);
  composite.Add(&present);
  composite.Add(&refusing);
  auto got = composite.Authenticate(request);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->subject_id, "person_01");
  EXPECT_EQ(got->request_id, "req-1");
  EXPECT_EQ(got->remote_address, "203.0.113.7");

  CompositeAuthenticator refused;
  refused.Add(&refusing);
  refused.Add(&present);
  auto denied = refused.Authenticate(request);
  ASSERT_FALSE(denied.ok());
  EXPECT_EQ(denied.error().reason, "identity.unauthenticated");

  EXPECT_FALSE(RequireAuthenticated(Caller{}).ok());
  EXPECT_TRUE(RequireAuthenticated(person).ok());
}

}  // namespace
}  // namespace tongban::identity
