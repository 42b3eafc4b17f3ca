#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <string>

#include "catalog/codec.hpp"
#include "catalog/json.hpp"
#include "model_fixtures_test.hpp"

namespace tongban::catalog {
namespace {

namespace json = boost::json;
using fixtures::FullDocument;
using fixtures::FullItem;
using fixtures::FullLifeEvent;

// Decodes `text` as an item and returns the first error's reason and field.
std::pair<std::string, std::string> ItemFault(const std::string& text, std::string_view at = "") {
  Result<ServiceItem> r = ServiceItemFromJsonText(text, at);
  if (r.ok()) return {"ok", ""};
  EXPECT_FALSE(r.error().message_zh.empty());
  EXPECT_FALSE(r.error().message_en.empty());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  return {r.error().reason, r.error().field};
}

// The full item's JSON with one top-level key replaced by `raw` JSON.
std::string ItemWith(std::string_view key, std::string_view raw) {
  json::object o = ToJson(FullItem()).as_object();
  o[key] = json::parse(raw);
  return json::serialize(o);
}

// The full item's JSON after `edit` changed its object form.
template <typename F>
std::string ItemEdited(F edit) {
  json::value v = ToJson(FullItem());
  edit(v.as_object());
  return json::serialize(v);
}

TEST(CatalogJsonTest, FullItemRoundTripsByteIdentical) {
  std::string text = ToJsonText(FullItem());
  Result<ServiceItem> decoded = ServiceItemFromJsonText(text);
  ASSERT_TRUE(decoded.ok()) << decoded.error().message_en;
  EXPECT_EQ(ToJsonText(*decoded), text);
  EXPECT_EQ(decoded->materials.at(1).necessity, Necessity::kMayFollow);
  EXPECT_EQ(decoded->fees.at(0).amount_fen, 900);
  EXPECT_EQ(decoded->situations.at(1).when.at(0).option_ids, std::vector<std::string>{"one"});
}

// Every key of the full item differs from the default item's value, so the
// round trip above proves that no field is lost or left at its default.
TEST(CatalogJsonTest, FullFixturesSetEveryFieldAndDefaultsWriteEveryKey) {
  json::object full = ToJson(FullItem()).as_object();
  json::object empty = ToJson(ServiceItem{}).as_object();
  ASSERT_EQ(full.size(), empty.size());
  EXPECT_EQ(full.size(), 37u);
  auto f = full.begin();
  for (auto e = empty.begin(); e != empty.end(); ++e, ++f) {
    EXPECT_EQ(f->key(), e->key());
    EXPECT_NE(f->value(), e->value()) << "the fixture leaves " << e->key() << " at its default";
  }
  // Materials: each enum and count differs from its default in some material.
  json::value default_material = json::parse(R"({"source":"applicant","type":"original","paper_copies":0,
    "form":"paper_or_electronic","necessity":"required"})");
  const json::array& materials = full.at("materials").as_array();
  for (std::string_view key : {"source", "type", "paper_copies", "form", "necessity"}) {
    bool some_differs = false;
    for (const json::value& m : materials) some_differs |= m.as_object().at(key) != default_material.at(key);
    EXPECT_TRUE(some_differs) << key;
  }
  EXPECT_EQ(empty.at("aliases"), json::array());
  EXPECT_EQ(empty.at("form_schema"), "");
  EXPECT_EQ(empty.at("any_location"), false);
  EXPECT_EQ(empty.at("result").at("kind"), "none");

