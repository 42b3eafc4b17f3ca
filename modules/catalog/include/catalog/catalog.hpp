// 事项库服务 — the catalog service: an immutable snapshot of the published
// catalog for every public read and search (no database on the read path),
// versioned operator writes (draft → published → retired) each committed with
// its audit record and a `catalog.changed` event, and the whole-catalog
// import (all or nothing) and export.
//
// Snapshot: rebuilt after every publish, retire and import of this process
// (drafts are never offered, so draft writes leave it), and when another
// process changed the catalog (the revision row `catalog_revision`, polled
// every `poll_interval`) or the date changed (a version's effective_from came).
// The current version of an item is its published version with the latest
// effective_from ≤ today (Asia/Shanghai) whose effective_to is empty or ≥ today.
//
// Who may do what (identity policy rows, catalog block):
//   catalog.published.read                anyone — public reads and search
//   catalog.draft.read          platform operator; department administrator for
//                               their department's items (kDepartment)
//   catalog.item.write          the same: create, save drafts, publish, retire items
//   catalog.life_event.write    platform operator
//   catalog.document.import / catalog.document.export   platform operator
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "catalog/guide.hpp"
#include "catalog/model.hpp"
#include "catalog/search.hpp"
#include "core/error.hpp"
#include "db/database.hpp"
#include "db/migration.hpp"
#include "identity/caller.hpp"
#include "time/clock.hpp"

namespace tongban::catalog {

std::vector<db::Migration> Migrations();

// The published catalog at one revision and date. Immutable; shared.
struct Snapshot {
  std::int64_t revision = 0;
  std::string date;  // YYYY-MM-DD it was built for
  std::vector<Region> regions;
  std::vector<Department> departments;
  std::vector<Power> powers;
  std::vector<LicenceType> licence_types;
  std::vector<DataItem> data_items;
  std::vector<ServiceItem> items;      // current version of each published item, by code
  std::vector<LifeEvent> life_events;  // current version of each published life event
  std::unordered_map<std::string, std::size_t> region_index, department_index, power_index,
      licence_type_index, data_item_index, item_index, life_event_index;
  std::unique_ptr<SearchIndex> search;

  const Region* FindRegion(std::string_view code) const;
  const Department* FindDepartment(std::string_view code) const;
  const Power* FindPower(std::string_view code) const;
  const LicenceType* FindLicenceType(std::string_view code) const;
  const DataItem* FindDataItem(std::string_view code) const;
  const ServiceItem* FindItem(std::string_view code) const;
  const LifeEvent* FindLifeEvent(std::string_view code) const;
};

// A row of a list: enough for a result list or the console's table.
struct ItemSummary {
  std::string code;
  int version = 0;
  VersionStatus status = VersionStatus::kDraft;
  std::string name;
  std::string category;
  Target target = Target::kResident;
  std::string department_code;
  PowerType power_type = PowerType::kLicensing;
  ProcessingDepth processing_depth = ProcessingDepth::kOnlineAcceptance;
  int trips = 0;
  int committed_limit_days = 0;
  bool any_location = false;
  bool zero_material = false;
  bool has_draft = false;  // console lists: a draft newer than the current version exists
  std::string updated_at;
};

struct ItemFilter {
  std::optional<Target> target;  // resident: resident+both; enterprise: enterprise+both
  std::string department_code;   // exact
  std::string category;          // exact
  std::string region_code;       // handled there (or city-wide)
  std::string life_event_code;   // items of this life event
  std::string text;              // name or code contains it (the console's search box)
  // Console only (needs catalog.draft.read): "published" (default), "draft",
  // "retired", "all" — from the database, not the snapshot.
  std::string status = "published";
  int limit = 50;  // 1..200
  int offset = 0;
};

template <typename T>
struct Page {
  std::vector<T> rows;
  int total = 0;
};

struct VersionInfo {
  int version = 0;
  VersionStatus status = VersionStatus::kDraft;
  std::string effective_from;
  std::string effective_to;
  std::string updated_at;
  std::string published_at;
  std::string published_by;
};

struct ImportOptions {
  bool dry_run = false;  // validate and report, write nothing
};

struct RejectedRecord {
  std::string kind;  // "region" "department" "power" "licence_type" "data_item" "item" "life_event"
  std::string code;
  std::vector<Error> errors;  // field: the pointer into the document ("/items/12/…")
};

// Merge by key: reference records (regions … data items) are upserted by
// code; an item or life-event version (code, version) is inserted when new,
// replaced when it is a draft, accepted unchanged when identical, and rejected
// (catalog.published_version_immutable) when a published or retired version
// differs. Any rejection → nothing is written (catalog.import_rejected, 422,
// with the report). A rejected import is not an Error: Import answers the
// report with applied false and `rejected` non-empty (the route then answers
// 422 catalog.import_rejected carrying it); Errors are for who may import.
struct ImportReport {
  bool applied = false;
  int regions = 0, departments = 0, powers = 0, licence_types = 0, data_items = 0;
  int item_versions = 0, life_event_versions = 0;  // inserted or replaced
  int unchanged = 0;
  std::vector<RejectedRecord> rejected;
};

// The largest import document: a bigger one is rejected unread
// (catalog.import_too_large, record kind "document").
inline constexpr std::size_t kMaxImportBytes = std::size_t{64} << 20;

// The report in the API's JSON form (docs/catalog-format.md): what
// `tongban import catalog` prints.
std::string ToJsonText(const ImportReport& report);

struct CatalogOptions {
  std::string lexicon_dir = "data/search";
  std::chrono::milliseconds poll_interval{2000};
};

class CatalogService {
 public:
  CatalogService(db::Database& db, const calendar::Clock& clock, std::unique_ptr<text::ChineseText> text,
                 Lexicon lexicon, CatalogOptions options = {});
  ~CatalogService();  // stops the poller

