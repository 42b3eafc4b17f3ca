// tongban — one binary: serve, migrate, version, config print, audit verify.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <iostream>

#include "application.hpp"
#include "audit/audit.hpp"
#include "config/config.hpp"
#include "log/log.hpp"

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
  } catch (const tongban::FatalError& e) {
    return Fail(e.error());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tongban: fatal: %s\n", e.what());
    return 1;
  }
  return 2;
}
