// A large synthetic catalog for the search benchmark, grown from the demo
// catalog (data/demo/catalog.json) the way real catalogs grow: the same item
// in other districts and sub-cases (食品经营许可（新办） …), and new items
// recombining the demo's objects and acts (登记, 许可, 申领, 核发 …) under its
// departments. Deterministic: the same demo catalog, count and seed give the
// same items and queries.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "catalog/model.hpp"

namespace tongban::bench {

struct GeneratedCatalog {
  std::vector<catalog::ServiceItem> items;  // the demo's published items first
  // Queries about generated items, as people type them: whole names, the first
  // characters (typeahead-like), one wrong character, the object + 怎么办.
  std::vector<std::string> queries;
};

GeneratedCatalog GenerateCatalog(const catalog::CatalogDocument& demo, std::size_t item_count,
                                 std::uint64_t seed);

}  // namespace tongban::bench