  json::object event = ToJson(FullLifeEvent()).as_object();
  json::object empty_event = ToJson(LifeEvent{}).as_object();
  ASSERT_EQ(event.size(), 18u);
  auto g = event.begin();
  for (auto e = empty_event.begin(); e != empty_event.end(); ++e, ++g) {
    EXPECT_EQ(g->key(), e->key());
    EXPECT_NE(g->value(), e->value()) << "the fixture leaves " << e->key() << " at its default";
  }
}

TEST(CatalogJsonTest, KeysFollowTheStructsFieldOrder) {
  std::string text = ToJsonText(FullItem());
  std::vector<std::string_view> order = {"\"code\"",
                                         "\"version\"",
                                         "\"status\"",
                                         "\"effective_from\"",
                                         "\"effective_to\"",
                                         "\"name\"",
                                         "\"aliases\"",
                                         "\"keywords\"",
                                         "\"category\"",
                                         "\"summary\"",
                                         "\"target\"",
                                         "\"power_code\"",
                                         "\"department_code\"",
                                         "\"region_codes\"",
                                         "\"questions\"",
                                         "\"statutory_limit_days\"",
                                         "\"fees\"",
                                         "\"processing_depth\"",
                                         "\"trips\"",
                                         "\"any_location\"",
                                         "\"legal_basis\"",
                                         "\"windows\"",
                                         "\"online_url\"",
                                         "\"result\"",
                                         "\"form_schema\"",
                                         "\"demo\"",
                                         "\"created_at\"",
                                         "\"published_by\""};
  std::size_t at = 0;
  for (std::string_view key : order) {
    std::size_t found = text.find(key, at);
    ASSERT_NE(found, std::string::npos) << key << " missing or out of order";
    at = found;
  }
  EXPECT_EQ(ToJsonText(Region{"310000", "上海市", RegionLevel::kCity, "", "", ""}),
            R"({"code":"310000","name":"上海市","level":"city","parent_code":"","address":"","hours":""})");
}

TEST(CatalogJsonTest, LifeEventAndReferenceRecordsRoundTrip) {
  std::string text = ToJsonText(FullLifeEvent());
  Result<LifeEvent> event = LifeEventFromJsonText(text);
  ASSERT_TRUE(event.ok()) << event.error().message_en;
  EXPECT_EQ(ToJsonText(*event), text);

  CatalogDocument doc = FullDocument();
  for (const Region& r : doc.regions)
    EXPECT_EQ(ToJsonText(*RegionFromJsonText(ToJsonText(r))), ToJsonText(r));
  for (const Department& d : doc.departments) {
    EXPECT_EQ(ToJsonText(*DepartmentFromJsonText(ToJsonText(d))), ToJsonText(d));
  }
  for (const Power& p : doc.powers) EXPECT_EQ(ToJsonText(*PowerFromJsonText(ToJsonText(p))), ToJsonText(p));
  for (const LicenceType& l : doc.licence_types) {
    EXPECT_EQ(ToJsonText(*LicenceTypeFromJsonText(ToJsonText(l))), ToJsonText(l));
  }
  for (const DataItem& d : doc.data_items) {
    EXPECT_EQ(ToJsonText(*DataItemFromJsonText(ToJsonText(d))), ToJsonText(d));
  }
  // Boost.JSON values give the same form as text.
  EXPECT_EQ(json::serialize(ToJson(FullLifeEvent())), text);
  EXPECT_TRUE(LifeEventFromJson(ToJson(FullLifeEvent())).ok());
  EXPECT_TRUE(ServiceItemFromJson(ToJson(FullItem())).ok());
  EXPECT_EQ(RegionFromJson(ToJson(doc.regions[3]))->address, "黄浦区某路2号");
  EXPECT_EQ(DepartmentFromJson(ToJson(doc.departments[2]))->parent_code, "shanghai.civil_affairs");
  EXPECT_EQ(PowerFromJson(ToJson(doc.powers[0]))->type, PowerType::kConfirmation);
  EXPECT_EQ(LicenceTypeFromJson(ToJson(doc.licence_types[1]))->validity_years, 10);
  EXPECT_EQ(DataItemFromJson(ToJson(doc.data_items[0]))->description, "实有人口居住登记");
}

TEST(CatalogJsonTest, DocumentExportImportExportIsByteIdentical) {
  for (bool pretty : {true, false}) {
    std::string first = ToJsonText(FullDocument(), pretty);
    DecodedDocument decoded = CatalogDocumentFromJsonText(first);
    ASSERT_TRUE(decoded.errors.empty()) << decoded.errors.front().message_en;
    EXPECT_EQ(ToJsonText(decoded.document, pretty), first);
    EXPECT_EQ(decoded.document.items.size(), 2u);
    EXPECT_EQ(decoded.document.regions.size(), 4u);
  }
  std::string pretty = ToJsonText(FullDocument(), true);
  EXPECT_EQ(pretty.rfind("{\n  \"format\": \"tongban.catalog/1\",\n  \"regions\": [\n    {\n", 0), 0u)
      << pretty.substr(0, 80);
  EXPECT_EQ(pretty.back(), '\n');
  // Pretty and compact are the same JSON.
  EXPECT_EQ(json::parse(pretty), json::parse(ToJsonText(FullDocument(), false)));
  // Escapes survive: quotes, backslashes, control characters, non-BMP text.
  CatalogDocument doc;
  doc.data_items = {DataItem{"x", "名\"称\\\n\t", "d", "𠀀 emoji 😀 \x01"}};
  std::string text = ToJsonText(doc);
  DecodedDocument back = CatalogDocumentFromJsonText(text);
  ASSERT_TRUE(back.errors.empty());
  EXPECT_EQ(back.document.data_items.at(0).name, "名\"称\\\n\t");
  EXPECT_EQ(back.document.data_items.at(0).description, "𠀀 emoji 😀 \x01");
  EXPECT_EQ(ToJsonText(back.document), text);
}

TEST(CatalogJsonTest, OptionalKeysMayBeLeftOutAndTakeTheirDefaults) {
  Result<ServiceItem> item = ServiceItemFromJsonText(R"({"code":"abc","name":"最简事项"})");
  ASSERT_TRUE(item.ok()) << item.error().message_en;
  EXPECT_EQ(ToJsonText(*item), [] {
    ServiceItem want;
    want.code = "abc";
    want.name = "最简事项";
    return ToJsonText(want);
  }());
  Result<LifeEvent> event = LifeEventFromJsonText(R"({"code":"le.x","name":"一件事","item_codes":[]})");
  ASSERT_TRUE(event.ok());
  EXPECT_EQ(event->version, 1);
}

TEST(CatalogJsonTest, EachDecodeFaultNamesItsField) {
  using P = std::pair<std::string, std::string>;
  EXPECT_EQ(ItemFault(ItemWith("colour", "\"red\"")), (P{"catalog.unknown_key", "/colour"}));
  EXPECT_EQ(ItemFault(ItemWith("trips", "\"2\"")), (P{"catalog.wrong_type", "/trips"}));
  EXPECT_EQ(ItemFault(ItemWith("trips", "1.5")), (P{"catalog.wrong_type", "/trips"}));
  EXPECT_EQ(ItemFault(ItemWith("trips", "2.0")), (P{"catalog.wrong_type", "/trips"}));
  EXPECT_EQ(ItemFault(ItemWith("trips", "4294967296")), (P{"catalog.wrong_type", "/trips"}));
  EXPECT_EQ(ItemFault(ItemWith("trips", "-2147483649")), (P{"catalog.wrong_type", "/trips"}));
  EXPECT_EQ(ItemFault(ItemWith("trips", "null")), (P{"catalog.wrong_type", "/trips"}));
  EXPECT_EQ(ItemFault(ItemWith("any_location", "1")), (P{"catalog.wrong_type", "/any_location"}));
  EXPECT_EQ(ItemFault(ItemWith("aliases", "\"领证\"")), (P{"catalog.wrong_type", "/aliases"}));
  EXPECT_EQ(ItemFault(ItemWith("aliases", "[\"a\", 3]")), (P{"catalog.wrong_type", "/aliases/1"}));
  EXPECT_EQ(ItemFault(ItemWith("materials", "{}")), (P{"catalog.wrong_type", "/materials"}));
  EXPECT_EQ(ItemFault(ItemWith("materials", "[7]")), (P{"catalog.wrong_type", "/materials/0"}));
  EXPECT_EQ(ItemFault(ItemWith("result", "[]")), (P{"catalog.wrong_type", "/result"}));
  EXPECT_EQ(ItemFault(ItemWith("target", "\"citizen\"")), (P{"catalog.unknown_enum", "/target"}));
  EXPECT_EQ(ItemFault(ItemWith("status", "\"Published\"")), (P{"catalog.unknown_enum", "/status"}));
  EXPECT_EQ(ItemFault(ItemWith("processing_depth", "1")), (P{"catalog.wrong_type", "/processing_depth"}));
  EXPECT_EQ(ItemFault(ItemWith("fees", R"([{"name":"x","amount_fen":18446744073709551615}])")),
            (P{"catalog.wrong_type", "/fees/0/amount_fen"}));
  EXPECT_EQ(ItemFault(ItemWith("fees", R"([{"amount_fen":1}])")),
            (P{"catalog.missing_field", "/fees/0/name"}));
  EXPECT_EQ(ItemFault(ItemEdited(
                [](json::object& o) { o["materials"].as_array()[0].as_object()["type"] = "photocopy"; })),
            (P{"catalog.unknown_enum", "/materials/0/type"}));
  EXPECT_EQ(ItemFault(ItemEdited(
                [](json::object& o) { o["materials"].as_array()[2].as_object()["necessity"] = "must"; })),
            (P{"catalog.unknown_enum", "/materials/2/necessity"}));
  EXPECT_EQ(ItemFault(ItemEdited(
                [](json::object& o) { o["questions"].as_array()[0].as_object().erase("options"); })),
            (P{"catalog.missing_field", "/questions/0/options"}));
  EXPECT_EQ(ItemFault(ItemEdited([](json::object& o) {
              o["questions"].as_array()[0].as_object()["options"].as_array()[1].as_object()["idd"] = "x";
            })),
            (P{"catalog.unknown_key", "/questions/0/options/1/idd"}));
  EXPECT_EQ(ItemFault(ItemEdited([](json::object& o) {
              o["situations"].as_array()[1].as_object()["when"].as_array()[0].as_object()["option_ids"] =
                  "one";
            })),
            (P{"catalog.wrong_type", "/situations/1/when/0/option_ids"}));
  EXPECT_EQ(ItemFault(ItemEdited([](json::object& o) { o["result"].as_object().erase("kind"); })),
            (P{"catalog.missing_field", "/result/kind"}));
  EXPECT_EQ(ItemFault(ItemEdited([](json::object& o) { o.erase("code"); })),
            (P{"catalog.missing_field", "/code"}));
  EXPECT_EQ(
      ItemFault(ItemEdited([](json::object& o) { o["windows"].as_array()[0].as_object()["fax"] = ""; })),
      (P{"catalog.unknown_key", "/windows/0/fax"}));
  // The `at` prefix, and RFC 6901 escapes in an unknown key.
  EXPECT_EQ(ItemFault(ItemWith("trips", "true"), "/items/12"), (P{"catalog.wrong_type", "/items/12/trips"}));
  EXPECT_EQ(ItemFault(ItemWith("a/b~c", "0"), "/items/3"), (P{"catalog.unknown_key", "/items/3/a~1b~0c"}));

  using RP = std::pair<std::string, std::string>;
  auto region_fault = [](std::string_view text) -> RP {
    Result<Region> r = RegionFromJsonText(text);
    return r.ok() ? RP{"ok", ""} : RP{r.error().reason, r.error().field};
  };
  EXPECT_EQ(region_fault(R"({"code":"310000","name":"上海"})"), (RP{"catalog.missing_field", "/level"}));
  EXPECT_EQ(region_fault(R"({"code":"310000","name":"上海","level":"province"})"),
            (RP{"catalog.unknown_enum", "/level"}));
  Result<Power> power = PowerFromJsonText(R"({"code":"p","name":"n","type":"permit"})");
  ASSERT_FALSE(power.ok());
  EXPECT_EQ(power.error().field, "/type");
  // The message lists what would have been accepted.
  EXPECT_NE(power.error().message_en.find("licensing, penalty"), std::string::npos)
      << power.error().message_en;
  EXPECT_NE(power.error().message_zh.find("可选值"), std::string::npos);
  Result<LicenceType> licence = LicenceTypeFromJsonText(R"({"code":"x","name":"n","holder":"anyone"})");
  EXPECT_EQ(licence.error().field, "/holder");
  Result<Department> department =
      DepartmentFromJsonText(R"({"code":"x","name":"n","level":"city","rank":1})");
  EXPECT_EQ(department.error().reason, "catalog.unknown_key");
  Result<DataItem> data = DataItemFromJsonText(R"({"code":"x"})");
  EXPECT_EQ(data.error().field, "/name");
}

TEST(CatalogJsonTest, MalformedAndHostileTextIsRejected) {
  using P = std::pair<std::string, std::string>;
  EXPECT_EQ(ItemFault("{\"code\":"), (P{"catalog.malformed_json", ""}));
  EXPECT_EQ(ItemFault("", "/items/0"), (P{"catalog.malformed_json", "/items/0"}));
  EXPECT_EQ(ItemFault("{} x"), (P{"catalog.malformed_json", ""}));
  EXPECT_EQ(ItemFault("[]"), (P{"catalog.wrong_type", ""}));
  EXPECT_EQ(ItemFault("\"item\""), (P{"catalog.wrong_type", ""}));
  // Deep nesting is refused by the parser, not by the stack.
  std::string deep =
      R"({"code":"abc","name":"n","result":)" + std::string(100000, '[') + std::string(100000, ']') + "}";
  EXPECT_EQ(ItemFault(deep), (P{"catalog.malformed_json", ""}));
  // Numbers beyond a double.
  EXPECT_EQ(ItemFault(R"({"code":"abc","name":"n","trips":1)" + std::string(400, '0') + "}"),
            (P{"catalog.wrong_type", "/trips"}));
  EXPECT_EQ(ItemFault(R"({"code":"abc","name":"n","trips":1e400})"), (P{"catalog.wrong_type", "/trips"}));
  // Invalid UTF-8 in a string.
  EXPECT_EQ(ItemFault("{\"code\":\"abc\",\"name\":\"\xff\xfe\"}").first, "catalog.malformed_json");
  // Comments and trailing commas are not JSON.
  EXPECT_EQ(ItemFault(R"({"code":"abc","name":"n",})").first, "catalog.malformed_json");
  EXPECT_EQ(ItemFault(R"({"code":"abc" /* c */,"name":"n"})").first, "catalog.malformed_json");
  Result<ServiceItem> r = ServiceItemFromJsonText("{\"code\":1,\n\"name\":");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message_en.find("near byte"), std::string::npos) << r.error().message_en;
}

