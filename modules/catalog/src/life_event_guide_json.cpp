// 一件事 guide (catalog/guide.hpp, BuildLifeEventGuide): one form that asks a
// shared field once, one material list without repeats, one time limit.
//
// Materials are the same when they name the same licence type, else the same
// shared data item, else the same normalised name: trimmed, runs of spaces
// (also U+3000) collapsed to one, and a trailing qualifier "原件", "复印件",
// "原件及复印件" or "原件和复印件" — bare or in (), （） or 【】 — dropped; so
// "结婚证（复印件）", "结婚证 (原件)" and "结婚证" are one material.
#include <boost/json.hpp>
#include <set>
#include <string>
#include <unordered_map>

#include "catalog/guide.hpp"

namespace tongban::catalog {
namespace json = boost::json;
namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string CollapseSpaces(std::string_view name) {
  constexpr std::string_view kIdeographicSpace = "\u3000";
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < name.size();) {
    bool is_space = name[i] == ' ' || name[i] == '\t' || name[i] == '\n' || name[i] == '\r';
    std::size_t width = 1;
    if (name.substr(i, kIdeographicSpace.size()) == kIdeographicSpace) {
      is_space = true;
      width = kIdeographicSpace.size();
    }
    if (is_space) {
      space = true;
    } else {
      if (space && !out.empty()) out.push_back(' ');
      space = false;
      out.append(name.substr(i, width));
    }
    i += width;
  }
  return out;
}

std::string NormalisedName(std::string_view name) {
  static constexpr std::string_view kQualifiers[] = {"原件及复印件", "原件和复印件", "复印件", "原件"};
  static constexpr std::pair<std::string_view, std::string_view> kBrackets[] = {
      {"（", "）"}, {"(", ")"}, {"【", "】"}, {"", ""}};
  std::string out = CollapseSpaces(name);
  for (const auto& [open, close] : kBrackets) {
    bool dropped = false;
    for (std::string_view q : kQualifiers) {
      std::string suffix = std::string(open) + std::string(q) + std::string(close);
      if (EndsWith(out, suffix) && out.size() > suffix.size()) {
        out.resize(out.size() - suffix.size());
        dropped = true;
        break;
      }
    }
    if (dropped) break;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string MaterialKey(const Material& m) {
  if (!m.replaced_by_licence.empty()) return "licence:" + m.replaced_by_licence;
  if (!m.replaced_by_data_item.empty()) return "data:" + m.replaced_by_data_item;
  return "name:" + NormalisedName(m.name);
}

// An item's form schema as an object, or nullptr when it has none or it does
// not parse (the rules keep invalid schemas out of published items).
std::optional<json::object> FormOf(const ServiceItem& item) {
  if (item.form_schema.empty()) return std::nullopt;
  boost::system::error_code ec;
  json::value v = json::parse(item.form_schema, ec);
  if (ec || !v.is_object()) return std::nullopt;
  return std::move(v.as_object());
}

}  // namespace

LifeEventGuide BuildLifeEventGuide(const LifeEvent& event, const std::vector<const ServiceItem*>& items) {
  LifeEventGuide guide;
  guide.event = event;
  guide.committed_limit_days = event.committed_limit_days;
  int longest_committed = 0;

  std::unordered_map<std::string, std::size_t> material_at;
  json::object properties;
  json::object definitions;
  json::array required;
  std::set<std::string> required_seen;
  std::vector<std::string> key_order;
  std::unordered_map<std::string, int> askers;

  for (const ServiceItem* item : items) {
    if (item == nullptr) continue;
    guide.items.push_back(*item);
    longest_committed = std::max(longest_committed, item->committed_limit_days);
    guide.statutory_limit_days = std::max(guide.statutory_limit_days, item->statutory_limit_days);
    guide.trips = std::max(guide.trips, item->trips);

    for (const Material& m : item->materials) {
      ++guide.separate_materials;
      auto [it, inserted] = material_at.emplace(MaterialKey(m), guide.materials.size());
      if (inserted) {
        guide.materials.push_back(MergedMaterial{m, {item->code}});
        continue;
      }
      std::vector<std::string>& codes = guide.materials[it->second].item_codes;
      if (std::find(codes.begin(), codes.end(), item->code) == codes.end()) codes.push_back(item->code);
    }

    std::optional<json::object> form = FormOf(*item);
    if (!form) continue;
    if (const json::value* p = form->if_contains("properties"); p != nullptr && p->is_object()) {
      for (const auto& kv : p->as_object()) {
        std::string key(kv.key());
        if (++askers[key] == 1) {
          key_order.push_back(key);
          properties[kv.key()] = kv.value();  // the first definition wins
        }
      }
    }
    if (const json::value* r = form->if_contains("required"); r != nullptr && r->is_array()) {
      for (const json::value& k : r->as_array()) {
        if (k.is_string() && required_seen.insert(std::string(k.as_string())).second) required.push_back(k);
      }
    }
    // Definitions that $ref points at travel with the properties (first wins).
    if (const json::value* d = form->if_contains("definitions"); d != nullptr && d->is_object()) {
      for (const auto& kv : d->as_object()) {
        if (!definitions.contains(kv.key())) definitions[kv.key()] = kv.value();
      }
    }
  }
  if (guide.committed_limit_days == 0) guide.committed_limit_days = longest_committed;
  for (const std::string& key : key_order) {
    if (askers[key] >= 2) guide.shared_fields.push_back(key);
  }

  json::object merged;
  merged["$schema"] = "http://json-schema.org/draft-07/schema#";
  merged["title"] = event.name;
  merged["type"] = "object";
  merged["properties"] = std::move(properties);
  merged["required"] = std::move(required);
  if (!definitions.empty()) merged["definitions"] = std::move(definitions);
  guide.merged_form_schema = json::serialize(merged);
  return guide;
}

}  // namespace tongban::catalog
