// Wiring: configuration → logs → database and migrations → keys → calendar →
// services → routes → server and background workers. Nothing here decides
// business rules; it connects the parts and owns their lifetimes.
#pragma once

#include <memory>
#include <span>
#include <vector>

#include "canary/canary.hpp"
#include "catalog/catalog.hpp"
#include "config/config.hpp"
#include "core/error.hpp"
#include "crypto/key_set.hpp"
#include "db/database.hpp"
#include "db/migration.hpp"
#include "delegation/delegation.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "http/static_site.hpp"
#include "identity/accounts.hpp"
#include "identity/authentication.hpp"
#include "identity/authenticator.hpp"
#include "oidc/bearer_authenticator.hpp"
#include "oidc/service.hpp"
#include "outbox/outbox.hpp"
#include "privacy/personal_data.hpp"
#include "time/calendar.hpp"
#include "time/clock.hpp"

namespace tongban::app {

// Every module's migrations, in dependency order.
std::vector<db::Migration> AllMigrations();

class Application {
 public:
  explicit Application(config::Config config) : config_(std::move(config)) {}
  ~Application();

  // Opens the database (applying migrations when `migrate`), loads or creates
  // the key set, loads the calendar. Errors name what failed.
  // `exclusive_database` false: an operator command beside a running serve
  // (DatabaseOptions::sqlite_exclusive).
  Status Open(bool migrate, bool exclusive_database = true);
  // Builds services and the router (requires Open).
  void BuildRouter();

  // Loads the demo data once (first start with --demo).
  Status LoadDemoData();

  // Serves until SIGTERM/SIGINT; returns after a graceful stop.
  Status Serve();

  db::Database& database() { return *db_; }
  http::Router& router() { return router_; }
  const config::Config& config() const { return config_; }
  // Every scheme that turns a request into an identity::Caller (the cookie
  // session first; modules add theirs in BuildRouter). Routes receive this.
  identity::CompositeAuthenticator& authenticator() { return authenticator_; }
  // The OpenID Connect provider (after BuildRouter): `tongban admin oidc-…` uses it.
  oidc::OidcService& oidc() { return *oidc_; }
  // The service catalog (事项库), created by OpenCatalog (LoadDemoData and
  // BuildRouter call it): `tongban import|export catalog` use it.
  // `load_snapshot` false: no snapshot at all (one-shot commands that read none).
  Status OpenCatalog(bool load_snapshot = true);
  catalog::CatalogService& catalog() { return *catalog_; }

 private:
  Status LoadKeys();
  delegation::AccountLookups DelegationLookups();

  config::Config config_;
  std::vector<db::Migration> migrations_;
  std::unique_ptr<db::Database> db_;
  std::unique_ptr<crypto::KeySet> keys_;
  calendar::Calendar calendar_;
  http::Metrics metrics_;
  http::Router router_;
  std::unique_ptr<http::StaticSite> static_site_;
  std::unique_ptr<canary::CanaryService> canary_;
  std::unique_ptr<outbox::Dispatcher> dispatcher_;

  // identity (C3): accounts, authentication
  calendar::SystemClock clock_;
  std::string sms_app_secret_;  // read from sms.app_secret_file in Open
  std::unique_ptr<privacy::Vault> vault_;
  std::unique_ptr<identity::AccountService> accounts_;
  std::unique_ptr<identity::AccountGateway> account_gateway_;
  std::unique_ptr<identity::AuthService> auth_;
  std::unique_ptr<identity::SessionAuthenticator> session_authenticator_;
  std::unique_ptr<identity::SmsSender> sms_sender_;
  std::unique_ptr<identity::SmsDeliveryWorker> sms_worker_;  // HTTP gateway only
  identity::CompositeAuthenticator authenticator_;

  // oidc (C3 单点登录)
  std::unique_ptr<oidc::OidcService> oidc_;
  std::unique_ptr<oidc::BearerAuthenticator> bearer_authenticator_;

  // delegation (C3 法人多级授权)
  std::unique_ptr<delegation::DelegationService> delegation_;

  // catalog (C1 事项库, C2 一件事)
  std::unique_ptr<catalog::CatalogService> catalog_;
};

}  // namespace tongban::app
