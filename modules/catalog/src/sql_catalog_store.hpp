// store: SQL for the catalog's tables only (migrations/0001_catalog.sql).
// Records are stored whole as their JSON form (catalog/codec.hpp) with the
// columns lists need beside them; reading decodes the JSON, and a stored
// record that no longer decodes is a broken invariant (FatalError).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "catalog/model.hpp"
#include "db/database.hpp"

namespace tongban::catalog {

// One stored version of an item or a life event, with its JSON text.
struct VersionRow {
  std::string code;
  int version = 0;
  VersionStatus status = VersionStatus::kDraft;
  std::string name;
  std::string department_code;  // items: department_code; life events: lead_department_code
  std::string target;
  std::string effective_from;
  std::string effective_to;
  std::string document;
  std::string created_at;
  std::string updated_at;
  std::string published_at;
  std::string published_by;
};

VersionRow RowOf(const ServiceItem& item);
VersionRow RowOf(const LifeEvent& event);

enum class VersionKind { kItem, kLifeEvent };

class SqlCatalogStore {
 public:
  explicit SqlCatalogStore(db::Transaction& tx) : tx_(tx) {}

  // The revision row: bumped once by every write transaction.
  std::int64_t Revision();
  std::int64_t BumpRevision(const std::string& at);
  // Regions + departments + item and life-event versions (0: an empty catalog).
  std::int64_t RecordCount();

  void Upsert(const Region& v);
  void Upsert(const Department& v);
  void Upsert(const Power& v);
  void Upsert(const LicenceType& v);
  void Upsert(const DataItem& v);
  // By code (byte order).
  std::vector<Region> Regions();
  std::vector<Department> Departments();
  std::vector<Power> Powers();
  std::vector<LicenceType> LicenceTypes();
  std::vector<DataItem> DataItems();

  // Ordered by code (byte order), then version.
  std::vector<VersionRow> Versions(VersionKind kind);
  std::vector<VersionRow> LiveVersions(VersionKind kind);  // published and retired
  std::vector<VersionRow> VersionsOf(VersionKind kind, const std::string& code);
  std::vector<std::string> Codes(VersionKind kind);
  std::vector<std::string> DraftItemCodes();

  // False on a unique violation (the version exists).
  bool Insert(VersionKind kind, const VersionRow& row);
  // `expected_updated_at` empty: unconditional. False when no row matched.
  bool Update(VersionKind kind, const VersionRow& row, const std::string& expected_updated_at = {});
  // Drafts only. False when there was no such draft.
  bool DeleteDraft(VersionKind kind, const std::string& code, int version);

 private:
  db::Transaction& tx_;
};

ServiceItem DecodeItem(const VersionRow& row);
LifeEvent DecodeLifeEvent(const VersionRow& row);

}  // namespace tongban::catalog
