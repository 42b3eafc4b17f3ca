#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "catalog/guide.hpp"
#include "catalog/rules.hpp"
#include "model_fixtures_test.hpp"

namespace tongban::catalog {
namespace {

namespace json = boost::json;
using V = std::vector<std::string>;

Material Named(std::string id, std::string name) {
  Material m;
  m.id = std::move(id);
  m.name = std::move(name);
  return m;
}

std::vector<std::string> Keys(const json::object& o) {
  std::vector<std::string> out;
  for (const auto& kv : o) out.emplace_back(kv.key());
  return out;
}

TEST(CatalogLifeEventGuideTest, SharedFieldsAreAskedOnceAndRequiredIsUnited) {
  ServiceItem a = fixtures::FullItem();
  ServiceItem b = fixtures::SecondItem();
  LifeEventGuide guide = BuildLifeEventGuide(fixtures::FullLifeEvent(), {&a, &b});
  json::object schema = json::parse(guide.merged_form_schema).as_object();
  EXPECT_EQ(schema.at("type"), "object");
  EXPECT_EQ(schema.at("title"), "结婚一件事");
  const json::object& properties = schema.at("properties").as_object();
  // Key order: first appearance; applicant_name once.
  EXPECT_EQ(Keys(properties), (V{"applicant_name", "applicant_id_number", "spouse_name", "address"}));
  // The first definition wins (a's title, not b's).
  EXPECT_EQ(properties.at("applicant_name").at("title"), "申请人姓名");
  EXPECT_EQ(properties.at("applicant_id_number").at("x-data-item"), "population.basic");
  EXPECT_EQ(schema.at("required"), json::parse(R"(["applicant_name","applicant_id_number","address"])"));
  EXPECT_EQ(guide.shared_fields, V{"applicant_name"});
  // The merged form is itself a valid form schema.
  ServiceItem probe = a;
  probe.form_schema = guide.merged_form_schema;
  EXPECT_TRUE(ValidateItem(probe, KnownCodesOf(fixtures::FullDocument()), true).empty());
}

TEST(CatalogLifeEventGuideTest, MaterialsAreDeduplicatedByLicenceDataItemThenName) {
  ServiceItem a = fixtures::FullItem();
  ServiceItem b = fixtures::SecondItem();
  ServiceItem c = fixtures::SecondItem();
  c.code = "310000-GJJ-GF-0003";
  c.materials = {
      Named("id_copy", "  居民身份证复印件 "),
      Named("id", "居民身份证（原件）"),
      Named("id_both", "居民身份证【原件及复印件】"),
      Named("marriage_again", "结婚证（复印件）"),
      Named("photo", "双方近期半身免冠合影照片"),
      Named("spaced", "户口　迁移   证明"),
      Named("spaced2", "户口 迁移 证明"),
      Named("original_only", "原件"),
  };
  c.materials.push_back(a.materials[2]);  // the same shared data item under another name
  c.materials.back().name = "居住证明";
  LifeEvent event = fixtures::FullLifeEvent();
  event.item_codes.push_back(c.code);
  LifeEventGuide guide = BuildLifeEventGuide(event, {&a, nullptr, &b, &c});

  ASSERT_EQ(guide.items.size(), 3u);
  EXPECT_EQ(guide.separate_materials, 3 + 2 + 9);
  std::vector<std::pair<std::string, V>> got;
  for (const MergedMaterial& m : guide.materials) got.emplace_back(m.material.id, m.item_codes);
  std::vector<std::pair<std::string, V>> want = {
      {"hukou", {fixtures::kItemCode, fixtures::kSecondItemCode}},  // household_register licence
      {"photo", {fixtures::kItemCode, "310000-GJJ-GF-0003"}},       // the same name
      {"permit", {fixtures::kItemCode, "310000-GJJ-GF-0003"}},      // population.residence
      {"marriage", {fixtures::kSecondItemCode, "310000-GJJ-GF-0003"}},  // 结婚证 (复印件) = 结婚证（复印件）
      {"id_copy", {"310000-GJJ-GF-0003"}},                              // 居民身份证 ×3
      {"spaced", {"310000-GJJ-GF-0003"}},                               // spaces collapse
      {"original_only", {"310000-GJJ-GF-0003"}},                        // a bare qualifier is a name
  };
  EXPECT_EQ(got, want);
  // The first occurrence is kept whole.
  EXPECT_EQ(guide.materials[0].material.name, "居民户口簿");
}

TEST(CatalogLifeEventGuideTest, LimitsAndTrips) {
  ServiceItem a = fixtures::FullItem();         // statutory 20, committed 5, trips 2
  ServiceItem b = fixtures::SecondItem();       // statutory 30, committed 10, trips 1
  LifeEvent event = fixtures::FullLifeEvent();  // committed 7
  LifeEventGuide own = BuildLifeEventGuide(event, {&a, &b});
  EXPECT_EQ(own.committed_limit_days, 7);
  EXPECT_EQ(own.statutory_limit_days, 30);
  EXPECT_EQ(own.trips, 2);
  event.committed_limit_days = 0;
  LifeEventGuide longest = BuildLifeEventGuide(event, {&a, &b});
  EXPECT_EQ(longest.committed_limit_days, 10);
  EXPECT_EQ(longest.event.code, "le.marriage");
}

TEST(CatalogLifeEventGuideTest, ItemsWithoutFormsOrWithBrokenFormsAreSkipped) {
  ServiceItem a = fixtures::FullItem();
  ServiceItem b = fixtures::SecondItem();
  a.form_schema = "";
  b.form_schema = "{not json";
  LifeEventGuide guide = BuildLifeEventGuide(fixtures::FullLifeEvent(), {&a, &b});
  json::object schema = json::parse(guide.merged_form_schema).as_object();
  EXPECT_TRUE(schema.at("properties").as_object().empty());
  EXPECT_TRUE(schema.at("required").as_array().empty());
  EXPECT_TRUE(guide.shared_fields.empty());
  // Definitions travel with the properties that $ref them.
  a.form_schema = R"({"type":"object","properties":{"addr":{"$ref":"#/definitions/address"}},)"
                  R"("definitions":{"address":{"type":"string"}}})";
  b.form_schema = R"({"type":"object","properties":{"addr":{"$ref":"#/definitions/address"}},)"
                  R"("definitions":{"address":{"type":"integer"}}})";
  guide = BuildLifeEventGuide(fixtures::FullLifeEvent(), {&a, &b});
  schema = json::parse(guide.merged_form_schema).as_object();
  EXPECT_EQ(schema.at("definitions").at("address").at("type"), "string");
  EXPECT_EQ(guide.shared_fields, V{"addr"});
}

}  // namespace
}  // namespace tongban::catalog
