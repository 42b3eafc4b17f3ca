#include "http/json.hpp"

#include <gtest/gtest.h>

namespace tongban::http {
namespace {

namespace json = boost::json;

Request JsonRequest(std::string body, std::string content_type = "application/json") {
  Request r;
  r.method = Method::kPost;
  r.headers.emplace("Content-Type", std::move(content_type));
  r.body = std::move(body);
  return r;
}

TEST(ParseJsonObjectTest, ParsesAnObject) {
  auto obj = ParseJsonObject(JsonRequest(R"({"name":"张三","n":3})"));
  ASSERT_TRUE(obj.ok());
  EXPECT_EQ(obj->at("name"), "张三");
}

TEST(ParseJsonObjectTest, AcceptsParametersAndCaseOfTheMediaType) {
  EXPECT_TRUE(ParseJsonObject(JsonRequest("{}", "Application/JSON; charset=utf-8")).ok());
}

TEST(ParseJsonObjectTest, RejectsOtherMediaTypes) {
  for (std::string type : {"text/plain", "", "application/jsonx", "application/x-www-form-urlencoded"}) {
    auto r = ParseJsonObject(JsonRequest("{}", type));
    ASSERT_FALSE(r.ok()) << type;
    EXPECT_EQ(r.error().reason, "http.unsupported_media_type");
    EXPECT_EQ(r.error().message_zh, "仅支持 application/json");
  }
}

TEST(ParseJsonObjectTest, MalformedJsonSaysWhere) {
  auto r = ParseJsonObject(JsonRequest("{\n  \"a\": 1,\n  \"b\": tru\n}"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().reason, "http.malformed_json");
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(r.error().message_en.find("line 3"), std::string::npos) << r.error().message_en;
  EXPECT_TRUE(r.error().message_zh.starts_with("JSON 格式错误：")) << r.error().message_zh;
  EXPECT_NE(r.error().message_zh.find("第 3 行"), std::string::npos) << r.error().message_zh;
}

TEST(ParseJsonObjectTest, EmptyAndTrailingGarbageAreMalformed) {
  EXPECT_EQ(ParseJsonObject(JsonRequest("")).error().reason, "http.malformed_json");
  EXPECT_EQ(ParseJsonObject(JsonRequest("{} x")).error().reason, "http.malformed_json");
  EXPECT_EQ(ParseJsonObject(JsonRequest("{\"a\":1,}")).error().reason, "http.malformed_json");
  std::string deep(1000, '[');
  EXPECT_EQ(ParseJsonObject(JsonRequest(deep)).error().reason, "http.malformed_json");
}

TEST(ParseJsonObjectTest, NonObjectIsRejected) {
  for (std::string body : {"[1]", "\"s\"", "1", "null"}) {
    EXPECT_EQ(ParseJsonObject(JsonRequest(body)).error().reason, "http.expected_object") << body;
  }
}

TEST(ParseJsonObjectTest, InvalidUtf8IsRejected) {
  auto r = ParseJsonObject(JsonRequest("{\"a\":\"\xff\"}"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().reason, "http.invalid_utf8");
}

TEST(FieldTest, RequireString) {
  json::object o = json::parse(R"({"name":"张三丰","n":1,"nil":null})").as_object();
  EXPECT_EQ(RequireString(o, "name", 3).value(), "张三丰");  // three code points, nine bytes
  auto too_long = RequireString(o, "name", 2);
  EXPECT_EQ(too_long.error().reason, "http.too_long");
  EXPECT_EQ(too_long.error().field, "/name");
  EXPECT_FALSE(too_long.error().message_zh.empty());
  EXPECT_EQ(RequireString(o, "missing", 10).error().reason, "http.missing_field");
  EXPECT_EQ(RequireString(o, "missing", 10).error().field, "/missing");
  EXPECT_EQ(RequireString(o, "nil", 10).error().reason, "http.missing_field");
  EXPECT_EQ(RequireString(o, "n", 10).error().reason, "http.wrong_type");
}

TEST(FieldTest, RequireStringRejectsInvalidUtf8BuiltInCode) {
  json::object o;
  o["bad"] = std::string("\xc3\x28");
  EXPECT_EQ(RequireString(o, "bad", 10).error().reason, "http.invalid_utf8");
}

TEST(FieldTest, OptionalString) {
  json::object o = json::parse(R"({"a":"x","nil":null,"n":2})").as_object();
  EXPECT_EQ(OptionalString(o, "a", 5).value(), std::optional<std::string>("x"));
  EXPECT_EQ(OptionalString(o, "nil", 5).value(), std::nullopt);
  EXPECT_EQ(OptionalString(o, "missing", 5).value(), std::nullopt);
  EXPECT_EQ(OptionalString(o, "n", 5).error().reason, "http.wrong_type");
  EXPECT_EQ(OptionalString(o, "a", 0).error().reason, "http.too_long");
}

TEST(FieldTest, RequireInt) {
  json::object o =
      json::parse(R"({"n":5,"neg":-3,"big":18446744073709551615,"f":1.0,"s":"5","nil":null})").as_object();
  EXPECT_EQ(RequireInt(o, "n", 0, 10).value(), 5);
  EXPECT_EQ(RequireInt(o, "neg", -5, 0).value(), -3);
  EXPECT_EQ(RequireInt(o, "n", 6, 10).error().reason, "http.out_of_range");
  EXPECT_EQ(RequireInt(o, "n", 0, 4).error().field, "/n");
  EXPECT_EQ(RequireInt(o, "big", 0, INT64_MAX).error().reason, "http.out_of_range");
  EXPECT_EQ(RequireInt(o, "f", 0, 10).error().reason, "http.wrong_type");
  EXPECT_EQ(RequireInt(o, "s", 0, 10).error().reason, "http.wrong_type");
  EXPECT_EQ(RequireInt(o, "nil", 0, 10).error().reason, "http.missing_field");
  EXPECT_EQ(RequireInt(o, "none", 0, 10).error().reason, "http.missing_field");
}

TEST(FieldTest, RejectUnknownFieldsNamesTheFieldAsAPointer) {
  json::object o = json::parse(R"({"a":1,"b/c~":2})").as_object();
  EXPECT_TRUE(RejectUnknownFields(o, {"a", "b/c~"}).ok());
  Status s = RejectUnknownFields(o, {"a"});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().reason, "http.unknown_field");
  EXPECT_EQ(s.error().field, "/b~1c~0");
}

TEST(FieldTest, EchoedKeysAreShortened) {
  json::object o;
  o[std::string(10000, 'k')] = 1;
  Status s = RejectUnknownFields(o, {});
  ASSERT_FALSE(s.ok());
  EXPECT_LE(s.error().field.size(), 70u);
}

TEST(JsonResponseTest, Serialises) {
  Response r = JsonResponse(201, json::object{{"id", "x"}});
  EXPECT_EQ(r.status, 201);
  EXPECT_EQ(r.content_type, "application/json");
  EXPECT_EQ(r.body, R"({"id":"x"})");
}

TEST(Utf8LengthTest, CountsCodePointsAndRejectsInvalid) {
  EXPECT_EQ(Utf8Length(""), 0u);
  EXPECT_EQ(Utf8Length("abc"), 3u);
  EXPECT_EQ(Utf8Length("通办"), 2u);
  EXPECT_EQ(Utf8Length("\xF0\x9F\x98\x80"), 1u);            // U+1F600
  EXPECT_EQ(Utf8Length("\xC0\xAF"), std::nullopt);          // overlong '/'
  EXPECT_EQ(Utf8Length("\xE0\x80\xAF"), std::nullopt);      // overlong
  EXPECT_EQ(Utf8Length("\xED\xA0\x80"), std::nullopt);      // surrogate
  EXPECT_EQ(Utf8Length("\xF4\x90\x80\x80"), std::nullopt);  // above U+10FFFF
  EXPECT_EQ(Utf8Length("\xE4\xB8"), std::nullopt);          // truncated
  EXPECT_EQ(Utf8Length("\x80"), std::nullopt);              // stray continuation
}

}  // namespace
}  // namespace tongban::http
