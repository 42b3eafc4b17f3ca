// 校验规则 (catalog/rules.hpp). Each check appends an Error naming the field
// and carrying a Chinese message an operator can act on; nothing stops at the
// first failure. Labels in messages are the guide's own words (事项名称,
// 承诺时限 …) so the console can show them beside the field.
#include "catalog/rules.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>

#include "catalog/guide.hpp"
#include "rules_json.hpp"
#include "situation_match.hpp"
#include "time/date.hpp"

namespace tongban::catalog {
namespace {

// Limits (modules/catalog/README.md, "Model and rules").
constexpr std::size_t kMaxNameChars = 100;
constexpr std::size_t kMaxSummaryChars = 2000;
constexpr std::size_t kMaxTextChars = 500;   // a condition, a requirement, a legal basis, an address …
constexpr std::size_t kMaxShortChars = 100;  // an alias, a keyword, a category, an option …
constexpr std::size_t kMaxMaterials = 200;
constexpr std::size_t kMaxQuestions = 8;
constexpr std::size_t kMinOptions = 2;
constexpr std::size_t kMaxOptions = 12;
constexpr std::size_t kMaxListEntries = 50;  // aliases, keywords, conditions, situations, fees, windows …
constexpr int kMaxLimitDays = 365;
constexpr int kMaxTrips = 5;
constexpr int kMaxPaperCopies = 99;
constexpr int kMaxValidityYears = 100;
constexpr std::size_t kMaxCombinations = 4096;
constexpr std::size_t kMaxReportedCombinations = 10;  // per kind (uncovered, overlap)

std::size_t CodePoints(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}
bool IsLower(char c) {
  return c >= 'a' && c <= 'z';
}
bool IsUpper(char c) {
  return c >= 'A' && c <= 'Z';
}

// [A-Za-z0-9_.-]: item, life event and power codes.
bool ItemCodeChar(char c) {
  return IsDigit(c) || IsLower(c) || IsUpper(c) || c == '_' || c == '.' || c == '-';
}
// [a-z0-9_.-]: departments, licence types, data items.
bool LowerCodeChar(char c) {
  return IsDigit(c) || IsLower(c) || c == '_' || c == '.' || c == '-';
}
// [0-9a-z-]: regions.
bool RegionCodeChar(char c) {
  return IsDigit(c) || IsLower(c) || c == '-';
}
// [a-z0-9_]: ids within an item.
bool IdChar(char c) {
  return IsDigit(c) || IsLower(c) || c == '_';
}

bool Matches(std::string_view s, std::size_t min, std::size_t max, bool (*ok)(char)) {
  return s.size() >= min && s.size() <= max && std::all_of(s.begin(), s.end(), ok);
}

std::string N(std::size_t n) {
  return std::to_string(n);
}

constexpr std::size_t kMaxMessageBytes = 400;

std::string Shortened(std::string message) {
  if (message.size() <= kMaxMessageBytes) return message;
  std::size_t n = kMaxMessageBytes;
  while (n > 0 && (static_cast<unsigned char>(message[n]) & 0xC0) == 0x80) --n;  // a code point boundary
  message.resize(n);
  return message + "…";
}

// A pointer below `at`: At("/materials", 2) → "/materials/2".
std::string At(const std::string& at, std::string_view key) {
  return at + "/" + std::string(key);
}
std::string At(const std::string& at, std::size_t index) {
  return at + "/" + N(index);
}

// One failure list with the checks every record shares.
class Checker {
 public:
  explicit Checker(std::string prefix = {}) : prefix_(std::move(prefix)) {}

  std::vector<Error> Take() { return std::move(errors_); }

  // Messages quote what the operator typed; a hostile value is cut short.
  void Fail(std::string reason, const std::string& field, std::string zh, std::string en) {
    errors_.push_back(Error::Make(ErrorCode::kInvalidArgument, std::move(reason), Shortened(std::move(zh)),
                                  Shortened(std::move(en)), prefix_ + field));
  }

  // A text: required (non-empty) and at most `max` code points.
  void Text(const std::string& field, const std::string& value, std::string_view zh, std::string_view en,
            bool required, std::size_t max) {
    if (value.empty()) {
      if (required)
        Fail("catalog.required", field, std::string(zh) + "不能为空", std::string(en) + " is required");
      return;
    }
    if (std::size_t n = CodePoints(value); n > max) {
      Fail("catalog.too_long", field,
           std::string(zh) + "不能超过 " + N(max) + " 个字（现有 " + N(n) + " 个）",
           std::string(en) + " must be at most " + N(max) + " characters (it has " + N(n) + ")");
    }
  }

  // A list of texts: at most `max` entries, each non-empty and at most `chars` long.
  void Texts(const std::string& field, const std::vector<std::string>& values, std::string_view zh,
             std::string_view en, std::size_t max, std::size_t chars) {
    Count(field, values.size(), zh, en, max);
    for (std::size_t i = 0; i < values.size(); ++i) {
      Text(At(field, i), values[i], std::string(zh) + "第 " + N(i + 1) + " 项",
           std::string(en) + " entry " + N(i + 1), true, chars);
    }
  }

  void Count(const std::string& field, std::size_t n, std::string_view zh, std::string_view en,
             std::size_t max) {
    if (n > max) {
      Fail("catalog.too_many", field, std::string(zh) + "最多 " + N(max) + " 项（现有 " + N(n) + " 项）",
           std::string(en) + ": at most " + N(max) + " entries (there are " + N(n) + ")");
    }
  }

