#include "catalog/rules.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "model_fixtures_test.hpp"

namespace tongban::catalog {
namespace {

using fixtures::FullDocument;
using fixtures::FullItem;
using fixtures::FullLifeEvent;

using Fault = std::pair<std::string, std::string>;  // reason, field
using Faults = std::vector<Fault>;

Faults FaultsOf(const std::vector<Error>& errors) {
  Faults out;
  for (const Error& e : errors) {
    EXPECT_EQ(e.code, ErrorCode::kInvalidArgument) << e.reason;
    EXPECT_FALSE(e.message_zh.empty()) << e.reason;
    EXPECT_FALSE(e.message_en.empty()) << e.reason;
    out.emplace_back(e.reason, e.field);
  }
  return out;
}

const KnownCodes& Known() {
  static const KnownCodes known = KnownCodesOf(FullDocument());
  return known;
}

// The faults of the full item after `edit`.
Faults ItemFaults(const std::function<void(ServiceItem&)>& edit, bool publishing = true) {
  ServiceItem item = FullItem();
  edit(item);
  return FaultsOf(ValidateItem(item, Known(), publishing));
}

std::string FirstMessage(const std::function<void(ServiceItem&)>& edit) {
  ServiceItem item = FullItem();
  edit(item);
  std::vector<Error> errors = ValidateItem(item, Known(), true);
  return errors.empty() ? "" : errors.front().message_zh;
}

TEST(CatalogRulesTest, TheFixturesPassEveryRule) {
  EXPECT_EQ(FaultsOf(ValidateItem(FullItem(), Known(), true)), Faults{});
  EXPECT_EQ(FaultsOf(ValidateItem(fixtures::SecondItem(), Known(), true)), Faults{});
  EXPECT_EQ(FaultsOf(ValidateLifeEvent(FullLifeEvent(), Known(), true)), Faults{});
  EXPECT_EQ(FaultsOf(ValidateDocument(FullDocument(), KnownCodes{})), Faults{});
  // A draft may be incomplete where a published version may not.
  ServiceItem draft;
  draft.code = "draft-1";
  draft.name = "草稿事项";
  draft.department_code = "shanghai.civil_affairs";
  EXPECT_EQ(FaultsOf(ValidateItem(draft, Known(), false)), Faults{});
  EXPECT_EQ(FaultsOf(ValidateItem(draft, Known(), true)), (Faults{{"catalog.required", "/category"},
                                                                  {"catalog.required", "/summary"},
                                                                  {"catalog.required", "/power_code"},
                                                                  {"catalog.no_channel", "/windows"}}));
}

TEST(CatalogRulesTest, CodesAndTexts) {
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.code = "ab"; }), (Faults{{"catalog.invalid_code", "/code"}}));
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.code = "结婚-001"; }),
            (Faults{{"catalog.invalid_code", "/code"}}));
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.code = std::string(65, 'a'); }),
            (Faults{{"catalog.invalid_code", "/code"}}));
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.code = ""; }), (Faults{{"catalog.required", "/code"}}));
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.name = ""; }), (Faults{{"catalog.required", "/name"}}));
  // 100 Chinese characters are 300 bytes and allowed; 101 are not.
  std::string hundred;
  for (int k = 0; k < 100; ++k) hundred += "办";
  EXPECT_EQ(ItemFaults([&](ServiceItem& i) { i.name = hundred; }), Faults{});
  EXPECT_EQ(ItemFaults([&](ServiceItem& i) { i.name = hundred + "事"; }),
            (Faults{{"catalog.too_long", "/name"}}));
  EXPECT_NE(FirstMessage([&](ServiceItem& i) { i.name = hundred + "事"; }).find("事项名称不能超过 100 个字"),
            std::string::npos);
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.summary = std::string(2001, 'x'); }),
            (Faults{{"catalog.too_long", "/summary"}}));
  EXPECT_EQ(ItemFaults([](ServiceItem& i) {
              i.aliases = {"领证", ""};
            }),
            (Faults{{"catalog.required", "/aliases/1"}}));
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.version = 0; }),
            (Faults{{"catalog.out_of_range", "/version"}}));
  // A hostile value is not echoed whole.
  std::string message = FirstMessage([](ServiceItem& i) { i.code = std::string(100000, 'x') + "!"; });
  EXPECT_LE(message.size(), 410u);
  EXPECT_EQ(message.rfind("事项编码“xxx", 0), 0u) << message.substr(0, 40);
}