// Every prefix of a valid document and every one-byte change of it either
// decodes or fails with a reason and messages — never a crash or a throw.
TEST(CatalogJsonTest, TruncatedAndCorruptedTextFailsCleanly) {
  std::string text = ToJsonText(FullDocument(), false);
  // Odd steps, so that every kind of position (in a key, a string, a number,
  // between tokens) is cut in some record.
  for (std::size_t n = 0; n < text.size(); n += 7) {
    DecodedDocument d = CatalogDocumentFromJsonText(std::string_view(text).substr(0, n));
    ASSERT_FALSE(d.errors.empty()) << n;
    ASSERT_EQ(d.errors[0].reason, "catalog.malformed_json") << n;
  }
  const char replacements[] = {'"', '{', '[', ']', '}', ',', ':', '0', '-', 'x', '\\'};
  std::size_t decoded = 0;
  for (std::size_t i = 0; i < text.size(); i += 3) {
    std::string corrupt = text;
    corrupt[i] = replacements[i % sizeof(replacements)];
    DecodedDocument d = CatalogDocumentFromJsonText(corrupt);
    for (const Error& e : d.errors) {
      ASSERT_FALSE(e.reason.empty());
      ASSERT_FALSE(e.message_zh.empty());
    }
    decoded += d.errors.empty();
  }
  EXPECT_LT(decoded, text.size() / 3);
}

