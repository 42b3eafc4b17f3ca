#include "catalog/guide.hpp"

#include <gtest/gtest.h>

#include "model_fixtures_test.hpp"

namespace tongban::catalog {
namespace {

using fixtures::FullItem;

template <typename T>
std::vector<std::string> Ids(const std::vector<const T*>& list) {
  std::vector<std::string> out;
  for (const T* x : list) out.push_back(x->id);
  return out;
}

using V = std::vector<std::string>;

TEST(CatalogGuideTest, FullAnswersSelectOneSituation) {
  ServiceItem item = FullItem();
  Result<Applicable> both = Evaluate(item, {{"residence", "both"}});
  ASSERT_TRUE(both.ok());
  EXPECT_EQ(both->situation_id, "both_local");
  EXPECT_EQ(both->unanswered, V{});
  EXPECT_EQ(Ids(both->conditions), V{"age"});
  // hukou is replaced by an e-licence: waived, not brought.
  EXPECT_EQ(Ids(both->materials), V{"photo"});
  EXPECT_EQ(Ids(both->waived), V{"hukou"});

  Result<Applicable> one = Evaluate(item, {{"residence", "one"}});
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->situation_id, "one_local");
  EXPECT_EQ(Ids(one->conditions), (V{"age", "residence_permit"}));
  EXPECT_EQ(Ids(one->materials), V{"photo"});
  EXPECT_EQ(Ids(one->waived), (V{"hukou", "permit"}));
  // Pointers into the item, not copies.
  EXPECT_EQ(one->materials[0], &item.materials[1]);
}

TEST(CatalogGuideTest, PartialAnswersListWhatAppliesToEveryRemainingSituation) {
  ServiceItem item = FullItem();
  item.questions.push_back(Question{"age", "是否年满18周岁？", {{"yes", "是"}, {"no", "否"}}});
  item.situations = {
      Situation{"both_adult", "本市成年", {{"residence", {"both"}}, {"age", {"yes"}}}, ""},
      Situation{"both_minor", "本市未成年", {{"residence", {"both"}}, {"age", {"no"}}}, ""},
      Situation{"one_any", "一方本市", {{"residence", {"one"}}}, ""},
  };
  item.conditions = {Condition{"all", "全部", {}}, Condition{"adults", "成年", {"both_adult"}},
                     Condition{"both", "本市", {"both_adult", "both_minor"}}};
  item.materials[1].situations = {"both_adult", "both_minor", "one_any"};
  item.materials[2].situations = {"one_any"};

  Result<Applicable> none = Evaluate(item, {});
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->situation_id, "");
  EXPECT_EQ(none->unanswered, (V{"residence", "age"}));
  EXPECT_EQ(Ids(none->conditions), V{"all"});
  EXPECT_EQ(Ids(none->materials), V{"photo"});
  EXPECT_EQ(Ids(none->waived), V{"hukou"});

  Result<Applicable> local = Evaluate(item, {{"residence", "both"}});
  ASSERT_TRUE(local.ok());
  EXPECT_EQ(local->situation_id, "");
  EXPECT_EQ(local->unanswered, V{"age"});
  EXPECT_EQ(Ids(local->conditions), (V{"all", "both"}));

  // Answering age alone leaves one_any possible: only "all" applies to every one.
  Result<Applicable> adult = Evaluate(item, {{"age", "yes"}});
  ASSERT_TRUE(adult.ok());
  EXPECT_EQ(adult->unanswered, V{"residence"});
  EXPECT_EQ(Ids(adult->conditions), V{"all"});

  Result<Applicable> full = Evaluate(item, {{"residence", "both"}, {"age", "yes"}});
  ASSERT_TRUE(full.ok());
  EXPECT_EQ(full->situation_id, "both_adult");
  EXPECT_EQ(Ids(full->conditions), (V{"all", "adults", "both"}));
  Result<Applicable> other = Evaluate(item, {{"residence", "one"}, {"age", "no"}});
  EXPECT_EQ(other->situation_id, "one_any");
  EXPECT_EQ(Ids(other->waived), (V{"hukou", "permit"}));
}

TEST(CatalogGuideTest, UnknownAnswersAreErrors) {
  ServiceItem item = FullItem();
  Result<Applicable> q = Evaluate(item, {{"married_before", "yes"}});
  ASSERT_FALSE(q.ok());
  EXPECT_EQ(q.error().reason, "catalog.unknown_question");
  EXPECT_EQ(q.error().field, "/answers/married_before");
  Result<Applicable> o = Evaluate(item, {{"residence", "mars"}});
  ASSERT_FALSE(o.ok());
  EXPECT_EQ(o.error().reason, "catalog.unknown_option");
  EXPECT_EQ(o.error().field, "/answers/residence");
  EXPECT_EQ(o.error().code, ErrorCode::kInvalidArgument);
}

TEST(CatalogGuideTest, ItemsWithoutQuestionsAndUncoveredDrafts) {
  ServiceItem plain = fixtures::SecondItem();
  Result<Applicable> r = Evaluate(plain, {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->situation_id, "");
  EXPECT_EQ(r->unanswered, V{});
  EXPECT_EQ(Ids(r->materials), V{"marriage"});
  EXPECT_EQ(Ids(r->waived), V{"hukou_book"});
  // A draft whose situations miss a combination: only what applies everywhere.
  ServiceItem draft = FullItem();
  draft.situations.pop_back();
  Result<Applicable> d = Evaluate(draft, {{"residence", "one"}});
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->situation_id, "");
  EXPECT_EQ(Ids(d->conditions), V{"age"});
  EXPECT_EQ(Ids(d->materials), V{});
  EXPECT_EQ(Ids(d->waived), V{"hukou"});
}

TEST(CatalogGuideTest, AnswerCombinationsInOrder) {
  ServiceItem item = FullItem();
  item.questions.push_back(Question{"age", "年龄", {{"yes", "是"}, {"no", "否"}, {"unknown", "不详"}}});
  std::vector<Answers> all = AnswerCombinations(item);
  ASSERT_EQ(all.size(), 6u);
  EXPECT_EQ(all[0], (Answers{{"residence", "both"}, {"age", "yes"}}));
  EXPECT_EQ(all[1], (Answers{{"residence", "both"}, {"age", "no"}}));
  EXPECT_EQ(all[3], (Answers{{"residence", "one"}, {"age", "yes"}}));
  EXPECT_EQ(all[5], (Answers{{"residence", "one"}, {"age", "unknown"}}));
  EXPECT_EQ(AnswerCombinations(item, 4).size(), 4u);
  EXPECT_EQ(AnswerCombinations(item, 0).size(), 0u);
  EXPECT_EQ(AnswerCombinations(ServiceItem{}), std::vector<Answers>{Answers{}});
  item.questions[1].options.clear();
  EXPECT_EQ(AnswerCombinations(item).size(), 0u);
}

}  // namespace
}  // namespace tongban::catalog
