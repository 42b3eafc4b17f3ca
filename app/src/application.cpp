#include "application.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "audit/audit.hpp"
#include "canary/routes.hpp"
#include "catalog/routes.hpp"
#include "delegation/routes.hpp"
#include "http/server.hpp"
#include "log/log.hpp"
#include "oidc/bearer_authenticator.hpp"
#include "oidc/routes.hpp"
#include "platform_routes.hpp"
#include "text/chinese.hpp"
#include "time/calendar_file.hpp"

namespace tongban::app {

std::vector<db::Migration> AllMigrations() {
  std::vector<db::Migration> all;
  for (auto span :
       {audit::Migrations(), outbox::Migrations(), canary::Migrations(), privacy::Migrations(),
        identity::Migrations(), identity::AuthMigrations(), delegation::Migrations(), oidc::Migrations()}) {
    all.insert(all.end(), span.begin(), span.end());
  }
  std::vector<db::Migration> catalog_migrations = catalog::Migrations();
  all.insert(all.end(), catalog_migrations.begin(), catalog_migrations.end());
  return all;
}

Application::~Application() {
  if (catalog_) catalog_->Stop();
  if (sms_worker_) sms_worker_->Stop();
  if (dispatcher_) dispatcher_->Stop();
  if (db_) db_->Close();
}

Status Application::Open(bool migrate, bool exclusive_database) {
  migrations_ = AllMigrations();
  db::DatabaseOptions options;
  options.url = config_.EffectiveDatabaseUrl();
  options.pool_size = config_.database_pool_size;
  options.group_commit = config_.database_group_commit;
  options.max_batch = config_.database_max_batch;
  options.writer_lanes = config_.database_writer_lanes;
  options.sqlite_synchronous = config_.database_sqlite_synchronous;
  options.sqlite_exclusive = exclusive_database;
  auto db = db::OpenDatabase(options);
  if (!db.ok()) return db.error();
  db_ = std::move(db).value();
  log::Info("db.opened", {{"url", db::MaskUrl(options.url)}, {"group_commit", options.group_commit}});
  if (migrate) {
    auto report = db::ApplyMigrations(*db_, migrations_);
    if (!report.ok()) return report.error();
    for (const std::string& m : report->applied) log::Info("db.migration_applied", {{"migration", m}});
  } else {
    auto current = db::MigrationsCurrent(*db_, migrations_);
    if (!current.ok()) return current.error();
    if (!*current) {
      return Error::Make(ErrorCode::kFailedPrecondition, "db.migrations_pending",
                         "数据库尚未迁移，请先运行 tongban migrate",
                         "migrations are pending: run tongban migrate");
    }
  }
  TONGBAN_RETURN_IF_ERROR(LoadKeys());
  if (!config_.sms_gateway_url.empty()) {
    std::ifstream in(config_.sms_app_secret_file);
    std::stringstream secret;
    secret << in.rdbuf();
    sms_app_secret_ = secret.str();
    while (!sms_app_secret_.empty() && (sms_app_secret_.back() == '\n' || sms_app_secret_.back() == '\r')) {
      sms_app_secret_.pop_back();
    }
    if (!in || sms_app_secret_.empty()) {
      return Error::Make(ErrorCode::kFailedPrecondition, "config.sms_secret_unreadable",
                         "无法读取 sms.app_secret_file", "cannot read sms.app_secret_file (or it is empty)")
          .WithDetail(config_.sms_app_secret_file);
    }
  }
  auto cal = calendar::LoadCalendarDir(config_.calendar_dir);
  if (!cal.ok()) return cal.error();
  calendar_ = std::move(cal).value();
  return Status::Ok();
}

Status Application::LoadKeys() {
  bool any_configured = !config_.keys_data_key_file.empty() || !config_.keys_index_key_file.empty() ||
                        !config_.keys_sm2_key_file.empty() || !config_.keys_ed25519_key_file.empty();
  crypto::KeySetPaths paths;
  if (any_configured) {
    paths.data_encryption_key = config_.keys_data_key_file;
    paths.blind_index_key = config_.keys_index_key_file;
    paths.sm2_signing_key = config_.keys_sm2_key_file;
    paths.ed25519_signing_key = config_.keys_ed25519_key_file;
  } else {
    // No key files configured: the data directory holds a generated key set,
    // created on first start. Production names its own files.
    std::filesystem::path dir = std::filesystem::path(config_.data_dir) / "keys";
    paths = crypto::KeySetPaths::InDirectory(dir);
    if (!std::filesystem::exists(paths.data_encryption_key)) {
      auto generated = crypto::GenerateKeySet(dir);
      if (!generated.ok()) return generated.error();
      log::Warn("keys.generated", {{"dir", dir.string()},
                                   {"note", "demo key set created; configure [keys] files in production"}});
    }
  }
  auto keys = crypto::LoadKeySet(paths);
  if (!keys.ok()) return keys.error();
  keys_ = std::make_unique<crypto::KeySet>(std::move(keys).value());
  return Status::Ok();
}

delegation::AccountLookups Application::DelegationLookups() {
  delegation::AccountLookups lookups;
  identity::AccountService* accounts = accounts_.get();
  lookups.find_by_login = [accounts](db::Transaction& tx, const std::string& login) {
    return accounts->FindByLogin(tx, login);
  };
  return lookups;
}

Status Application::OpenCatalog(bool load_snapshot) {
  if (catalog_) return Status::Ok();
  catalog::Lexicon lexicon;
  if (std::filesystem::is_directory(config_.catalog_lexicon_dir)) {
    auto loaded = catalog::LoadLexicon(config_.catalog_lexicon_dir);
    if (!loaded.ok()) return loaded.error();
    lexicon = std::move(loaded).value();
  } else {
    log::Warn("catalog.lexicon_missing", {{"dir", config_.catalog_lexicon_dir},
                                          {"note", "search runs without domain words and synonyms"}});
  }
  auto text = text::ChineseText::Create(lexicon.compounds);
  if (!text.ok()) return text.error();
  catalog::CatalogOptions options;
  options.lexicon_dir = config_.catalog_lexicon_dir;
  options.poll_interval = std::chrono::milliseconds(config_.catalog_poll_interval_ms);
  catalog_ = std::make_unique<catalog::CatalogService>(*db_, clock_, std::move(text).value(),
                                                       std::move(lexicon), options);
  return load_snapshot ? catalog_->Load() : Status::Ok();
}

void Application::BuildRouter() {
  RegisterPlatformRoutes(router_, *db_, migrations_, metrics_);
  // catalog (C1 事项库, C2 一件事): the published snapshot, before any route reads it.
  if (Status st = OpenCatalog(); !st.ok()) throw FatalError(st.error());
  canary_ = std::make_unique<canary::CanaryService>(*db_);
  if (config_.canary_enabled) canary::RegisterCanaryRoutes(router_, *canary_);

  std::vector<outbox::Subscriber> subscribers;
  subscribers.push_back(canary::CanaryService::TallySubscriber());
  subscribers.push_back(delegation::DelegationService::RepresentationSubscriber());

  // identity (C3): accounts, then authentication (cookie sessions, one-time codes by SMS).
  vault_ = std::make_unique<privacy::Vault>(*keys_);
  accounts_ = std::make_unique<identity::AccountService>(*db_, *vault_);
  account_gateway_ = identity::MakeAccountGateway(*accounts_);
  auth_ = std::make_unique<identity::AuthService>(*db_, *account_gateway_, *vault_, clock_);
  session_authenticator_ = std::make_unique<identity::SessionAuthenticator>(*auth_);
  authenticator_.Add(session_authenticator_.get());
  identity::RegisterAuthRoutes(router_, *auth_, authenticator_, *db_, config_.demo_enabled);
  identity::RegisterAccountRoutes(router_, *accounts_, authenticator_);
  // delegation (C3 法人多级授权): grants and agents; resolves "acting for" on every session request.
  delegation_ =
      std::make_unique<delegation::DelegationService>(*db_, *accounts_, DelegationLookups(), clock_);
  auth_->SetPrincipalResolver(delegation_.get());
  delegation::RegisterDelegationRoutes(router_, *delegation_, authenticator_);
  if (!config_.sms_gateway_url.empty()) {
    sms_sender_ = std::make_unique<identity::HttpSmsSender>(
        identity::SmsGatewayOptions{config_.sms_gateway_url, config_.sms_app_key, sms_app_secret_});
  } else if (config_.demo_enabled) {
    sms_sender_ = std::make_unique<identity::DevSmsSender>();
  } else {
    log::Warn("sms.not_configured", {{"note", "no sms.gateway_url: one-time codes cannot be delivered"}});
  }
  if (auto* gateway = dynamic_cast<identity::HttpSmsSender*>(sms_sender_.get())) {
    // Queued in the outbox transaction, sent by a worker with no transaction open.
    subscribers.push_back(auth_->SmsQueueSubscriber());
    sms_worker_ = std::make_unique<identity::SmsDeliveryWorker>(
        *auth_, *gateway, std::chrono::milliseconds(config_.outbox_poll_interval_ms));
  } else if (sms_sender_) {
    subscribers.push_back(auth_->SmsSubscriber(*sms_sender_));
  }

  // oidc (C3 单点登录): the OpenID Connect provider; its access tokens also
  // authenticate API calls (after the cookie session).
  oidc::Dependencies oidc_deps;
  oidc_deps.directory = accounts_.get();
  oidc_deps.sessions = auth_.get();
  oidc_deps.clock = &clock_;
  identity::AccountService* oidc_accounts = accounts_.get();
  oidc_deps.phone = [oidc_accounts](db::Transaction& tx,
                                    const std::string& person_id) -> std::optional<std::string> {
    auto subject = oidc_accounts->FindSubject(tx, person_id);
    if (!subject || subject->phone.empty()) return std::nullopt;
    return subject->phone;
  };
  oidc_deps.record_access = [](db::Transaction& tx, const std::string& person_id,
                               const std::string& client_id, const std::string& client_name,
                               const std::string& fields, bool unmasked, const std::string& request_id) {
    privacy::Access access;
    access.person_id = person_id;
    access.reader = audit::Actor{client_id, "client", "", ""};
    access.purpose = "单点登录：" + client_name + " 读取用户信息 (OIDC userinfo)";
    access.fields = fields;
    access.unmasked = unmasked;
    access.object_type = "oidc_client";
    access.object_id = client_id;
    access.request_id = request_id;
    return privacy::RecordAccess(tx, access);
  };
  oidc_ = std::make_unique<oidc::OidcService>(*db_, *keys_, std::move(oidc_deps));
  if (Status st = oidc_->Start(); !st.ok()) throw FatalError(st.error());
  bearer_authenticator_ = std::make_unique<oidc::BearerAuthenticator>(*oidc_, config_.oidc_issuer);
  authenticator_.Add(bearer_authenticator_.get());
  oidc::RegisterOidcRoutes(router_, *oidc_, authenticator_, config_.oidc_issuer);
  // catalog (C1 事项库, C2 一件事): public reads of the snapshot (inline), operators' writes.
  catalog::RegisterCatalogRoutes(router_, *catalog_, authenticator_);
  dispatcher_ = std::make_unique<outbox::Dispatcher>(
      *db_, std::move(subscribers),
      outbox::DispatcherOptions{std::chrono::milliseconds(config_.outbox_poll_interval_ms),
                                config_.outbox_batch, std::chrono::milliseconds(30000)});

  db::Database* db = db_.get();
  metrics_.AddGauge("tongban_db_pool_connections", "Database connections in the pool",
                    [db] { return static_cast<double>(db->Stats().connections_total); });
  metrics_.AddGauge("tongban_db_pool_connections_in_use", "Database connections in use",
                    [db] { return static_cast<double>(db->Stats().connections_in_use); });
  metrics_.AddGauge("tongban_db_write_queue_depth", "Write units waiting for the group-commit writer",
                    [db] { return static_cast<double>(db->Stats().write_queue_depth); });
  metrics_.AddCounter("tongban_db_writes_committed_total", "Write units committed",
                      [db] { return static_cast<double>(db->Stats().writes_committed); });
  metrics_.AddCounter("tongban_db_write_batches_total", "Group-commit transactions committed",
                      [db] { return static_cast<double>(db->Stats().write_batches); });
  outbox::Dispatcher* dispatcher = dispatcher_.get();
  metrics_.AddGauge("tongban_outbox_lag_events", "Events some subscriber has not yet handled", [dispatcher] {
    return static_cast<double>(dispatcher->CurrentLag().undelivered_events);
  });
  metrics_.AddGauge("tongban_outbox_oldest_undelivered_seconds", "Age of the oldest undelivered event",
                    [dispatcher] { return dispatcher->CurrentLag().oldest_undelivered_seconds; });
  metrics_.AddGauge("tongban_outbox_leader", "1 when this process dispatches the outbox",
                    [dispatcher] { return dispatcher->is_leader() ? 1.0 : 0.0; });
  metrics_.AddCounter("tongban_outbox_delivered_total", "Events delivered by this process",
                      [dispatcher] { return static_cast<double>(dispatcher->delivered()); });
}

Status Application::LoadDemoData() {
  // identity (C3): residents, enterprises and staff. Runs before BuildRouter,
  // so it uses its own vault and service over the loaded keys.
  {
    privacy::Vault vault(*keys_);
    identity::AccountService accounts(*db_, vault);
    TONGBAN_RETURN_IF_ERROR(identity::LoadDemoAccounts(*db_, accounts));
    // delegation (C3 法人多级授权): agents and an intermediary for the demo enterprises.
    delegation::AccountLookups lookups;
    lookups.find_by_login = [&accounts](db::Transaction& tx, const std::string& login) {
      return accounts.FindByLogin(tx, login);
    };
    TONGBAN_RETURN_IF_ERROR(delegation::LoadDemoGrants(*db_, accounts, lookups, clock_));
  }
  // catalog (C1, C2): the demo catalog of Shanghai, into an empty catalog.
  TONGBAN_RETURN_IF_ERROR(OpenCatalog());
  if (Status st = catalog::LoadDemoCatalog(*catalog_, config_.catalog_demo_file); !st.ok()) {
    if (st.error().reason != "catalog.demo_file_missing") return st;
    log::Warn("catalog.demo_not_loaded",
              {{"file", config_.catalog_demo_file}, {"reason", st.error().message_en}});
  }
  return Status::Ok();
}

Status Application::Serve() {
  if (!config_.server_static_dir.empty()) {
    auto site = http::StaticSite::Load(config_.server_static_dir);
    if (!site.ok()) {
      log::Warn("web.not_served", {{"dir", config_.server_static_dir}, {"reason", site.error().message_en}});
    } else {
      static_site_ = std::move(site).value();
      http::StaticSite* s = static_site_.get();
      router_.SetFallback([s](const http::Request& r) { return s->Serve(r); });
    }
  }
  http::ServerOptions options;
  options.host = config_.ListenHost();
  options.port = config_.ListenPort();
  options.io_threads = config_.server_io_threads > 0
                           ? config_.server_io_threads
                           : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  options.worker_threads = config_.server_worker_threads;
  options.max_body_bytes = static_cast<std::size_t>(config_.server_max_body_bytes);
  options.max_header_bytes = static_cast<std::size_t>(config_.server_max_header_bytes);
  options.read_timeout = std::chrono::milliseconds(config_.server_read_timeout_ms);
  options.idle_timeout = std::chrono::milliseconds(config_.server_idle_timeout_ms);
  options.shutdown_grace = std::chrono::milliseconds(config_.server_shutdown_grace_ms);
  options.access_log = config_.server_access_log;
  options.handle_signals = true;
  http::Server server(options, router_, metrics_);
  TONGBAN_RETURN_IF_ERROR(server.Start());
  dispatcher_->Start();
  if (sms_worker_) sms_worker_->Start();
  catalog_->Start();
  log::Info("serve.listening", {{"address", options.host + ":" + std::to_string(server.port())},
                                {"port", static_cast<int>(server.port())}});
  server.RunUntilSignal();
  log::Info("serve.stopping");
  if (sms_worker_) sms_worker_->Stop();
  catalog_->Stop();
  dispatcher_->Stop();
  db_->Close();
  log::Info("serve.stopped");
  return Status::Ok();
}

}  // namespace tongban::app