TEST(CatalogJsonTest, AKeyGivenTwiceIsRejectedWithItsPointer) {
  using P = std::pair<std::string, std::string>;
  EXPECT_EQ(ItemFault(R"({"code":"abc","name":"n","status":"draft","status":"published"})"),
            (P{"catalog.malformed_json", "/status"}));
  std::string text = ToJsonText(FullItem());
  std::string nested = text;
  std::size_t at = nested.find(R"("necessity":"may_follow")");
  ASSERT_NE(at, std::string::npos);
  nested.insert(at, R"("necessity":"required",)");
  EXPECT_EQ(ItemFault(nested, "/items/3"), (P{"catalog.malformed_json", "/items/3/materials/1/necessity"}));
  // The same key in different objects, and escapes that spell another key, are fine.
  EXPECT_EQ(ItemFault(R"({"code":"abc","name":"n","result":{"kind":"none","name":""}})").first, "ok");
  EXPECT_EQ(ItemFault(R"({"code":"abc","\u006eame":"n","name":"m"})"),
            (P{"catalog.malformed_json", "/name"}));
  EXPECT_EQ(ItemFault(R"({"code":"abc","name":"n","aliases":[[],{"x":1,"x":2}]})"),
            (P{"catalog.malformed_json", "/aliases/1/x"}));
  DecodedDocument doc =
      CatalogDocumentFromJsonText(R"({"format":"tongban.catalog/1","items":[],"items":[]})");
  ASSERT_EQ(doc.errors.size(), 1u);
  EXPECT_EQ(doc.errors[0].field, "/items");
  EXPECT_NE(doc.errors[0].message_zh.find("重复"), std::string::npos);
}

