#include "sql_catalog_store.hpp"

#include <algorithm>

#include "catalog/codec.hpp"
#include "tongban_catalog_sql.hpp"

namespace tongban::catalog {
namespace {

Error Corrupt(std::string_view what, const std::string& code, const Error& e) {
  return Error::Make(ErrorCode::kInternal, "catalog.stored_record_invalid", "内部错误", "Internal error")
      .WithDetail("stored " + std::string(what) + " " + code + " does not decode: " + e.reason + " at " +
                  e.field);
}

template <typename T, typename Decode>
std::vector<T> DecodeAll(const db::Rows& rows, std::string_view what, Decode decode) {
  std::vector<std::pair<std::string, T>> keyed;
  keyed.reserve(rows.size());
  for (db::Row row : rows) {
    auto v = decode(row.Text(1), "");
    if (!v.ok()) throw FatalError(Corrupt(what, row.Text(0), v.error()));
    keyed.emplace_back(row.Text(0), std::move(v).value());
  }
  // Byte order on both back ends (PostgreSQL's collation may differ from SQLite's).
  std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<T> out;
  out.reserve(keyed.size());
  for (auto& [code, v] : keyed) out.push_back(std::move(v));
  return out;
}

std::vector<VersionRow> VersionRows(const db::Rows& rows) {
  std::vector<VersionRow> out;
  out.reserve(rows.size());
  for (db::Row row : rows) {
    VersionRow r;
    r.code = row.Text(0);
    r.version = static_cast<int>(row.Int(1));
    auto status = ParseVersionStatus(row.Text(2));
    if (!status) {
      throw FatalError(
          Error::Make(ErrorCode::kInternal, "catalog.stored_record_invalid", "内部错误", "Internal error")
              .WithDetail("unknown stored status " + row.Text(2) + " of " + r.code));
    }
    r.status = *status;
    r.name = row.Text(3);
    r.department_code = row.Text(4);
    r.target = row.Text(5);
    r.effective_from = row.Text(6);
    r.effective_to = row.Text(7);
    r.document = row.Text(8);
    r.created_at = row.Text(9);
    r.updated_at = row.Text(10);
    r.published_at = row.Text(11);
    r.published_by = row.Text(12);
    out.push_back(std::move(r));
  }
  std::stable_sort(out.begin(), out.end(), [](const VersionRow& a, const VersionRow& b) {
    return a.code != b.code ? a.code < b.code : a.version < b.version;
  });
  return out;
}

db::Params ParamsOf(const VersionRow& r) {
  return {r.code,           r.version,         std::string(VersionStatusCode(r.status)),
          r.name,           r.department_code, r.target,
          r.effective_from, r.effective_to,    r.document,
          r.created_at,     r.updated_at,      r.published_at,
          r.published_by};
}

std::vector<std::string> Strings(const db::Rows& rows) {
  std::vector<std::string> out;
  out.reserve(rows.size());
  for (db::Row row : rows) out.push_back(row.Text(0));
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

VersionRow RowOf(const ServiceItem& item) {
  return VersionRow{item.code,           item.version,         item.status,
                    item.name,           item.department_code, std::string(TargetCode(item.target)),
                    item.effective_from, item.effective_to,    ToJsonText(item),
                    item.created_at,     item.updated_at,      item.published_at,
                    item.published_by};
}

VersionRow RowOf(const LifeEvent& event) {
  return VersionRow{event.code,
                    event.version,
                    event.status,
                    event.name,
                    event.lead_department_code,
                    std::string(TargetCode(event.target)),
                    event.effective_from,
                    event.effective_to,
                    ToJsonText(event),
                    event.created_at,
                    event.updated_at,
                    event.published_at,
                    event.published_by};
}

ServiceItem DecodeItem(const VersionRow& row) {
  auto item = ServiceItemFromJsonText(row.document);
  if (!item.ok()) throw FatalError(Corrupt("item", row.code, item.error()));
  return std::move(item).value();
}

LifeEvent DecodeLifeEvent(const VersionRow& row) {
  auto event = LifeEventFromJsonText(row.document);
  if (!event.ok()) throw FatalError(Corrupt("life event", row.code, event.error()));
  return std::move(event).value();
}

std::int64_t SqlCatalogStore::Revision() {
  db::Rows rows = tx_.Query(sql::kSelectCatalogRevision);
  return rows.empty() ? 0 : rows[0].Int(0);
}

std::int64_t SqlCatalogStore::BumpRevision(const std::string& at) {
  tx_.Execute(sql::kUpdateCatalogRevision, {at});
  return Revision();
}

std::int64_t SqlCatalogStore::RecordCount() {
  db::Rows rows = tx_.Query(sql::kSelectCatalogRecordCount);
  return rows.empty() ? 0 : rows[0].Int(0);
}

void SqlCatalogStore::Upsert(const Region& v) {
  tx_.Execute(sql::kUpsertCatalogRegion,
              {v.code, v.parent_code, std::string(RegionLevelCode(v.level)), ToJsonText(v)});
}

void SqlCatalogStore::Upsert(const Department& v) {
  tx_.Execute(sql::kUpsertCatalogDepartment,
              {v.code, v.region_code, std::string(DepartmentLevelCode(v.level)), ToJsonText(v)});
}

void SqlCatalogStore::Upsert(const Power& v) {
  tx_.Execute(sql::kUpsertCatalogPower,
              {v.code, v.department_code, std::string(PowerTypeCode(v.type)), ToJsonText(v)});
}

void SqlCatalogStore::Upsert(const LicenceType& v) {
  tx_.Execute(sql::kUpsertCatalogLicenceType, {v.code, v.issuer_department_code, ToJsonText(v)});
}

void SqlCatalogStore::Upsert(const DataItem& v) {
  tx_.Execute(sql::kUpsertCatalogDataItem, {v.code, v.provider_department_code, ToJsonText(v)});
}

std::vector<Region> SqlCatalogStore::Regions() {
  return DecodeAll<Region>(tx_.Query(sql::kSelectCatalogRegions), "region",
                           [](std::string_view t, std::string_view at) { return RegionFromJsonText(t, at); });
}

std::vector<Department> SqlCatalogStore::Departments() {
  return DecodeAll<Department>(
      tx_.Query(sql::kSelectCatalogDepartments), "department",
      [](std::string_view t, std::string_view at) { return DepartmentFromJsonText(t, at); });
}

std::vector<Power> SqlCatalogStore::Powers() {
  return DecodeAll<Power>(tx_.Query(sql::kSelectCatalogPowers), "power",
                          [](std::string_view t, std::string_view at) { return PowerFromJsonText(t, at); });
}

std::vector<LicenceType> SqlCatalogStore::LicenceTypes() {
  return DecodeAll<LicenceType>(
      tx_.Query(sql::kSelectCatalogLicenceTypes), "licence type",
      [](std::string_view t, std::string_view at) { return LicenceTypeFromJsonText(t, at); });
}

std::vector<DataItem> SqlCatalogStore::DataItems() {
  return DecodeAll<DataItem>(
      tx_.Query(sql::kSelectCatalogDataItems), "data item",
      [](std::string_view t, std::string_view at) { return DataItemFromJsonText(t, at); });
}

std::vector<VersionRow> SqlCatalogStore::Versions(VersionKind kind) {
  return VersionRows(tx_.Query(kind == VersionKind::kItem ? sql::kSelectCatalogItemVersions
                                                          : sql::kSelectCatalogLifeEventVersions));
}

std::vector<VersionRow> SqlCatalogStore::LiveVersions(VersionKind kind) {
  return VersionRows(tx_.Query(kind == VersionKind::kItem ? sql::kSelectCatalogItemVersionsLive
                                                          : sql::kSelectCatalogLifeEventVersionsLive));
}

std::vector<VersionRow> SqlCatalogStore::VersionsOf(VersionKind kind, const std::string& code) {
  return VersionRows(tx_.Query(kind == VersionKind::kItem ? sql::kSelectCatalogItemVersionsByCode
                                                          : sql::kSelectCatalogLifeEventVersionsByCode,
                               {code}));
}

std::vector<std::string> SqlCatalogStore::Codes(VersionKind kind) {
  return Strings(tx_.Query(kind == VersionKind::kItem ? sql::kSelectCatalogItemCodes
                                                      : sql::kSelectCatalogLifeEventCodes));
}

std::vector<std::string> SqlCatalogStore::DraftItemCodes() {
  return Strings(tx_.Query(sql::kSelectCatalogDraftItemCodes));
}

bool SqlCatalogStore::Insert(VersionKind kind, const VersionRow& row) {
  try {
    tx_.Execute(
        kind == VersionKind::kItem ? sql::kInsertCatalogItemVersion : sql::kInsertCatalogLifeEventVersion,
        ParamsOf(row));
    return true;
  } catch (const db::DbError& e) {
    if (e.kind() == db::DbErrorKind::kUniqueViolation) return false;
    throw;
  }
}

bool SqlCatalogStore::Update(VersionKind kind, const VersionRow& row,
                             const std::string& expected_updated_at) {
  db::Params params = ParamsOf(row);
  params.emplace_back(expected_updated_at);
  return 1 == tx_.Execute(kind == VersionKind::kItem ? sql::kUpdateCatalogItemVersion
                                                     : sql::kUpdateCatalogLifeEventVersion,
                          params);
}

bool SqlCatalogStore::DeleteDraft(VersionKind kind, const std::string& code, int version) {
  return 1 == tx_.Execute(kind == VersionKind::kItem ? sql::kDeleteCatalogItemVersion
                                                     : sql::kDeleteCatalogLifeEventVersion,
                          {code, version});
}

}  // namespace tongban::catalog
