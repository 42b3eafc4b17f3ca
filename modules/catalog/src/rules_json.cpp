// The form schema rule (rules_json.hpp): Boost.JSON parses, valijson loads the
// schema as draft-07. valijson reports an unusable schema by throwing
// (VALIJSON_USE_EXCEPTIONS, set on the target); the exception stays here.
#include "rules_json.hpp"

#include <boost/json.hpp>
#include <exception>
#include <valijson/adapters/boost_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>

namespace tongban::catalog {
namespace json = boost::json;

std::vector<Error> CheckFormSchema(std::string_view text, const std::string& field) {
  std::vector<Error> out;
  if (text.empty()) return out;
  auto fail = [&](std::string zh, std::string en, std::string detail = {}) {
    out.push_back(Error::Make(ErrorCode::kInvalidArgument, "catalog.invalid_form_schema",
                              "在线表单定义（JSON Schema）" + zh, "the online form's JSON Schema " + en,
                              field)
                      .WithDetail(std::move(detail)));
    return out;
  };
  if (text.size() > kMaxFormSchemaBytes) {
    return fail("超过 " + std::to_string(kMaxFormSchemaBytes / 1024) + " KB",
                "is longer than " + std::to_string(kMaxFormSchemaBytes / 1024) + " KB");
  }
  json::parse_options options;
  options.max_depth = 32;
  boost::system::error_code ec;
  json::value schema = json::parse(text, ec, {}, options);
  if (ec) return fail("不是有效的 JSON：" + ec.message(), "is not valid JSON: " + ec.message(), ec.message());
  if (!schema.is_object()) return fail("应为 JSON 对象", "must be a JSON object");
  const json::object& top = schema.as_object();
  const json::value* type = top.if_contains("type");
  if (type == nullptr || !type->is_string() || type->as_string() != "object") {
    return fail("顶层应声明 \"type\": \"object\"", "must declare \"type\": \"object\" at the top");
  }
  if (const json::value* properties = top.if_contains("properties");
      properties != nullptr && properties->is_object() &&
      properties->as_object().size() > kMaxFormProperties) {
    return fail("的字段超过 " + std::to_string(kMaxFormProperties) + " 个",
                "has more than " + std::to_string(kMaxFormProperties) + " properties");
  }
  try {
    valijson::Schema loaded;
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::BoostJsonAdapter adapter(schema);
    parser.populateSchema(adapter, loaded);
  } catch (const std::exception& e) {
    return fail(std::string("不是有效的 draft-07 JSON Schema：") + e.what(),
                std::string("is not a valid draft-07 JSON Schema: ") + e.what(), e.what());
  }
  return out;
}

}  // namespace tongban::catalog
