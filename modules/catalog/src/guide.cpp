// 办事指南 logic (catalog/guide.hpp): which situation answers fall in, and
// what then applies.
#include <algorithm>

#include "catalog/guide.hpp"
#include "situation_match.hpp"

namespace tongban::catalog {
namespace {

// A licence or shared data stands in for the material: the applicant brings nothing.
bool Waived(const Material& m) {
  return !m.replaced_by_licence.empty() || !m.replaced_by_data_item.empty() ||
         m.source == MaterialSource::kElectronicLicence || m.source == MaterialSource::kSharedData;
}

// Whether a condition or material with `situations` applies in every one of
// `remaining`; with no situation left (an item without situations, or answers
// no situation covers) only what applies everywhere does.
bool AppliesInAll(const std::vector<std::string>& situations,
                  const std::vector<const Situation*>& remaining) {
  if (remaining.empty()) return situations.empty();
  return std::all_of(remaining.begin(), remaining.end(),
                     [&](const Situation* s) { return detail::AppliesIn(situations, s->id); });
}

}  // namespace

Result<Applicable> Evaluate(const ServiceItem& item, const Answers& answers) {
  for (const auto& [question_id, option_id] : answers) {
    auto q = std::find_if(item.questions.begin(), item.questions.end(),
                          [&](const Question& x) { return x.id == question_id; });
    std::string field = "/answers/" + question_id;
    if (q == item.questions.end()) {
      return Error::Make(ErrorCode::kInvalidArgument, "catalog.unknown_question", "该事项没有这个问题",
                         "the item has no question \"" + question_id + "\"", field);
    }
    if (std::none_of(q->options.begin(), q->options.end(),
                     [&](const Option& o) { return o.id == option_id; })) {
      return Error::Make(ErrorCode::kInvalidArgument, "catalog.unknown_option", "所选答案不是该问题的选项",
                         "\"" + option_id + "\" is not an option of question \"" + question_id + "\"", field);
    }
  }
  Applicable out;
  for (const Question& q : item.questions) {
    if (answers.count(q.id) == 0) out.unanswered.push_back(q.id);
  }
  std::vector<const Situation*> remaining;
  bool complete = out.unanswered.empty();
  for (const Situation& s : item.situations) {
    if (detail::SituationHolds(s, answers, !complete)) remaining.push_back(&s);
  }
  // Every combination falls in exactly one situation (the coverage rule); a
  // draft that breaks it takes the first.
  if (complete && !remaining.empty()) {
    remaining.erase(remaining.begin() + 1, remaining.end());  // not resize(1): GCC 12 -O3 warns falsely
    out.situation_id = remaining.front()->id;
  }
  for (const Condition& c : item.conditions) {
    if (AppliesInAll(c.situations, remaining)) out.conditions.push_back(&c);
  }
  for (const Material& m : item.materials) {
    if (!AppliesInAll(m.situations, remaining)) continue;
    (Waived(m) ? out.waived : out.materials).push_back(&m);
  }
  return out;
}

std::vector<Answers> AnswerCombinations(const ServiceItem& item, std::size_t limit) {
  std::vector<Answers> out;
  if (limit == 0) return out;
  for (const Question& q : item.questions) {
    if (q.options.empty()) return out;  // no answer possible, so no combination
  }
  // An odometer over the options, the last question turning fastest.
  std::vector<std::size_t> digits(item.questions.size(), 0);
  while (out.size() < limit) {
    Answers a;
    for (std::size_t i = 0; i < digits.size(); ++i)
      a[item.questions[i].id] = item.questions[i].options[digits[i]].id;
    out.push_back(std::move(a));
    std::size_t i = digits.size();
    while (i > 0) {
      --i;
      if (++digits[i] < item.questions[i].options.size()) break;
      digits[i] = 0;
      if (i == 0) return out;
    }
    if (digits.empty()) return out;
  }
  return out;
}

}  // namespace tongban::catalog