TEST(CatalogRulesTest, LimitsAndCounts) {
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.committed_limit_days = 21; }),
            (Faults{{"catalog.committed_exceeds_statutory", "/committed_limit_days"}}));
  EXPECT_NE(FirstMessage([](ServiceItem& i) {
              i.committed_limit_days = 21;
            }).find("承诺时限（21 个工作日）不能超过法定时限（20 个工作日）"),
            std::string::npos);
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.committed_limit_days = i.statutory_limit_days; }), Faults{});
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.statutory_limit_days = -1; }),
            (Faults{{"catalog.negative", "/statutory_limit_days"},
                    {"catalog.committed_exceeds_statutory", "/committed_limit_days"}}));
  EXPECT_EQ(ItemFaults([](ServiceItem& i) {
              i.statutory_limit_days = 366;
              i.committed_limit_days = 366;
            }),
            (Faults{{"catalog.out_of_range", "/statutory_limit_days"},
                    {"catalog.out_of_range", "/committed_limit_days"}}));
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.committed_limit_days = -3; }),
            (Faults{{"catalog.negative", "/committed_limit_days"}}));
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.trips = 6; }), (Faults{{"catalog.out_of_range", "/trips"}}));
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.trips = -1; }), (Faults{{"catalog.negative", "/trips"}}));
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.trips = 0; }), Faults{});
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.fees[0].amount_fen = -1; }),
            (Faults{{"catalog.negative", "/fees/0/amount_fen"}}));
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.fees[0].amount_fen = 0; }), Faults{});
  EXPECT_EQ(ItemFaults([](ServiceItem& i) {
              i.fees[0].amount_fen = 0;
              i.fees[0].standard = "";
            }),
            (Faults{{"catalog.required", "/fees/0/standard"}}));
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.materials[1].paper_copies = -1; }),
            (Faults{{"catalog.negative", "/materials/1/paper_copies"}}));
  EXPECT_EQ(ItemFaults([](ServiceItem& i) {
              Material extra = i.materials[2];
              extra.situations.clear();
              for (int k = 0; k < 198; ++k) {
                extra.id = "m" + std::to_string(k);
                i.materials.push_back(extra);
              }
            }),
            (Faults{{"catalog.too_many", "/materials"}}));
}

TEST(CatalogRulesTest, References) {
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.department_code = "shanghai.nowhere"; }),
            (Faults{{"catalog.unknown_department", "/department_code"}}));
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.department_code = ""; }),
            (Faults{{"catalog.required", "/department_code"}}));
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.power_code = "NOPE"; }),
            (Faults{{"catalog.unknown_power", "/power_code"}}));
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.region_codes[1] = "310199"; }),
            (Faults{{"catalog.unknown_region", "/region_codes/1"}}));
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.windows[0].region_code = "999999"; }),
            (Faults{{"catalog.unknown_region", "/windows/0/region_code"}}));
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.materials[0].replaced_by_licence = "dog_licence"; }),
            (Faults{{"catalog.unknown_licence_type", "/materials/0/replaced_by_licence"}}));
  EXPECT_NE(FirstMessage([](ServiceItem& i) {
              i.materials[0].replaced_by_licence = "dog_licence";
            }).find("可替代的电子证照类型“dog_licence”不存在"),
            std::string::npos);
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.materials[2].replaced_by_data_item = "population.pets"; }),
            (Faults{{"catalog.unknown_data_item", "/materials/2/replaced_by_data_item"}}));
  // An e-licence names its licence type; shared data names its data item;
  // a department-issued material names its issuer.
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.materials[0].replaced_by_licence = ""; }),
            (Faults{{"catalog.required", "/materials/0/replaced_by_licence"}}));
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.materials[2].replaced_by_data_item = ""; }),
            (Faults{{"catalog.required", "/materials/2/replaced_by_data_item"}}));
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.materials[1].source = MaterialSource::kDepartmentIssued; }),
            (Faults{{"catalog.required", "/materials/1/issuer_department_code"}}));
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.materials[0].issuer_department_code = "shanghai.x"; }),
            (Faults{{"catalog.unknown_department", "/materials/0/issuer_department_code"}}));
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.result.licence_type_code = "divorce_certificate"; }),
            (Faults{{"catalog.unknown_licence_type", "/result/licence_type_code"}}));
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.result.licence_type_code = ""; }),
            (Faults{{"catalog.required", "/result/licence_type_code"}}));
  EXPECT_EQ(ItemFaults([](ServiceItem& i) {
              i.result.kind = ResultKind::kDocument;
              i.result.licence_type_code = "";
            }),
            Faults{});
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.materials[1].sample_file = "/etc/passwd"; }),
            (Faults{{"catalog.invalid_file", "/materials/1/sample_file"}}));
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.materials[1].blank_form_file = "/files/catalog/../../x"; }),
            (Faults{{"catalog.invalid_file", "/materials/1/blank_form_file"}}));
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.online_url = "javascript:alert(1)"; }),
            (Faults{{"catalog.invalid_url", "/online_url"}}));
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.online_url = "https://zwdt.sh.gov.cn/x"; }), Faults{});
}

