// The API's views of catalog records (docs/catalog-format.md, "API"): an item
// or life event with the names of what it points at (Refs), list rows,
// version rows, the evaluation of answers, a life event's guide, and the
// search answers. For catalog_routes.cpp only (Boost.JSON stays in routes and
// *_json.cpp files: this header only names the types, scripts/check-layout).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.hpp"

namespace boost::json {
class array;
class object;
}  // namespace boost::json

namespace tongban::catalog {

// Refs: {"departments": {code: name}, "regions": {code: name}, "powers":
// {code: {"name", "type"}}, "licence_types": {code: name}, "data_items":
// {code: name}, "life_events": [{"code", "name"}]} — every code the records
// name that the snapshot knows; `life_events` are the published life events
// that include one of `items`.
boost::json::object RefsJson(const Snapshot& snapshot, const std::vector<const ServiceItem*>& items,
                             const std::vector<const LifeEvent*>& events);

// {"item": ServiceItem, "refs": Refs}
boost::json::object ItemViewJson(const Snapshot& snapshot, const ServiceItem& item);
// {"life_event": LifeEvent, "refs": Refs}
boost::json::object LifeEventViewJson(const Snapshot& snapshot, const LifeEvent& event);

boost::json::object ToJson(const ItemSummary& summary);
boost::json::object ToJson(const VersionInfo& version);

// Materials and conditions in their JSON form (the same as inside an item).
boost::json::array MaterialsJson(const std::vector<Material>& materials);
boost::json::array ConditionsJson(const std::vector<Condition>& conditions);

// {"situation_id", "unanswered", "conditions", "materials", "waived"}; the
// pointers of `applicable` must point into `item`.
boost::json::object ApplicableJson(const Applicable& applicable);

// {"life_event", "items", "materials": [{"material", "item_codes"}],
//  "merged_form_schema": {…}, "shared_fields", "committed_limit_days",
//  "statutory_limit_days", "trips", "separate_materials", "refs"}
boost::json::object GuideJson(const Snapshot& snapshot, const LifeEventGuide& guide);

// The search answers, written directly (they are benchmarked: no DOM):
// {"q", "hits": [{"kind", "code", "name", "department_code",
// "department_name", "target", "score"}]} and {"suggestions": [{"kind",
// "code", "name"}]}.
std::string SearchAnswerJson(std::string_view q, const std::vector<SearchHit>& hits);
std::string SuggestAnswerJson(const std::vector<Suggestion>& suggestions);

}  // namespace tongban::catalog
