#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <thread>

#include "catalog/search.hpp"

namespace tongban::catalog {
namespace {

ServiceItem Item(std::string code, std::string name, Target target, std::string category,
                 std::vector<std::string> aliases = {}, std::vector<std::string> keywords = {},
                 std::string department = "shanghai.civil") {
  ServiceItem item;
  item.code = std::move(code);
  item.name = std::move(name);
  item.target = target;
  item.category = std::move(category);
  item.aliases = std::move(aliases);
  item.keywords = std::move(keywords);
  item.department_code = std::move(department);
  item.status = VersionStatus::kPublished;
  item.summary = "为" + item.name + "提供办理服务。";
  return item;
}

// A tiny catalog: enough neighbours that ranking is tested, not luck.
class SearchIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto created =
        text::ChineseText::Create({"一网通办", "社保卡", "养犬登记", "营业执照", "公积金", "居住证"});
    ASSERT_TRUE(created.ok());
    text_ = std::move(created).value();
    departments_ = {
        {"shanghai.civil", "上海市民政局", "市民政局", DepartmentLevel::kCity, "310000", ""},
        {"shanghai.police", "上海市公安局", "市公安局", DepartmentLevel::kCity, "310000", ""},
        {"shanghai.market", "上海市市场监督管理局", "市市场监管局", DepartmentLevel::kCity, "310000", ""},
        {"shanghai.hrss", "上海市人力资源和社会保障局", "市人社局", DepartmentLevel::kCity, "310000", ""},
    };
    items_ = {
        Item("civil.marriage", "结婚登记", Target::kResident, "婚姻登记", {}, {"领证", "结婚证"}),
        Item("civil.divorce", "离婚登记", Target::kResident, "婚姻登记", {}, {"离婚证"}),
        Item("police.birth", "出生登记（户口）", Target::kResident, "户籍办理", {"报出生"}, {"新生儿落户"},
             "shanghai.police"),
        Item("police.dog", "养犬登记", Target::kResident, "养犬管理", {}, {"犬只"}, "shanghai.police"),
        Item("police.idcard", "居民身份证申领换领", Target::kResident, "证件办理", {}, {"身份证"},
             "shanghai.police"),
        Item("market.company", "企业设立登记", Target::kEnterprise, "市场主体登记", {}, {"营业执照"},
             "shanghai.market"),
        Item("market.food", "食品经营许可", Target::kEnterprise, "食品经营", {}, {"食品经营许可证"},
             "shanghai.market"),
        Item("hrss.card", "社会保障卡申领", Target::kBoth, "社会保障", {"社保卡办理"}, {"社保卡"},
             "shanghai.hrss"),
        Item("hrss.pension", "职工退休养老金申领", Target::kResident, "养老保险", {}, {"退休"},
             "shanghai.hrss"),
    };
    LifeEvent restaurant;
    restaurant.code = "le.restaurant";
    restaurant.name = "开饭店一件事";
    restaurant.target = Target::kEnterprise;
    restaurant.lead_department_code = "shanghai.market";
    restaurant.item_codes = {"market.company", "market.food"};
    restaurant.summary = "开饭店所需的许可一次办。";
    restaurant.status = VersionStatus::kPublished;
    LifeEvent marriage;
    marriage.code = "le.marriage";
    marriage.name = "结婚一件事";
    marriage.target = Target::kResident;
    marriage.lead_department_code = "shanghai.civil";
    marriage.item_codes = {"civil.marriage", "hrss.card"};
    marriage.status = VersionStatus::kPublished;
    events_ = {restaurant, marriage};

    lexicon_.compounds = {};
    lexicon_.synonyms = {
        {"狗证", {"养犬登记"}},
        {"开公司", {"企业设立登记"}},
        {"开饭店", {"开饭店一件事", "食品经营许可"}},
        {"换身份证", {"居民身份证申领换领"}},
        {"退休金", {"职工退休养老金申领"}},
    };
    Rebuild();
  }

  void Rebuild() {
    std::vector<const ServiceItem*> items;
    for (const auto& i : items_) items.push_back(&i);
    std::vector<const LifeEvent*> events;
    for (const auto& e : events_) events.push_back(&e);
    std::vector<const Department*> departments;
    for (const auto& d : departments_) departments.push_back(&d);
    index_ = SearchIndex::Build(*text_, lexicon_, items, events, departments);
  }

  std::vector<SearchHit> Find(std::string q, std::optional<Target> target = std::nullopt, int limit = 10) {
    SearchQuery query;
    query.q = std::move(q);
    query.target = target;
    query.limit = limit;
    auto hits = index_->Search(query);
    EXPECT_TRUE(hits.ok()) << query.q;
    return hits.ok() ? *hits : std::vector<SearchHit>{};
  }