  void Code(const std::string& field, const std::string& value, std::size_t min, std::size_t max,
            bool (*ok)(char), std::string_view zh, std::string_view en, std::string_view format) {
    if (value.empty()) {
      Fail("catalog.required", field, std::string(zh) + "不能为空", std::string(en) + " is required");
    } else if (!Matches(value, min, max, ok)) {
      Fail("catalog.invalid_code", field,
           std::string(zh) + "“" + value + "”格式不正确，应为 " + std::string(format),
           std::string(en) + " \"" + value + "\" must match " + std::string(format));
    }
  }

  void Id(const std::string& field, const std::string& value, std::string_view zh, std::string_view en) {
    Code(field, value, 1, 32, IdChar, zh, en, "[a-z0-9_]{1,32}");
  }

  // An integer in min..max: below zero is catalog.negative, above max out of range.
  void Range(const std::string& field, std::int64_t value, std::int64_t max, std::string_view zh,
             std::string_view en) {
    if (value < 0) {
      Fail("catalog.negative", field, std::string(zh) + "不能小于 0",
           std::string(en) + " must not be negative");
    } else if (value > max) {
      Fail("catalog.out_of_range", field, std::string(zh) + "不能大于 " + std::to_string(max),
           std::string(en) + " must be at most " + std::to_string(max));
    }
  }

  // A reference to a record of another kind; empty passes unless required.
  void Ref(const std::string& field, const std::string& value, const std::unordered_set<std::string>& known,
           std::string reason, std::string_view zh, std::string_view en, bool required = false) {
    if (value.empty()) {
      if (required)
        Fail("catalog.required", field, std::string(zh) + "不能为空", std::string(en) + " is required");
      return;
    }
    if (known.count(value) == 0) {
      Fail(std::move(reason), field, std::string(zh) + "“" + value + "”不存在",
           std::string(en) + " \"" + value + "\" does not exist");
    }
  }

  void Date(const std::string& field, const std::string& value, std::string_view zh, std::string_view en) {
    if (value.empty()) return;
    if (!calendar::Date::Parse(value).ok()) {
      Fail("catalog.invalid_date", field, std::string(zh) + "“" + value + "”不是有效日期（格式 YYYY-MM-DD）",
           std::string(en) + " \"" + value + "\" is not a date (YYYY-MM-DD)");
    }
  }

  // effective_to, when both are set, is not before effective_from.
  void Period(const std::string& from, const std::string& to) {
    auto f = calendar::Date::Parse(from);
    auto t = calendar::Date::Parse(to);
    if (f.ok() && t.ok() && *t < *f) {
      Fail("catalog.invalid_date", "/effective_to", "失效日期“" + to + "”早于生效日期“" + from + "”",
           "effective_to \"" + to + "\" is before effective_from \"" + from + "\"");
    }
  }

  // A file under /files/catalog/ (the operator console's uploads), or empty.
  void File(const std::string& field, const std::string& value, std::string_view zh, std::string_view en) {
    if (value.empty()) return;
    bool ok = value.rfind("/files/catalog/", 0) == 0 && value.find("..") == std::string::npos &&
              value.size() <= 200 && value.size() > std::string_view("/files/catalog/").size();
    if (!ok) {
      Fail("catalog.invalid_file", field, std::string(zh) + "应为 /files/catalog/ 下的文件路径",
           std::string(en) + " must be a path under /files/catalog/");
    }
  }

  // Ids unique within a list: the second and later uses are catalog.duplicate_id.
  template <typename T>
  void UniqueIds(const std::string& field, const std::vector<T>& list, std::string_view zh,
                 std::string_view en) {
    std::map<std::string, std::size_t> first;
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (list[i].id.empty()) continue;
      auto [it, inserted] = first.emplace(list[i].id, i);
      if (!inserted) {
        Fail("catalog.duplicate_id", At(At(field, i), "id"),
             std::string(zh) + "编号“" + list[i].id + "”与第 " + N(it->second + 1) + " 项重复",
             std::string(en) + " id \"" + list[i].id + "\" repeats entry " + N(it->second + 1));
      }
    }
  }

