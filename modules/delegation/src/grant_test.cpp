#include "delegation/grant.hpp"

#include <gtest/gtest.h>

namespace tongban::delegation {
namespace {

constexpr std::string_view kNow = "2026-11-21T08:00:00.000Z";

Grant Parent(std::vector<std::string> scope, GrantMode mode, bool may_delegate,
             std::string expires_at = "2027-06-30T15:59:59.999Z") {
  Grant g;
  g.grant_id = "grant_parent";
  g.scope = std::move(scope);
  g.mode = mode;
  g.may_delegate = may_delegate;
  g.expires_at = std::move(expires_at);
  return g;
}

GrantTerms Terms(std::vector<std::string> scope, GrantMode mode,
                 std::string expires_at = "2027-01-01T00:00:00.000Z") {
  return GrantTerms{std::move(scope), mode, false, std::move(expires_at)};
}

std::string ReasonOf(const Status& st) {
  return st.ok() ? "ok" : st.error().reason;
}

TEST(GrantModeTest, CodesRoundTripAndAreOrdered) {
  EXPECT_EQ(GrantModeCode(GrantMode::kApply), "apply");
  EXPECT_EQ(GrantModeCode(GrantMode::kView), "view");
  EXPECT_EQ(*ParseGrantMode("apply"), GrantMode::kApply);
  EXPECT_EQ(*ParseGrantMode("view"), GrantMode::kView);
  EXPECT_LT(GrantMode::kView, GrantMode::kApply);
  for (std::string_view bad : {"", "Apply", "edit", "view "}) {
    auto r = ParseGrantMode(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().reason, "delegation.mode");
    EXPECT_EQ(r.error().field, "/mode");
  }
  EXPECT_EQ(*ParseGrantStatus("revoked"), GrantStatus::kRevoked);
  EXPECT_FALSE(ParseGrantStatus("expired").ok());
  EXPECT_EQ(*ParseGranteeKind(GranteeKindCode(GranteeKind::kEnterprise)), GranteeKind::kEnterprise);
  EXPECT_FALSE(ParseGranteeKind("staff").ok());
}

TEST(ScopeTest, NormalisesSortsDeduplicatesAndAbsorbs) {
  EXPECT_EQ(*NormaliseScope({"B02", "A01", "B02"}), (std::vector<std::string>{"A01", "B02"}));
  EXPECT_EQ(*NormaliseScope({"A01", "*", "B02"}), (std::vector<std::string>{"*"}));
  // An item under a category in the same scope is dropped; a look-alike is not.
  EXPECT_EQ(*NormaliseScope({"C01-0003", "C01", "C011"}), (std::vector<std::string>{"C01", "C011"}));
}

TEST(ScopeTest, RefusesEmptyTooManyAndMalformedCodes) {
  EXPECT_EQ(NormaliseScope({}).error().reason, "delegation.scope_empty");
  EXPECT_EQ(NormaliseScope({}).error().field, "/scope");
  std::vector<std::string> many;
  for (int i = 0; i <= static_cast<int>(kMaxScopeCodes); ++i) many.push_back("S" + std::to_string(i));
  EXPECT_EQ(NormaliseScope(many).error().reason, "delegation.scope_too_many");
  many.pop_back();
  EXPECT_TRUE(NormaliseScope(many).ok());
  for (std::string bad :
       std::vector<std::string>{"", "-C01", "C 01", "C01,C02", "事项", std::string(65, 'A'), "**"}) {
    auto r = NormaliseScope({"A01", bad});
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().reason, "delegation.scope_code");
    EXPECT_EQ(r.error().field, "/scope/1");
  }
  EXPECT_TRUE(NormaliseScope({std::string(64, 'A')}).ok());
  EXPECT_TRUE(NormaliseScope({"a.b_c-1"}).ok());
}

TEST(ScopeTest, CoversItselfItsItemsAndEverythingUnderStar) {
  std::vector<std::string> scope{"C01", "D02-0001"};
  EXPECT_TRUE(ScopeCovers(scope, "C01"));
  EXPECT_TRUE(ScopeCovers(scope, "C01-0007"));
  EXPECT_TRUE(ScopeCovers(scope, "C01-0007-01"));
  EXPECT_TRUE(ScopeCovers(scope, "D02-0001"));
  EXPECT_FALSE(ScopeCovers(scope, "D02"));  // an item does not cover its category
  EXPECT_FALSE(ScopeCovers(scope, "D02-0002"));
  EXPECT_FALSE(ScopeCovers(scope, "C011"));  // a prefix that is not a category
  EXPECT_FALSE(ScopeCovers(scope, "C0"));
  EXPECT_FALSE(ScopeCovers(scope, "*"));
  EXPECT_TRUE(ScopeCovers({"*"}, "anything"));
  EXPECT_TRUE(ScopeCovers({"*"}, "*"));
  EXPECT_FALSE(ScopeCovers({}, "C01"));
}

TEST(ScopeTest, FirstOutsideNamesTheFirstUncoveredCode) {
  EXPECT_EQ(FirstOutside({"C01-1", "C01"}, {"C01"}), -1);
  EXPECT_EQ(FirstOutside({"C01-1", "D01"}, {"C01"}), 1);
  EXPECT_EQ(FirstOutside({"*"}, {"C01"}), 0);
  EXPECT_EQ(FirstOutside({"*"}, {"*"}), -1);
  EXPECT_EQ(FirstOutside({"X"}, {"*"}), -1);
}

TEST(ExpiryTest, ParsesDatesAsEndOfDayInBeijing) {
  EXPECT_EQ(*ParseExpiry("2027-06-30"), "2027-06-30T15:59:59.999Z");
  EXPECT_EQ(*ParseExpiry("2028-02-29"), "2028-02-29T15:59:59.999Z");
}

TEST(ExpiryTest, ParsesRfc3339WithOffsetsAndFractions) {
  EXPECT_EQ(*ParseExpiry("2027-06-30T12:00:00Z"), "2027-06-30T12:00:00.000Z");
  EXPECT_EQ(*ParseExpiry("2027-06-30T20:00:00+08:00"), "2027-06-30T12:00:00.000Z");
  EXPECT_EQ(*ParseExpiry("2027-06-30T20:00:00.5+08:00"), "2027-06-30T12:00:00.500Z");
  EXPECT_EQ(*ParseExpiry("2027-06-30T20:00:00.123456789Z"), "2027-06-30T20:00:00.123Z");
  EXPECT_EQ(*ParseExpiry("2027-06-30T23:30:00-05:00"), "2027-07-01T04:30:00.000Z");
  EXPECT_EQ(*ParseExpiry("2027-01-01T02:00:00+08:00"), "2026-12-31T18:00:00.000Z");
}

TEST(ExpiryTest, RefusesMalformedTimes) {
  for (std::string_view bad :
       {"", "2027", "2027-6-30", "2027-02-30", "2027-06-30T", "2027-06-30 12:00:00Z", "2027-06-30T24:00:00Z",
        "2027-06-30T12:60:00Z", "2027-06-30T12:00:00", "2027-06-30T12:00:00.Z", "2027-06-30T12:00:00+0800",
        "2027-06-30T12:00:00+08:00x", "2027-06-30T12:00:00.1234567890Z", "next year"}) {
    auto r = ParseExpiry(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().reason, "delegation.expiry_format") << bad;
    EXPECT_EQ(r.error().field, "/expires_at");
  }
}

TEST(ExpiryTest, AddDaysKeepsTheTimeOfDay) {
  EXPECT_EQ(AddDays(kNow, 1), "2026-11-22T08:00:00.000Z");
  EXPECT_EQ(AddDays(kNow, 41), "2027-01-01T08:00:00.000Z");
  EXPECT_EQ(AddDays("2028-02-28T23:59:59.999Z", 1), "2028-02-29T23:59:59.999Z");
}

TEST(LivenessTest, ActiveAndBeforeExpiry) {
  Grant g = Parent({"*"}, GrantMode::kApply, true, "2026-11-21T08:00:00.001Z");
  EXPECT_TRUE(IsLive(g, kNow));
  g.expires_at = std::string(kNow);
  EXPECT_FALSE(IsLive(g, kNow));  // expires_at is the first instant it no longer holds
  g.expires_at = "2027-01-01T00:00:00.000Z";
  g.status = GrantStatus::kRevoked;
  EXPECT_FALSE(IsLive(g, kNow));
}

TEST(EnterpriseGrantTest, ExpiryMustBeFutureAndWithinTheLimit) {
  EXPECT_TRUE(CheckEnterpriseGrantTerms(Terms({"*"}, GrantMode::kApply), kNow).ok());
  EXPECT_EQ(ReasonOf(CheckEnterpriseGrantTerms(Terms({"*"}, GrantMode::kApply, std::string(kNow)), kNow)),
            "delegation.expiry_past");
  EXPECT_EQ(
      ReasonOf(CheckEnterpriseGrantTerms(Terms({"*"}, GrantMode::kApply, "2020-01-01T00:00:00.000Z"), kNow)),
      "delegation.expiry_past");
  EXPECT_TRUE(
      CheckEnterpriseGrantTerms(Terms({"*"}, GrantMode::kApply, AddDays(kNow, kMaxGrantDays)), kNow).ok());
  Status far =
      CheckEnterpriseGrantTerms(Terms({"*"}, GrantMode::kApply, AddDays(kNow, kMaxGrantDays + 1)), kNow);
  EXPECT_EQ(ReasonOf(far), "delegation.expiry_too_far");
  EXPECT_EQ(far.error().field, "/expires_at");
}

// Every combination of parent mode × child mode × may-delegate × liveness.
TEST(SubGrantTest, ModeAndDelegationMatrix) {
  for (GrantMode parent_mode : {GrantMode::kView, GrantMode::kApply}) {
    for (GrantMode child_mode : {GrantMode::kView, GrantMode::kApply}) {
      for (bool may_delegate : {false, true}) {
        for (bool revoked : {false, true}) {
          Grant parent = Parent({"*"}, parent_mode, may_delegate);
          if (revoked) parent.status = GrantStatus::kRevoked;
          std::string got = ReasonOf(CheckSubGrantTerms(parent, Terms({"C01"}, child_mode), kNow));
          std::string want = revoked                    ? "delegation.parent_not_live"
                             : !may_delegate            ? "delegation.may_not_delegate"
                             : child_mode > parent_mode ? "delegation.mode_beyond_parent"
                                                        : "ok";
          EXPECT_EQ(got, want) << GrantModeCode(parent_mode) << "→" << GrantModeCode(child_mode)
                               << " may_delegate=" << may_delegate << " revoked=" << revoked;
        }
      }
    }
  }
}

TEST(SubGrantTest, ScopeMustStayWithinTheParent) {
  struct Case {
    std::vector<std::string> parent;
    std::vector<std::string> child;
    std::string want;
    std::string field;
  };
  std::vector<Case> cases = {
      {{"*"}, {"*"}, "ok", ""},
      {{"*"}, {"C01", "D02-1"}, "ok", ""},
      {{"C01"}, {"C01"}, "ok", ""},
      {{"C01"}, {"C01-0003"}, "ok", ""},
      {{"C01", "D02"}, {"D02-9", "C01-1"}, "ok", ""},
      {{"C01"}, {"*"}, "delegation.scope_beyond_parent", "/scope/0"},
      {{"C01"}, {"C01-1", "C02"}, "delegation.scope_beyond_parent", "/scope/1"},
      {{"C01-0003"}, {"C01"}, "delegation.scope_beyond_parent", "/scope/0"},
      {{"C01"}, {"C011"}, "delegation.scope_beyond_parent", "/scope/0"},
  };
  for (const Case& c : cases) {
    Status st =
        CheckSubGrantTerms(Parent(c.parent, GrantMode::kApply, true), Terms(c.child, GrantMode::kView), kNow);
    EXPECT_EQ(ReasonOf(st), c.want) << c.child.front();
    if (!st.ok()) {
      EXPECT_EQ(st.error().field, c.field);
    }
  }
}

TEST(SubGrantTest, ExpiryMustBeFutureAndNoLaterThanTheParent) {
  Grant parent = Parent({"*"}, GrantMode::kApply, true, "2027-06-30T15:59:59.999Z");
  EXPECT_TRUE(
      CheckSubGrantTerms(parent, Terms({"*"}, GrantMode::kApply, "2027-06-30T15:59:59.999Z"), kNow).ok());
  EXPECT_EQ(
      ReasonOf(CheckSubGrantTerms(parent, Terms({"*"}, GrantMode::kApply, "2027-06-30T16:00:00.000Z"), kNow)),
      "delegation.expiry_beyond_parent");
  EXPECT_EQ(
      ReasonOf(CheckSubGrantTerms(parent, Terms({"*"}, GrantMode::kApply, "2026-11-21T07:59:59.999Z"), kNow)),
      "delegation.expiry_past");
  // An expired parent passes nothing on, whatever the child asks for.
  parent.expires_at = "2026-11-21T07:00:00.000Z";
  EXPECT_EQ(
      ReasonOf(CheckSubGrantTerms(parent, Terms({"*"}, GrantMode::kView, "2026-11-21T07:30:00.000Z"), kNow)),
      "delegation.parent_not_live");
}

TEST(SubGrantTest, TheFirstBrokenRuleDecides) {
  // View-only parent, no delegation, narrower scope: may_not_delegate comes first.
  Grant parent = Parent({"C01"}, GrantMode::kView, false);
  EXPECT_EQ(ReasonOf(CheckSubGrantTerms(parent, Terms({"D01"}, GrantMode::kApply, "2030-01-01T00:00:00.000Z"),
                                        kNow)),
            "delegation.may_not_delegate");
  parent.may_delegate = true;
  EXPECT_EQ(ReasonOf(CheckSubGrantTerms(parent, Terms({"D01"}, GrantMode::kApply, "2030-01-01T00:00:00.000Z"),
                                        kNow)),
            "delegation.scope_beyond_parent");
  EXPECT_EQ(ReasonOf(CheckSubGrantTerms(parent, Terms({"C01"}, GrantMode::kApply, "2030-01-01T00:00:00.000Z"),
                                        kNow)),
            "delegation.mode_beyond_parent");
  EXPECT_EQ(ReasonOf(CheckSubGrantTerms(parent, Terms({"C01"}, GrantMode::kView, "2030-01-01T00:00:00.000Z"),
                                        kNow)),
            "delegation.expiry_beyond_parent");
}

TEST(ChooseGrantTest, PrefersApplyThenAllThenLaterExpiryThenSmallerId) {
  EXPECT_EQ(ChooseGrant({}), nullptr);
  auto make = [](std::string id, GrantMode mode, std::vector<std::string> scope, std::string expires) {
    Grant g = Parent(std::move(scope), mode, false, std::move(expires));
    g.grant_id = std::move(id);
    return g;
  };
  std::vector<Grant> grants = {make("g1", GrantMode::kView, {"*"}, "2030-01-01"),
                               make("g2", GrantMode::kApply, {"C01"}, "2027-01-01")};
  EXPECT_EQ(ChooseGrant(grants)->grant_id, "g2");
  grants.push_back(make("g3", GrantMode::kApply, {"*"}, "2027-01-01"));
  EXPECT_EQ(ChooseGrant(grants)->grant_id, "g3");
  grants.push_back(make("g4", GrantMode::kApply, {"*"}, "2028-01-01"));
  EXPECT_EQ(ChooseGrant(grants)->grant_id, "g4");
  grants.push_back(make("g0", GrantMode::kApply, {"*"}, "2028-01-01"));
  EXPECT_EQ(ChooseGrant(grants)->grant_id, "g0");
}

}  // namespace
}  // namespace tongban::delegation