  std::string First(std::string q) {
    auto hits = Find(q);
    return hits.empty() ? "" : std::string(hits.front().code);
  }

  std::unique_ptr<text::ChineseText> text_;
  std::vector<Department> departments_;
  std::vector<ServiceItem> items_;
  std::vector<LifeEvent> events_;
  Lexicon lexicon_;
  std::unique_ptr<SearchIndex> index_;
};

TEST_F(SearchIndexTest, ExactNameComesFirst) {
  EXPECT_EQ(First("结婚登记"), "civil.marriage");
  EXPECT_EQ(First("离婚登记"), "civil.divorce");
  EXPECT_EQ(First("养犬登记"), "police.dog");
  EXPECT_EQ(index_->documents(), 11u);
}

TEST_F(SearchIndexTest, QuestionAroundANameFindsIt) {
  EXPECT_EQ(First("结婚登记需要哪些材料"), "civil.marriage");
  EXPECT_EQ(First("怎么办社保卡"), "hrss.card");
}

TEST_F(SearchIndexTest, TraditionalCharactersFold) {
  EXPECT_EQ(First("結婚登記"), "civil.marriage");
  EXPECT_EQ(First("養犬登記"), "police.dog");
  EXPECT_EQ(First("營業執照"), "market.company");
}

TEST_F(SearchIndexTest, SynonymsReachTheCatalogsWords) {
  EXPECT_EQ(First("狗证怎么办"), "police.dog");
  EXPECT_EQ(First("我想开公司"), "market.company");
  EXPECT_EQ(First("想开个公司"), "market.company");  // filler inside the phrase
  EXPECT_EQ(First("换身份证"), "police.idcard");
  EXPECT_EQ(First("退休金怎么领"), "hrss.pension");
  // One colloquial phrase, two answers: the life event and the licence.
  auto hits = Find("开饭店");
  ASSERT_GE(hits.size(), 2u);
  std::vector<std::string> top2 = {std::string(hits[0].code), std::string(hits[1].code)};
  EXPECT_NE(std::find(top2.begin(), top2.end(), "le.restaurant"), top2.end());
  EXPECT_NE(std::find(top2.begin(), top2.end(), "market.food"), top2.end());
}

TEST_F(SearchIndexTest, SynonymsToleratesOneWrongCharacter) {
  EXPECT_EQ(First("我想开公私"), "market.company");  // 开公司
  EXPECT_EQ(First("退休今怎么领"), "hrss.pension");  // 退休金
  auto hits = Find("开饭馆");                        // 开饭店
  ASSERT_FALSE(hits.empty());
  EXPECT_TRUE(hits[0].code == "le.restaurant" || hits[0].code == "market.food") << hits[0].code;
}

TEST_F(SearchIndexTest, WithoutTheSynonymTheColloquialWordMisses) {
  lexicon_.synonyms.clear();
  Rebuild();
  EXPECT_NE(First("狗证"), "police.dog");
}

TEST_F(SearchIndexTest, OneWrongCharacterIsTolerated) {
  EXPECT_EQ(First("结昏登记"), "civil.marriage");
  EXPECT_EQ(First("养犬登纪"), "police.dog");
  EXPECT_EQ(First("食品经营许克"), "market.food");
  EXPECT_EQ(First("居民身分证申领"), "police.idcard");
}

TEST_F(SearchIndexTest, RankingOrdersByRelevance) {
  auto hits = Find("登记");
  ASSERT_GE(hits.size(), 4u);
  for (std::size_t i = 1; i < hits.size(); ++i) EXPECT_GE(hits[i - 1].score, hits[i].score);
  // A name word beats a summary mention: 离婚 is only in one name.
  auto divorce = Find("离婚");
  ASSERT_FALSE(divorce.empty());
  EXPECT_EQ(divorce.front().code, "civil.divorce");
  // Department names are searchable, more weakly than names.
  auto market = Find("市场监督管理局");
  ASSERT_FALSE(market.empty());
  EXPECT_EQ(market.front().department_code, "shanghai.market");
  EXPECT_EQ(market.front().department_name, "上海市市场监督管理局");
}

TEST_F(SearchIndexTest, HitsNameTheirDepartment) {
  items_.push_back(
      Item("nowhere.item", "无主事项登记", Target::kResident, "其他", {}, {}, "no.such.department"));
  Rebuild();
  for (const SearchHit& h : Find("登记", std::nullopt, 50)) {
    if (h.code == "nowhere.item") {
      EXPECT_EQ(h.department_name, "") << "a code the catalog has no department for";
      continue;
    }
    auto it = std::find_if(departments_.begin(), departments_.end(),
                           [&h](const Department& d) { return d.code == h.department_code; });
    ASSERT_NE(it, departments_.end()) << h.code;
    EXPECT_EQ(h.department_name, it->name) << h.code;
  }
}

