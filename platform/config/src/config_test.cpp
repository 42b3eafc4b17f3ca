#include "config/config.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

namespace tongban::config {
namespace {

std::string WriteTemp(const std::string& text) {
  char path[] = "/tmp/tongban-config-XXXXXX";
  int fd = mkstemp(path);
  EXPECT_GE(fd, 0);
  close(fd);
  std::ofstream(path) << text;
  return path;
}

TEST(ConfigTest, DefaultsAreSqliteUnderVar) {
  auto c = Load("", {});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->EffectiveDatabaseUrl(), "sqlite:var/tongban.db");
  EXPECT_EQ(c->ListenPort(), 8080);
}

TEST(ConfigTest, FileThenEnvironment) {
  std::string path = WriteTemp("[server]\nlisten = \"0.0.0.0:9000\"\n[database]\npool_size = 4\n");
  auto c = Load(path, {{"TONGBAN_DATABASE_POOL_SIZE", "16"}, {"PATH", "/bin"}});
  ASSERT_TRUE(c.ok()) << c.error().message_en;
  EXPECT_EQ(c->ListenHost(), "0.0.0.0");
  EXPECT_EQ(c->ListenPort(), 9000);
  EXPECT_EQ(c->database_pool_size, 16);
  std::remove(path.c_str());
}

TEST(ConfigTest, UnknownKeyInFileNamesTheKey) {
  std::string path = WriteTemp("[server]\nlisten_port = 9000\n");
  auto c = Load(path, {});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().reason, "config.unknown_key");
  EXPECT_EQ(c.error().field, "server.listen_port");
  EXPECT_NE(c.error().message_en.find("server.listen_port"), std::string::npos);
  std::remove(path.c_str());
}

TEST(ConfigTest, UnknownEnvironmentKeyNamesTheKey) {
  auto c = Load("", {{"TONGBAN_SERVER_LISTEN_PORT", "1"}});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().field, "TONGBAN_SERVER_LISTEN_PORT");
  EXPECT_TRUE(Load("", {{"TONGBAN_TEST_PG_URL", "x"}, {"TONGBAN_BASE_URL", "y"}}).ok());
}

TEST(ConfigTest, BadValuesNameTheKey) {
  struct Case {
    const char* env;
    const char* value;
    const char* key;
  } cases[] = {
      {"TONGBAN_SERVER_LISTEN", "8080", "server.listen"},
      {"TONGBAN_SERVER_LISTEN", "localhost:70000", "server.listen"},
      {"TONGBAN_DATABASE_POOL_SIZE", "many", "database.pool_size"},
      {"TONGBAN_DATABASE_POOL_SIZE", "0", "database.pool_size"},
      {"TONGBAN_DATABASE_GROUP_COMMIT", "yes", "database.group_commit"},
      {"TONGBAN_DATABASE_URL", "mysql://x", "database.url"},
      {"TONGBAN_LOG_LEVEL", "loud", "log.level"},
      {"TONGBAN_DATABASE_SQLITE_SYNCHRONOUS", "off", "database.sqlite_synchronous"},
  };
  for (const Case& c : cases) {
    auto r = Load("", {{c.env, c.value}});
    ASSERT_FALSE(r.ok()) << c.env;
    EXPECT_EQ(r.error().reason, "config.bad_value") << c.env;
    EXPECT_EQ(r.error().field, c.key) << c.env;
    EXPECT_FALSE(r.error().message_zh.empty());
  }
}

TEST(ConfigTest, WrongTomlTypeAndSyntax) {
  std::string path = WriteTemp("[server]\nlisten = [1, 2]\n");
  auto c = Load(path, {});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().field, "server.listen");
  std::remove(path.c_str());
  path = WriteTemp("[server\nlisten=");
  c = Load(path, {});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().reason, "config.unreadable");
  std::remove(path.c_str());
  EXPECT_FALSE(Load("/nonexistent/tongban.toml", {}).ok());
}

TEST(ConfigTest, PrintMasksSecrets) {
  auto c = Load("", {{"TONGBAN_DATABASE_URL", "postgresql://app:s3cret@db:5432/tongban"}});
  ASSERT_TRUE(c.ok());
  std::string printed = Print(*c);
  EXPECT_EQ(printed.find("s3cret"), std::string::npos) << printed;
  EXPECT_NE(printed.find("postgresql://app:***@db:5432/tongban"), std::string::npos) << printed;
  EXPECT_NE(printed.find("[server]"), std::string::npos);
  c = Load("", {{"TONGBAN_DATABASE_URL", "postgresql://db/tongban?user=a&password=hunter2&x=1"}});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(Print(*c).find("hunter2"), std::string::npos);
}

TEST(ConfigTest, SmsGatewayKeys) {
  auto c = Load("", {});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->sms_gateway_url, "");
  std::string path = WriteTemp(
      "[sms]\ngateway_url = \"http://127.0.0.1:9100/v1/sms/send\"\napp_key = \"tongban\"\n"
      "app_secret_file = \"/etc/tongban/sms.secret\"\n");
  c = Load(path, {{"TONGBAN_SMS_APP_KEY", "from-env"}});
  ASSERT_TRUE(c.ok()) << c.error().message_en;
  EXPECT_EQ(c->sms_gateway_url, "http://127.0.0.1:9100/v1/sms/send");
  EXPECT_EQ(c->sms_app_key, "from-env");
  EXPECT_EQ(c->sms_app_secret_file, "/etc/tongban/sms.secret");
  std::remove(path.c_str());
  auto bad = Load("", {{"TONGBAN_SMS_GATEWAY_URL", "https://sms.example.com/send"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message_en.find("sms.gateway_url"), std::string::npos) << bad.error().message_en;
}

TEST(ConfigTest, CatalogKeys) {
  auto c = Load("", {});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->catalog_lexicon_dir, "data/search");
  EXPECT_EQ(c->catalog_demo_file, "data/demo/catalog.json");
  EXPECT_EQ(c->catalog_poll_interval_ms, 2000);
  std::string path = WriteTemp("[catalog]\nlexicon_dir = \"/srv/search\"\npoll_interval_ms = 500\n");
  c = Load(path,
           {{"TONGBAN_CATALOG_DEMO_FILE", "/srv/demo.json"}, {"TONGBAN_CATALOG_POLL_INTERVAL_MS", "750"}});
  ASSERT_TRUE(c.ok()) << c.error().message_en;
  EXPECT_EQ(c->catalog_lexicon_dir, "/srv/search");
  EXPECT_EQ(c->catalog_demo_file, "/srv/demo.json");
  EXPECT_EQ(c->catalog_poll_interval_ms, 750);
  std::remove(path.c_str());
  std::string printed = Print(*c);
  EXPECT_NE(printed.find("[catalog]"), std::string::npos) << printed;
  EXPECT_NE(printed.find("/srv/search"), std::string::npos) << printed;
  auto bad = Load("", {{"TONGBAN_CATALOG_POLL_INTERVAL_MS", "0"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message_en.find("catalog.poll_interval_ms"), std::string::npos)
      << bad.error().message_en;
}

}  // namespace
}  // namespace tongban::config