TEST(CatalogJsonTest, DocumentReportsEveryFailingRecordAndKeepsTheGoodOnes) {
  json::value doc = ToJson(FullDocument());
  json::object& root = doc.as_object();
  root["regions"].as_array()[1].as_object()["level"] = "county";
  root["items"].as_array()[0].as_object()["trips"] = "many";
  root["items"].as_array()[0].as_object()["materials"].as_array()[1].as_object()["form"] = "scroll";
  root["items"].as_array()[1].as_object().erase("name");
  root["life_events"].as_array()[0].as_object()["item_codes"] = "le";
  DecodedDocument decoded = CatalogDocumentFromJsonText(json::serialize(doc));
  std::vector<std::pair<std::string, std::string>> got;
  for (const Error& e : decoded.errors) got.emplace_back(e.reason, e.field);
  std::vector<std::pair<std::string, std::string>> want = {
      {"catalog.unknown_enum", "/regions/1/level"},
      {"catalog.unknown_enum", "/items/0/materials/1/form"},
      {"catalog.wrong_type", "/items/0/trips"},
      {"catalog.missing_field", "/items/1/name"},
      {"catalog.wrong_type", "/life_events/0/item_codes"},
  };
  // Faults within a record come in the order of its keys.
  std::sort(got.begin(), got.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  std::sort(want.begin(), want.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  EXPECT_EQ(got, want);
  EXPECT_EQ(decoded.document.regions.size(), 3u);
  EXPECT_EQ(decoded.document.items.size(), 0u);
  EXPECT_EQ(decoded.document.departments.size(), 3u);
}

TEST(CatalogJsonTest, DocumentFormatAndShapeAreChecked) {
  auto reasons = [](std::string_view text) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const Error& e : CatalogDocumentFromJsonText(text).errors) out.emplace_back(e.reason, e.field);
    return out;
  };
  using V = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(reasons(R"({"format":"tongban.catalog/1"})"), V{});
  EXPECT_EQ(reasons(R"({"format":"tongban.catalog/2"})"), (V{{"catalog.unsupported_format", "/format"}}));
  EXPECT_EQ(reasons(R"({"format":1})"), (V{{"catalog.unsupported_format", "/format"}}));
  EXPECT_EQ(reasons(R"({"items":[]})"), (V{{"catalog.missing_field", "/format"}}));
  EXPECT_EQ(reasons(R"({"format":"tongban.catalog/1","item":[]})"), (V{{"catalog.unknown_key", "/item"}}));
  EXPECT_EQ(reasons(R"({"format":"tongban.catalog/1","items":{}})"), (V{{"catalog.wrong_type", "/items"}}));
  EXPECT_EQ(reasons(R"([])"), (V{{"catalog.wrong_type", ""}}));
  EXPECT_EQ(reasons(R"({"format":)"), (V{{"catalog.malformed_json", ""}}));
  DecodedDocument ok = CatalogDocumentFromJsonText(R"({"format":"tongban.catalog/1"})");
  EXPECT_EQ(ok.document.format, "tongban.catalog/1");
  std::string message = CatalogDocumentFromJsonText(R"({"format":"other"})").errors.at(0).message_zh;
  EXPECT_NE(message.find("tongban.catalog/1"), std::string::npos);
}