 private:
  std::string prefix_;
  std::vector<Error> errors_;
};

// 「双方户籍是否均在本市=一方为本市户籍」 — a combination as the applicant sees it.
std::string CombinationText(const ServiceItem& item, const Answers& answers, bool chinese) {
  std::string out;
  for (const Question& q : item.questions) {
    auto a = answers.find(q.id);
    if (a == answers.end()) continue;
    if (!out.empty()) out += chinese ? "，" : ", ";
    if (!chinese) {
      out += q.id + "=" + a->second;
      continue;
    }
    std::string question = q.text;
    for (std::string_view mark : {"？", "?"}) {
      if (question.size() >= mark.size() &&
          question.compare(question.size() - mark.size(), mark.size(), mark) == 0) {
        question.resize(question.size() - mark.size());
      }
    }
    std::string option = a->second;
    for (const Option& o : q.options) {
      if (o.id == a->second) option = o.text;
    }
    out += question + "=" + option;
  }
  return out;
}

// The answers fall in exactly one situation, for every combination.
void CheckCoverage(const ServiceItem& item, Checker& c) {
  if (item.situations.empty() && item.questions.empty()) return;
  std::size_t combinations = 1;
  for (const Question& q : item.questions) {
    combinations *= std::max<std::size_t>(q.options.size(), 1);
    if (combinations > kMaxCombinations) {
      c.Fail("catalog.too_many_combinations", "/questions",
             "办理情形问题的答案组合超过 " + N(kMaxCombinations) + " 种，请减少问题或选项",
             "the questions have more than " + N(kMaxCombinations) + " answer combinations");
      return;
    }
  }
  std::size_t uncovered = 0;
  std::size_t overlaps = 0;
  for (const Answers& answers : AnswerCombinations(item, kMaxCombinations)) {
    std::vector<const Situation*> hits;
    for (const Situation& s : item.situations) {
      if (detail::SituationHolds(s, answers)) hits.push_back(&s);
    }
    std::string zh = answers.empty() ? "（无问题）" : CombinationText(item, answers, true);
    if (hits.empty() && uncovered++ < kMaxReportedCombinations) {
      c.Fail("catalog.situation_uncovered", "/situations", "「" + zh + "」未被任何办理情形覆盖",
             "the answers {" + CombinationText(item, answers, false) + "} fall in no situation");
    }
    if (hits.size() > 1 && overlaps++ < kMaxReportedCombinations) {
      std::string zh_names;
      std::string en_names;
      for (const Situation* s : hits) {
        zh_names += (zh_names.empty() ? "「" : "」「") + (s->name.empty() ? s->id : s->name);
        en_names += (en_names.empty() ? "" : ", ") + s->id;
      }
      c.Fail("catalog.situation_overlap", "/situations",
             "「" + zh + "」同时属于多个办理情形：" + zh_names + "」",
             "the answers {" + CombinationText(item, answers, false) +
                 "} fall in several situations: " + en_names);
    }
  }
  auto more = [&](std::size_t n, std::string reason, std::string_view zh, std::string_view en) {
    if (n > kMaxReportedCombinations) {
      c.Fail(std::move(reason), "/situations",
             "另有 " + N(n - kMaxReportedCombinations) + " 种答案组合" + std::string(zh),
             N(n - kMaxReportedCombinations) + " more answer combinations " + std::string(en));
    }
  };
  more(uncovered, "catalog.situation_uncovered", "未被覆盖", "fall in no situation");
  more(overlaps, "catalog.situation_overlap", "属于多个办理情形", "fall in several situations");
}

// Questions, options, situations and their clauses. Returns whether they are
// sound enough for the coverage rule to say something useful.
bool CheckQuestionsAndSituations(const ServiceItem& item, Checker& c) {
  bool sound = true;
  auto fail = [&](std::string reason, const std::string& field, std::string zh, std::string en) {
    sound = false;
    c.Fail(std::move(reason), field, std::move(zh), std::move(en));
  };
  if (item.questions.size() > kMaxQuestions) {
    fail("catalog.too_many", "/questions", "办理情形问题最多 " + N(kMaxQuestions) + " 个",
         "at most " + N(kMaxQuestions) + " questions");
  }
  for (std::size_t i = 0; i < item.questions.size(); ++i) {
    const Question& q = item.questions[i];
    std::string at = At("/questions", i);
    std::string zh = "问题 " + N(i + 1);
    std::string en = "question " + N(i + 1);
    c.Id(At(at, "id"), q.id, zh + "的编号", en + " id");
    c.Text(At(at, "text"), q.text, zh + "的内容", en + " text", true, kMaxTextChars);
    if (q.options.size() < kMinOptions) {
      fail("catalog.too_few", At(at, "options"), zh + "至少需要 " + N(kMinOptions) + " 个选项",
           en + " needs at least " + N(kMinOptions) + " options");
    } else if (q.options.size() > kMaxOptions) {
      fail("catalog.too_many", At(at, "options"), zh + "最多 " + N(kMaxOptions) + " 个选项",
           en + " has more than " + N(kMaxOptions) + " options");
    }
    for (std::size_t j = 0; j < q.options.size(); ++j) {
      std::string oat = At(At(at, "options"), j);
      c.Id(At(oat, "id"), q.options[j].id, zh + "选项 " + N(j + 1) + " 的编号",
           en + " option " + N(j + 1) + " id");
      c.Text(At(oat, "text"), q.options[j].text, zh + "选项 " + N(j + 1) + " 的内容",
             en + " option " + N(j + 1) + " text", true, kMaxShortChars);
    }
    std::set<std::string> seen;
    for (std::size_t j = 0; j < q.options.size(); ++j) {
      if (!q.options[j].id.empty() && !seen.insert(q.options[j].id).second) {
        fail("catalog.duplicate_id", At(At(At(at, "options"), j), "id"),
             zh + "的选项编号“" + q.options[j].id + "”重复",
             en + ": option id \"" + q.options[j].id + "\" repeats");
      }
    }
  }
  {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < item.questions.size(); ++i) {
      if (!item.questions[i].id.empty() && !seen.insert(item.questions[i].id).second) {
        fail("catalog.duplicate_id", At(At("/questions", i), "id"),
             "问题编号“" + item.questions[i].id + "”重复",
             "question id \"" + item.questions[i].id + "\" repeats");
      }
    }
  }
  c.Count("/situations", item.situations.size(), "办理情形", "situations", kMaxListEntries);
  for (std::size_t i = 0; i < item.situations.size(); ++i) {
    const Situation& s = item.situations[i];
    std::string at = At("/situations", i);
    std::string zh = "办理情形 " + N(i + 1);
    std::string en = "situation " + N(i + 1);
    c.Id(At(at, "id"), s.id, zh + "的编号", en + " id");
    c.Text(At(at, "name"), s.name, zh + "的名称", en + " name", true, kMaxShortChars);
    c.Text(At(at, "description"), s.description, zh + "的说明", en + " description", false, kMaxTextChars);
    for (std::size_t j = 0; j < s.when.size(); ++j) {
      const Clause& clause = s.when[j];
      std::string cat = At(At(at, "when"), j);
      auto q = std::find_if(item.questions.begin(), item.questions.end(),
                            [&](const Question& x) { return x.id == clause.question_id; });
      if (q == item.questions.end()) {
        fail("catalog.unknown_question", At(cat, "question_id"),
             zh + "引用的问题“" + clause.question_id + "”不存在",
             en + " names question \"" + clause.question_id + "\", which the item lacks");
        continue;
      }
      if (clause.option_ids.empty()) {
        fail("catalog.required", At(cat, "option_ids"), zh + "的条件至少选择一个答案",
             en + ": a clause needs at least one option");
      }
      for (std::size_t k = 0; k < clause.option_ids.size(); ++k) {
        const std::string& o = clause.option_ids[k];
        if (std::none_of(q->options.begin(), q->options.end(), [&](const Option& x) { return x.id == o; })) {
          fail("catalog.unknown_option", At(At(cat, "option_ids"), k),
               zh + "引用的选项“" + o + "”不是问题“" + q->id + "”的选项",
               en + " names option \"" + o + "\", which question \"" + q->id + "\" lacks");
        }
      }
    }
  }
  return sound;
}