TEST_F(SearchIndexTest, ADistrictsCopyOfAnItemWaitsForAnotherName) {
  items_.push_back(
      Item("pudong.marriage", "结婚登记", Target::kResident, "婚姻登记", {}, {"领证", "结婚证"}));
  Rebuild();
  auto hits = Find("结婚登记");
  ASSERT_GE(hits.size(), 3u);
  EXPECT_EQ(hits[0].name, "结婚登记");
  EXPECT_NE(hits[1].name, "结婚登记");
  EXPECT_EQ(hits[2].name, "结婚登记");
  for (std::size_t i = 1; i < hits.size(); ++i) EXPECT_GE(hits[i - 1].score, hits[i].score);
}

TEST_F(SearchIndexTest, LifeEventsRankAlongsideItems) {
  auto hits = Find("结婚");
  ASSERT_GE(hits.size(), 2u);
  bool item = false;
  bool event = false;
  for (std::size_t i = 0; i < 3 && i < hits.size(); ++i) {
    item = item || hits[i].code == "civil.marriage";
    event = event || hits[i].code == "le.marriage";
  }
  EXPECT_TRUE(item);
  EXPECT_TRUE(event);
  auto only_events = index_->Search({"结婚", 10, std::nullopt, false, true});
  ASSERT_TRUE(only_events.ok());
  for (const auto& h : *only_events) EXPECT_EQ(h.kind, HitKind::kLifeEvent);
  EXPECT_EQ(HitKindCode(HitKind::kLifeEvent), "life_event");
  EXPECT_EQ(HitKindCode(HitKind::kItem), "item");
}

TEST_F(SearchIndexTest, TargetFilter) {
  for (const auto& h : Find("登记", Target::kEnterprise)) {
    EXPECT_NE(h.target, Target::kResident) << h.code;
  }
  auto residents = Find("社保卡", Target::kResident);
  ASSERT_FALSE(residents.empty());
  EXPECT_EQ(residents.front().code, "hrss.card");  // target both is in
  for (const auto& h : Find("许可", Target::kResident)) EXPECT_NE(h.code, "market.food");
  auto enterprise = Find("食品经营许可", Target::kEnterprise);
  ASSERT_FALSE(enterprise.empty());
  EXPECT_EQ(enterprise.front().code, "market.food");
}

TEST_F(SearchIndexTest, LimitAndBadQueries) {
  EXPECT_LE(Find("登记", std::nullopt, 2).size(), 2u);
  for (const std::string& bad :
       {std::string(""), std::string("   "), std::string("？！。"), std::string(101, 'x')}) {
    auto hits = index_->Search({bad, 10, std::nullopt, true, true});
    ASSERT_FALSE(hits.ok()) << bad;
    EXPECT_EQ(hits.error().reason, "catalog.invalid_query");
    EXPECT_EQ(hits.error().field, "/q");
    EXPECT_EQ(hits.error().code, ErrorCode::kInvalidArgument);
  }
  EXPECT_TRUE(index_->Search({std::string(100, 'x'), 10, std::nullopt, true, true}).ok());
  for (int limit : {0, 51}) {
    auto hits = index_->Search({"登记", limit, std::nullopt, true, true});
    ASSERT_FALSE(hits.ok());
    EXPECT_EQ(hits.error().field, "/limit");
  }
  EXPECT_TRUE(Find("qwxyz").empty());
}

TEST_F(SearchIndexTest, Suggest) {
  auto s = index_->Suggest("结婚", 5);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].code, "le.marriage");  // life events first among prefix matches
  EXPECT_EQ(s[1].code, "civil.marriage");
  // Contains (not prefix) after prefixes; aliases count; traditional folds.
  auto contains = index_->Suggest("登记", 20);
  ASSERT_FALSE(contains.empty());
  auto alias = index_->Suggest("社保卡", 5);
  ASSERT_EQ(alias.size(), 1u);
  EXPECT_EQ(alias[0].code, "hrss.card");
  EXPECT_EQ(alias[0].name, "社会保障卡申领");
  auto trad = index_->Suggest("養犬", 5);
  ASSERT_EQ(trad.size(), 1u);
  EXPECT_EQ(trad[0].code, "police.dog");
  EXPECT_EQ(index_->Suggest("登记", 2).size(), 2u);
  EXPECT_TRUE(index_->Suggest("", 5).empty());
  EXPECT_TRUE(index_->Suggest("火星", 5).empty());
}