TEST(CatalogRulesTest, IdsSituationsAndTheirReferences) {
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.materials[1].id = "hukou"; }),
            (Faults{{"catalog.duplicate_id", "/materials/1/id"}}));
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.materials[1].id = "Photo"; }),
            (Faults{{"catalog.invalid_code", "/materials/1/id"}}));
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.conditions[1].id = "age"; }),
            (Faults{{"catalog.duplicate_id", "/conditions/1/id"}}));
  EXPECT_EQ(ItemFaults([](ServiceItem& i) {
              i.questions[0].options.push_back(Option{"both", "再选一次"});
            }),
            (Faults{{"catalog.duplicate_id", "/questions/0/options/2/id"}}));
  EXPECT_EQ(ItemFaults([](ServiceItem& i) {
              i.questions.push_back(i.questions[0]);
              i.questions[1].text = "再问一次";
            }),
            (Faults{{"catalog.duplicate_id", "/questions/1/id"}}));
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.situations[1].id = "both_local"; }),
            (Faults{{"catalog.duplicate_id", "/situations/1/id"},
                    {"catalog.unknown_situation", "/conditions/1/situations/0"},
                    {"catalog.unknown_situation", "/materials/1/situations/1"},
                    {"catalog.unknown_situation", "/materials/2/situations/0"}}));
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.materials[2].situations = {"nobody"}; }),
            (Faults{{"catalog.unknown_situation", "/materials/2/situations/0"}}));
  EXPECT_EQ(ItemFaults([](ServiceItem& i) {
              i.conditions[0].situations = {"one_local", "gone"};
            }),
            (Faults{{"catalog.unknown_situation", "/conditions/0/situations/1"}}));
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.situations[0].when[0].question_id = "age"; }),
            (Faults{{"catalog.unknown_question", "/situations/0/when/0/question_id"}}));
  EXPECT_EQ(ItemFaults([](ServiceItem& i) {
              i.situations[0].when[0].option_ids = {"both", "neither"};
            }),
            (Faults{{"catalog.unknown_option", "/situations/0/when/0/option_ids/1"}}));
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.situations[0].when[0].option_ids.clear(); }),
            (Faults{{"catalog.required", "/situations/0/when/0/option_ids"}}));
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.questions[0].options.pop_back(); }),
            (Faults{{"catalog.too_few", "/questions/0/options"},
                    {"catalog.unknown_option", "/situations/1/when/0/option_ids/0"}}));
  EXPECT_EQ(ItemFaults([](ServiceItem& i) {
              for (int k = 2; k < 13; ++k)
                i.questions[0].options.push_back(Option{"o" + std::to_string(k), "选项"});
              i.situations[1].when[0].option_ids.push_back("o2");
              for (int k = 3; k < 13; ++k)
                i.situations[1].when[0].option_ids.push_back("o" + std::to_string(k));
            }),
            (Faults{{"catalog.too_many", "/questions/0/options"}}));
  EXPECT_EQ(ItemFaults([](ServiceItem& i) {
              for (int k = 0; k < 8; ++k) {
                i.questions.push_back(Question{"q" + std::to_string(k), "问题", {{"a", "是"}, {"b", "否"}}});
              }
            }),
            (Faults{{"catalog.too_many", "/questions"}}));
}

