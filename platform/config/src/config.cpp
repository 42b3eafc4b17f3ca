#include "config/config.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <functional>
#include <sstream>

extern char** environ;

namespace tongban::config {
namespace {

Error BadValue(const std::string& key, const std::string& origin, const std::string& why_zh,
               const std::string& why_en) {
  return Error::Make(ErrorCode::kInvalidArgument, "config.bad_value",
                     "配置项 " + key + " 的值无效（" + origin + "）：" + why_zh,
                     "configuration key " + key + " has a bad value (" + origin + "): " + why_en, key);
}

std::optional<std::int64_t> ParseInt(const std::string& text) {
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size()) return std::nullopt;
  return v;
}

using Setter = std::function<Status(Config&, const std::string& value, const std::string& origin)>;
using Getter = std::function<std::string(const Config&)>;

struct Key {
  std::string name;  // "server.listen"
  enum class Kind { kString, kInt, kBool } kind;
  Setter set;
  Getter get;
  bool secret = false;
};

Key StringKey(std::string name, std::string Config::*member,
              std::function<Status(const std::string&, const std::string&, const std::string&)> check = {},
              bool secret = false) {
  std::string n = name;
  return Key{std::move(name), Key::Kind::kString,
             [n, member, check](Config& c, const std::string& v, const std::string& origin) -> Status {
               if (check) TONGBAN_RETURN_IF_ERROR(check(n, v, origin));
               c.*member = v;
               return Status::Ok();
             },
             [member](const Config& c) { return c.*member; }, secret};
}

template <typename T>
Key IntKey(std::string name, T Config::*member, std::int64_t min, std::int64_t max) {
  std::string n = name;
  return Key{std::move(name), Key::Kind::kInt,
             [n, member, min, max](Config& c, const std::string& v, const std::string& origin) -> Status {
               auto parsed = ParseInt(v);
               if (!parsed) return BadValue(n, origin, "应为整数", "expected an integer, got '" + v + "'");
               if (*parsed < min || *parsed > max) {
                 std::string range = std::to_string(min) + "–" + std::to_string(max);
                 return BadValue(n, origin, "应在 " + range + " 之间", "must be within " + range);
               }
               c.*member = static_cast<T>(*parsed);
               return Status::Ok();
             },
             [member](const Config& c) { return std::to_string(c.*member); }};
}

Key BoolKey(std::string name, bool Config::*member) {
  std::string n = name;
  return Key{std::move(name), Key::Kind::kBool,
             [n, member](Config& c, const std::string& v, const std::string& origin) -> Status {
               if (v == "true" || v == "1") {
                 c.*member = true;
               } else if (v == "false" || v == "0") {
                 c.*member = false;
               } else {
                 return BadValue(n, origin, "应为 true 或 false", "expected true or false, got '" + v + "'");
               }
               return Status::Ok();
             },
             [member](const Config& c) { return std::string(c.*member ? "true" : "false"); }};
}

Status CheckListen(const std::string& key, const std::string& v, const std::string& origin) {
  auto colon = v.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return BadValue(key, origin, "格式应为 主机:端口", "expected HOST:PORT, got '" + v + "'");
  }
  auto port = ParseInt(v.substr(colon + 1));
  if (!port || *port < 0 || *port > 65535) {
    return BadValue(key, origin, "端口应在 0–65535 之间", "port must be within 0–65535");
  }
  return Status::Ok();
}

Status CheckDatabaseUrl(const std::string& key, const std::string& v, const std::string& origin) {
  if (v.empty() || v.rfind("sqlite:", 0) == 0 || v.rfind("postgresql://", 0) == 0 ||
      v.rfind("postgres://", 0) == 0) {
    return Status::Ok();
  }
  return BadValue(key, origin, "应以 sqlite: 或 postgresql:// 开头",
                  "expected sqlite:PATH or postgresql://…");
}

Status CheckOneOf(const std::string& key, const std::string& v, const std::string& origin,
                  std::initializer_list<const char*> allowed) {
  std::string list;
  for (const char* a : allowed) {
    if (v == a) return Status::Ok();
    list += list.empty() ? a : std::string(", ") + a;
  }
  return BadValue(key, origin, "可选值：" + list, "allowed values: " + list);
}