TEST(CatalogModelTest, EnumCodesRoundTrip) {
  for (int i = 0; i < 11; ++i) {
    auto v = static_cast<PowerType>(i);
    EXPECT_EQ(ParsePowerType(PowerTypeCode(v)), v);
    EXPECT_FALSE(PowerTypeName(v).empty());
  }
  EXPECT_EQ(PowerTypeName(PowerType::kLicensing), "行政许可");
  EXPECT_EQ(PowerTypeName(PowerType::kPublicService), "公共服务");
  EXPECT_EQ(PowerTypeCode(PowerType::kOtherPower), "other_power");
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(ParseRegionLevel(RegionLevelCode(static_cast<RegionLevel>(i))), static_cast<RegionLevel>(i));
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(ParseDepartmentLevel(DepartmentLevelCode(static_cast<DepartmentLevel>(i))),
              static_cast<DepartmentLevel>(i));
    EXPECT_EQ(ParseHolder(HolderCode(static_cast<Holder>(i))), static_cast<Holder>(i));
    EXPECT_EQ(ParseMaterialType(MaterialTypeCode(static_cast<MaterialType>(i))),
              static_cast<MaterialType>(i));
    EXPECT_EQ(ParseMaterialForm(MaterialFormCode(static_cast<MaterialForm>(i))),
              static_cast<MaterialForm>(i));
    EXPECT_EQ(ParseNecessity(NecessityCode(static_cast<Necessity>(i))), static_cast<Necessity>(i));
    EXPECT_EQ(ParseProcessingDepth(ProcessingDepthCode(static_cast<ProcessingDepth>(i))),
              static_cast<ProcessingDepth>(i));
    EXPECT_EQ(ParseTarget(TargetCode(static_cast<Target>(i))), static_cast<Target>(i));
    EXPECT_EQ(ParseResultKind(ResultKindCode(static_cast<ResultKind>(i))), static_cast<ResultKind>(i));
    EXPECT_EQ(ParseVersionStatus(VersionStatusCode(static_cast<VersionStatus>(i))),
              static_cast<VersionStatus>(i));
  }
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(ParseMaterialSource(MaterialSourceCode(static_cast<MaterialSource>(i))),
              static_cast<MaterialSource>(i));
  }
  EXPECT_EQ(MaterialSourceCode(MaterialSource::kElectronicLicence), "e_licence");
  EXPECT_EQ(NecessityCode(Necessity::kMayFollow), "may_follow");
  EXPECT_EQ(ProcessingDepthCode(ProcessingDepth::kOnlineAcceptance), "online_acceptance");
  EXPECT_EQ(RegionLevelCode(RegionLevel::kCentre), "centre");
  for (std::string_view bad : {"", "City", "city ", "licence_"}) {
    EXPECT_FALSE(ParseRegionLevel(bad));
    EXPECT_FALSE(ParsePowerType(bad));
    EXPECT_FALSE(ParseResultKind(bad));
  }
}

}  // namespace
}  // namespace tongban::catalog