void CheckSituationRefs(const std::string& at, const std::vector<std::string>& situations,
                        const ServiceItem& item, Checker& c, const std::string& zh, const std::string& en) {
  for (std::size_t k = 0; k < situations.size(); ++k) {
    const std::string& id = situations[k];
    if (std::none_of(item.situations.begin(), item.situations.end(),
                     [&](const Situation& s) { return s.id == id; })) {
      c.Fail("catalog.unknown_situation", At(At(at, "situations"), k),
             zh + "引用的办理情形“" + id + "”不存在",
             en + " names situation \"" + id + "\", which the item lacks");
    }
  }
}

// What the applicant must bring themselves: not replaced by a licence or shared data.
bool ApplicantSupplied(const Material& m) {
  return m.replaced_by_licence.empty() && m.replaced_by_data_item.empty() &&
         (m.source == MaterialSource::kApplicant || m.source == MaterialSource::kDepartmentIssued);
}

void CheckMaterials(const ServiceItem& item, const KnownCodes& known, Checker& c) {
  c.Count("/materials", item.materials.size(), "申请材料", "materials", kMaxMaterials);
  c.UniqueIds("/materials", item.materials, "材料", "material");
  for (std::size_t i = 0; i < item.materials.size(); ++i) {
    const Material& m = item.materials[i];
    std::string at = At("/materials", i);
    std::string zh = "材料 " + N(i + 1) + (m.name.empty() ? "" : "「" + m.name + "」");
    std::string en = "material " + N(i + 1);
    c.Id(At(at, "id"), m.id, zh + "的编号", en + " id");
    c.Text(At(at, "name"), m.name, "材料 " + N(i + 1) + " 的名称", en + " name", true, kMaxNameChars);
    c.Ref(At(at, "issuer_department_code"), m.issuer_department_code, known.departments,
          "catalog.unknown_department", zh + "的出具部门", en + " issuer department",
          m.source == MaterialSource::kDepartmentIssued);
    c.Range(At(at, "paper_copies"), m.paper_copies, kMaxPaperCopies, zh + "的纸质份数", en + " paper copies");
    c.File(At(at, "sample_file"), m.sample_file, zh + "的示例样表", en + " sample file");
    c.File(At(at, "blank_form_file"), m.blank_form_file, zh + "的空白表格", en + " blank form");
    c.Ref(At(at, "replaced_by_licence"), m.replaced_by_licence, known.licence_types,
          "catalog.unknown_licence_type", zh + "可替代的电子证照类型", en + " replacing licence type",
          m.source == MaterialSource::kElectronicLicence);
    c.Ref(At(at, "replaced_by_data_item"), m.replaced_by_data_item, known.data_items,
          "catalog.unknown_data_item", zh + "可替代的共享数据项", en + " replacing data item",
          m.source == MaterialSource::kSharedData);
    c.Text(At(at, "requirements"), m.requirements, zh + "的填报要求", en + " requirements", false,
           kMaxTextChars);
    CheckSituationRefs(at, m.situations, item, c, zh, en);
  }
  // 零材料: no applicant-supplied required material applies in any situation.
  if (item.zero_material) {
    for (std::size_t i = 0; i < item.materials.size(); ++i) {
      const Material& m = item.materials[i];
      if (m.necessity == Necessity::kRequired && ApplicantSupplied(m)) {
        c.Fail("catalog.zero_material_inconsistent", "/zero_material",
               "标为“零材料提交”，但材料 " + N(i + 1) + "「" + m.name + "」须由申请人提交",
               "zero_material is set, but material " + N(i + 1) + " (" + m.id +
                   ") must be supplied by the applicant");
        break;
      }
    }
  }
  // 容缺受理 exactly when some material may follow.
  bool may_follow = std::any_of(item.materials.begin(), item.materials.end(),
                                [](const Material& m) { return m.necessity == Necessity::kMayFollow; });
  if (item.accept_with_gaps && !may_follow) {
    c.Fail("catalog.gaps_inconsistent", "/accept_with_gaps", "标为“容缺受理”，但没有可容缺后补的材料",
           "accept_with_gaps is set, but no material may follow");
  } else if (!item.accept_with_gaps && may_follow) {
    c.Fail("catalog.gaps_inconsistent", "/accept_with_gaps", "有可容缺后补的材料，但未标为“容缺受理”",
           "a material may follow, but accept_with_gaps is not set");
  }
}

