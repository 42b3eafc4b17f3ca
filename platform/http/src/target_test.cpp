#include "target.hpp"

#include <gtest/gtest.h>

#include <random>

#include "http/router.hpp"

namespace tongban::http {
namespace {

TEST(TargetTest, SplitsAndDecodesPathAndQuery) {
  auto t = ParseTarget("/api/v1/a%20b?x=1&y=%E4%B8%AD+%E6%96%87&x=2&flag");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->encoded_path, "/api/v1/a%20b");
  EXPECT_EQ(t->path, "/api/v1/a b");
  EXPECT_EQ(t->query.count("x"), 2u);
  EXPECT_EQ(t->query.find("y")->second, "中 文");
  EXPECT_EQ(t->query.find("flag")->second, "");
}

TEST(TargetTest, PlusIsLiteralInThePath) {
  auto t = ParseTarget("/a+b");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->path, "/a+b");
}

TEST(TargetTest, EmptyNamesAndEmptyPairsAreSkipped) {
  auto t = ParseTarget("/?&&=v&a=&=&b");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->query.size(), 2u);
  EXPECT_EQ(t->query.find("a")->second, "");
  EXPECT_EQ(t->query.find("b")->second, "");
}

TEST(TargetTest, RejectsWhatIsNotOriginForm) {
  for (std::string_view bad : {"", "*", "http://example.com/a", "a/b", "/?#x", "/a#frag", "/a b", "%", "%%",
                               "/%", "/%zz", "/a?b=%zz", "/a?b=%", "/%00", "/a/%00b"}) {
    EXPECT_FALSE(ParseTarget(bad).ok()) << bad;
  }
  auto error = ParseTarget("/%zz");
  ASSERT_FALSE(error.ok());
  EXPECT_EQ(error.error().reason, "http.malformed_request");
}

TEST(TargetTest, PercentDecodeIsBoundsChecked) {
  EXPECT_EQ(PercentDecode("%41%42", PlusAsSpace::kNo), "AB");
  EXPECT_EQ(PercentDecode("a+b", PlusAsSpace::kYes), "a b");
  EXPECT_EQ(PercentDecode("%", PlusAsSpace::kNo), std::nullopt);
  EXPECT_EQ(PercentDecode("%4", PlusAsSpace::kNo), std::nullopt);
  EXPECT_EQ(PercentDecode("%g0", PlusAsSpace::kNo), std::nullopt);
  EXPECT_EQ(PercentDecode("%00", PlusAsSpace::kNo), std::string(1, '\0'));
}

// Fuzz-ish: random and adversarial targets through the target parser and the
// router must never crash (Boost.URL 1.81 does on "/?#x" via params()).
TEST(TargetFuzzTest, RandomAndAdversarialTargetsDoNotCrash) {
  Router router;
  Handler h = [](const Request&) { return Response::NoContent(); };
  router.Add(Method::kGet, "/", h);
  router.Add(Method::kGet, "/api/v1/items/{id}", h);
  router.Add(Method::kPost, "/api/v1/items/{id}/notes", h);
  router.Add(Method::kGet, "/files/{path...}", h);

  std::vector<std::string> targets = {"/?#x",
                                      "%",
                                      "%%",
                                      "/a/%00",
                                      "/?",
                                      "/??",
                                      "/?=",
                                      "/?&",
                                      "/?a=%",
                                      "/?%=%",
                                      "/%2",
                                      "//",
                                      "///?//#",
                                      "/%25%",
                                      "/api/v1/items/%",
                                      "/files/%2F..%2F",
                                      "/files/",
                                      "/\xff\xfe",
                                      "/?a=\xff",
                                      std::string("/\0a", 3),
                                      std::string(10000, '/'),
                                      "/" + std::string(5000, '%')};
  std::string alphabet = "/?#%&=+aZ09.~-_:@!$'()*,;[]{}\\ \"<>^`|\x7f\x80\xff";
  alphabet += '\0';
  std::mt19937 rng(20240601);
  for (int i = 0; i < 5000; ++i) {
    std::string t = rng() % 4 == 0 ? "" : "/";
    std::size_t len = rng() % 40;
    for (std::size_t k = 0; k < len; ++k) t += alphabet[rng() % alphabet.size()];
    targets.push_back(std::move(t));
  }
  std::size_t parsed = 0;
  for (const std::string& t : targets) {
    auto result = ParseTarget(t);
    if (result.ok()) {
      ++parsed;
      EXPECT_EQ(result->path.find('\0'), std::string::npos);
      RouteMatch m = router.Match(Method::kGet, result->encoded_path);
      (void)m;
    }
    // The router also gets raw, unvalidated input.
    (void)router.Match(Method::kHead, t);
    (void)ParseQuery(t);
    (void)PercentDecode(t, PlusAsSpace::kYes);
  }
  EXPECT_GT(parsed, 0u);
}

TEST(TargetTest, PlainPathsAreTheirOwnPath) {
  for (const char* plain : {"/", "/healthz", "/api/v1/canary/writes/01ABC", "/a.b/c_d/~e-f", "//x"}) {
    auto t = ParseTarget(plain);
    ASSERT_TRUE(t.ok()) << plain;
    EXPECT_EQ(t->path, plain);
    EXPECT_EQ(t->encoded_path, plain);
    EXPECT_TRUE(t->query.empty());
  }
  // Anything else still goes through the full parser.
  EXPECT_FALSE(ParseTarget("healthz").ok());
  EXPECT_FALSE(ParseTarget("http://example.com/").ok());
  EXPECT_EQ(ParseTarget("/a%2Fb")->path, "/a/b");
  EXPECT_EQ(ParseTarget("/a?b=c")->query.size(), 1u);
}

}  // namespace
}  // namespace tongban::http