TEST(CatalogRulesTest, SituationsCoverEveryCombinationExactlyOnce) {
  // Uncovered: the message names the combination in the applicant's words.
  ServiceItem item = FullItem();
  item.situations.pop_back();
  item.conditions[1].situations.clear();
  item.materials[1].situations = {"both_local"};
  item.materials[2].situations.clear();
  std::vector<Error> errors = ValidateItem(item, Known(), true);
  ASSERT_EQ(FaultsOf(errors), (Faults{{"catalog.situation_uncovered", "/situations"}}));
  EXPECT_EQ(errors[0].message_zh, "「双方户籍是否均在本市=一方为本市户籍」未被任何办理情形覆盖");
  EXPECT_EQ(errors[0].message_en, "the answers {residence=one} fall in no situation");

  // Overlap.
  EXPECT_EQ(ItemFaults([](ServiceItem& i) {
              i.situations[1].when[0].option_ids = {"one", "both"};
            }),
            (Faults{{"catalog.situation_overlap", "/situations"}}));
  ServiceItem overlap = FullItem();
  overlap.situations[1].when.clear();  // no clause: every combination
  errors = ValidateItem(overlap, Known(), true);
  ASSERT_EQ(FaultsOf(errors), (Faults{{"catalog.situation_overlap", "/situations"}}));
  EXPECT_EQ(
      errors[0].message_zh,
      "「双方户籍是否均在本市=均为本市户籍」同时属于多个办理情形：「双方均为本市户籍」「一方为本市户籍」");

  // Two questions: a situation per answer of the first leaves nothing
  // uncovered; one naming both questions leaves the rest uncovered.
  EXPECT_EQ(ItemFaults([](ServiceItem& i) {
              i.questions.push_back(Question{"age", "是否年满18周岁？", {{"yes", "是"}, {"no", "否"}}});
            }),
            Faults{});
  ServiceItem two = FullItem();
  two.questions.push_back(Question{"age", "是否年满18周岁？", {{"yes", "是"}, {"no", "否"}}});
  two.situations[1].when.push_back(Clause{"age", {"yes"}});
  errors = ValidateItem(two, Known(), true);
  ASSERT_EQ(FaultsOf(errors), (Faults{{"catalog.situation_uncovered", "/situations"}}));
  EXPECT_EQ(errors[0].message_zh,
            "「双方户籍是否均在本市=一方为本市户籍，是否年满18周岁=否」未被任何办理情形覆盖");

  // Questions without situations: every combination is uncovered.
  ServiceItem bare = FullItem();
  bare.situations.clear();
  bare.conditions[1].situations.clear();
  bare.materials[1].situations.clear();
  bare.materials[2].situations.clear();
  EXPECT_EQ(FaultsOf(ValidateItem(bare, Known(), true)),
            (Faults{{"catalog.situation_uncovered", "/situations"},
                    {"catalog.situation_uncovered", "/situations"}}));
  // No questions and no situations: nothing to cover.
  bare.questions.clear();
  EXPECT_EQ(FaultsOf(ValidateItem(bare, Known(), true)), Faults{});
  // No questions: one situation without clauses covers the one empty combination; two overlap.
  bare.situations = {Situation{"all", "全部情形", {}, ""}};
  EXPECT_EQ(FaultsOf(ValidateItem(bare, Known(), true)), Faults{});
  bare.situations.push_back(Situation{"again", "又一个", {}, ""});
  errors = ValidateItem(bare, Known(), true);
  ASSERT_EQ(FaultsOf(errors), (Faults{{"catalog.situation_overlap", "/situations"}}));
  EXPECT_EQ(errors[0].message_zh, "「（无问题）」同时属于多个办理情形：「全部情形」「又一个」");

  // Many uncovered combinations: ten named, then a count of the rest.
  ServiceItem many = FullItem();
  for (int k = 0; k < 4; ++k) {
    many.questions.push_back(Question{"q" + std::to_string(k), "问题", {{"a", "是"}, {"b", "否"}}});
  }
  many.situations[0].when.push_back(Clause{"q0", {"a"}});
  many.situations[1].when.push_back(Clause{"q0", {"a"}});
  errors = ValidateItem(many, Known(), true);
  ASSERT_EQ(errors.size(), 11u);
  EXPECT_EQ(errors.back().message_zh, "另有 6 种答案组合未被覆盖");

  // Too many combinations: 12^4 > 4096; the coverage check does not run.
  ServiceItem huge = FullItem();
  for (int k = 0; k < 4; ++k) {
    Question q{"h" + std::to_string(k), "问题", {}};
    for (int o = 0; o < 12; ++o) q.options.push_back(Option{"o" + std::to_string(o), "选项"});
    huge.questions.push_back(q);
  }
  EXPECT_EQ(FaultsOf(ValidateItem(huge, Known(), true)),
            (Faults{{"catalog.too_many_combinations", "/questions"}}));
}

