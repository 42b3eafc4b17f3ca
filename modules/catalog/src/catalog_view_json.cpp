#include "catalog_view_json.hpp"

#include <boost/json.hpp>
#include <charconv>
#include <cmath>
#include <set>

#include "catalog/json.hpp"
#include "log/log.hpp"

namespace tongban::catalog {
namespace {

namespace json = boost::json;

json::array Strings(const std::vector<std::string>& list) {
  json::array out;
  out.reserve(list.size());
  for (const std::string& s : list) out.emplace_back(s);
  return out;
}

void Add(std::set<std::string>& set, const std::string& code) {
  if (!code.empty()) set.insert(code);
}

template <typename Find>
json::object NamesOf(const std::set<std::string>& codes, Find find) {
  json::object out;
  for (const std::string& code : codes) {
    if (const auto* record = find(code)) out[code] = record->name;
  }
  return out;
}

// JSON strings of the hand-written answers: the platform's escaping (RFC 8259 §7).
void AppendString(std::string& out, std::string_view s) {
  log::AppendJsonString(out, s);
}

void AppendMember(std::string& out, std::string_view key, std::string_view value) {
  AppendString(out, key);
  out.push_back(':');
  AppendString(out, value);
}

void AppendNumber(std::string& out, double v) {
  if (!std::isfinite(v)) v = 0;
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  if (ec != std::errc()) {
    out.push_back('0');
    return;
  }
  out.append(buf, end);
}

}  // namespace

json::object RefsJson(const Snapshot& snapshot, const std::vector<const ServiceItem*>& items,
                      const std::vector<const LifeEvent*>& events) {
  std::set<std::string> departments, regions, powers, licence_types, data_items, item_codes;
  for (const ServiceItem* item : items) {
    Add(item_codes, item->code);
    Add(departments, item->department_code);
    Add(powers, item->power_code);
    for (const std::string& r : item->region_codes) Add(regions, r);
    for (const Window& w : item->windows) Add(regions, w.region_code);
    for (const Material& m : item->materials) {
      Add(departments, m.issuer_department_code);
      Add(licence_types, m.replaced_by_licence);
      Add(data_items, m.replaced_by_data_item);
    }
    Add(licence_types, item->result.licence_type_code);
  }
  for (const LifeEvent* event : events) Add(departments, event->lead_department_code);

  json::object power_names;
  for (const std::string& code : powers) {
    if (const Power* p = snapshot.FindPower(code)) {
      power_names[code] = json::object{{"name", p->name}, {"type", PowerTypeCode(p->type)}};
    }
  }
  json::array life_events;
  if (!item_codes.empty()) {
    for (const LifeEvent& e : snapshot.life_events) {
      for (const std::string& code : e.item_codes) {
        if (item_codes.count(code)) {
          life_events.push_back(json::object{{"code", e.code}, {"name", e.name}});
          break;
        }
      }
    }
  }
  return json::object{
      {"departments", NamesOf(departments, [&](const std::string& c) { return snapshot.FindDepartment(c); })},
      {"regions", NamesOf(regions, [&](const std::string& c) { return snapshot.FindRegion(c); })},
      {"powers", std::move(power_names)},
      {"licence_types",
       NamesOf(licence_types, [&](const std::string& c) { return snapshot.FindLicenceType(c); })},
      {"data_items", NamesOf(data_items, [&](const std::string& c) { return snapshot.FindDataItem(c); })},
      {"life_events", std::move(life_events)}};
}

json::object ItemViewJson(const Snapshot& snapshot, const ServiceItem& item) {
  return json::object{{"item", ToJson(item)}, {"refs", RefsJson(snapshot, {&item}, {})}};
}

json::object LifeEventViewJson(const Snapshot& snapshot, const LifeEvent& event) {
  std::vector<const ServiceItem*> items;
  for (const std::string& code : event.item_codes) {
    if (const ServiceItem* item = snapshot.FindItem(code)) items.push_back(item);
  }
  json::object refs = RefsJson(snapshot, items, {&event});
  refs["life_events"] = json::array{};  // the event itself is not "an event that includes it"
  return json::object{{"life_event", ToJson(event)}, {"refs", std::move(refs)}};
}

json::object ToJson(const ItemSummary& s) {
  return json::object{{"code", s.code},
                      {"version", s.version},
                      {"status", VersionStatusCode(s.status)},
                      {"name", s.name},
                      {"category", s.category},
                      {"target", TargetCode(s.target)},
                      {"department_code", s.department_code},
                      {"power_type", PowerTypeCode(s.power_type)},
                      {"processing_depth", ProcessingDepthCode(s.processing_depth)},
                      {"trips", s.trips},
                      {"committed_limit_days", s.committed_limit_days},
                      {"any_location", s.any_location},
                      {"zero_material", s.zero_material},
                      {"has_draft", s.has_draft},
                      {"updated_at", s.updated_at}};
}

json::object ToJson(const VersionInfo& v) {
  return json::object{{"version", v.version},
                      {"status", VersionStatusCode(v.status)},
                      {"effective_from", v.effective_from},
                      {"effective_to", v.effective_to},
                      {"updated_at", v.updated_at},
                      {"published_at", v.published_at},
                      {"published_by", v.published_by}};
}

// The model's JSON form has no public encoder for a lone material or
// condition: they are encoded inside an otherwise empty item, which gives
// exactly the form they have in an item.
json::array MaterialsJson(const std::vector<Material>& materials) {
  ServiceItem carrier;
  carrier.materials = materials;
  json::value v = ToJson(carrier);
  return std::move(v.as_object()["materials"].as_array());
}

json::array ConditionsJson(const std::vector<Condition>& conditions) {
  ServiceItem carrier;
  carrier.conditions = conditions;
  json::value v = ToJson(carrier);
  return std::move(v.as_object()["conditions"].as_array());
}

json::object ApplicableJson(const Applicable& a) {
  auto copy = [](const auto& pointers) {
    std::vector<std::remove_cvref_t<decltype(*pointers.front())>> out;
    out.reserve(pointers.size());
    for (const auto* p : pointers) out.push_back(*p);
    return out;
  };
  return json::object{{"situation_id", a.situation_id},
                      {"unanswered", Strings(a.unanswered)},
                      {"conditions", ConditionsJson(copy(a.conditions))},
                      {"materials", MaterialsJson(copy(a.materials))},
                      {"waived", MaterialsJson(copy(a.waived))}};
}

json::object GuideJson(const Snapshot& snapshot, const LifeEventGuide& g) {
  json::array items;
  std::vector<const ServiceItem*> pointers;
  for (const ServiceItem& item : g.items) {
    items.push_back(ToJson(item));
    pointers.push_back(&item);
  }
  json::array materials;
  for (const MergedMaterial& m : g.materials) {
    json::array one = MaterialsJson({m.material});
    materials.push_back(
        json::object{{"material", std::move(one.at(0))}, {"item_codes", Strings(m.item_codes)}});
  }
  // The merged schema is JSON text built from the items' schemas; an empty or
  // unreadable one is answered as an empty object schema.
  json::value schema = json::object{};
  if (!g.merged_form_schema.empty()) {
    boost::system::error_code ec;
    json::value parsed = json::parse(g.merged_form_schema, ec);
    if (!ec && parsed.is_object()) schema = std::move(parsed);
  }
  json::object refs = RefsJson(snapshot, pointers, {&g.event});
  refs["life_events"] = json::array{};
  return json::object{{"life_event", ToJson(g.event)},
                      {"items", std::move(items)},
                      {"materials", std::move(materials)},
                      {"merged_form_schema", std::move(schema)},
                      {"shared_fields", Strings(g.shared_fields)},
                      {"committed_limit_days", g.committed_limit_days},
                      {"statutory_limit_days", g.statutory_limit_days},
                      {"trips", g.trips},
                      {"separate_materials", g.separate_materials},
                      {"refs", std::move(refs)}};
}

std::string SearchAnswerJson(std::string_view q, const std::vector<SearchHit>& hits) {
  // The members' names are written as they are (none needs escaping), as
  // are the kind and target codes (our own identifiers); the texts are
  // escaped. Sized once: the texts, twice over for escapes in the question.
  std::size_t size = 32 + 2 * q.size();
  for (const SearchHit& h : hits) {
    size += 160 + h.code.size() + h.name.size() + h.department_code.size() + h.department_name.size();
  }
  std::string out;
  out.reserve(size);
  out.append("{\"q\":");
  AppendString(out, q);
  out.append(",\"hits\":[");
  bool first = true;
  for (const SearchHit& h : hits) {
    out.append(first ? "{\"kind\":\"" : ",{\"kind\":\"");
    first = false;
    out.append(HitKindCode(h.kind));
    out.append("\",\"code\":");
    AppendString(out, h.code);
    out.append(",\"name\":");
    AppendString(out, h.name);
    out.append(",\"department_code\":");
    AppendString(out, h.department_code);
    out.append(",\"department_name\":");
    AppendString(out, h.department_name);
    out.append(",\"target\":\"");
    out.append(TargetCode(h.target));
    out.append("\",\"score\":");
    AppendNumber(out, h.score);
    out.push_back('}');
  }
  out.append("]}");
  return out;
}

std::string SuggestAnswerJson(const std::vector<Suggestion>& suggestions) {
  std::string out;
  out.reserve(32 + suggestions.size() * 100);
  out.append("{\"suggestions\":[");
  bool first = true;
  for (const Suggestion& s : suggestions) {
    if (!first) out.push_back(',');
    first = false;
    out.push_back('{');
    AppendMember(out, "kind", HitKindCode(s.kind));
    out.push_back(',');
    AppendMember(out, "code", s.code);
    out.push_back(',');
    AppendMember(out, "name", s.name);
    out.push_back('}');
  }
  out.append("]}");
  return out;
}

}  // namespace tongban::catalog
