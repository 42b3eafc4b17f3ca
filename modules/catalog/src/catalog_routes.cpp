// routes: decode → one service call → encode (docs/catalog-format.md, "API").
#include "catalog/routes.hpp"

#include <algorithm>
#include <functional>
#include <map>

#include "catalog/codec.hpp"
#include "catalog/json.hpp"
#include "catalog_view_json.hpp"
#include "http/json.hpp"
#include "http/problem.hpp"

namespace tongban::catalog {
namespace {

namespace json = boost::json;
using identity::Caller;

constexpr const char* kPublicCache = "public, max-age=60";
constexpr std::size_t kMaxCodeChars = 64;
constexpr std::size_t kMaxTextParamChars = 64;
constexpr std::size_t kMaxQueryChars = 100;
constexpr std::size_t kMaxDateChars = 10;
constexpr std::size_t kMaxStampChars = 40;
constexpr std::size_t kMaxAnswers = 64;
constexpr std::size_t kMaxImportBodyBytes = std::size_t{16} << 20;

// ---- errors ---------------------------------------------------------------------

Error BadParameter(std::string_view name, std::string zh, std::string en) {
  return Error::Make(ErrorCode::kInvalidArgument, "catalog.invalid_parameter", std::move(zh), std::move(en),
                     std::string(name));
}

Error ItemNotFound() {
  return Error::Make(ErrorCode::kNotFound, "catalog.item_not_found", "未找到该事项", "No such service item");
}

Error LifeEventNotFound() {
  return Error::Make(ErrorCode::kNotFound, "catalog.life_event_not_found", "未找到该一件事",
                     "No such life event");
}

Error DepartmentNotFound() {
  return Error::Make(ErrorCode::kNotFound, "catalog.department_not_found", "未找到该部门",
                     "No such department");
}

Error CatalogUnavailable() {
  return Error::Make(ErrorCode::kUnavailable, "catalog.unavailable", "事项库尚未加载，请稍后重试",
                     "The catalog is not loaded yet; please try again later");
}

// A rule failure (kInvalidArgument from the service or a record's decoding)
// is 422 with every failure in `errors`; anything else keeps its own status.
http::Response Rejected(const Error& error, const std::vector<Error>& violations, const http::Request& r) {
  if (error.code != ErrorCode::kInvalidArgument) return http::Problem(error, &r);
  json::array errors = http::ErrorsToJson(violations.empty() ? std::vector<Error>{error} : violations);
  return http::ProblemWithMembers(error, &r, 422, json::object{{"errors", std::move(errors)}});
}

// ---- query parameters: every one validated, unknown or repeated names refused ----

using Params = std::map<std::string, std::string, std::less<>>;

std::string Shown(std::string_view name) {
  return std::string(name.substr(0, 32));
}

Result<Params> ParamsOf(const http::Request& r, std::initializer_list<std::string_view> allowed) {
  Params out;
  for (const auto& [name, value] : r.query) {
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      return Error::Make(ErrorCode::kInvalidArgument, "catalog.unknown_parameter",
                         "不支持查询参数 " + Shown(name), "Unknown query parameter " + Shown(name),
                         Shown(name));
    }
    if (!out.emplace(name, value).second) {
      return Error::Make(ErrorCode::kInvalidArgument, "catalog.repeated_parameter",
                         "查询参数 " + name + " 只能出现一次", "Query parameter " + name + " is given twice",
                         name);
    }
  }
  return out;
}

// The value, or "" when absent (an empty value filters nothing either).
std::string Param(const Params& params, std::string_view name) {
  auto it = params.find(name);
  return it == params.end() ? std::string() : it->second;
}

Result<std::string> TextParam(const Params& params, std::string_view name,
                              std::size_t max_chars = kMaxTextParamChars) {
  std::string value = Param(params, name);
  auto length = http::Utf8Length(value);
  if (!length || *length > max_chars) {
    return BadParameter(name, "查询参数 " + std::string(name) + " 过长或不是有效文本",
                        "Query parameter " + std::string(name) + " is too long or not valid text");
  }
  return value;
}

template <typename T>
Result<std::optional<T>> EnumParam(const Params& params, std::string_view name,
                                   std::optional<T> (*parse)(std::string_view), const char* allowed) {
  std::string value = Param(params, name);
  if (value.empty()) return std::optional<T>();
  std::optional<T> parsed = parse(value);
  if (!parsed) {
    return BadParameter(name, "查询参数 " + std::string(name) + " 的取值无效，应为 " + allowed,
                        "Query parameter " + std::string(name) + " must be one of " + allowed);
  }
  return parsed;
}

Result<int> IntParam(const Params& params, std::string_view name, int fallback, int min, int max) {
  std::string value = Param(params, name);
  if (value.empty()) return fallback;
  bool digits = value.size() <= 9 &&
                std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
  int n = digits ? std::stoi(value) : -1;
  if (!digits || n < min || n > max) {
    return BadParameter(name,
                        "查询参数 " + std::string(name) + " 应为 " + std::to_string(min) + " 到 " +
                            std::to_string(max) + " 之间的整数",
                        "Query parameter " + std::string(name) + " must be an integer from " +
                            std::to_string(min) + " to " + std::to_string(max));
  }
  return n;
}

Result<bool> BoolParam(const Params& params, std::string_view name) {
  std::string value = Param(params, name);
  if (value.empty() || value == "false") return false;
  if (value == "true") return true;
  return BadParameter(name, "查询参数 " + std::string(name) + " 应为 true 或 false",
                      "Query parameter " + std::string(name) + " must be true or false");
}

// ---- path segments: a malformed code or version names nothing (404) ----

bool IsRecordCode(std::string_view s) {  // items and life events: [A-Za-z0-9_.-]{3,64}
  return s.size() >= 3 && s.size() <= kMaxCodeChars && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                  c == '.' || c == '-';
         });
}