TEST(CatalogRulesTest, ChannelMaterialFlagsDatesAndFormSchema) {
  EXPECT_EQ(ItemFaults([](ServiceItem& i) {
              i.windows.clear();
              i.online_url.clear();
            }),
            (Faults{{"catalog.no_channel", "/windows"}}));
  EXPECT_EQ(ItemFaults(
                [](ServiceItem& i) {
                  i.windows.clear();
                  i.online_url.clear();
                },
                false),
            Faults{});
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.windows.clear(); }), Faults{});
  // zero_material with a required material the applicant brings.
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.materials[1].necessity = Necessity::kRequired; }),
            (Faults{{"catalog.zero_material_inconsistent", "/zero_material"},
                    {"catalog.gaps_inconsistent", "/accept_with_gaps"}}));
  EXPECT_EQ(ItemFaults([](ServiceItem& i) {
              i.materials[1].necessity = Necessity::kRequired;
              i.accept_with_gaps = false;
              i.zero_material = false;
            }),
            Faults{});
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.accept_with_gaps = false; }),
            (Faults{{"catalog.gaps_inconsistent", "/accept_with_gaps"}}));
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.materials[1].necessity = Necessity::kOptional; }),
            (Faults{{"catalog.gaps_inconsistent", "/accept_with_gaps"}}));
  // Dates: real calendar days, and the period in order.
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.effective_from = "2026-02-29"; }),
            (Faults{{"catalog.invalid_date", "/effective_from"}}));
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.effective_from = "2028-02-29"; }),
            (Faults{{"catalog.invalid_date", "/effective_to"}}));  // after effective_to
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.effective_to = "2026/12/31"; }),
            (Faults{{"catalog.invalid_date", "/effective_to"}}));
  EXPECT_EQ(ItemFaults([](ServiceItem& i) { i.effective_to = ""; }), Faults{});
  // Form schemas.
  auto schema_fault = [](std::string schema) {
    return ItemFaults([&](ServiceItem& i) { i.form_schema = schema; });
  };
  Faults invalid{{"catalog.invalid_form_schema", "/form_schema"}};
  EXPECT_EQ(schema_fault(""), Faults{});
  EXPECT_EQ(schema_fault(R"({"type":"object"})"), Faults{});
  EXPECT_EQ(schema_fault("{"), invalid);
  EXPECT_EQ(schema_fault("[]"), invalid);
  EXPECT_EQ(schema_fault(R"({"properties":{}})"), invalid);            // no type
  EXPECT_EQ(schema_fault(R"({"type":"array","items":{}})"), invalid);  // not an object form
  EXPECT_EQ(schema_fault(R"({"type":"object","properties":{"a":{"type":"text"}}})"), invalid);
  EXPECT_EQ(schema_fault(R"({"type":"object","properties":{"a":{"minLength":-1}}})"), invalid);
  EXPECT_EQ(schema_fault(R"({"type":"object","required":"a"})"), invalid);
  EXPECT_EQ(schema_fault(R"({"type":"object","properties":{"a":{"$ref":"https://example.com/s.json"}}})"),
            invalid);
  EXPECT_EQ(schema_fault(R"({"type":"object","properties":{"a":{"$ref":"#/definitions/b"}},)"
                         R"("definitions":{"b":{"type":"string"}}})"),
            Faults{});
  std::string wide = R"({"type":"object","properties":{)";
  for (int k = 0; k < 201; ++k) wide += (k ? "," : "") + std::string("\"f") + std::to_string(k) + "\":{}";
  EXPECT_EQ(schema_fault(wide + "}}"), invalid);
  ServiceItem item = FullItem();
  item.form_schema = R"({"type":"object","properties":{"a":{"type":"text"}}})";
  std::vector<Error> errors = ValidateItem(item, Known(), false);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].message_zh.find("在线表单定义"), std::string::npos) << errors[0].message_zh;
}