void CheckOnlineUrl(const std::string& url, Checker& c) {
  if (url.empty()) return;
  bool ok = (url.rfind("/", 0) == 0 && url.rfind("//", 0) != 0) || url.rfind("https://", 0) == 0 ||
            url.rfind("http://", 0) == 0;
  ok = ok && url.size() <= 500 && std::none_of(url.begin(), url.end(), [](char ch) {
         return ch == ' ' || ch == '"' || ch == '<' || ch == '>';
       });
  if (!ok) {
    c.Fail("catalog.invalid_url", "/online_url", "网上办理地址应为站内路径（/apply/…）或 http(s) 网址",
           "online_url must be a path on this site (/apply/…) or an http(s) URL");
  }
}

}  // namespace

namespace {

// GB/T 2260 for the city and districts, the statistical division code for
// streets, and a street's code plus "-c<n>" for its centres.
bool RegionCodeFitsLevel(const Region& r) {
  auto digits = [](std::string_view s, std::size_t n) {
    return s.size() == n && std::all_of(s.begin(), s.end(), IsDigit);
  };
  switch (r.level) {
    case RegionLevel::kCity:
    case RegionLevel::kDistrict: return digits(r.code, 6);
    case RegionLevel::kStreet: return digits(r.code, 9);
    case RegionLevel::kCentre: {
      std::string prefix = r.parent_code + "-c";
      if (r.parent_code.empty() || r.code.rfind(prefix, 0) != 0) return false;
      std::string_view n = std::string_view(r.code).substr(prefix.size());
      return !n.empty() && n.size() <= 3 && n[0] != '0' && std::all_of(n.begin(), n.end(), IsDigit);
    }
  }
  return false;
}

std::string RegionCodeShape(const Region& r, bool chinese) {
  switch (r.level) {
    case RegionLevel::kCity:
    case RegionLevel::kDistrict:
      return chinese ? "市、区为 6 位数字（如 310101）" : "6 digits for a city or district (310101)";
    case RegionLevel::kStreet:
      return chinese ? "街镇为 9 位数字（如 310101002）" : "9 digits for a street (310101002)";
    case RegionLevel::kCentre:
      return chinese ? "受理中心为所属街镇代码加“-c序号”（如 310101002-c1）"
                     : "a centre is its street's code plus \"-c<n>\" (310101002-c1)";
  }
  return {};
}

}  // namespace

KnownCodes KnownCodesOf(const CatalogDocument& doc) {
  KnownCodes known;
  for (const Region& r : doc.regions) known.regions.insert(r.code);
  for (const Department& d : doc.departments) known.departments.insert(d.code);
  for (const Power& p : doc.powers) known.powers.insert(p.code);
  for (const LicenceType& l : doc.licence_types) known.licence_types.insert(l.code);
  for (const DataItem& d : doc.data_items) known.data_items.insert(d.code);
  for (const ServiceItem& i : doc.items) known.items.insert(i.code);
  return known;
}

// What items and life events share: code, version, effective dates, name,
// aliases and keywords.
template <typename T>
void CheckVersioned(Checker& c, const T& v, const char* code_zh, const char* code_en, const char* name_zh) {
  c.Code("/code", v.code, 3, 64, ItemCodeChar, code_zh, code_en, "[A-Za-z0-9_.-]{3,64}");
  if (v.version < 1) {
    c.Fail("catalog.out_of_range", "/version", "版本号应为正整数", "version must be 1 or more");
  }
  c.Date("/effective_from", v.effective_from, "生效日期", "effective_from");
  c.Date("/effective_to", v.effective_to, "失效日期", "effective_to");
  c.Period(v.effective_from, v.effective_to);
  c.Text("/name", v.name, name_zh, "name", true, kMaxNameChars);
  c.Texts("/aliases", v.aliases, "别名", "aliases", kMaxListEntries, kMaxShortChars);
  c.Texts("/keywords", v.keywords, "关键词", "keywords", kMaxListEntries, kMaxShortChars);
}