bool IsDepartmentCode(std::string_view s) {  // [a-z0-9_.-]{1,64}
  return !s.empty() && s.size() <= kMaxCodeChars && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
  });
}

std::optional<int> VersionOf(std::string_view s) {
  if (s.empty() || s.size() > 6 || s.front() == '0') return std::nullopt;
  if (!std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
  return std::stoi(std::string(s));
}

// ---- the caller ------------------------------------------------------------------

// Public reads of the snapshot read no credential (it would cost a database
// read on the I/O thread): catalog.published.read is anyone's, so everyone is served
// as an anonymous caller.
Caller Anonymous(const http::Request& r) {
  Caller caller;
  caller.remote_address = r.remote_address;
  caller.request_id = r.request_id;
  return caller;
}

// ---- caching of public reads: the snapshot's revision and date ----

std::string ETagOf(const Snapshot& snapshot) {
  return "\"c" + std::to_string(snapshot.revision) + "-" + snapshot.date + "\"";
}

bool NotModified(const http::Request& r, const std::string& etag) {
  std::string_view header = r.Header("If-None-Match");
  if (header.empty()) return false;
  if (header == "*") return true;
  // A list of entity tags, weak ones compared weakly (RFC 9110 §13.1.2).
  return header.find(etag) != std::string_view::npos;
}

http::Response Public(http::Response response, const std::string& etag) {
  response.headers.emplace("Cache-Control", kPublicCache);
  response.headers.emplace("ETag", etag);
  return response;
}

http::Response NotModifiedResponse(const std::string& etag) {
  http::Response response;
  response.status = 304;
  response.content_type.clear();
  return Public(std::move(response), etag);
}

// ---- request bodies ----------------------------------------------------------------

// An optional body: none, or a JSON object.
Result<json::object> OptionalBody(const http::Request& r) {
  if (std::all_of(r.body.begin(), r.body.end(),
                  [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; })) {
    return json::object{};
  }
  return http::ParseJsonObject(r);
}

Result<std::string> OptionalDate(const json::object& body, std::string_view key) {
  TONGBAN_RETURN_IF_ERROR(http::RejectUnknownFields(body, {key}));
  TONGBAN_ASSIGN_OR_RETURN(auto value, http::OptionalString(body, key, kMaxDateChars));
  return value.value_or("");
}

Result<Answers> AnswersOf(const json::object& body) {
  TONGBAN_RETURN_IF_ERROR(http::RejectUnknownFields(body, {"answers"}));
  const json::value* v = body.if_contains("answers");
  if (v == nullptr || !v->is_object()) {
    return Error::Make(ErrorCode::kInvalidArgument, "catalog.answers_type",
                       "answers 应为对象：问题编号 → 选项编号",
                       "answers must be an object: question id → option id", "/answers");
  }
  if (v->as_object().size() > kMaxAnswers) {
    return Error::Make(ErrorCode::kInvalidArgument, "catalog.too_many_answers", "回答过多",
                       "Too many answers", "/answers");
  }
  Answers answers;
  for (const auto& [question, option] : v->as_object()) {
    std::string field = "/answers/" + std::string(question.substr(0, 32));
    if (!option.is_string() || option.as_string().size() > kMaxCodeChars || question.size() > kMaxCodeChars) {
      return Error::Make(ErrorCode::kInvalidArgument, "catalog.answer_type", "回答应为选项编号（文本）",
                         "An answer must be an option id (a string)", field);
    }
    answers.emplace(std::string(question), std::string(option.as_string()));
  }
  return answers;
}

// ---- public reads of the snapshot (inline) --------------------------------------------

using PublicHandler = http::Response (*)(CatalogService&, const http::Request&);

// Runs `answer` on the current snapshot after the parameters were checked,
// with caching: 304 when the client holds this revision.
template <typename Answer>
http::Response FromSnapshot(CatalogService& s, const http::Request& r, Answer answer) {
  std::shared_ptr<const Snapshot> snapshot = s.Current();
  if (!snapshot) return http::Problem(CatalogUnavailable(), &r);
  std::string etag = ETagOf(*snapshot);
  if (NotModified(r, etag)) return NotModifiedResponse(etag);
  http::Response response = answer(*snapshot);
  if (response.status != 200) return response;
  return Public(std::move(response), etag);
}

http::Response ListRegions(CatalogService& s, const http::Request& r) {
  auto params = ParamsOf(r, {"parent", "level"});
  if (!params) return http::Problem(params.error(), &r);
  auto parent = TextParam(*params, "parent");
  if (!parent) return http::Problem(parent.error(), &r);
  auto level = EnumParam<RegionLevel>(*params, "level", ParseRegionLevel, "city, district, street, centre");
  if (!level) return http::Problem(level.error(), &r);
  return FromSnapshot(s, r, [&](const Snapshot& snap) {
    json::array out;
    for (const Region& region : snap.regions) {
      if (!parent->empty() && region.parent_code != *parent) continue;
      if (*level && region.level != **level) continue;
      out.push_back(ToJson(region));
    }
    return http::JsonResponse(200, json::object{{"regions", std::move(out)}});
  });
}

http::Response ListDepartments(CatalogService& s, const http::Request& r) {
  auto params = ParamsOf(r, {"region", "level"});
  if (!params) return http::Problem(params.error(), &r);
  auto region = TextParam(*params, "region");
  if (!region) return http::Problem(region.error(), &r);
  auto level = EnumParam<DepartmentLevel>(*params, "level", ParseDepartmentLevel, "city, district, street");
  if (!level) return http::Problem(level.error(), &r);
  return FromSnapshot(s, r, [&](const Snapshot& snap) {
    json::array out;
    for (const Department& d : snap.departments) {
      if (!region->empty() && d.region_code != *region) continue;
      if (*level && d.level != **level) continue;
      out.push_back(ToJson(d));
    }
    return http::JsonResponse(200, json::object{{"departments", std::move(out)}});
  });
}

http::Response GetDepartment(CatalogService& s, const http::Request& r) {
  auto params = ParamsOf(r, {});
  if (!params) return http::Problem(params.error(), &r);
  const std::string& code = r.PathParam("code");
  if (!IsDepartmentCode(code)) return http::Problem(DepartmentNotFound(), &r);
  return FromSnapshot(s, r, [&](const Snapshot& snap) {
    const Department* d = snap.FindDepartment(code);
    if (d == nullptr) return http::Problem(DepartmentNotFound(), &r);
    return http::JsonResponse(200, ToJson(*d));
  });
}

http::Response ListPowers(CatalogService& s, const http::Request& r) {
  auto params = ParamsOf(r, {"department", "type"});
  if (!params) return http::Problem(params.error(), &r);
  auto department = TextParam(*params, "department");
  if (!department) return http::Problem(department.error(), &r);
  auto type =
      EnumParam<PowerType>(*params, "type", ParsePowerType,
                           "licensing, penalty, coercion, levy, benefit, inspection, confirmation, reward, "
                           "adjudication, other_power, public_service");
  if (!type) return http::Problem(type.error(), &r);
  return FromSnapshot(s, r, [&](const Snapshot& snap) {
    json::array out;
    for (const Power& p : snap.powers) {
      if (!department->empty() && p.department_code != *department) continue;
      if (*type && p.type != **type) continue;
      out.push_back(ToJson(p));
    }
    return http::JsonResponse(200, json::object{{"powers", std::move(out)}});
  });
}

http::Response ListLicenceTypes(CatalogService& s, const http::Request& r) {
  auto params = ParamsOf(r, {});
  if (!params) return http::Problem(params.error(), &r);
  return FromSnapshot(s, r, [&](const Snapshot& snap) {
    json::array out;
    for (const LicenceType& t : snap.licence_types) out.push_back(ToJson(t));
    return http::JsonResponse(200, json::object{{"licence_types", std::move(out)}});
  });
}

http::Response ListDataItems(CatalogService& s, const http::Request& r) {
  auto params = ParamsOf(r, {});
  if (!params) return http::Problem(params.error(), &r);
  return FromSnapshot(s, r, [&](const Snapshot& snap) {
    json::array out;
    for (const DataItem& d : snap.data_items) out.push_back(ToJson(d));
    return http::JsonResponse(200, json::object{{"data_items", std::move(out)}});
  });
}

constexpr const char* kTargets = "resident, enterprise, both";

http::Response ListCategories(CatalogService& s, const http::Request& r) {
  auto params = ParamsOf(r, {"target"});
  if (!params) return http::Problem(params.error(), &r);
  auto target = EnumParam<Target>(*params, "target", ParseTarget, kTargets);
  if (!target) return http::Problem(target.error(), &r);
  return FromSnapshot(s, r, [&](const Snapshot&) {
    json::array out;
    for (const auto& c : s.Categories(*target)) {
      out.push_back(json::object{{"name", c.name}, {"target", TargetCode(c.target)}, {"count", c.count}});
    }
    return http::JsonResponse(200, json::object{{"categories", std::move(out)}});
  });
}

http::Response GetItem(CatalogService& s, const http::Request& r) {
  auto params = ParamsOf(r, {});
  if (!params) return http::Problem(params.error(), &r);
  const std::string& code = r.PathParam("code");
  if (!IsRecordCode(code)) return http::Problem(ItemNotFound(), &r);
  return FromSnapshot(s, r, [&](const Snapshot& snap) {
    auto item = s.GetItem(Anonymous(r), code);
    if (!item) return http::Problem(item.error(), &r);
    return http::JsonResponse(200, ItemViewJson(snap, *item));
  });
}

template <typename T>
bool Within(const std::vector<const T*>& pointers, const std::vector<T>& owner) {
  std::less<const T*> less;
  const T* begin = owner.data();
  const T* end = owner.data() + owner.size();
  return std::all_of(pointers.begin(), pointers.end(),
                     [&](const T* p) { return !less(p, begin) && less(p, end); });
}

http::Response EvaluateItem(CatalogService& s, const http::Request& r) {
  auto params = ParamsOf(r, {});
  if (!params) return http::Problem(params.error(), &r);
  const std::string& code = r.PathParam("code");
  if (!IsRecordCode(code)) return http::Problem(ItemNotFound(), &r);
  auto body = http::ParseJsonObject(r);
  if (!body) return http::Problem(body.error(), &r);
  auto answers = AnswersOf(*body);
  if (!answers) return http::Problem(answers.error(), &r);
  // The answer points into the snapshot's item: hold the snapshot while it is
  // encoded. Should the snapshot have been replaced during the call, the same
  // pure evaluation runs again on the held one.
  std::shared_ptr<const Snapshot> snapshot = s.Current();
  auto applicable = s.EvaluateItem(Anonymous(r), code, *answers);
  if (!applicable) return http::Problem(applicable.error(), &r);
  const ServiceItem* item = snapshot ? snapshot->FindItem(code) : nullptr;
  if (item == nullptr) return http::Problem(ItemNotFound(), &r);
  if (!Within(applicable->conditions, item->conditions) || !Within(applicable->materials, item->materials) ||
      !Within(applicable->waived, item->materials)) {
    applicable = Evaluate(*item, *answers);
    if (!applicable) return http::Problem(applicable.error(), &r);
  }
  return http::JsonResponse(200, ApplicableJson(*applicable));
}

// Public (the snapshot) unless the console asks for a status other than
// published — then the caller's credentials decide.
http::Response ListLifeEvents(CatalogService& s, const Caller* caller, const http::Request& r) {
  auto params = ParamsOf(r, {"target", "status"});
  if (!params) return http::Problem(params.error(), &r);
  auto target = EnumParam<Target>(*params, "target", ParseTarget, kTargets);
  if (!target) return http::Problem(target.error(), &r);
  std::string status = Param(*params, "status");
  if (!status.empty() && status != "published" && status != "draft" && status != "retired" &&
      status != "all") {
    return http::Problem(
        BadParameter("status", "查询参数 status 的取值无效，应为 published、draft、retired 或 all",
                     "Query parameter status must be published, draft, retired or all"),
        &r);
  }
  auto encode = [&](const Result<std::vector<LifeEvent>>& events) {
    if (!events) return http::Problem(events.error(), &r);
    json::array out;
    for (const LifeEvent& e : *events) out.push_back(ToJson(e));
    return http::JsonResponse(200, json::object{{"life_events", std::move(out)}});
  };
  if (caller == nullptr || status.empty() || status == "published") {
    return FromSnapshot(s, r,
                        [&](const Snapshot&) { return encode(s.ListLifeEvents(Anonymous(r), *target)); });
  }
  return encode(s.ListLifeEvents(*caller, *target, status));
}

http::Response GetLifeEvent(CatalogService& s, const http::Request& r) {
  auto params = ParamsOf(r, {});
  if (!params) return http::Problem(params.error(), &r);
  const std::string& code = r.PathParam("code");
  if (!IsRecordCode(code)) return http::Problem(LifeEventNotFound(), &r);
  return FromSnapshot(s, r, [&](const Snapshot& snap) {
    auto guide = s.GetLifeEventGuide(Anonymous(r), code);
    if (!guide) return http::Problem(guide.error(), &r);
    return http::JsonResponse(200, GuideJson(snap, *guide));
  });
}

Result<std::string> QueryText(const Params& params) {
  std::string q = Param(params, "q");
  auto length = http::Utf8Length(q);
  bool blank =
      std::all_of(q.begin(), q.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
  if (!length || blank || *length > kMaxQueryChars) {
    return Error::Make(ErrorCode::kInvalidArgument, "catalog.invalid_query", "请输入 1 到 100 个字的搜索词",
                       "The query must be 1 to 100 characters", "q");
  }
  return q;
}

http::Response Search(CatalogService& s, const http::Request& r) {
  auto params = ParamsOf(r, {"q", "limit", "target", "kind"});
  if (!params) return http::Problem(params.error(), &r);
  SearchQuery query;
  auto q = QueryText(*params);
  if (!q) return http::Problem(q.error(), &r);
  query.q = std::move(*q);
  auto limit = IntParam(*params, "limit", 10, 1, 50);
  if (!limit) return http::Problem(limit.error(), &r);
  query.limit = *limit;
  auto target = EnumParam<Target>(*params, "target", ParseTarget, kTargets);
  if (!target) return http::Problem(target.error(), &r);
  query.target = *target;
  std::string kind = Param(*params, "kind");
  if (!kind.empty() && kind != "item" && kind != "life_event") {
    return http::Problem(BadParameter("kind", "查询参数 kind 的取值无效，应为 item 或 life_event",
                                      "Query parameter kind must be item or life_event"),
                         &r);
  }
  query.items = kind != "life_event";
  query.life_events = kind != "item";
  return FromSnapshot(s, r, [&](const Snapshot& snap) {
    if (!snap.search) return http::Problem(CatalogUnavailable(), &r);
    auto hits = snap.search->Search(query);
    if (!hits) return http::Problem(hits.error(), &r);
    return http::Response::Json(200, SearchAnswerJson(query.q, *hits));
  });
}

http::Response Suggest(CatalogService& s, const http::Request& r) {
  auto params = ParamsOf(r, {"q", "limit"});
  if (!params) return http::Problem(params.error(), &r);
  auto q = QueryText(*params);
  if (!q) return http::Problem(q.error(), &r);
  auto limit = IntParam(*params, "limit", 8, 1, 20);
  if (!limit) return http::Problem(limit.error(), &r);
  return FromSnapshot(s, r, [&](const Snapshot& snap) {
    if (!snap.search) return http::Problem(CatalogUnavailable(), &r);
    return http::Response::Json(200, SuggestAnswerJson(snap.search->Suggest(*q, *limit)));
  });
}

// ---- reads that may show drafts, and operator writes (worker pool) -------------------

using Handler = http::Response (*)(CatalogService&, const Caller&, const http::Request&);

http::Response ListItems(CatalogService& s, const Caller& c, const http::Request& r) {
  auto params = ParamsOf(
      r, {"target", "department", "category", "region", "life_event", "status", "q", "limit", "offset"});
  if (!params) return http::Problem(params.error(), &r);
  ItemFilter filter;
  auto target = EnumParam<Target>(*params, "target", ParseTarget, kTargets);
  if (!target) return http::Problem(target.error(), &r);
  filter.target = *target;
  for (auto [name, into] : {std::pair{"department", &filter.department_code},
                            std::pair{"category", &filter.category}, std::pair{"region", &filter.region_code},
                            std::pair{"life_event", &filter.life_event_code}, std::pair{"q", &filter.text}}) {
    auto value = TextParam(*params, name);
    if (!value) return http::Problem(value.error(), &r);
    *into = std::move(*value);
  }
  std::string status = Param(*params, "status");
  if (!status.empty()) {
    if (status != "published" && status != "draft" && status != "retired" && status != "all") {
      return http::Problem(
          BadParameter("status", "查询参数 status 的取值无效，应为 published、draft、retired 或 all",
                       "Query parameter status must be published, draft, retired or all"),
          &r);
    }
    filter.status = status;
  }
  auto limit = IntParam(*params, "limit", 50, 1, 200);
  if (!limit) return http::Problem(limit.error(), &r);
  filter.limit = *limit;
  auto offset = IntParam(*params, "offset", 0, 0, 1000000);
  if (!offset) return http::Problem(offset.error(), &r);
  filter.offset = *offset;
  auto page = s.ListItems(c, filter);
  if (!page) return http::Problem(page.error(), &r);
  json::array rows;
  for (const ItemSummary& row : page->rows) rows.push_back(ToJson(row));
  return http::JsonResponse(200, json::object{{"items", std::move(rows)}, {"total", page->total}});
}

http::Response Versions(const Result<std::vector<VersionInfo>>& versions, const http::Request& r) {
  if (!versions) return http::Problem(versions.error(), &r);
  json::array out;
  for (const VersionInfo& v : *versions) out.push_back(ToJson(v));
  return http::JsonResponse(200, json::object{{"versions", std::move(out)}});
}

http::Response ListItemVersions(CatalogService& s, const Caller& c, const http::Request& r) {
  auto params = ParamsOf(r, {});
  if (!params) return http::Problem(params.error(), &r);
  const std::string& code = r.PathParam("code");
  if (!IsRecordCode(code)) return http::Problem(ItemNotFound(), &r);
  return Versions(s.ListItemVersions(c, code), r);
}

http::Response GetItemVersion(CatalogService& s, const Caller& c, const http::Request& r) {
  auto params = ParamsOf(r, {});
  if (!params) return http::Problem(params.error(), &r);
  const std::string& code = r.PathParam("code");
  std::optional<int> version = VersionOf(r.PathParam("version"));
  if (!IsRecordCode(code) || !version) return http::Problem(ItemNotFound(), &r);
  auto item = s.GetItemVersion(c, code, *version);
  if (!item) return http::Problem(item.error(), &r);
  return http::JsonResponse(200, ItemViewJson(*s.Current(), *item));
}

http::Response ListLifeEventVersions(CatalogService& s, const Caller& c, const http::Request& r) {
  auto params = ParamsOf(r, {});
  if (!params) return http::Problem(params.error(), &r);
  const std::string& code = r.PathParam("code");
  if (!IsRecordCode(code)) return http::Problem(LifeEventNotFound(), &r);
  return Versions(s.ListLifeEventVersions(c, code), r);
}

http::Response GetLifeEventVersion(CatalogService& s, const Caller& c, const http::Request& r) {
  auto params = ParamsOf(r, {});
  if (!params) return http::Problem(params.error(), &r);
  const std::string& code = r.PathParam("code");
  std::optional<int> version = VersionOf(r.PathParam("version"));
  if (!IsRecordCode(code) || !version) return http::Problem(LifeEventNotFound(), &r);
  auto event = s.GetLifeEventVersion(c, code, *version);
  if (!event) return http::Problem(event.error(), &r);
  return http::JsonResponse(200, LifeEventViewJson(*s.Current(), *event));
}

// Items and life events share the shape of their writes; Kind names the
// record's decoder, service calls and view.
struct ItemKind {
  using Record = ServiceItem;
  static Result<ServiceItem> Decode(const json::value& v, std::string_view at) {
    return ServiceItemFromJson(v, at);
  }
  static Error NotFound() { return ItemNotFound(); }
  static json::object View(const Snapshot& snap, const ServiceItem& item) { return ItemViewJson(snap, item); }
  static Result<std::vector<Error>> Check(CatalogService& s, const Caller& c, const ServiceItem& item,
                                          bool publishing) {
    return s.CheckItem(c, item, publishing);
  }
  static Result<ServiceItem> Create(CatalogService& s, const Caller& c, ServiceItem item,
                                    std::vector<Error>* v) {
    return s.CreateItem(c, std::move(item), v);
  }
  static Result<ServiceItem> Save(CatalogService& s, const Caller& c, const std::string& code,
                                  ServiceItem item, const std::string& base, std::vector<Error>* v) {
    return s.SaveItemDraft(c, code, std::move(item), base, v);
  }
  static Status Discard(CatalogService& s, const Caller& c, const std::string& code) {
    return s.DiscardItemDraft(c, code);
  }
  static Result<ServiceItem> Publish(CatalogService& s, const Caller& c, const std::string& code, int version,
                                     const std::string& from, std::vector<Error>* v) {
    return s.PublishItem(c, code, version, from, v);
  }
  static Result<ServiceItem> Retire(CatalogService& s, const Caller& c, const std::string& code,
                                    const std::string& to) {
    return s.RetireItem(c, code, to);
  }
  static constexpr const char* kPath = "/api/v1/catalog/items/";
};

struct LifeEventKind {
  using Record = LifeEvent;
  static Result<LifeEvent> Decode(const json::value& v, std::string_view at) {
    return LifeEventFromJson(v, at);
  }
  static Error NotFound() { return LifeEventNotFound(); }
  static json::object View(const Snapshot& snap, const LifeEvent& event) {
    return LifeEventViewJson(snap, event);
  }
  static Result<std::vector<Error>> Check(CatalogService& s, const Caller& c, const LifeEvent& event,
                                          bool publishing) {
    return s.CheckLifeEvent(c, event, publishing);
  }
  static Result<LifeEvent> Create(CatalogService& s, const Caller& c, LifeEvent event,
                                  std::vector<Error>* v) {
    return s.CreateLifeEvent(c, std::move(event), v);
  }
  static Result<LifeEvent> Save(CatalogService& s, const Caller& c, const std::string& code, LifeEvent event,
                                const std::string& base, std::vector<Error>* v) {
    return s.SaveLifeEventDraft(c, code, std::move(event), base, v);
  }
  static Status Discard(CatalogService& s, const Caller& c, const std::string& code) {
    return s.DiscardLifeEventDraft(c, code);
  }
  static Result<LifeEvent> Publish(CatalogService& s, const Caller& c, const std::string& code, int version,
                                   const std::string& from, std::vector<Error>* v) {
    return s.PublishLifeEvent(c, code, version, from, v);
  }
  static Result<LifeEvent> Retire(CatalogService& s, const Caller& c, const std::string& code,
                                  const std::string& to) {
    return s.RetireLifeEvent(c, code, to);
  }
  static constexpr const char* kPath = "/api/v1/catalog/life-events/";
};

template <typename Kind>
http::Response Create(CatalogService& s, const Caller& c, const http::Request& r) {
  auto params = ParamsOf(r, {});
  if (!params) return http::Problem(params.error(), &r);
  auto body = http::ParseJsonObject(r);
  if (!body) return http::Problem(body.error(), &r);
  auto record = Kind::Decode(json::value(std::move(*body)), "");
  if (!record) return Rejected(record.error(), {}, r);
  std::vector<Error> violations;
  auto created = Kind::Create(s, c, std::move(*record), &violations);
  if (!created) return Rejected(created.error(), violations, r);
  http::Response response = http::JsonResponse(201, Kind::View(*s.Current(), *created));
  response.headers.emplace("Location", Kind::kPath + created->code);
  return response;
}

// 200 with every failure, also when the record does not decode.
template <typename Kind>
http::Response Validate(CatalogService& s, const Caller& c, const http::Request& r) {
  auto params = ParamsOf(r, {"publishing"});
  if (!params) return http::Problem(params.error(), &r);
  auto publishing = BoolParam(*params, "publishing");
  if (!publishing) return http::Problem(publishing.error(), &r);
  auto body = http::ParseJsonObject(r);
  if (!body) return http::Problem(body.error(), &r);
  auto record = Kind::Decode(json::value(*body), "");
  std::vector<Error> errors;
  if (record) {
    auto checked = Kind::Check(s, c, *record, *publishing);
    if (!checked) return http::Problem(checked.error(), &r);
    errors = std::move(*checked);
  } else {
    // Decoding stops at the first fault; whether the caller may edit such a
    // record is still the service's decision, on an empty record of the
    // department the body names (department administrators edit their own).
    typename Kind::Record empty;
    if constexpr (std::is_same_v<Kind, ItemKind>) {
      const json::value* department = body->if_contains("department_code");
      if (department != nullptr && department->is_string()) empty.department_code = department->as_string();
    }
    auto allowed = Kind::Check(s, c, empty, false);
    if (!allowed) return http::Problem(allowed.error(), &r);
    errors.push_back(record.error());
  }
  return http::JsonResponse(200, json::object{{"errors", http::ErrorsToJson(errors)}});
}

template <typename Kind>
http::Response SaveDraft(CatalogService& s, const Caller& c, const http::Request& r) {
  auto params = ParamsOf(r, {});
  if (!params) return http::Problem(params.error(), &r);
  const std::string& code = r.PathParam("code");
  if (!IsRecordCode(code)) return http::Problem(Kind::NotFound(), &r);
  auto body = http::ParseJsonObject(r);
  if (!body) return http::Problem(body.error(), &r);
  Status fields = http::RejectUnknownFields(*body, {"item", "life_event", "base_updated_at"});
  if (!fields.ok()) return http::Problem(fields.error(), &r);
  const char* key = std::is_same_v<Kind, ItemKind> ? "item" : "life_event";
  const json::value* v = body->if_contains(key);
  if (v == nullptr || !v->is_object()) {
    return Rejected(Error::Make(ErrorCode::kInvalidArgument, "catalog.missing_field",
                                std::string("缺少 ") + key + "（草稿的内容）",
                                std::string("The draft's ") + key + " is missing", std::string("/") + key),
                    {}, r);
  }
  auto base = http::OptionalString(*body, "base_updated_at", kMaxStampChars);
  if (!base) return http::Problem(base.error(), &r);
  auto record = Kind::Decode(*v, std::string("/") + key);
  if (!record) return Rejected(record.error(), {}, r);
  if (record->code != code) {
    return Rejected(
        Error::Make(ErrorCode::kInvalidArgument, "catalog.code_mismatch", "草稿的编码与地址中的编码不一致",
                    "The draft's code differs from the code in the path", std::string("/") + key + "/code"),
        {}, r);
  }
  std::vector<Error> violations;
  auto saved = Kind::Save(s, c, code, std::move(*record), base->value_or(""), &violations);
  if (!saved) return Rejected(saved.error(), violations, r);
  return http::JsonResponse(200, Kind::View(*s.Current(), *saved));
}

template <typename Kind>
http::Response DiscardDraft(CatalogService& s, const Caller& c, const http::Request& r) {
  auto params = ParamsOf(r, {});
  if (!params) return http::Problem(params.error(), &r);
  const std::string& code = r.PathParam("code");
  if (!IsRecordCode(code)) return http::Problem(Kind::NotFound(), &r);
  Status st = Kind::Discard(s, c, code);
  if (!st.ok()) return http::Problem(st.error(), &r);
  return http::Response::NoContent();
}

template <typename Kind>
http::Response Publish(CatalogService& s, const Caller& c, const http::Request& r) {
  auto params = ParamsOf(r, {});
  if (!params) return http::Problem(params.error(), &r);
  const std::string& code = r.PathParam("code");
  std::optional<int> version = VersionOf(r.PathParam("version"));
  if (!IsRecordCode(code) || !version) return http::Problem(Kind::NotFound(), &r);
  auto body = OptionalBody(r);
  if (!body) return http::Problem(body.error(), &r);
  auto from = OptionalDate(*body, "effective_from");
  if (!from) return http::Problem(from.error(), &r);
  std::vector<Error> violations;
  auto published = Kind::Publish(s, c, code, *version, *from, &violations);
  if (!published) return Rejected(published.error(), violations, r);
  return http::JsonResponse(200, Kind::View(*s.Current(), *published));
}

template <typename Kind>
http::Response Retire(CatalogService& s, const Caller& c, const http::Request& r) {
  auto params = ParamsOf(r, {});
  if (!params) return http::Problem(params.error(), &r);
  const std::string& code = r.PathParam("code");
  if (!IsRecordCode(code)) return http::Problem(Kind::NotFound(), &r);
  auto body = OptionalBody(r);
  if (!body) return http::Problem(body.error(), &r);
  auto to = OptionalDate(*body, "effective_to");
  if (!to) return http::Problem(to.error(), &r);
  auto retired = Kind::Retire(s, c, code, *to);
  if (!retired) return Rejected(retired.error(), {}, r);
  return http::JsonResponse(200, Kind::View(*s.Current(), *retired));
}

// 422 catalog.import_rejected: the report, and every error of every rejected record.
http::Response ImportRejected(const ImportReport& report, const http::Request& r) {
  std::vector<Error> errors;
  for (const RejectedRecord& record : report.rejected)
    errors.insert(errors.end(), record.errors.begin(), record.errors.end());
  std::string n = std::to_string(report.rejected.size());
  Error error = Error::Make(ErrorCode::kInvalidArgument, "catalog.import_rejected",
                            "导入被拒绝：" + n + " 条记录有误，未做任何更改",
                            "Import rejected: " + n + " records have errors; nothing was changed",
                            errors.empty() ? std::string() : errors.front().field);
  json::value answer = json::parse(ToJsonText(report));
  return http::ProblemWithMembers(
      error, &r, 422, json::object{{"report", std::move(answer)}, {"errors", http::ErrorsToJson(errors)}});
}

http::Response Import(CatalogService& s, const Caller& c, const http::Request& r) {
  auto params = ParamsOf(r, {"dry_run"});
  if (!params) return http::Problem(params.error(), &r);
  auto dry_run = BoolParam(*params, "dry_run");
  if (!dry_run) return http::Problem(dry_run.error(), &r);
  std::string_view type = r.Header("Content-Type");
  if (!type.starts_with("application/json")) {
    return http::Problem(Error::Make(ErrorCode::kInvalidArgument, "http.unsupported_media_type",
                                     "仅支持 application/json", "Only application/json is supported"),
                         &r);
  }
  // Decoded with CatalogDocumentFromJsonText: a malformed file or records
  // that do not decode come back as rejected records, nothing written.
  auto report = s.ImportText(&c, r.body, ImportOptions{*dry_run});
  if (!report) return Rejected(report.error(), {}, r);
  if (!report->rejected.empty()) return ImportRejected(*report, r);
  return http::Response::Json(200, ToJsonText(*report));
}

http::Response Export(CatalogService& s, const Caller& c, const http::Request& r) {
  auto params = ParamsOf(r, {});
  if (!params) return http::Problem(params.error(), &r);
  auto doc = s.Export(&c);
  if (!doc) return http::Problem(doc.error(), &r);
  http::Response response = http::Response::Json(200, ToJsonText(*doc, false));
  response.headers.emplace("Content-Disposition", "attachment; filename=\"catalog.json\"");
  return response;
}

}  // namespace

void RegisterCatalogRoutes(http::Router& router, CatalogService& service,
                           identity::Authenticator& authenticator) {
  using http::Execution;
  using http::Method;
  auto inline_read = [&](Method method, const char* path, PublicHandler handler, const char* operation) {
    router.Add(
        method, path, [&service, handler](const http::Request& r) { return handler(service, r); },
        Execution::kInline, operation);
  };
  auto add = [&](Method method, const char* path, Handler handler, const char* operation) {
    router.Add(
        method, path,
        [&service, &authenticator, handler](const http::Request& r) {
          auto caller = identity::AuthenticateRequest(authenticator, r);
          if (!caller) return http::Problem(caller.error(), &r);
          return handler(service, *caller, r);
        },
        Execution::kWorker, operation);
  };
  // Public reads of the snapshot.
  inline_read(Method::kGet, "/api/v1/catalog/regions", ListRegions, "catalog.regions.list");
  inline_read(Method::kGet, "/api/v1/catalog/departments", ListDepartments, "catalog.departments.list");
  inline_read(Method::kGet, "/api/v1/catalog/departments/{code}", GetDepartment, "catalog.departments.get");
  inline_read(Method::kGet, "/api/v1/catalog/powers", ListPowers, "catalog.powers.list");
  inline_read(Method::kGet, "/api/v1/catalog/licence-types", ListLicenceTypes, "catalog.licence_types.list");
  inline_read(Method::kGet, "/api/v1/catalog/data-items", ListDataItems, "catalog.data_items.list");
  inline_read(Method::kGet, "/api/v1/catalog/categories", ListCategories, "catalog.categories.list");
  inline_read(Method::kGet, "/api/v1/catalog/items/{code}", GetItem, "catalog.items.get");
  inline_read(Method::kPost, "/api/v1/catalog/items/{code}/evaluate", EvaluateItem, "catalog.items.evaluate");
  // The console's status lists need the caller (worker pool); the public list does not.
  router.Add(
      Method::kGet, "/api/v1/catalog/life-events",
      [&service, &authenticator](const http::Request& r) {
        if (!r.QueryParam("status")) return ListLifeEvents(service, nullptr, r);
        auto caller = identity::AuthenticateRequest(authenticator, r);
        if (!caller) return http::Problem(caller.error(), &r);
        return ListLifeEvents(service, &*caller, r);
      },
      Execution::kWorker, "catalog.life_events.list");
  inline_read(Method::kGet, "/api/v1/catalog/life-events/{code}", GetLifeEvent, "catalog.life_events.get");
  inline_read(Method::kGet, "/api/v1/catalog/search", Search, "catalog.search");
  inline_read(Method::kGet, "/api/v1/catalog/suggest", Suggest, "catalog.suggest");
  // Reads that may show drafts.
  add(Method::kGet, "/api/v1/catalog/items", ListItems, "catalog.items.list");
  add(Method::kGet, "/api/v1/catalog/items/{code}/versions", ListItemVersions, "catalog.items.versions.list");
  add(Method::kGet, "/api/v1/catalog/items/{code}/versions/{version}", GetItemVersion,
      "catalog.items.versions.get");
  add(Method::kGet, "/api/v1/catalog/life-events/{code}/versions", ListLifeEventVersions,
      "catalog.life_events.versions.list");
  add(Method::kGet, "/api/v1/catalog/life-events/{code}/versions/{version}", GetLifeEventVersion,
      "catalog.life_events.versions.get");
  // Operator writes.
  add(Method::kPost, "/api/v1/catalog/items", Create<ItemKind>, "catalog.items.create");
  add(Method::kPost, "/api/v1/catalog/items/validate", Validate<ItemKind>, "catalog.items.validate");
  add(Method::kPut, "/api/v1/catalog/items/{code}/draft", SaveDraft<ItemKind>, "catalog.items.draft.save");
  add(Method::kDelete, "/api/v1/catalog/items/{code}/draft", DiscardDraft<ItemKind>,
      "catalog.items.draft.discard");
  add(Method::kPost, "/api/v1/catalog/items/{code}/versions/{version}/publish", Publish<ItemKind>,
      "catalog.items.publish");
  add(Method::kPost, "/api/v1/catalog/items/{code}/retire", Retire<ItemKind>, "catalog.items.retire");
  add(Method::kPost, "/api/v1/catalog/life-events", Create<LifeEventKind>, "catalog.life_events.create");
  add(Method::kPost, "/api/v1/catalog/life-events/validate", Validate<LifeEventKind>,
      "catalog.life_events.validate");
  add(Method::kPut, "/api/v1/catalog/life-events/{code}/draft", SaveDraft<LifeEventKind>,
      "catalog.life_events.draft.save");
  add(Method::kDelete, "/api/v1/catalog/life-events/{code}/draft", DiscardDraft<LifeEventKind>,
      "catalog.life_events.draft.discard");
  add(Method::kPost, "/api/v1/catalog/life-events/{code}/versions/{version}/publish", Publish<LifeEventKind>,
      "catalog.life_events.publish");
  add(Method::kPost, "/api/v1/catalog/life-events/{code}/retire", Retire<LifeEventKind>,
      "catalog.life_events.retire");
  // A whole catalog is larger than any other body: the import takes up to 16 MiB.
  http::Route import_route;
  import_route.method = Method::kPost;
  import_route.pattern = "/api/v1/catalog/import";
  import_route.handler = [&service, &authenticator](const http::Request& r) {
    auto caller = identity::AuthenticateRequest(authenticator, r);
    if (!caller) return http::Problem(caller.error(), &r);
    return Import(service, *caller, r);
  };
  import_route.execution = Execution::kWorker;
  import_route.operation_id = "catalog.import";
  import_route.max_body_bytes = kMaxImportBodyBytes;
  router.Add(std::move(import_route));
  add(Method::kGet, "/api/v1/catalog/export", Export, "catalog.export");
}  // namespace tongban::catalog

}  // namespace tongban::catalog
