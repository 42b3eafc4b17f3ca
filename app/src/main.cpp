// tongban — one binary: serve, migrate, version, config print, audit verify,
// import/export catalog.
#include <CLI/CLI.hpp>

#include <boost/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "application.hpp"
#include "audit/audit.hpp"
#include "catalog/catalog.hpp"
#include "catalog/codec.hpp"
#include "config/config.hpp"
#include "core/ids.hpp"
#include "identity/policy.hpp"
#include "log/log.hpp"
#include "oidc/model.hpp"

namespace {

using tongban::Error;
using tongban::Status;

int Fail(const Error& e, int exit_code = 1) {
  std::fprintf(stderr, "tongban: %s\ntongban: %s\n", e.message_en.c_str(), e.message_zh.c_str());
  if (!e.detail.empty()) std::fprintf(stderr, "tongban: detail: %s\n", e.detail.c_str());
  return exit_code;
}

struct Flags {
  std::string config_file;
  std::string listen;
  std::string data_dir;
  bool demo = false;
};

tongban::Result<tongban::config::Config> LoadConfig(const Flags& flags) {
  auto env = tongban::config::ProcessEnvironment();
  std::string file = flags.config_file;
  if (file.empty() && env.count("TONGBAN_CONFIG")) file = env["TONGBAN_CONFIG"];
  auto config = tongban::config::Load(file, env);
  if (!config.ok()) return config;
  if (!flags.listen.empty())
    TONGBAN_RETURN_IF_ERROR(tongban::config::Set(*config, "server.listen", flags.listen, "--listen"));
  if (!flags.data_dir.empty())
    TONGBAN_RETURN_IF_ERROR(tongban::config::Set(*config, "data.dir", flags.data_dir, "--data-dir"));
  if (flags.demo) config->demo_enabled = true;
  tongban::log::SetLevel(tongban::log::ParseLevel(config->log_level, tongban::log::Level::kInfo));
  if (!config->log_file.empty() && !tongban::log::SetOutputFile(config->log_file)) {
    return Error::Make(tongban::ErrorCode::kInvalidArgument, "config.bad_value",
                       "配置项 log.file 指向的文件无法写入", "log.file cannot be opened for writing",
                       "log.file");
  }
  return config;
}

int RunServe(const Flags& flags) {
  auto config = LoadConfig(flags);
  if (!config.ok()) return Fail(config.error(), 2);
  tongban::app::Application app(*config);
  Status st = app.Open(/*migrate=*/true);
  if (!st.ok()) return Fail(st.error());
  if (config->demo_enabled) {
    st = app.LoadDemoData();
    if (!st.ok()) return Fail(st.error());
  }
  app.BuildRouter();
  st = app.Serve();
  if (!st.ok()) return Fail(st.error());
  return 0;
}

int RunMigrate(const Flags& flags) {
  auto config = LoadConfig(flags);
  if (!config.ok()) return Fail(config.error(), 2);
  tongban::app::Application app(*config);
  Status st = app.Open(/*migrate=*/true);
  if (!st.ok()) return Fail(st.error());
  std::printf("migrations are current\n");
  return 0;
}

int RunConfigPrint(const Flags& flags) {
  auto config = LoadConfig(flags);
  if (!config.ok()) return Fail(config.error(), 2);
  std::fputs(tongban::config::Print(*config).c_str(), stdout);
  return 0;
}

int RunAuditVerify(const Flags& flags) {
  auto config = LoadConfig(flags);
  if (!config.ok()) return Fail(config.error(), 2);
  tongban::app::Application app(*config);
  Status st = app.Open(/*migrate=*/false);
  if (!st.ok()) return Fail(st.error());
  tongban::audit::VerifyReport report = tongban::audit::Verify(app.database());
  if (report.intact) {
    std::printf("{\"intact\":true,\"records_checked\":%lld}\n",
                static_cast<long long>(report.records_checked));
    return 0;
  }
  std::printf("{\"intact\":false,\"records_checked\":%lld,\"broken_at\":%lld,\"problem\":\"%s\"}\n",
              static_cast<long long>(report.records_checked), static_cast<long long>(report.broken_at),
              report.problem.c_str());
  std::fprintf(stderr, "tongban: the audit chain is broken at record %lld (%s)\n",
               static_cast<long long>(report.broken_at), report.problem.c_str());
  return 1;
}

// `tongban admin oidc-client create`: registers an OpenID Connect client and
// prints it as JSON with client_id and client_secret (shown this once).
struct OidcClientFlags {
  std::string name;
  std::vector<std::string> redirect_uris;
  std::vector<std::string> post_logout_redirect_uris;
  std::vector<std::string> scopes;
  std::vector<std::string> grant_types;
  std::string required_acr;
  bool is_public = false;
  bool phone_entitled = false;
};

int RunOidcClientCreate(const Flags& flags, const OidcClientFlags& f) {
  namespace oidc = tongban::oidc;
  auto config = LoadConfig(flags);
  if (!config.ok()) return Fail(config.error(), 2);
  oidc::NewClient input;
  input.name = f.name;
  input.type = f.is_public ? oidc::ClientType::kPublic : oidc::ClientType::kConfidential;
  input.redirect_uris = f.redirect_uris;
  input.post_logout_redirect_uris = f.post_logout_redirect_uris;
  input.scopes = f.scopes;
  for (const std::string& g : f.grant_types) {
    auto grant = oidc::ParseGrantType(g);
    if (!grant) {
      return Fail(Error::Make(tongban::ErrorCode::kInvalidArgument, "oidc.bad_grant_types",
                              "不支持的授权类型：" + g, "unsupported grant type: " + g, "--grant-type"),
                  2);
    }
    input.grant_types.push_back(*grant);
  }
  if (!f.required_acr.empty()) {
    auto level = tongban::identity::ParseAssuranceLevel(f.required_acr);
    if (!level.ok()) return Fail(level.error(), 2);
    input.required_acr = *level;
  }
  input.phone_entitled = f.phone_entitled;
  tongban::app::Application app(*config);
  // Beside a running serve: SQLite's own locking serialises the one write.
  Status st = app.Open(/*migrate=*/true, /*exclusive_database=*/false);
  if (!st.ok()) return Fail(st.error());
  app.BuildRouter();
  auto issued = app.oidc().CreateClientAs(tongban::audit::Actor{"system:cli", "platform_operator", "", ""},
                                          input, tongban::NewRequestId());
  if (!issued.ok()) return Fail(issued.error(), 2);
  const oidc::Client& c = issued->client;
  boost::json::array grants;
  for (oidc::GrantType g : c.grant_types) grants.emplace_back(oidc::GrantTypeCode(g));
  boost::json::object out{
      {"client_id", c.client_id},
      {"client_secret", issued->client_secret.empty() ? boost::json::value(nullptr)
                                                      : boost::json::value(issued->client_secret)},
      {"name", c.name},
      {"client_type", oidc::ClientTypeCode(c.type)},
      {"redirect_uris", boost::json::array(c.redirect_uris.begin(), c.redirect_uris.end())},
      {"post_logout_redirect_uris",
       boost::json::array(c.post_logout_redirect_uris.begin(), c.post_logout_redirect_uris.end())},
      {"scopes", boost::json::array(c.scopes.begin(), c.scopes.end())},
      {"grant_types", std::move(grants)},
      {"token_endpoint_auth_method", c.type == oidc::ClientType::kPublic ? "none" : "client_secret_basic"},
  };
  std::printf("%s\n", boost::json::serialize(out).c_str());
  return 0;
}

int RunOidcKeyRotate(const Flags& flags, const std::string& algorithm) {
  auto config = LoadConfig(flags);
  if (!config.ok()) return Fail(config.error(), 2);
  tongban::app::Application app(*config);
  // Beside a running serve: SQLite's own locking serialises the one write.
  Status st = app.Open(/*migrate=*/true, /*exclusive_database=*/false);
  if (!st.ok()) return Fail(st.error());
  app.BuildRouter();
  auto kid = app.oidc().RotateSigningKeyAs(tongban::audit::Actor{"system:cli", "security_admin", "", ""},
                                           algorithm, tongban::NewRequestId());
  if (!kid.ok()) return Fail(kid.error(), 2);
  std::printf("{\"kid\":\"%s\",\"algorithm\":\"%s\"}\n", kid->c_str(), algorithm.c_str());
  return 0;
}

// `tongban import catalog FILE [--dry-run]`: the whole catalog, all or
// nothing; prints the report as JSON. Exit 0 applied (or a clean dry run),
// 1 rejected (the report on stdout names every bad record), 2 unreadable.
// Beside a running serve: SQLite's own locking serialises the one write.
int RunImportCatalog(const Flags& flags, const std::string& file, bool dry_run) {
  namespace catalog = tongban::catalog;
  auto config = LoadConfig(flags);
  if (!config.ok()) return Fail(config.error(), 2);
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return Fail(Error::Make(tongban::ErrorCode::kNotFound, "catalog.import_unreadable",
                            "无法读取文件 " + file, "cannot read " + file, "FILE"),
                2);
  }
  // At most one byte past the limit: a larger file is rejected without reading it all.
  std::string text;
  char chunk[1 << 16];
  while (in && text.size() <= catalog::kMaxImportBytes) {
    in.read(chunk, sizeof chunk);
    text.append(chunk, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) {
    return Fail(Error::Make(tongban::ErrorCode::kNotFound, "catalog.import_unreadable",
                            "无法读取文件 " + file, "cannot read " + file, "FILE"),
                2);
  }
  tongban::app::Application app(*config);
  Status st = app.Open(/*migrate=*/true, /*exclusive_database=*/false);
  if (!st.ok()) return Fail(st.error());
  st = app.OpenCatalog(/*load_snapshot=*/false);
  if (!st.ok()) return Fail(st.error());
  auto report = app.catalog().ImportText(nullptr, text, catalog::ImportOptions{dry_run});
  if (!report.ok()) return Fail(report.error());
  std::printf("%s\n", catalog::ToJsonText(*report).c_str());
  bool ok = report->rejected.empty() && (report->applied || dry_run);
  if (!ok) {
    std::fprintf(stderr, "tongban: the catalog was not imported: %zu rejected records (see the report)\n",
                 report->rejected.size());
  }
  return ok ? 0 : 1;
}

// `tongban export catalog [--output FILE]`: every record and every version,
// in a deterministic order (an export of an import of it is byte-identical).
int RunExportCatalog(const Flags& flags, const std::string& output) {
  namespace catalog = tongban::catalog;
  auto config = LoadConfig(flags);
  if (!config.ok()) return Fail(config.error(), 2);
  tongban::app::Application app(*config);
  Status st = app.Open(/*migrate=*/true, /*exclusive_database=*/false);
  if (!st.ok()) return Fail(st.error());
  st = app.OpenCatalog(/*load_snapshot=*/false);
  if (!st.ok()) return Fail(st.error());
  auto doc = app.catalog().Export(nullptr);
  if (!doc.ok()) return Fail(doc.error());
  std::string text = catalog::ToJsonText(*doc, /*pretty=*/true);
  if (text.empty() || text.back() != '\n') text += '\n';
  if (output.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return std::fflush(stdout) == 0 ? 0 : 2;
  }
  std::ofstream out(output, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.close();
  if (!out) {
    return Fail(Error::Make(tongban::ErrorCode::kInvalidArgument, "catalog.export_unwritable",
                            "无法写入文件 " + output, "cannot write " + output, "--output"),
                2);
  }
  return 0;
}

// `tongban policy print`: the one permission table (identity/policy.hpp) as
// JSON, read by the authorisation matrix test (tests/api/authz/).
int RunPolicyPrint() {
  namespace identity = tongban::identity;
  auto rule_code = [](identity::Rule rule) -> const char* {
    switch (rule) {
      case identity::Rule::kAnyone: return "anyone";
      case identity::Rule::kSelf: return "self";
      case identity::Rule::kRole: return "role";
      case identity::Rule::kDepartment: return "department";
      case identity::Rule::kClientScope: return "client_scope";
    }
    return "unknown";
  };
  boost::json::array out;
  for (const identity::Permission& p : identity::AllPermissions()) {
    boost::json::array roles;
    for (identity::Role r : p.roles) roles.emplace_back(identity::RoleCode(r));
    out.push_back(boost::json::object{{"name", p.name},
                                      {"rule", rule_code(p.rule)},
                                      {"roles", std::move(roles)},
                                      {"applies", p.applies},
                                      {"scope", p.scope}});
  }
  std::printf("%s\n", boost::json::serialize(out).c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Tongban (通办) — one network, every government service"};
  cli.require_subcommand(1);
  Flags flags;
  cli.add_option("-c,--config", flags.config_file, "TOML configuration file (or TONGBAN_CONFIG)");

  auto* serve = cli.add_subcommand("serve", "Serve the API and the web front end");
  serve->add_option("--listen", flags.listen, "HOST:PORT, overrides server.listen");
  serve->add_option("--data-dir", flags.data_dir, "Directory for the SQLite database, files and keys");
  serve->add_flag("--demo", flags.demo, "Load the demo data on first start");

  auto* migrate = cli.add_subcommand("migrate", "Apply pending database migrations");
  migrate->add_option("--data-dir", flags.data_dir, "Directory for the SQLite database, files and keys");

  cli.add_subcommand("version", "Print the version");

  auto* config_cmd = cli.add_subcommand("config", "Configuration");
  config_cmd->require_subcommand(1);
  config_cmd->add_subcommand("print", "Print the effective configuration, secrets masked");

  auto* audit_cmd = cli.add_subcommand("audit", "Audit log");
  audit_cmd->require_subcommand(1);
  auto* verify = audit_cmd->add_subcommand("verify", "Walk the hash chain and report the first broken link");
  verify->add_option("--data-dir", flags.data_dir, "Directory for the SQLite database, files and keys");

  auto* policy_cmd = cli.add_subcommand("policy", "Authorisation policy");
  policy_cmd->require_subcommand(1);
  auto* policy_print =
      policy_cmd->add_subcommand("print", "Print every permission of the policy table as JSON");

  auto* admin = cli.add_subcommand("admin", "Operator commands");
  admin->require_subcommand(1);
  auto* oidc_client = admin->add_subcommand("oidc-client", "OpenID Connect clients");
  oidc_client->require_subcommand(1);
  auto* oidc_client_create =
      oidc_client->add_subcommand("create", "Register a client; prints JSON with its secret");
  OidcClientFlags oidc_flags;
  oidc_client_create->add_option("--name", oidc_flags.name, "The system's name")->required();
  oidc_client_create->add_option("--redirect-uri", oidc_flags.redirect_uris,
                                 "Redirect URI (exact; repeatable)");
  oidc_client_create->add_option("--post-logout-redirect-uri", oidc_flags.post_logout_redirect_uris,
                                 "Post-logout redirect URI (repeatable)");
  oidc_client_create->add_option("--scope", oidc_flags.scopes,
                                 "Allowed scope (repeatable; default openid profile)");
  oidc_client_create->add_option("--grant-type", oidc_flags.grant_types,
                                 "authorization_code, refresh_token, client_credentials (repeatable)");
  oidc_client_create->add_option("--required-acr", oidc_flags.required_acr,
                                 "Minimum assurance level: L1, L2, L3");
  oidc_client_create->add_flag("--public", oidc_flags.is_public,
                               "A public client (no secret; PKCE required)");
  oidc_client_create->add_flag("--phone-entitled", oidc_flags.phone_entitled,
                               "May read full phone numbers with the phone scope");
  oidc_client_create->add_option("--data-dir", flags.data_dir,
                                 "Directory for the SQLite database, files and keys");
  auto* oidc_key = admin->add_subcommand("oidc-key", "OpenID Connect signing keys");
  oidc_key->require_subcommand(1);
  auto* oidc_key_rotate =
      oidc_key->add_subcommand("rotate", "Replace the active signing key (old key kept published)");
  std::string oidc_key_algorithm = "EdDSA";
  oidc_key_rotate->add_option("--algorithm", oidc_key_algorithm, "EdDSA (default) or ES256");
  oidc_key_rotate->add_option("--data-dir", flags.data_dir,
                              "Directory for the SQLite database, files and keys");

  auto* import_cmd = cli.add_subcommand("import", "Import data");
  import_cmd->require_subcommand(1);
  auto* import_catalog = import_cmd->add_subcommand(
      "catalog", "Import a whole catalog document (all or nothing); prints the report as JSON");
  std::string import_file;
  bool import_dry_run = false;
  import_catalog->add_option("FILE", import_file, "The catalog document (tongban.catalog/1 JSON)")
      ->required();
  import_catalog->add_flag("--dry-run", import_dry_run, "Validate and report; write nothing");
  import_catalog->add_option("--data-dir", flags.data_dir,
                             "Directory for the SQLite database, files and keys");
  auto* export_cmd = cli.add_subcommand("export", "Export data");
  export_cmd->require_subcommand(1);
  auto* export_catalog =
      export_cmd->add_subcommand("catalog", "Export the whole catalog, every version, as JSON");
  std::string export_output;
  export_catalog->add_option("-o,--output", export_output, "Write to this file (default: standard output)");
  export_catalog->add_option("--data-dir", flags.data_dir,
                             "Directory for the SQLite database, files and keys");

  CLI11_PARSE(cli, argc, argv);

  try {
    if (*serve) return RunServe(flags);
    if (*migrate) return RunMigrate(flags);
    if (cli.got_subcommand("version")) {
      std::printf("tongban %s\n", TONGBAN_VERSION);
      return 0;
    }
    if (*config_cmd) return RunConfigPrint(flags);
    if (*verify) return RunAuditVerify(flags);
    if (*policy_print) return RunPolicyPrint();
    if (*oidc_client_create) return RunOidcClientCreate(flags, oidc_flags);
    if (*oidc_key_rotate) return RunOidcKeyRotate(flags, oidc_key_algorithm);
    if (*import_catalog) return RunImportCatalog(flags, import_file, import_dry_run);
    if (*export_catalog) return RunExportCatalog(flags, export_output);
  } catch (const tongban::FatalError& e) {
    return Fail(e.error());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tongban: fatal: %s\n", e.what());
    return 1;
  }
  return 2;
}