TEST(CatalogRulesTest, LifeEvents) {
  auto faults = [](const std::function<void(LifeEvent&)>& edit, bool publishing = true) {
    LifeEvent event = FullLifeEvent();
    edit(event);
    return FaultsOf(ValidateLifeEvent(event, Known(), publishing));
  };
  EXPECT_EQ(faults([](LifeEvent& e) { e.item_codes.pop_back(); }),
            (Faults{{"catalog.too_few_items", "/item_codes"}}));
  EXPECT_EQ(faults([](LifeEvent& e) { e.item_codes.push_back(fixtures::kItemCode); }),
            (Faults{{"catalog.duplicate_item", "/item_codes/2"}}));
  EXPECT_EQ(faults([](LifeEvent& e) { e.item_codes[1] = "310000-XX-QR-9999"; }),
            (Faults{{"catalog.unknown_item", "/item_codes/1"}}));
  EXPECT_EQ(faults([](LifeEvent& e) { e.lead_department_code = "shanghai.none"; }),
            (Faults{{"catalog.unknown_department", "/lead_department_code"}}));
  EXPECT_EQ(faults([](LifeEvent& e) { e.code = "le"; }), (Faults{{"catalog.invalid_code", "/code"}}));
  EXPECT_EQ(faults([](LifeEvent& e) { e.name = ""; }), (Faults{{"catalog.required", "/name"}}));
  EXPECT_EQ(faults([](LifeEvent& e) { e.summary = ""; }), (Faults{{"catalog.required", "/summary"}}));
  EXPECT_EQ(faults([](LifeEvent& e) { e.summary = ""; }, false), Faults{});
  EXPECT_EQ(faults([](LifeEvent& e) { e.committed_limit_days = -1; }),
            (Faults{{"catalog.negative", "/committed_limit_days"}}));
  EXPECT_EQ(faults([](LifeEvent& e) { e.effective_to = "2026-13-01"; }),
            (Faults{{"catalog.invalid_date", "/effective_to"}}));
}

TEST(CatalogRulesTest, ReferenceRecords) {
  const KnownCodes& k = Known();
  // Codes fit their level.
  EXPECT_EQ(FaultsOf(ValidateRegion(Region{"3101010", "黄浦", RegionLevel::kDistrict, "310000", "", ""}, k)),
            (Faults{{"catalog.invalid_code", "/code"}}));
  EXPECT_EQ(FaultsOf(ValidateRegion(Region{"310101", "街道", RegionLevel::kStreet, "310101", "", ""}, k)),
            (Faults{{"catalog.invalid_code", "/code"}, {"catalog.unknown_parent", "/parent_code"}}));
  EXPECT_EQ(
      FaultsOf(ValidateRegion(Region{"310101002-c2", "中心", RegionLevel::kCentre, "310101002", "", ""}, k)),
      Faults{});
  EXPECT_EQ(
      FaultsOf(ValidateRegion(Region{"310101003-c1", "中心", RegionLevel::kCentre, "310101002", "", ""}, k)),
      (Faults{{"catalog.invalid_code", "/code"}}));
  EXPECT_EQ(
      FaultsOf(ValidateRegion(Region{"310101002-c01", "中心", RegionLevel::kCentre, "310101002", "", ""}, k)),
      (Faults{{"catalog.invalid_code", "/code"}}));
  EXPECT_NE(ValidateRegion(Region{"310101002-x", "中心", RegionLevel::kCentre, "310101002", "", ""}, k)
                .at(0)
                .message_zh.find("310101002-c1"),
            std::string::npos);
  EXPECT_EQ(FaultsOf(ValidateRegion(Region{"31", "上海", RegionLevel::kCity, "", "", ""}, k)),
            (Faults{{"catalog.invalid_code", "/code"}}));
  EXPECT_EQ(FaultsOf(ValidateRegion(Region{"310000", "上海", RegionLevel::kCity, "310101", "", ""}, k)),
            (Faults{{"catalog.level_mismatch", "/parent_code"}}));
  EXPECT_EQ(FaultsOf(ValidateRegion(Region{"310120", "奉贤区", RegionLevel::kDistrict, "", "", ""}, k)),
            (Faults{{"catalog.required", "/parent_code"}}));
  EXPECT_EQ(FaultsOf(ValidateRegion(Region{"310120", "奉贤区", RegionLevel::kDistrict, "320000", "", ""}, k)),
            (Faults{{"catalog.unknown_parent", "/parent_code"}}));
  EXPECT_EQ(FaultsOf(ValidateRegion(Region{"310120", "奉贤区", RegionLevel::kDistrict, "310120", "", ""}, k)),
            (Faults{{"catalog.unknown_parent", "/parent_code"}}));
  EXPECT_EQ(FaultsOf(ValidateDepartment(
                Department{"Shanghai.X", "部门", "", DepartmentLevel::kCity, "310000", ""}, k)),
            (Faults{{"catalog.invalid_code", "/code"}}));
  EXPECT_EQ(
      FaultsOf(ValidateDepartment(Department{"shanghai.x", "部门", "", DepartmentLevel::kCity, "", ""}, k)),
      (Faults{{"catalog.required", "/region_code"}}));
  EXPECT_EQ(FaultsOf(ValidateDepartment(
                Department{"shanghai.x", "部门", "", DepartmentLevel::kCity, "310000", "shanghai.y"}, k)),
            (Faults{{"catalog.unknown_parent", "/parent_code"}}));
  EXPECT_EQ(
      FaultsOf(ValidatePower(Power{"P1", "许可", PowerType::kLicensing, "shanghai.y", {""}}, k)),
      (Faults{{"catalog.unknown_department", "/department_code"}, {"catalog.required", "/legal_basis/0"}}));
  EXPECT_EQ(
      FaultsOf(ValidateLicenceType(LicenceType{"dog", "养犬登记证", "shanghai.y", Holder::kPerson, -1}, k)),
      (Faults{{"catalog.unknown_department", "/issuer_department_code"},
              {"catalog.negative", "/validity_years"}}));
  EXPECT_EQ(FaultsOf(ValidateDataItem(DataItem{"population basic", "", "", ""}, k)),
            (Faults{{"catalog.invalid_code", "/code"}, {"catalog.required", "/name"}}));
}

