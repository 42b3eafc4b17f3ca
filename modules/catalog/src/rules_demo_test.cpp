// The shipped demo catalog (data/demo/catalog.json, tools/catalog-demo/)
// decodes without a fault, passes every rule, survives export → import →
// export byte for byte, and its items' guides evaluate in every combination.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "catalog/codec.hpp"
#include "catalog/guide.hpp"
#include "catalog/rules.hpp"

namespace tongban::catalog {
namespace {

std::string ReadDemo() {
  std::ifstream in(std::string(TONGBAN_SOURCE_DIR) + "/data/demo/catalog.json", std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(CatalogDemoTest, TheDemoCatalogPassesEveryRule) {
  std::string text = ReadDemo();
  if (text.empty()) GTEST_SKIP() << "data/demo/catalog.json is not there";
  DecodedDocument decoded = CatalogDocumentFromJsonText(text);
  for (const Error& e : decoded.errors) ADD_FAILURE() << e.field << ": " << e.message_en;
  ASSERT_TRUE(decoded.errors.empty());
  const CatalogDocument& doc = decoded.document;
  EXPECT_GE(doc.items.size(), 200u);
  EXPECT_GE(doc.life_events.size(), 12u);
  EXPECT_GE(doc.licence_types.size(), 100u);
  for (const Error& e : ValidateDocument(doc, KnownCodes{})) ADD_FAILURE() << e.field << ": " << e.message_zh;

  std::string exported = ToJsonText(doc);
  DecodedDocument again = CatalogDocumentFromJsonText(exported);
  ASSERT_TRUE(again.errors.empty());
  EXPECT_EQ(ToJsonText(again.document), exported);

  for (const ServiceItem& item : doc.items) {
    for (const Answers& answers : AnswerCombinations(item)) {
      Result<Applicable> applicable = Evaluate(item, answers);
      ASSERT_TRUE(applicable.ok()) << item.code;
      EXPECT_EQ(applicable->unanswered.size(), 0u);
      EXPECT_EQ(applicable->situation_id.empty(), item.situations.empty()) << item.code;
    }
  }
}

}  // namespace
}  // namespace tongban::catalog
