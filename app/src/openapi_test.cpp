// The contract file and the router must agree: every route (with canary and demo on) is
// documented with its operationId, and every documented operation is a route.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>

#include "application.hpp"
#include "platform_routes.hpp"

namespace tongban::app {
namespace {

std::string ToLower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

TEST(OpenApiTest, DocumentEqualsRouter) {
  config::Config config;
  char dir[] = "/tmp/tongban-openapi-XXXXXX";
  ASSERT_NE(mkdtemp(dir), nullptr);
  config.data_dir = dir;
  config.canary_enabled = true;
  config.demo_enabled = true;  // demo-only routes (the dev SMS inbox) are documented too
  config.calendar_dir = TONGBAN_SOURCE_DIR "/data/calendar";
  Application app(config);
  Status st = app.Open(true);
  ASSERT_TRUE(st.ok()) << st.error().message_en;
  app.BuildRouter();

  std::set<std::string> routed;
  for (const auto& route : app.router().routes()) {
    if (!route->in_openapi) continue;
    routed.insert(ToLower(http::MethodName(route->method)) + " " + route->pattern + " " +
                  route->operation_id);
  }

  boost::json::value doc = boost::json::parse(OpenApiDocument());
  EXPECT_EQ(doc.at("openapi").as_string(), "3.1.0");
  std::set<std::string> documented;
  for (const auto& [path, item] : doc.at("paths").as_object()) {
    for (const auto& [method, op] : item.as_object()) {
      documented.insert(std::string(method) + " " + std::string(path) + " " +
                        std::string(op.at("operationId").as_string()));
    }
  }
  EXPECT_EQ(routed, documented);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace tongban::app
