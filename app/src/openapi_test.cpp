// The contract file and the router must agree: every route (with canary and demo on) is
// documented with its operationId, and every documented operation is a route.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>

#include "application.hpp"
#include "identity/policy.hpp"
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

// Every operation names the permission its service checks (x-tongban-permission):
// a row of the one policy table, or "public" (anonymous), or "authenticated"
// (any logged-in caller on their own login, e.g. logout). The authorisation
// matrix test (tests/api/authz/) reads it.
TEST(OpenApiTest, EveryOperationNamesAPermissionOfThePolicy) {
  std::set<std::string> known{"public", "authenticated"};
  for (const identity::Permission& p : identity::AllPermissions()) known.insert(std::string(p.name));
  boost::json::value doc = boost::json::parse(OpenApiDocument());
  int operations = 0;
  for (const auto& [path, item] : doc.at("paths").as_object()) {
    for (const auto& [method, op] : item.as_object()) {
      ++operations;
      std::string where = std::string(method) + " " + std::string(path);
      const boost::json::value* permission = op.as_object().if_contains("x-tongban-permission");
      if (permission == nullptr || !permission->is_string()) {
        ADD_FAILURE() << where << " has no x-tongban-permission (a policy permission, \"public\" or "
                      << "\"authenticated\")";
        continue;
      }
      EXPECT_TRUE(known.count(std::string(permission->as_string())))
          << where << ": x-tongban-permission \"" << permission->as_string().c_str()
          << "\" is not a permission of identity::AllPermissions()";
    }
  }
  EXPECT_GT(operations, 0);
}

}  // namespace
}  // namespace tongban::app