const std::vector<Key>& Keys() {
  static const std::vector<Key> keys = {
      StringKey("server.listen", &Config::server_listen, CheckListen),
      IntKey("server.io_threads", &Config::server_io_threads, 0, 64),
      IntKey("server.worker_threads", &Config::server_worker_threads, 1, 4096),
      IntKey("server.max_body_bytes", &Config::server_max_body_bytes, 1024, 1LL << 30),
      IntKey("server.max_header_bytes", &Config::server_max_header_bytes, 1024, 1 << 20),
      IntKey("server.read_timeout_ms", &Config::server_read_timeout_ms, 100, 600000),
      IntKey("server.idle_timeout_ms", &Config::server_idle_timeout_ms, 100, 3600000),
      IntKey("server.shutdown_grace_ms", &Config::server_shutdown_grace_ms, 0, 600000),
      BoolKey("server.access_log", &Config::server_access_log),
      StringKey("server.static_dir", &Config::server_static_dir),
      StringKey("data.dir", &Config::data_dir,
                [](const std::string& k, const std::string& v, const std::string& o) -> Status {
                  if (v.empty()) return BadValue(k, o, "不能为空", "must not be empty");
                  return Status::Ok();
                }),
      StringKey("database.url", &Config::database_url, CheckDatabaseUrl, /*secret=*/true),
      IntKey("database.pool_size", &Config::database_pool_size, 1, 256),
      BoolKey("database.group_commit", &Config::database_group_commit),
      IntKey("database.max_batch", &Config::database_max_batch, 1, 10000),
      IntKey("database.writer_lanes", &Config::database_writer_lanes, 1, 32),
      StringKey("database.sqlite_synchronous", &Config::database_sqlite_synchronous,
                [](const std::string& k, const std::string& v, const std::string& o) {
                  return CheckOneOf(k, v, o, {"full", "normal", "extra"});
                }),
      StringKey("keys.data_key_file", &Config::keys_data_key_file),
      StringKey("keys.index_key_file", &Config::keys_index_key_file),
      StringKey("keys.sm2_key_file", &Config::keys_sm2_key_file),
      StringKey("keys.ed25519_key_file", &Config::keys_ed25519_key_file),
      StringKey("log.level", &Config::log_level,
                [](const std::string& k, const std::string& v, const std::string& o) {
                  return CheckOneOf(k, v, o, {"debug", "info", "warn", "error"});
                }),
      StringKey("log.file", &Config::log_file),
      StringKey("calendar.dir", &Config::calendar_dir),
      IntKey("outbox.poll_interval_ms", &Config::outbox_poll_interval_ms, 10, 60000),
      IntKey("outbox.batch", &Config::outbox_batch, 1, 10000),
      StringKey("catalog.lexicon_dir", &Config::catalog_lexicon_dir),
      StringKey("catalog.demo_file", &Config::catalog_demo_file),
      IntKey("catalog.poll_interval_ms", &Config::catalog_poll_interval_ms, 10, 3600000),
      BoolKey("demo.enabled", &Config::demo_enabled),
      BoolKey("canary.enabled", &Config::canary_enabled),
      StringKey("sms.gateway_url", &Config::sms_gateway_url,
                [](const std::string& k, const std::string& v, const std::string& o) -> Status {
                  if (v.empty() || (v.rfind("http://", 0) == 0 && v.size() > 7)) return Status::Ok();
                  return BadValue(k, o, "应以 http:// 开头（TLS 请经本机代理）",
                                  "expected http://HOST:PORT/PATH (put TLS in a local proxy)");
                }),
      StringKey("sms.app_key", &Config::sms_app_key),
      StringKey("sms.app_secret_file", &Config::sms_app_secret_file),
      StringKey("oidc.issuer", &Config::oidc_issuer,
                [](const std::string& k, const std::string& v, const std::string& o) -> Status {
                  bool ok = v.empty() || ((v.rfind("https://", 0) == 0 || v.rfind("http://", 0) == 0) &&
                                          v.find_first_of("?# ") == std::string::npos && v.back() != '/');
                  if (ok) return Status::Ok();
                  return BadValue(k, o, "应为 https://HOST[:PORT][/PATH]，不以 / 结尾",
                                  "expected https://HOST[:PORT][/PATH] without a trailing slash");
                }),
  };
  return keys;
}

const Key* FindKey(const std::string& name) {
  for (const Key& k : Keys()) {
    if (k.name == name) return &k;
  }
  return nullptr;
}

std::string EnvNameFor(const std::string& key) {
  std::string env = "TONGBAN_";
  for (char c : key) env += c == '.' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return env;
}

Error UnknownKey(const std::string& key, const std::string& origin) {
  return Error::Make(ErrorCode::kInvalidArgument, "config.unknown_key",
                     "未知的配置项 " + key + "（" + origin + "）",
                     "unknown configuration key " + key + " (" + origin + ")", key);
}

// TOML values become text and go through the same setters as environment values.
Result<std::string> TomlValueText(const std::string& key, const toml::node& node, const std::string& origin) {
  if (auto s = node.as_string()) return s->get();
  if (auto i = node.as_integer()) return std::to_string(i->get());
  if (auto b = node.as_boolean()) return std::string(b->get() ? "true" : "false");
  return BadValue(key, origin, "类型不受支持", "unsupported type (use a string, integer or boolean)");
}

}  // namespace

