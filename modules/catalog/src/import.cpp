#include "import.hpp"

#include <map>
#include <set>
#include <unordered_map>

#include "catalog/codec.hpp"
#include "catalog/rules.hpp"

namespace tongban::catalog {
namespace {

struct ArrayKind {
  std::string_view array;
  std::string_view kind;
};
constexpr ArrayKind kArrays[] = {{"regions", "region"},        {"departments", "department"},
                                 {"powers", "power"},          {"licence_types", "licence_type"},
                                 {"data_items", "data_item"},  {"items", "item"},
                                 {"life_events", "life_event"}};

template <typename T>
std::string CodeAt(const std::vector<T>& v, std::size_t i) {
  return i < v.size() ? v[i].code : std::string();
}

std::string ContentOf(ServiceItem v) {
  v.created_at.clear();
  v.updated_at.clear();
  v.published_at.clear();
  v.published_by.clear();
  return ToJsonText(v);
}

std::string ContentOf(LifeEvent v) {
  v.created_at.clear();
  v.updated_at.clear();
  v.published_at.clear();
  v.published_by.clear();
  return ToJsonText(v);
}

template <typename T>
void FillBookkeeping(T& v, const std::string& now, const std::string& actor) {
  if (v.created_at.empty()) v.created_at = now;
  if (v.updated_at.empty()) v.updated_at = v.created_at;
  if (v.status != VersionStatus::kDraft) {
    if (v.published_at.empty()) v.published_at = v.updated_at;
    if (v.published_by.empty()) v.published_by = actor;
  }
}

Error Immutable(std::string field) {
  return Error::Make(ErrorCode::kInvalidArgument, "catalog.published_version_immutable",
                     "已发布或已废止的版本不能修改，请以新版本导入",
                     "a published or retired version cannot change; import it as a new version",
                     std::move(field));
}

Error BadVersion(std::string field) {
  return Error::Make(ErrorCode::kInvalidArgument, "catalog.invalid_version", "版本号应为正整数",
                     "a version is a whole number from 1", std::move(field));
}

Error DraftNotLatest(std::string field) {
  return Error::Make(ErrorCode::kInvalidArgument, "catalog.draft_not_latest",
                     "每个事项最多一个草稿，且草稿须为最新版本",
                     "an item has at most one draft, and it is its latest version", std::move(field));
}

// Decides what each version of the document does against the stored rows;
// appends its own errors. T: ServiceItem or LifeEvent.
template <typename T>
std::vector<int> PlanVersions(std::vector<T>& versions, const std::vector<VersionRow>& stored,
                              std::string_view array, const std::string& now, const std::string& actor,
                              int* written, int* unchanged, std::vector<Error>* errors) {
  std::map<std::pair<std::string, int>, const VersionRow*> existing;
  for (const VersionRow& r : stored) existing.emplace(std::make_pair(r.code, r.version), &r);
  // The version set of each code after the import: version → draft?
  std::map<std::string, std::map<int, bool>> after;
  for (const VersionRow& r : stored) after[r.code][r.version] = r.status == VersionStatus::kDraft;
  std::map<std::pair<std::string, int>, std::size_t> seen;

  std::vector<int> actions(versions.size(), 0);
  for (std::size_t i = 0; i < versions.size(); ++i) {
    T& v = versions[i];
    std::string at = "/" + std::string(array) + "/" + std::to_string(i);
    if (v.version < 1) {
      errors->push_back(BadVersion(at + "/version"));
      continue;
    }
    auto key = std::make_pair(v.code, v.version);
    if (!seen.emplace(key, i).second) continue;  // ValidateDocument reports the duplicate
    FillBookkeeping(v, now, actor);
    after[v.code][v.version] = v.status == VersionStatus::kDraft;
    auto it = existing.find(key);
    if (it == existing.end()) {
      actions[i] = 1;
      ++*written;
      continue;
    }
    const VersionRow& row = *it->second;
    std::string stored_content;
    if constexpr (std::is_same_v<T, ServiceItem>) {
      stored_content = ContentOf(DecodeItem(row));
    } else {
      stored_content = ContentOf(DecodeLifeEvent(row));
    }
    if (stored_content == ContentOf(v)) {
      ++*unchanged;
    } else if (row.status == VersionStatus::kDraft) {
      actions[i] = 2;
      ++*written;
    } else {
      errors->push_back(Immutable(at));
    }
  }
  // At most one draft per code, and it is the latest version.
  for (std::size_t i = 0; i < versions.size(); ++i) {
    const T& v = versions[i];
    auto a = after.find(v.code);
    if (a == after.end() || v.version < 1) continue;
    int drafts = 0;
    for (const auto& [version, draft] : a->second) drafts += draft ? 1 : 0;
    bool latest_is_draft = a->second.rbegin()->second;
    if (drafts > 1 || (drafts == 1 && !latest_is_draft)) {
      errors->push_back(DraftNotLatest("/" + std::string(array) + "/" + std::to_string(i) + "/version"));
    }
  }
  return actions;
}

template <typename T>
std::vector<bool> PlanReference(const std::vector<T>& incoming, const std::vector<T>& stored, int* written,
                                int* unchanged) {
  std::unordered_map<std::string, std::string> existing;
  for (const T& s : stored) existing.emplace(s.code, ToJsonText(s));
  std::vector<bool> changes(incoming.size(), false);
  for (std::size_t i = 0; i < incoming.size(); ++i) {
    auto it = existing.find(incoming[i].code);
    if (it != existing.end() && it->second == ToJsonText(incoming[i])) {
      ++*unchanged;
    } else {
      changes[i] = true;
      ++*written;
    }
  }
  return changes;
}

template <typename T>
void AddCodes(const std::vector<T>& v, std::unordered_set<std::string>& out) {
  for (const T& x : v) out.insert(x.code);
}

}  // namespace

std::vector<RejectedRecord> GroupByRecord(
    const std::vector<Error>& errors,
    const std::function<std::string(const std::string& kind, std::size_t index)>& code_at) {
  std::vector<RejectedRecord> out;
  std::map<std::pair<std::string, std::size_t>, std::size_t> position;
  for (const Error& e : errors) {
    std::string kind = "document";
    std::size_t index = 0;
    bool indexed = false;
    for (const ArrayKind& a : kArrays) {
      std::string prefix = "/" + std::string(a.array) + "/";
      if (e.field.rfind(prefix, 0) != 0) continue;
      std::size_t end = e.field.find('/', prefix.size());
      std::string digits =
          e.field.substr(prefix.size(), end == std::string::npos ? std::string::npos : end - prefix.size());
      if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos)
        break;
      kind = std::string(a.kind);
      index = static_cast<std::size_t>(std::stoul(digits));
      indexed = true;
      break;
    }
    auto key = std::make_pair(kind, indexed ? index : std::size_t(-1));
    auto it = position.find(key);
    if (it == position.end()) {
      it = position.emplace(key, out.size()).first;
      out.push_back(RejectedRecord{kind, indexed ? code_at(kind, index) : std::string(), {}});
    }
    out[it->second].errors.push_back(e);
  }
  return out;
}

