// 导入 — the whole-catalog import, planned against what the database holds
// (merge semantics: catalog/catalog.hpp, ImportReport) and applied only when
// nothing is rejected.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.hpp"
#include "sql_catalog_store.hpp"

namespace tongban::catalog {

struct ImportPlan {
  ImportReport report;
  CatalogDocument doc;  // bookkeeping filled in where the document left it empty
  std::vector<bool> region_changes, department_changes, power_changes, licence_type_changes,
      data_item_changes;
  // Per doc.items / doc.life_events: 0 unchanged, 1 insert, 2 replace a draft.
  std::vector<int> item_actions, life_event_actions;
};

// Validates the document against itself and the database and decides what
// each record does. report.rejected lists every bad record with every error.
ImportPlan PlanImport(SqlCatalogStore& store, CatalogDocument doc, const std::string& now,
                      const std::string& actor);
// Writes the plan (no rejections). Returns nothing: a failure is a DbError.
void ApplyImport(SqlCatalogStore& store, const ImportPlan& plan);

// Errors whose field is "/<array>/<n>/…" grouped by record, in order of the
// first error; the code is looked up with `code_at` (kind, index) → code.
std::vector<RejectedRecord> GroupByRecord(
    const std::vector<Error>& errors,
    const std::function<std::string(const std::string& kind, std::size_t index)>& code_at);

// The rejected records of a document that did not decode (import_json.cpp):
// codes are read from the raw JSON where it parses at all.
std::vector<RejectedRecord> RejectedFromDecodeErrors(std::string_view text, const std::vector<Error>& errors);

}  // namespace tongban::catalog