std::vector<Error> ValidateItem(const ServiceItem& item, const KnownCodes& known, bool publishing) {
  Checker c;
  CheckVersioned(c, item, "事项编码", "item code", "事项名称");
  c.Text("/category", item.category, "主题分类", "category", publishing, kMaxShortChars);
  c.Text("/summary", item.summary, "事项概述", "summary", publishing, kMaxSummaryChars);
  c.Ref("/power_code", item.power_code, known.powers, "catalog.unknown_power", "权力事项编码", "power_code",
        publishing);
  c.Ref("/department_code", item.department_code, known.departments, "catalog.unknown_department", "实施主体",
        "department_code", true);
  c.Count("/region_codes", item.region_codes.size(), "办理区划", "region_codes", 300);
  for (std::size_t i = 0; i < item.region_codes.size(); ++i) {
    c.Ref(At("/region_codes", i), item.region_codes[i], known.regions, "catalog.unknown_region", "办理区划",
          "region", true);
  }

  if (CheckQuestionsAndSituations(item, c)) CheckCoverage(item, c);
  c.UniqueIds("/situations", item.situations, "办理情形", "situation");

  c.Count("/conditions", item.conditions.size(), "受理条件", "conditions", kMaxListEntries);
  c.UniqueIds("/conditions", item.conditions, "受理条件", "condition");
  for (std::size_t i = 0; i < item.conditions.size(); ++i) {
    const Condition& cond = item.conditions[i];
    std::string at = At("/conditions", i);
    c.Id(At(at, "id"), cond.id, "受理条件 " + N(i + 1) + " 的编号", "condition " + N(i + 1) + " id");
    c.Text(At(at, "text"), cond.text, "受理条件 " + N(i + 1) + " 的内容", "condition " + N(i + 1) + " text",
           true, kMaxTextChars);
    CheckSituationRefs(at, cond.situations, item, c, "受理条件 " + N(i + 1), "condition " + N(i + 1));
  }

  CheckMaterials(item, known, c);

  c.Range("/statutory_limit_days", item.statutory_limit_days, kMaxLimitDays, "法定时限（工作日）",
          "statutory_limit_days");
  c.Range("/committed_limit_days", item.committed_limit_days, kMaxLimitDays, "承诺时限（工作日）",
          "committed_limit_days");
  if (item.committed_limit_days > item.statutory_limit_days) {
    c.Fail("catalog.committed_exceeds_statutory", "/committed_limit_days",
           "承诺时限（" + N(item.committed_limit_days) + " 个工作日）不能超过法定时限（" +
               N(item.statutory_limit_days) + " 个工作日）",
           "committed_limit_days (" + N(item.committed_limit_days) + ") exceeds statutory_limit_days (" +
               N(item.statutory_limit_days) + ")");
  }

  c.Count("/fees", item.fees.size(), "收费项目", "fees", kMaxListEntries);
  for (std::size_t i = 0; i < item.fees.size(); ++i) {
    const Fee& fee = item.fees[i];
    std::string at = At("/fees", i);
    std::string zh = "收费项目 " + N(i + 1);
    std::string en = "fee " + N(i + 1);
    c.Text(At(at, "name"), fee.name, zh + "的名称", en + " name", true, kMaxNameChars);
    if (fee.amount_fen < 0) {
      c.Fail("catalog.negative", At(at, "amount_fen"), zh + "的金额不能小于 0",
             en + " amount must not be negative");
    }
    c.Text(At(at, "standard"), fee.standard, zh + "的收费标准", en + " standard", fee.amount_fen == 0,
           kMaxTextChars);
    c.Text(At(at, "basis"), fee.basis, zh + "的收费依据", en + " basis", false, kMaxTextChars);
  }

  c.Range("/trips", item.trips, kMaxTrips, "跑动次数", "trips");
  c.Texts("/legal_basis", item.legal_basis, "设定依据", "legal_basis", kMaxListEntries, kMaxTextChars);

  c.Count("/windows", item.windows.size(), "办理窗口", "windows", kMaxListEntries);
  for (std::size_t i = 0; i < item.windows.size(); ++i) {
    const Window& w = item.windows[i];
    std::string at = At("/windows", i);
    std::string zh = "办理窗口 " + N(i + 1);
    std::string en = "window " + N(i + 1);
    c.Text(At(at, "name"), w.name, zh + "的名称", en + " name", true, kMaxNameChars);
    c.Ref(At(at, "region_code"), w.region_code, known.regions, "catalog.unknown_region", zh + "的所在区划",
          en + " region");
    c.Text(At(at, "address"), w.address, zh + "的地址", en + " address", false, kMaxTextChars);
    c.Text(At(at, "hours"), w.hours, zh + "的办公时间", en + " hours", false, kMaxShortChars);
    c.Text(At(at, "phone"), w.phone, zh + "的咨询电话", en + " phone", false, 40);
  }
  CheckOnlineUrl(item.online_url, c);
  if (publishing && item.windows.empty() && item.online_url.empty()) {
    c.Fail("catalog.no_channel", "/windows", "发布的事项须至少有一个办理窗口或网上办理地址",
           "a published item needs at least one window or an online_url");
  }

  if (item.result.kind != ResultKind::kNone) {
    c.Text("/result/name", item.result.name, "办理结果名称", "result name", true, kMaxNameChars);
  }
  c.Ref("/result/licence_type_code", item.result.licence_type_code, known.licence_types,
        "catalog.unknown_licence_type", "办理结果的证照类型", "result licence type",
        item.result.kind == ResultKind::kLicence);
  c.File("/result/sample_file", item.result.sample_file, "办理结果样本", "result sample file");

  std::vector<Error> out = c.Take();
  for (Error& e : CheckFormSchema(item.form_schema, "/form_schema")) out.push_back(std::move(e));
  return out;
}

std::vector<Error> ValidateLifeEvent(const LifeEvent& event, const KnownCodes& known, bool publishing) {
  Checker c;
  CheckVersioned(c, event, "一件事编码", "life event code", "一件事名称");
  c.Text("/summary", event.summary, "一件事概述", "summary", publishing, kMaxSummaryChars);
  c.Ref("/lead_department_code", event.lead_department_code, known.departments, "catalog.unknown_department",
        "牵头部门", "lead_department_code", true);
  if (event.item_codes.size() < 2) {
    c.Fail("catalog.too_few_items", "/item_codes", "一件事至少包含 2 个事项",
           "a life event needs at least 2 items");
  }
  c.Count("/item_codes", event.item_codes.size(), "包含的事项", "item_codes", kMaxListEntries);
  std::map<std::string, std::size_t> first;
  for (std::size_t i = 0; i < event.item_codes.size(); ++i) {
    const std::string& code = event.item_codes[i];
    std::string at = At("/item_codes", i);
    c.Ref(at, code, known.items, "catalog.unknown_item", "事项", "item", true);
    auto [it, inserted] = first.emplace(code, i);
    if (!inserted) {
      c.Fail("catalog.duplicate_item", at, "事项“" + code + "”已在第 " + N(it->second + 1) + " 项列出",
             "item \"" + code + "\" is already entry " + N(it->second + 1));
    }
  }
  c.Range("/committed_limit_days", event.committed_limit_days, kMaxLimitDays, "承诺时限（工作日）",
          "committed_limit_days");
  return c.Take();
}

