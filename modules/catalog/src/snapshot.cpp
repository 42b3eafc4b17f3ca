#include "snapshot.hpp"

#include <algorithm>

#include "catalog/codec.hpp"

namespace tongban::catalog {
namespace {

template <typename T>
const T* FindIn(const std::vector<T>& v, const std::unordered_map<std::string, std::size_t>& index,
                std::string_view code) {
  auto it = index.find(std::string(code));
  return it == index.end() ? nullptr : &v[it->second];
}

template <typename T>
void Index(const std::vector<T>& v, std::unordered_map<std::string, std::size_t>& index) {
  index.reserve(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) index.emplace(v[i].code, i);
}

// For each code, the row offered today: the latest effective_from, then the
// highest version. Rows come ordered by code.
std::vector<const VersionRow*> OfferedRows(const std::vector<VersionRow>& rows, const std::string& today) {
  std::vector<const VersionRow*> out;
  for (const VersionRow& r : rows) {
    if (!OffersOn(r.status, r.effective_from, r.effective_to, today)) continue;
    if (!out.empty() && out.back()->code == r.code) {
      const VersionRow* best = out.back();
      if (r.effective_from > best->effective_from ||
          (r.effective_from == best->effective_from && r.version > best->version)) {
        out.back() = &r;
      }
      continue;
    }
    out.push_back(&r);
  }
  return out;
}

}  // namespace

bool OffersOn(VersionStatus status, const std::string& effective_from, const std::string& effective_to,
              const std::string& today) {
  if (status == VersionStatus::kDraft || effective_from.empty() || effective_from > today) return false;
  if (effective_to.empty()) return true;
  if (status == VersionStatus::kRetired) return effective_to > today;
  return effective_to >= today;
}

const Region* Snapshot::FindRegion(std::string_view code) const {
  return FindIn(regions, region_index, code);
}
const Department* Snapshot::FindDepartment(std::string_view code) const {
  return FindIn(departments, department_index, code);
}
const Power* Snapshot::FindPower(std::string_view code) const {
  return FindIn(powers, power_index, code);
}
const LicenceType* Snapshot::FindLicenceType(std::string_view code) const {
  return FindIn(licence_types, licence_type_index, code);
}
const DataItem* Snapshot::FindDataItem(std::string_view code) const {
  return FindIn(data_items, data_item_index, code);
}
const ServiceItem* Snapshot::FindItem(std::string_view code) const {
  return FindIn(items, item_index, code);
}
const LifeEvent* Snapshot::FindLifeEvent(std::string_view code) const {
  return FindIn(life_events, life_event_index, code);
}

std::shared_ptr<const Snapshot> SnapshotBuilder::Build(db::Transaction& tx, const std::string& today) {
  std::lock_guard lock(mutex_);
  SqlCatalogStore store(tx);
  auto s = std::make_shared<Snapshot>();
  s->revision = store.Revision();
  s->date = today;
  s->regions = store.Regions();
  s->departments = store.Departments();
  s->powers = store.Powers();
  s->licence_types = store.LicenceTypes();
  s->data_items = store.DataItems();

  std::vector<VersionRow> item_rows = store.LiveVersions(VersionKind::kItem);
  std::unordered_map<std::string, Cached<ServiceItem>> items;
  for (const VersionRow* r : OfferedRows(item_rows, today)) {
    std::string key = r->code + "\n" + std::to_string(r->version);
    auto it = items_.find(key);
    std::shared_ptr<const ServiceItem> value;
    if (it != items_.end() && it->second.document == r->document) {
      value = it->second.value;
    } else {
      value = std::make_shared<const ServiceItem>(DecodeItem(*r));
    }
    s->items.push_back(*value);
    items.emplace(std::move(key), Cached<ServiceItem>{r->document, std::move(value)});
  }
  items_ = std::move(items);

  std::vector<VersionRow> event_rows = store.LiveVersions(VersionKind::kLifeEvent);
  std::unordered_map<std::string, Cached<LifeEvent>> events;
  for (const VersionRow* r : OfferedRows(event_rows, today)) {
    std::string key = r->code + "\n" + std::to_string(r->version);
    auto it = life_events_.find(key);
    std::shared_ptr<const LifeEvent> value;
    if (it != life_events_.end() && it->second.document == r->document) {
      value = it->second.value;
    } else {
      value = std::make_shared<const LifeEvent>(DecodeLifeEvent(*r));
    }
    s->life_events.push_back(*value);
    events.emplace(std::move(key), Cached<LifeEvent>{r->document, std::move(value)});
  }
  life_events_ = std::move(events);

  Index(s->regions, s->region_index);
  Index(s->departments, s->department_index);
  Index(s->powers, s->power_index);
  Index(s->licence_types, s->licence_type_index);
  Index(s->data_items, s->data_item_index);
  Index(s->items, s->item_index);
  Index(s->life_events, s->life_event_index);

  std::vector<const ServiceItem*> item_ptrs;
  item_ptrs.reserve(s->items.size());
  for (const ServiceItem& i : s->items) item_ptrs.push_back(&i);
  std::vector<const LifeEvent*> event_ptrs;
  event_ptrs.reserve(s->life_events.size());
  for (const LifeEvent& e : s->life_events) event_ptrs.push_back(&e);
  std::vector<const Department*> department_ptrs;
  department_ptrs.reserve(s->departments.size());
  for (const Department& d : s->departments) department_ptrs.push_back(&d);
  s->search = SearchIndex::Build(text_, lexicon_, item_ptrs, event_ptrs, department_ptrs);
  return s;
}

}  // namespace tongban::catalog