std::string Config::ListenHost() const {
  return server_listen.substr(0, server_listen.rfind(':'));
}

std::uint16_t Config::ListenPort() const {
  return static_cast<std::uint16_t>(std::stoi(server_listen.substr(server_listen.rfind(':') + 1)));
}

std::string Config::EffectiveDatabaseUrl() const {
  if (!database_url.empty()) return database_url;
  return "sqlite:" + (std::filesystem::path(data_dir) / "tongban.db").string();
}

bool IsReservedEnvName(const std::string& name) {
  return name == "TONGBAN_CONFIG" || name.rfind("TONGBAN_TEST_", 0) == 0 || name == "TONGBAN_REQUIRE_PG" ||
         name == "TONGBAN_BASE_URL";
}

Status Set(Config& config, const std::string& key, const std::string& value, const std::string& origin) {
  const Key* k = FindKey(key);
  if (!k) return UnknownKey(key, origin);
  return k->set(config, value, origin);
}

Result<Config> Load(const std::string& toml_path, const std::map<std::string, std::string>& environment) {
  Config config;
  if (!toml_path.empty()) {
    toml::table table;
    try {
      table = toml::parse_file(toml_path);
    } catch (const toml::parse_error& e) {
      std::ostringstream where;
      where << toml_path << ":" << e.source().begin.line << ":" << e.source().begin.column;
      std::string desc(e.description());
      return Error::Make(ErrorCode::kInvalidArgument, "config.unreadable",
                         "无法读取配置文件 " + where.str() + "：" + desc,
                         "cannot read configuration file " + where.str() + ": " + desc);
    }
    for (auto&& [section_key, section_node] : table) {
      std::string section(section_key.str());
      auto* section_table = section_node.as_table();
      if (!section_table) return UnknownKey(section, toml_path);
      for (auto&& [key, node] : *section_table) {
        std::string name = section + "." + std::string(key.str());
        if (!FindKey(name)) return UnknownKey(name, toml_path);
        TONGBAN_ASSIGN_OR_RETURN(std::string text, TomlValueText(name, node, toml_path));
        TONGBAN_RETURN_IF_ERROR(Set(config, name, text, toml_path));
      }
    }
  }
  for (const auto& [name, value] : environment) {
    if (name.rfind("TONGBAN_", 0) != 0 || IsReservedEnvName(name)) continue;
    const Key* match = nullptr;
    for (const Key& k : Keys()) {
      if (EnvNameFor(k.name) == name) match = &k;
    }
    if (!match) return UnknownKey(name, "environment");
    TONGBAN_RETURN_IF_ERROR(match->set(config, value, "environment " + name));
  }
  return config;
}

std::string Print(const Config& config) {
  std::string out;
  std::string section;
  for (const Key& k : Keys()) {
    auto dot = k.name.find('.');
    std::string s = k.name.substr(0, dot);
    if (s != section) {
      out += (out.empty() ? "[" : "\n[") + s + "]\n";
      section = s;
    }
    std::string value = k.get(config);
    if (k.name == "database.url" && value.empty()) value = config.EffectiveDatabaseUrl();
    if (k.secret) {
      // Mask a password in a URL: scheme://user:secret@host → scheme://user:***@host.
      auto scheme = value.find("://");
      auto at = value.find('@');
      if (scheme != std::string::npos && at != std::string::npos && at > scheme) {
        auto colon = value.find(':', scheme + 3);
        if (colon != std::string::npos && colon < at)
          value = value.substr(0, colon + 1) + "***" + value.substr(at);
      }
      auto pw = value.find("password=");
      if (pw != std::string::npos) {
        auto end = value.find_first_of("& ", pw);
        value = value.substr(0, pw + 9) + "***" + (end == std::string::npos ? "" : value.substr(end));
      }
    }
    out += k.name.substr(dot + 1) + " = ";
    if (k.kind == Key::Kind::kString) {
      out += toml::value<std::string>(value).get().empty() ? "\"\"" : "";
      if (!value.empty()) {
        std::ostringstream quoted;
        quoted << toml::value<std::string>(value);
        out += quoted.str();
      }
    } else {
      out += value;
    }
    out += "\n";
  }
  return out;
}

std::map<std::string, std::string> ProcessEnvironment() {
  std::map<std::string, std::string> env;
  for (char** e = environ; e && *e; ++e) {
    std::string entry(*e);
    auto eq = entry.find('=');
    if (eq != std::string::npos) env[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  return env;
}

}  // namespace tongban::config