std::vector<Error> ValidateRegion(const Region& region, const KnownCodes& known) {
  Checker c;
  c.Code("/code", region.code, 6, 20, RegionCodeChar, "区划代码", "region code", "[0-9a-z-]{6,20}");
  if (Matches(region.code, 6, 20, RegionCodeChar) && !RegionCodeFitsLevel(region)) {
    c.Fail("catalog.invalid_code", "/code",
           "区划代码“" + region.code + "”与其层级不符：" + RegionCodeShape(region, true),
           "region code \"" + region.code + "\" does not fit its level: " + RegionCodeShape(region, false));
  }
  c.Text("/name", region.name, "区划名称", "name", true, kMaxNameChars);
  if (region.level == RegionLevel::kCity) {
    if (!region.parent_code.empty()) {
      c.Fail("catalog.level_mismatch", "/parent_code", "市级区划不能有上级区划",
             "a city has no parent region");
    }
  } else if (region.parent_code == region.code && !region.code.empty()) {
    c.Fail("catalog.unknown_parent", "/parent_code", "上级区划不能是其自身",
           "a region cannot be its own parent");
  } else {
    c.Ref("/parent_code", region.parent_code, known.regions, "catalog.unknown_parent", "上级区划",
          "parent region", true);
  }
  c.Text("/address", region.address, "地址", "address", false, kMaxTextChars);
  c.Text("/hours", region.hours, "办公时间", "hours", false, kMaxShortChars);
  return c.Take();
}

std::vector<Error> ValidateDepartment(const Department& department, const KnownCodes& known) {
  Checker c;
  c.Code("/code", department.code, 1, 64, LowerCodeChar, "部门编码", "department code", "[a-z0-9_.-]{1,64}");
  c.Text("/name", department.name, "部门名称", "name", true, kMaxNameChars);
  c.Text("/short_name", department.short_name, "部门简称", "short_name", false, kMaxShortChars);
  c.Ref("/region_code", department.region_code, known.regions, "catalog.unknown_region", "所在区划", "region",
        true);
  if (!department.parent_code.empty() && department.parent_code == department.code) {
    c.Fail("catalog.unknown_parent", "/parent_code", "上级部门不能是其自身",
           "a department cannot be its own parent");
  } else {
    c.Ref("/parent_code", department.parent_code, known.departments, "catalog.unknown_parent", "上级部门",
          "parent department");
  }
  return c.Take();
}

std::vector<Error> ValidatePower(const Power& power, const KnownCodes& known) {
  Checker c;
  c.Code("/code", power.code, 1, 64, ItemCodeChar, "权力事项编码", "power code", "[A-Za-z0-9_.-]{1,64}");
  c.Text("/name", power.name, "权力事项名称", "name", true, kMaxNameChars);
  c.Ref("/department_code", power.department_code, known.departments, "catalog.unknown_department",
        "实施部门", "department", true);
  c.Texts("/legal_basis", power.legal_basis, "设定依据", "legal_basis", kMaxListEntries, kMaxTextChars);
  return c.Take();
}

std::vector<Error> ValidateLicenceType(const LicenceType& type, const KnownCodes& known) {
  Checker c;
  c.Code("/code", type.code, 1, 64, LowerCodeChar, "证照类型编码", "licence type code", "[a-z0-9_.-]{1,64}");
  c.Text("/name", type.name, "证照名称", "name", true, kMaxNameChars);
  c.Ref("/issuer_department_code", type.issuer_department_code, known.departments,
        "catalog.unknown_department", "发证部门", "issuer department");
  c.Range("/validity_years", type.validity_years, kMaxValidityYears, "有效期（年）", "validity_years");
  return c.Take();
}

std::vector<Error> ValidateDataItem(const DataItem& item, const KnownCodes& known) {
  Checker c;
  c.Code("/code", item.code, 1, 64, LowerCodeChar, "共享数据项编码", "data item code", "[a-z0-9_.-]{1,64}");
  c.Text("/name", item.name, "数据项名称", "name", true, kMaxNameChars);
  c.Ref("/provider_department_code", item.provider_department_code, known.departments,
        "catalog.unknown_department", "提供部门", "provider department");
  c.Text("/description", item.description, "说明", "description", false, kMaxTextChars);
  return c.Take();
}

