// 办事指南 logic: which situation a set of answers falls in and which
// conditions and materials then apply (the same model drives the apply
// wizard's form and material waivers later), and the merged guide of a life
// event (shared form fields asked once, materials deduplicated).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "catalog/model.hpp"
#include "core/error.hpp"

namespace tongban::catalog {

using Answers = std::map<std::string, std::string>;  // question id → option id

struct Applicable {
  std::string situation_id;                  // empty when questions remain unanswered
  std::vector<std::string> unanswered;       // question ids still needed
  std::vector<const Condition*> conditions;  // pointers into the item
  std::vector<const Material*> materials;
  // Materials a licence or shared data replaces (the applicant brings nothing);
  // not also in `materials`, which is what the applicant brings.
  std::vector<const Material*> waived;
};

// Errors: catalog.unknown_question / catalog.unknown_option, field "/answers/<question id>".
// With unanswered questions, only what applies to every remaining situation is listed.
Result<Applicable> Evaluate(const ServiceItem& item, const Answers& answers);

// Every answer combination of the item's questions, in order (for the
// coverage rule and for tests). Empty questions: one empty combination.
std::vector<Answers> AnswerCombinations(const ServiceItem& item, std::size_t limit = 4096);

struct MergedMaterial {
  Material material;                    // the first occurrence
  std::vector<std::string> item_codes;  // every item that asks for it
};

struct LifeEventGuide {
  LifeEvent event;
  std::vector<ServiceItem> items;          // in the event's order
  std::vector<MergedMaterial> materials;   // deduplicated: same replaced_by_licence, same
                                           // replaced_by_data_item, or the same normalised name
  std::string merged_form_schema;          // JSON Schema text: properties of every item's form
                                           // merged by key (first definition wins), `required` united
  std::vector<std::string> shared_fields;  // keys asked by two or more items' forms
  int committed_limit_days = 0;            // the event's own, else the longest item's
  int statutory_limit_days = 0;            // the longest item's
  int trips = 0;                           // the most trips any item needs
  int separate_materials = 0;              // materials before deduplication (for "saves N")
};

// `items`: the current published version of each of event.item_codes, in order
// (a missing item is skipped by the caller).
LifeEventGuide BuildLifeEventGuide(const LifeEvent& event, const std::vector<const ServiceItem*>& items);

}  // namespace tongban::catalog
