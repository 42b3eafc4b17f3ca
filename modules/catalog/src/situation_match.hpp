// Whether a set of answers falls in a situation — shared by the guide
// (Evaluate) and the coverage rule, so both read `when` the same way.
#pragma once

#include <algorithm>

#include "catalog/guide.hpp"
#include "catalog/model.hpp"

namespace tongban::catalog::detail {

// Every clause holds: the question is answered with one of its options. A
// clause on an unanswered question holds only when `unanswered_may_hold`
// (an open question may still be answered that way).
inline bool SituationHolds(const Situation& situation, const Answers& answers,
                           bool unanswered_may_hold = false) {
  for (const Clause& clause : situation.when) {
    auto answer = answers.find(clause.question_id);
    if (answer == answers.end()) {
      if (unanswered_may_hold && !clause.option_ids.empty()) continue;
      return false;
    }
    if (std::find(clause.option_ids.begin(), clause.option_ids.end(), answer->second) ==
        clause.option_ids.end()) {
      return false;
    }
  }
  return true;
}

// Whether a condition's or a material's situation list includes `situation_id`
// (an empty list: every situation).
inline bool AppliesIn(const std::vector<std::string>& situations, const std::string& situation_id) {
  return situations.empty() ||
         std::find(situations.begin(), situations.end(), situation_id) != situations.end();
}

}  // namespace tongban::catalog::detail