ImportPlan PlanImport(SqlCatalogStore& store, CatalogDocument doc, const std::string& now,
                      const std::string& actor) {
  ImportPlan plan;
  ImportReport& r = plan.report;
  std::vector<Error> errors;
  if (doc.format != "tongban.catalog/1") {
    errors.push_back(Error::Make(ErrorCode::kInvalidArgument, "catalog.unknown_format",
                                 "文件格式应为 tongban.catalog/1", "the format must be tongban.catalog/1",
                                 "/format"));
  }
  std::vector<Region> regions = store.Regions();
  std::vector<Department> departments = store.Departments();
  std::vector<Power> powers = store.Powers();
  std::vector<LicenceType> licence_types = store.LicenceTypes();
  std::vector<DataItem> data_items = store.DataItems();
  std::vector<VersionRow> item_rows = store.Versions(VersionKind::kItem);
  std::vector<VersionRow> event_rows = store.Versions(VersionKind::kLifeEvent);

  KnownCodes existing;
  AddCodes(regions, existing.regions);
  AddCodes(departments, existing.departments);
  AddCodes(powers, existing.powers);
  AddCodes(licence_types, existing.licence_types);
  AddCodes(data_items, existing.data_items);
  for (const VersionRow& row : item_rows) existing.items.insert(row.code);
  std::vector<Error> rule_errors = ValidateDocument(doc, existing);
  errors.insert(errors.end(), rule_errors.begin(), rule_errors.end());

  plan.region_changes = PlanReference(doc.regions, regions, &r.regions, &r.unchanged);
  plan.department_changes = PlanReference(doc.departments, departments, &r.departments, &r.unchanged);
  plan.power_changes = PlanReference(doc.powers, powers, &r.powers, &r.unchanged);
  plan.licence_type_changes = PlanReference(doc.licence_types, licence_types, &r.licence_types, &r.unchanged);
  plan.data_item_changes = PlanReference(doc.data_items, data_items, &r.data_items, &r.unchanged);
  plan.item_actions =
      PlanVersions(doc.items, item_rows, "items", now, actor, &r.item_versions, &r.unchanged, &errors);
  plan.life_event_actions = PlanVersions(doc.life_events, event_rows, "life_events", now, actor,
                                         &r.life_event_versions, &r.unchanged, &errors);

  const CatalogDocument& d = doc;
  r.rejected = GroupByRecord(errors, [&d](const std::string& kind, std::size_t i) -> std::string {
    if (kind == "region") return CodeAt(d.regions, i);
    if (kind == "department") return CodeAt(d.departments, i);
    if (kind == "power") return CodeAt(d.powers, i);
    if (kind == "licence_type") return CodeAt(d.licence_types, i);
    if (kind == "data_item") return CodeAt(d.data_items, i);
    if (kind == "item") return CodeAt(d.items, i);
    if (kind == "life_event") return CodeAt(d.life_events, i);
    return {};
  });
  plan.doc = std::move(doc);
  return plan;
}

