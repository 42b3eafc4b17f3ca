#include "http/router.hpp"

#include <gtest/gtest.h>

namespace tongban::http {
namespace {

Handler Named(std::string name) {
  return [name](const Request&) { return Response::Text(200, name); };
}

std::string Call(const RouteMatch& m) {
  if (m.route == nullptr) return "<none>";
  return m.route->handler(Request{}).body;
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.Add(Method::kGet, "/", Named("root"));
    router_.Add(Method::kGet, "/healthz", Named("health"), Execution::kInline);
    router_.Add(Method::kGet, "/api/v1/cases", Named("list"));
    router_.Add(Method::kPost, "/api/v1/cases", Named("create"));
    router_.Add(Method::kGet, "/api/v1/cases/{id}", Named("get"));
    router_.Add(Method::kDelete, "/api/v1/cases/{id}", Named("delete"));
    router_.Add(Method::kGet, "/api/v1/cases/new", Named("new-form"));
    router_.Add(Method::kGet, "/api/v1/cases/{id}/files/{name}", Named("file"));
    router_.Add(Method::kGet, "/files/{path...}", Named("files"));
    router_.Add(Method::kGet, "/files/special", Named("special"));
  }
  Router router_;
};

TEST_F(RouterTest, MatchesLiteralRoutes) {
  EXPECT_EQ(Call(router_.Match(Method::kGet, "/")), "root");
  EXPECT_EQ(Call(router_.Match(Method::kGet, "/healthz")), "health");
  EXPECT_EQ(Call(router_.Match(Method::kPost, "/api/v1/cases")), "create");
}

TEST_F(RouterTest, TrailingSlashIsNotIgnored) {
  EXPECT_EQ(router_.Match(Method::kGet, "/healthz/").route, nullptr);
  EXPECT_EQ(router_.Match(Method::kGet, "/api/v1/cases/").route, nullptr);
  EXPECT_EQ(router_.Match(Method::kGet, "//healthz").route, nullptr);
}

TEST_F(RouterTest, ExtractsAndDecodesParameters) {
  RouteMatch m = router_.Match(Method::kGet, "/api/v1/cases/C%2F42/files/%E6%9D%90%E6%96%99.pdf");
  EXPECT_EQ(Call(m), "file");
  EXPECT_EQ(m.path_params.at("id"), "C/42");
  EXPECT_EQ(m.path_params.at("name"), "材料.pdf");
}

TEST_F(RouterTest, ParameterDoesNotMatchAnEmptySegment) {
  EXPECT_EQ(router_.Match(Method::kGet, "/api/v1/cases//files/x").route, nullptr);
}

TEST_F(RouterTest, LiteralBeatsParameterBeatsCatchAll) {
  EXPECT_EQ(Call(router_.Match(Method::kGet, "/api/v1/cases/new")), "new-form");
  EXPECT_EQ(Call(router_.Match(Method::kGet, "/api/v1/cases/old")), "get");
  EXPECT_EQ(Call(router_.Match(Method::kGet, "/files/special")), "special");
  // A literal segment spelled with escapes is still that literal.
  EXPECT_EQ(Call(router_.Match(Method::kGet, "/api/v1/cases/%6Eew")), "new-form");
}

// Literal patterns are looked up whole (Router::literal_); these are the cases
// where that lookup must not decide alone.
TEST_F(RouterTest, LiteralLookupKeepsEveryRule) {
  EXPECT_EQ(Call(router_.Match(Method::kGet, "/health%7A")), "health");  // escapes are decoded first
  EXPECT_EQ(Call(router_.Match(Method::kHead, "/healthz")), "health");   // HEAD without its own route
  EXPECT_EQ(Call(router_.Match(Method::kDelete, "/api/v1/cases/new")), "delete");  // no literal for DELETE
  RouteMatch put = router_.Match(Method::kPut, "/api/v1/cases");
  EXPECT_EQ(put.route, nullptr);
  EXPECT_EQ(put.allowed, (std::vector<Method>{Method::kGet, Method::kHead, Method::kPost}));
  EXPECT_TRUE(router_.Match(Method::kGet, "/healthz").path_params.empty());
}

TEST_F(RouterTest, CatchAllTakesTheRest) {
  RouteMatch m = router_.Match(Method::kGet, "/files/a/b%20c/d.txt");
  EXPECT_EQ(Call(m), "files");
  EXPECT_EQ(m.path_params.at("path"), "a/b c/d.txt");
  RouteMatch empty = router_.Match(Method::kGet, "/files/");
  EXPECT_EQ(Call(empty), "files");
  EXPECT_EQ(empty.path_params.at("path"), "");
  EXPECT_EQ(router_.Match(Method::kGet, "/files").route, nullptr);
}

TEST_F(RouterTest, HeadFallsBackToGet) {
  EXPECT_EQ(Call(router_.Match(Method::kHead, "/api/v1/cases/7")), "get");
  router_.Add(Method::kHead, "/api/v1/cases", Named("head-list"));
  EXPECT_EQ(Call(router_.Match(Method::kHead, "/api/v1/cases")), "head-list");
}

TEST_F(RouterTest, WrongMethodListsTheAllowedOnes) {
  RouteMatch m = router_.Match(Method::kPut, "/api/v1/cases/7");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(m.allowed, (std::vector<Method>{Method::kGet, Method::kHead, Method::kDelete}));
  RouteMatch post = router_.Match(Method::kPost, "/healthz");
  EXPECT_EQ(post.allowed, (std::vector<Method>{Method::kGet, Method::kHead}));
}

TEST_F(RouterTest, UnknownPathHasNoAllowedMethods) {
  RouteMatch m = router_.Match(Method::kGet, "/nope");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_TRUE(m.allowed.empty());
}

TEST_F(RouterTest, MalformedInputMatchesNothing) {
  EXPECT_EQ(router_.Match(Method::kGet, "").route, nullptr);
  EXPECT_EQ(router_.Match(Method::kGet, "healthz").route, nullptr);
  EXPECT_EQ(router_.Match(Method::kGet, "/api/v1/cases/%zz").route, nullptr);
  EXPECT_EQ(router_.Match(Method::kGet, "/files/%").route, nullptr);
}

TEST(RouterAddTest, RejectsDuplicatesAndBadPatterns) {
  Router r;
  Handler h = Named("x");
  r.Add(Method::kGet, "/a/{id}", h);
  EXPECT_THROW(r.Add(Method::kGet, "/a/{id}", h), std::logic_error);
  EXPECT_THROW(r.Add(Method::kGet, "/a/{other}", h), std::logic_error);  // same shape
  EXPECT_NO_THROW(r.Add(Method::kPost, "/a/{id}", h));
  EXPECT_THROW(r.Add(Method::kGet, "a", h), std::logic_error);
  EXPECT_THROW(r.Add(Method::kGet, "/b/{rest...}/c", h), std::logic_error);
  EXPECT_THROW(r.Add(Method::kGet, "/b/{}", h), std::logic_error);
  EXPECT_THROW(r.Add(Method::kGet, "/b/x{id}", h), std::logic_error);
  EXPECT_THROW(r.Add(Method::kGet, "/b/{id}/{id}", h), std::logic_error);
  EXPECT_THROW(r.Add(Method::kGet, "/b", nullptr), std::logic_error);
  EXPECT_EQ(r.routes().size(), 2u);
}

}  // namespace
}  // namespace tongban::http