namespace {

void Prefixed(std::vector<Error>& out, std::vector<Error> errors, const std::string& prefix) {
  for (Error& e : errors) {
    e.field = prefix + e.field;
    out.push_back(std::move(e));
  }
}

// catalog.code_taken for the second and later records with the same key.
template <typename T, typename Key>
void UniqueCodes(std::vector<Error>& out, const std::vector<T>& records, std::string_view list, Key key,
                 std::string_view zh) {
  std::map<std::string, std::size_t> first;
  for (std::size_t i = 0; i < records.size(); ++i) {
    std::string k = key(records[i]);
    auto [it, inserted] = first.emplace(k, i);
    if (inserted) continue;
    std::string here = "/" + std::string(list) + "/" + N(i);
    std::string there = "/" + std::string(list) + "/" + N(it->second);
    out.push_back(Error::Make(ErrorCode::kInvalidArgument, "catalog.code_taken",
                              std::string(zh) + "“" + k + "”重复：" + there + " 与 " + here,
                              "\"" + k + "\" appears twice: " + there + " and " + here, here + "/code"));
  }
}

constexpr int LevelRank(RegionLevel level) {
  return static_cast<int>(level);
}

}  // namespace

std::vector<Error> ValidateDocument(const CatalogDocument& doc, const KnownCodes& existing) {
  std::vector<Error> out;
  KnownCodes known = KnownCodesOf(doc);
  known.regions.insert(existing.regions.begin(), existing.regions.end());
  known.departments.insert(existing.departments.begin(), existing.departments.end());
  known.powers.insert(existing.powers.begin(), existing.powers.end());
  known.licence_types.insert(existing.licence_types.begin(), existing.licence_types.end());
  known.data_items.insert(existing.data_items.begin(), existing.data_items.end());
  known.items.insert(existing.items.begin(), existing.items.end());

  UniqueCodes(
      out, doc.regions, "regions", [](const Region& r) { return r.code; }, "区划代码");
  UniqueCodes(
      out, doc.departments, "departments", [](const Department& d) { return d.code; }, "部门编码");
  UniqueCodes(
      out, doc.powers, "powers", [](const Power& p) { return p.code; }, "权力事项编码");
  UniqueCodes(
      out, doc.licence_types, "licence_types", [](const LicenceType& l) { return l.code; }, "证照类型编码");
  UniqueCodes(
      out, doc.data_items, "data_items", [](const DataItem& d) { return d.code; }, "共享数据项编码");
  UniqueCodes(
      out, doc.items, "items",
      [](const ServiceItem& i) {
        return i.code + " v" + N(static_cast<std::size_t>(std::max(i.version, 0)));
      },
      "事项版本");
  UniqueCodes(
      out, doc.life_events, "life_events",
      [](const LifeEvent& e) { return e.code + " v" + N(static_cast<std::size_t>(std::max(e.version, 0))); },
      "一件事版本");

  std::map<std::string, const Region*> regions;
  for (const Region& r : doc.regions) regions.emplace(r.code, &r);
  for (std::size_t i = 0; i < doc.regions.size(); ++i) {
    const Region& r = doc.regions[i];
    std::string at = "/regions/" + N(i);
    Prefixed(out, ValidateRegion(r, known), at);
    auto parent = regions.find(r.parent_code);
    if (r.level != RegionLevel::kCity && parent != regions.end() &&
        LevelRank(parent->second->level) + 1 != LevelRank(r.level)) {
      out.push_back(
          Error::Make(ErrorCode::kInvalidArgument, "catalog.level_mismatch",
                      "区划“" + r.code + "”的上级“" + r.parent_code + "”不是其上一级区划",
                      "region \"" + r.code + "\": parent \"" + r.parent_code + "\" is not one level up",
                      at + "/parent_code"));
    }
  }
  std::map<std::string, const Department*> departments;
  for (const Department& d : doc.departments) departments.emplace(d.code, &d);
  for (std::size_t i = 0; i < doc.departments.size(); ++i) {
    const Department& d = doc.departments[i];
    std::string at = "/departments/" + N(i);
    Prefixed(out, ValidateDepartment(d, known), at);
    // A cycle of parents (a → b → a) within the document.
    std::string code = d.parent_code;
    for (std::size_t steps = 0; !code.empty() && code != d.code && steps <= doc.departments.size(); ++steps) {
      auto p = departments.find(code);
      code = p == departments.end() ? std::string() : p->second->parent_code;
    }
    if (!code.empty() && code == d.code && d.parent_code != d.code) {
      out.push_back(Error::Make(ErrorCode::kInvalidArgument, "catalog.unknown_parent",
                                "部门“" + d.code + "”的上级部门形成循环",
                                "department \"" + d.code + "\": parents form a cycle", at + "/parent_code"));
    }
  }
  for (std::size_t i = 0; i < doc.powers.size(); ++i) {
    Prefixed(out, ValidatePower(doc.powers[i], known), "/powers/" + N(i));
  }
  for (std::size_t i = 0; i < doc.licence_types.size(); ++i) {
    Prefixed(out, ValidateLicenceType(doc.licence_types[i], known), "/licence_types/" + N(i));
  }
  for (std::size_t i = 0; i < doc.data_items.size(); ++i) {
    Prefixed(out, ValidateDataItem(doc.data_items[i], known), "/data_items/" + N(i));
  }
  for (std::size_t i = 0; i < doc.items.size(); ++i) {
    const ServiceItem& item = doc.items[i];
    Prefixed(out, ValidateItem(item, known, item.status != VersionStatus::kDraft), "/items/" + N(i));
  }
  for (std::size_t i = 0; i < doc.life_events.size(); ++i) {
    const LifeEvent& event = doc.life_events[i];
    Prefixed(out, ValidateLifeEvent(event, known, event.status != VersionStatus::kDraft),
             "/life_events/" + N(i));
  }
  return out;
}

}  // namespace tongban::catalog