void ApplyImport(SqlCatalogStore& store, const ImportPlan& plan) {
  const CatalogDocument& d = plan.doc;
  for (std::size_t i = 0; i < d.regions.size(); ++i)
    if (plan.region_changes[i]) store.Upsert(d.regions[i]);
  for (std::size_t i = 0; i < d.departments.size(); ++i)
    if (plan.department_changes[i]) store.Upsert(d.departments[i]);
  for (std::size_t i = 0; i < d.powers.size(); ++i)
    if (plan.power_changes[i]) store.Upsert(d.powers[i]);
  for (std::size_t i = 0; i < d.licence_types.size(); ++i)
    if (plan.licence_type_changes[i]) store.Upsert(d.licence_types[i]);
  for (std::size_t i = 0; i < d.data_items.size(); ++i)
    if (plan.data_item_changes[i]) store.Upsert(d.data_items[i]);
  auto write = [&store](VersionKind kind, const VersionRow& row, int action) {
    bool done = action == 1 ? store.Insert(kind, row) : store.Update(kind, row);
    if (!done) {
      throw FatalError(Error::Make(ErrorCode::kConflict, "catalog.concurrent_change",
                                   "事项库同时被修改，请重试", "the catalog changed meanwhile; try again")
                           .WithDetail("import of " + row.code + " v" + std::to_string(row.version)));
    }
  };
  for (std::size_t i = 0; i < d.items.size(); ++i)
    if (plan.item_actions[i] != 0) write(VersionKind::kItem, RowOf(d.items[i]), plan.item_actions[i]);
  for (std::size_t i = 0; i < d.life_events.size(); ++i)
    if (plan.life_event_actions[i] != 0)
      write(VersionKind::kLifeEvent, RowOf(d.life_events[i]), plan.life_event_actions[i]);
}

}  // namespace tongban::catalog