TEST_F(SearchIndexTest, AnswersOutliveTheirIndex) {
  // A snapshot's index is replaced while requests still hold its answers:
  // the hits' texts stay readable (run under the asan preset to see it).
  std::vector<const ServiceItem*> few = {&items_[3]};
  auto small = SearchIndex::Build(*text_, lexicon_, few, {}, {});
  auto hits = small->Search({"养犬登记", 10, std::nullopt, true, true});
  auto remembered = small->Search({"养犬登记", 10, std::nullopt, true, true});
  small.reset();
  ASSERT_TRUE(hits.ok());
  ASSERT_TRUE(remembered.ok());
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ(std::string((*hits)[0].code), "police.dog");
  EXPECT_EQ(std::string((*hits)[0].name), items_[3].name);
  EXPECT_EQ(std::string((*remembered)[0].department_code), items_[3].department_code);
}

TEST_F(SearchIndexTest, ConcurrentQueriesAndSeveralIndexesAgree) {
  // The accumulators are per thread and shared by every index: a query on a
  // small index between two on a large one changes nothing.
  auto expected = Find("结婚登记需要哪些材料");
  std::vector<const ServiceItem*> few = {&items_[3]};
  auto small = SearchIndex::Build(*text_, lexicon_, few, {}, {});
  auto small_hits = small->Search({"养犬登记", 10, std::nullopt, true, true});
  ASSERT_TRUE(small_hits.ok());
  ASSERT_EQ(small_hits->size(), 1u);
  EXPECT_EQ((*small_hits)[0].code, "police.dog");
  auto again = Find("结婚登记需要哪些材料");
  ASSERT_EQ(again.size(), expected.size());
  for (std::size_t i = 0; i < again.size(); ++i) {
    EXPECT_EQ(again[i].code, expected[i].code);
    EXPECT_FLOAT_EQ(static_cast<float>(again[i].score), static_cast<float>(expected[i].score));
  }
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        auto hits = index_->Search({"结婚登记需要哪些材料", 10, std::nullopt, true, true});
        if (!hits.ok() || hits->size() != expected.size() || (*hits)[0].code != expected[0].code ||
            (*hits)[0].score != expected[0].score) {
          ++mismatches;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(mismatches.load(), 0);
}

TEST_F(SearchIndexTest, RemembersAnswersPerQueryAndOptions) {
  auto first = Find("登记", std::nullopt, 5);
  auto again = Find("登记", std::nullopt, 5);
  ASSERT_EQ(first.size(), again.size());
  for (std::size_t i = 0; i < first.size(); ++i) EXPECT_EQ(first[i].code, again[i].code);
  EXPECT_EQ(Find("登记", std::nullopt, 2).size(), 2u);  // another limit: another answer
  for (const auto& h : Find("登记", Target::kEnterprise, 5)) EXPECT_NE(h.target, Target::kResident);
  auto only_events = index_->Search({"登记", 5, std::nullopt, false, true});
  ASSERT_TRUE(only_events.ok());
  for (const auto& h : *only_events) EXPECT_EQ(h.kind, HitKind::kLifeEvent);
  // A rebuilt index (a new snapshot) answers from its own data.
  items_[0].name = "婚姻登记（结婚）";
  Rebuild();
  auto rebuilt = Find("结婚登记");
  ASSERT_FALSE(rebuilt.empty());
  bool renamed = false;
  for (const auto& h : rebuilt) renamed = renamed || h.name == "婚姻登记（结婚）";
  EXPECT_TRUE(renamed);
}

TEST(LexiconTest, LoadsTheShippedData) {
  auto lexicon = LoadLexicon(TONGBAN_SEARCH_DATA_DIR);
  ASSERT_TRUE(lexicon.ok()) << lexicon.error().detail;
  EXPECT_GE(lexicon->compounds.size(), 100u);
  EXPECT_GE(lexicon->synonyms.size(), 200u);
  EXPECT_GE(lexicon->stopwords.size(), 20u);
  for (const auto& [left, rights] : lexicon->synonyms) {
    EXPECT_FALSE(left.empty());
    EXPECT_FALSE(rights.empty()) << left;
  }
}

TEST(LexiconTest, MissingDirectoryIsAnError) {
  auto lexicon = LoadLexicon("/nonexistent/search");
  ASSERT_FALSE(lexicon.ok());
  EXPECT_EQ(lexicon.error().reason, "catalog.lexicon_unreadable");
}

}  // namespace
}  // namespace tongban::catalog