  // Builds the first snapshot; then Start() polls for other processes' changes.
  // Without Load() no snapshot is built, not even after writes (one-shot
  // commands such as `tongban import catalog`).
  Status Load();
  void Start();
  void Stop();

  // Never null after Load(). Cheap (an atomic shared_ptr load): the inline
  // search handler calls it per request.
  std::shared_ptr<const Snapshot> Current() const;

  // ---- public reads (catalog.published.read), from the snapshot ----
  Result<Page<ItemSummary>> ListItems(const identity::Caller& caller, const ItemFilter& filter);
  Result<ServiceItem> GetItem(const identity::Caller& caller, const std::string& code);
  // Any version; drafts only with catalog.draft.read (otherwise catalog.item_not_found).
  Result<ServiceItem> GetItemVersion(const identity::Caller& caller, const std::string& code, int version);
  Result<std::vector<VersionInfo>> ListItemVersions(const identity::Caller& caller, const std::string& code);
  Result<Applicable> EvaluateItem(const identity::Caller& caller, const std::string& code,
                                  const Answers& answers);
  // `status` as ItemFilter::status: "published" (the snapshot) or, for the
  // console with catalog.draft.read, "draft", "retired", "all" (the database;
  // "all" and "draft" show each life event's latest version).
  Result<std::vector<LifeEvent>> ListLifeEvents(const identity::Caller& caller, std::optional<Target> target,
                                                const std::string& status = "published");
  Result<LifeEventGuide> GetLifeEventGuide(const identity::Caller& caller, const std::string& code);
  Result<LifeEvent> GetLifeEventVersion(const identity::Caller& caller, const std::string& code, int version);
  Result<std::vector<VersionInfo>> ListLifeEventVersions(const identity::Caller& caller,
                                                         const std::string& code);

  // ---- operator writes ----
  // Rule failures: the returned Error is the first (reason from rules.hpp,
  // kInvalidArgument → 422); `violations`, when given, receives every one.
  // What /items/validate answers (catalog.item.write; the item's department
  // decides for department administrators).
  Result<std::vector<Error>> CheckItem(const identity::Caller& caller, const ServiceItem& item,
                                       bool publishing);
  Result<std::vector<Error>> CheckLifeEvent(const identity::Caller& caller, const LifeEvent& event,
                                            bool publishing);
  // A new item: version 1, draft. catalog.code_taken (409) when the code exists.
  Result<ServiceItem> CreateItem(const identity::Caller& caller, ServiceItem item,
                                 std::vector<Error>* violations = nullptr);
  // Saves the item's draft: replaces the open draft, or opens version latest+1
  // from `item`. `base_updated_at` (optional) must equal the open draft's
  // updated_at (catalog.stale_draft, 409). Draft rules apply (ValidateItem, not publishing).
  Result<ServiceItem> SaveItemDraft(const identity::Caller& caller, const std::string& code, ServiceItem item,
                                    const std::string& base_updated_at,
                                    std::vector<Error>* violations = nullptr);
  Status DiscardItemDraft(const identity::Caller& caller, const std::string& code);
  // Publishes the open draft `version`, effective from `effective_from` (empty:
  // today; not in the past). The previous current version ends the day before.
  // Publishing rules apply (catalog.no_channel …). catalog.not_a_draft (409).
  Result<ServiceItem> PublishItem(const identity::Caller& caller, const std::string& code, int version,
                                  const std::string& effective_from,
                                  std::vector<Error>* violations = nullptr);
  // Retires the item from `effective_to` (empty: today); its current version
  // becomes retired. A life event that names it keeps working without it.
  Result<ServiceItem> RetireItem(const identity::Caller& caller, const std::string& code,
                                 const std::string& effective_to);

  Result<LifeEvent> CreateLifeEvent(const identity::Caller& caller, LifeEvent event,
                                    std::vector<Error>* violations = nullptr);
  Result<LifeEvent> SaveLifeEventDraft(const identity::Caller& caller, const std::string& code,
                                       LifeEvent event, const std::string& base_updated_at,
                                       std::vector<Error>* violations = nullptr);
  Status DiscardLifeEventDraft(const identity::Caller& caller, const std::string& code);
  Result<LifeEvent> PublishLifeEvent(const identity::Caller& caller, const std::string& code, int version,
                                     const std::string& effective_from,
                                     std::vector<Error>* violations = nullptr);
  Result<LifeEvent> RetireLifeEvent(const identity::Caller& caller, const std::string& code,
                                    const std::string& effective_to);

  // ---- the whole catalog ----
  // `caller` null: the CLI (actor "system:cli").
  Result<ImportReport> Import(const identity::Caller* caller, const CatalogDocument& doc,
                              ImportOptions options);
  // The same from the document's JSON text: larger than kMaxImportBytes, not
  // JSON, or records that do not decode → a report (applied false) whose
  // rejected records carry the decode errors ("/items/3/materials/0/type").
  Result<ImportReport> ImportText(const identity::Caller* caller, std::string_view text,
                                  ImportOptions options);
  Result<CatalogDocument> Export(const identity::Caller* caller);

  // Categories of the published items with their counts (the home page's entry points).
  struct CategoryCount {
    std::string name;
    Target target = Target::kResident;
    int count = 0;
  };
  std::vector<CategoryCount> Categories(std::optional<Target> target) const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Loads data/demo/catalog.json (config catalog.demo_file) when the catalog is
// empty: `serve --demo`.
Status LoadDemoCatalog(CatalogService& service, const std::string& file);

}  // namespace tongban::catalog