TEST(CatalogRulesTest, DocumentChecksCodesTreeAndEveryRecord) {
  CatalogDocument doc = FullDocument();
  doc.departments.push_back(doc.departments[1]);                      // a duplicate code
  doc.items.push_back(doc.items[1]);                                  // the same code and version twice
  doc.items.back().version = 2;                                       // … now a second version: fine
  doc.items.push_back(doc.items[0]);                                  // duplicate of item 0 v3
  doc.regions[2].parent_code = "310000";                              // a street under the city
  doc.items[1].committed_limit_days = 99;                             // a rule inside a record
  doc.life_events[0].item_codes.push_back("310000-ZZ-QR-0001");       // an unknown item
  doc.departments[0].parent_code = "shanghai.huangpu.civil_affairs";  // a cycle with departments[2]
  Faults got = FaultsOf(ValidateDocument(doc, KnownCodes{}));
  Faults want = {
      {"catalog.code_taken", "/departments/3/code"},
      {"catalog.code_taken", "/items/3/code"},
      {"catalog.level_mismatch", "/regions/2/parent_code"},
      {"catalog.unknown_parent", "/departments/0/parent_code"},
      {"catalog.unknown_parent", "/departments/2/parent_code"},
      {"catalog.committed_exceeds_statutory", "/items/1/committed_limit_days"},
      {"catalog.unknown_item", "/life_events/0/item_codes/2"},
  };
  EXPECT_EQ(got, want);
  std::vector<Error> errors = ValidateDocument(doc, KnownCodes{});
  EXPECT_NE(errors[0].message_zh.find("/departments/1"), std::string::npos) << errors[0].message_zh;

  // What the database holds counts as known.
  CatalogDocument items_only;
  items_only.items = {FullItem()};
  EXPECT_EQ(FaultsOf(ValidateDocument(items_only, Known())), Faults{});
  EXPECT_FALSE(ValidateDocument(items_only, KnownCodes{}).empty());
  // A draft version is held to draft rules only.
  items_only.items[0].status = VersionStatus::kDraft;
  items_only.items[0].windows.clear();
  items_only.items[0].online_url.clear();
  EXPECT_EQ(FaultsOf(ValidateDocument(items_only, Known())), Faults{});
  items_only.items[0].status = VersionStatus::kRetired;
  EXPECT_EQ(FaultsOf(ValidateDocument(items_only, Known())),
            (Faults{{"catalog.no_channel", "/items/0/windows"}}));
}

}  // namespace
}  // namespace tongban::catalog
