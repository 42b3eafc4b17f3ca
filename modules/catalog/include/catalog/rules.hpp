// 校验规则 — the catalog's rules, each failure an Error naming the field (a
// JSON pointer relative to the record: "/committed_limit_days",
// "/materials/2/replaced_by_licence"), with a Chinese message an operator can
// act on. Every failure is reported, not only the first.
//
// Reason codes (stable):
//   catalog.invalid_code            a code does not have its format
//   catalog.required                a required text is empty (name, summary …)
//   catalog.too_long                a text is longer than its limit
//   catalog.committed_exceeds_statutory   committed limit > statutory limit
//   catalog.negative                a count or amount below zero
//   catalog.duplicate_id            two questions/options/situations/materials share an id
//   catalog.unknown_department      a department code that does not exist
//   catalog.unknown_region
//   catalog.unknown_power
//   catalog.unknown_licence_type    a material's replaced_by_licence or a result's licence type
//   catalog.unknown_data_item       a material's replaced_by_data_item
//   catalog.unknown_situation       a condition/material names a situation the item lacks
//   catalog.unknown_question        a clause names a question the item lacks
//   catalog.unknown_option
//   catalog.situation_uncovered     an answer combination falls in no situation (the message names it)
//   catalog.situation_overlap       an answer combination falls in two situations
//   catalog.too_many_combinations   more than 4096 answer combinations
//   catalog.no_channel              a published item has neither a window nor an online_url
//   catalog.zero_material_inconsistent  zero_material but an applicant-supplied required material applies
//   catalog.gaps_inconsistent       accept_with_gaps differs from "some material may follow"
//   catalog.invalid_form_schema     form_schema is not a JSON object or not a valid draft-07 schema
//   catalog.unknown_item            a life event names an item that does not exist
//   catalog.too_few_items           a life event with fewer than 2 items
//   catalog.duplicate_item          a life event names an item twice
//   catalog.invalid_date            an effective date is not YYYY-MM-DD
//   catalog.unknown_parent          a region/department parent that does not exist, or a cycle
//   catalog.level_mismatch          a region's parent is not one level up
//   catalog.too_many                a list longer than its limit (≤ 200 materials, ≤ 8 questions …)
//   catalog.too_few                 a question with fewer than 2 options
//   catalog.out_of_range            a number above its limit (365 days, 5 trips …) or a version below 1
//   catalog.invalid_file            a sample/blank form/result file not under /files/catalog/
//   catalog.invalid_url             online_url neither a path on this site nor an http(s) URL
//   catalog.code_taken              (ValidateDocument) a code, or a code and version, appears twice
// modules/catalog/README.md ("Model and rules") lists every rule with its field.
#pragma once

#include <string>
#include <unordered_set>
#include <vector>

#include "catalog/model.hpp"
#include "core/error.hpp"

namespace tongban::catalog {

// What exists beside the record being checked.
struct KnownCodes {
  std::unordered_set<std::string> regions;
  std::unordered_set<std::string> departments;
  std::unordered_set<std::string> powers;
  std::unordered_set<std::string> licence_types;
  std::unordered_set<std::string> data_items;
  std::unordered_set<std::string> items;  // any version, any status
};

KnownCodes KnownCodesOf(const CatalogDocument& doc);

// `publishing`: the stricter rules of a published version (no_channel).
std::vector<Error> ValidateItem(const ServiceItem& item, const KnownCodes& known, bool publishing);
std::vector<Error> ValidateLifeEvent(const LifeEvent& event, const KnownCodes& known, bool publishing);
std::vector<Error> ValidateRegion(const Region& region, const KnownCodes& known);
std::vector<Error> ValidateDepartment(const Department& department, const KnownCodes& known);
std::vector<Error> ValidatePower(const Power& power, const KnownCodes& known);
std::vector<Error> ValidateLicenceType(const LicenceType& type, const KnownCodes& known);
std::vector<Error> ValidateDataItem(const DataItem& item, const KnownCodes& known);

// A whole document against itself plus `existing` (what the database already
// holds): codes unique within the document (catalog.code_taken for a
// duplicate, with both positions), every record's rules, region tree levels.
// Fields are prefixed with the record's position: "/items/12/materials/0/type".
std::vector<Error> ValidateDocument(const CatalogDocument& doc, const KnownCodes& existing);

}  // namespace tongban::catalog
