#include "http/static_site.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <vector>

namespace tongban::http {
namespace {

namespace fs = std::filesystem;

class StaticSiteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("tongban_static_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_ / "assets");
    Write("index.html", "<!doctype html><title>通办</title>");
    Write("favicon.ico", "ico");
    Write("assets/app.1234.js", "console.log(1)");
    Write("assets/app.1234.css", "body{}");
    Write("assets/logo.svg", "<svg/>");
    Write("assets/font.woff2", "woff2");
    auto site = StaticSite::Load(dir_.string());
    ASSERT_TRUE(site.ok()) << site.error().message_en;
    site_ = std::move(site).value();
  }
  void TearDown() override { fs::remove_all(dir_); }

  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }
  Response Get(const std::string& path, const std::string& if_none_match = "") {
    Request r;
    r.method = Method::kGet;
    r.path = path;
    r.target = path;
    if (!if_none_match.empty()) r.headers.emplace("If-None-Match", if_none_match);
    return site_->Serve(r);
  }
  static std::string HeaderOf(const Response& r, const std::string& name) {
    auto it = r.headers.find(name);
    return it == r.headers.end() ? "" : it->second;
  }

  fs::path dir_;
  std::unique_ptr<StaticSite> site_;
};

TEST_F(StaticSiteTest, ServesFilesWithContentTypes) {
  EXPECT_EQ(site_->file_count(), 6u);
  Response js = Get("/assets/app.1234.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.body, "console.log(1)");
  EXPECT_EQ(js.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(Get("/assets/app.1234.css").content_type, "text/css; charset=utf-8");
  EXPECT_EQ(Get("/assets/logo.svg").content_type, "image/svg+xml");
  EXPECT_EQ(Get("/assets/font.woff2").content_type, "font/woff2");
  EXPECT_EQ(Get("/favicon.ico").content_type, "image/x-icon");
  EXPECT_EQ(Get("/").content_type, "text/html; charset=utf-8");
}

TEST_F(StaticSiteTest, HashedAssetsAreImmutableOthersRevalidate) {
  EXPECT_EQ(HeaderOf(Get("/assets/app.1234.js"), "Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(HeaderOf(Get("/index.html"), "Cache-Control"), "no-cache");
  EXPECT_EQ(HeaderOf(Get("/"), "Cache-Control"), "no-cache");
  EXPECT_EQ(HeaderOf(Get("/favicon.ico"), "Cache-Control"), "no-cache");
}

TEST_F(StaticSiteTest, StrongEtagAndNotModified) {
  Response first = Get("/assets/app.1234.js");
  std::string etag = HeaderOf(first, "ETag");
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(etag.front(), '"');
  EXPECT_FALSE(etag.starts_with("W/"));
  EXPECT_NE(etag, HeaderOf(Get("/assets/app.1234.css"), "ETag"));

  Response again = Get("/assets/app.1234.js", etag);
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(HeaderOf(again, "ETag"), etag);
  EXPECT_EQ(Get("/assets/app.1234.js", "\"other\", W/" + etag).status, 304);
  EXPECT_EQ(Get("/assets/app.1234.js", "*").status, 304);
  EXPECT_EQ(Get("/assets/app.1234.js", "\"other\"").status, 200);
}

TEST_F(StaticSiteTest, SpaFallbackForPagesNotForFilesOrApi) {
  Response page = Get("/cases/123");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.body, "<!doctype html><title>通办</title>");
  EXPECT_EQ(HeaderOf(page, "Cache-Control"), "no-cache");
  EXPECT_EQ(Get("/staff/").status, 200);
  Response missing = Get("/assets/missing.js");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.content_type, "application/problem+json");
  EXPECT_EQ(Get("/api/v1/unknown").status, 404);
  EXPECT_EQ(Get("/api").status, 404);
  EXPECT_EQ(Get("/files/catalog/missing.pdf").status, 404);
  EXPECT_EQ(Get("/assets/missing").status, 404);
}

// Catalog codes have dots (le.marriage, shanghai.civil_affairs): a deep link
// or reload of their pages is a page, not a missing file.
TEST_F(StaticSiteTest, PagesNamedByDottedCodesAreSpaPages) {
  for (std::string path :
       std::vector<std::string>{"/life-events/le.marriage", "/departments/shanghai.civil_affairs",
                                "/departments/huangpu.market_regulation"}) {
    Response page = Get(path);
    EXPECT_EQ(page.status, 200) << path;
    EXPECT_EQ(page.body, "<!doctype html><title>通办</title>") << path;
  }
}

TEST_F(StaticSiteTest, TraversalAndNulAreRejected) {
  for (std::string path :
       std::vector<std::string>{"/../etc/passwd", "/assets/../index.html", "/./index.html", "/assets\\..\\x",
                                std::string("/index.html\0.js", 15), "", "relative"}) {
    Response r = Get(path);
    EXPECT_EQ(r.status, 400) << path;
    EXPECT_NE(r.body.find("http.invalid_path"), std::string::npos);
  }
}

TEST_F(StaticSiteTest, OnlyGetAndHead) {
  Request r;
  r.method = Method::kPost;
  r.path = "/";
  Response post = site_->Serve(r);
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(HeaderOf(post, "Allow"), "GET, HEAD");
}

TEST(StaticSiteLoadTest, MissingDirectoryOrIndexIsAnError) {
  auto none = StaticSite::Load("/nonexistent/tongban/dist");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().reason, "http.static_dir_missing");
  fs::path dir = fs::temp_directory_path() / ("tongban_static_noindex_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "a.js") << "x";
  auto no_index = StaticSite::Load(dir.string());
  fs::remove_all(dir);
  ASSERT_FALSE(no_index.ok());
  EXPECT_EQ(no_index.error().reason, "http.static_index_missing");
}

}  // namespace
}  // namespace tongban::http
