// The catalog's JSON form (catalog/json.hpp, catalog/codec.hpp).
//
// Encoding writes every key of every struct in field order, also empty
// strings, empty arrays, false and 0, so that encoding is deterministic and an
// export of an import is byte-identical. Decoding is strict and collects every
// fault of a record (a single-record decoder returns the first; the document
// decoder returns them all): unknown key, wrong type, unknown enum code,
// missing required key. Required keys are those without a sensible default:
// codes, ids, names and texts, a question's options, a clause's parts, a
// result's kind, a document's format. Every other key may be left out and
// takes the struct's default.
#include <boost/json.hpp>
#include <boost/json/basic_parser_impl.hpp>
#include <climits>
#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "catalog/codec.hpp"
#include "catalog/json.hpp"

namespace tongban::catalog {
namespace json = boost::json;
namespace {

constexpr std::string_view kFormat = "tongban.catalog/1";
// The deepest record nests 8 levels (document → items → item → situations →
// situation → when → clause → option_ids); anything deeper is hostile.
constexpr std::size_t kMaxDepth = 16;
// An enum value quoted in an error message is cut to this many bytes.
constexpr std::size_t kMaxQuoted = 40;

// ---- encoding -------------------------------------------------------------------

json::array Strings(const std::vector<std::string>& list) {
  json::array out;
  out.reserve(list.size());
  for (const std::string& s : list) out.emplace_back(s);
  return out;
}

template <typename T>
json::array ArrayOf(const std::vector<T>& list);

json::value Encode(const Option& v) {
  return json::object{{"id", v.id}, {"text", v.text}};
}

json::value Encode(const Question& v) {
  json::object o;
  o["id"] = v.id;
  o["text"] = v.text;
  o["options"] = ArrayOf(v.options);
  return o;
}

json::value Encode(const Clause& v) {
  json::object o;
  o["question_id"] = v.question_id;
  o["option_ids"] = Strings(v.option_ids);
  return o;
}

json::value Encode(const Situation& v) {
  json::object o;
  o["id"] = v.id;
  o["name"] = v.name;
  o["when"] = ArrayOf(v.when);
  o["description"] = v.description;
  return o;
}

json::value Encode(const Condition& v) {
  json::object o;
  o["id"] = v.id;
  o["text"] = v.text;
  o["situations"] = Strings(v.situations);
  return o;
}

json::value Encode(const Material& v) {
  json::object o;
  o["id"] = v.id;
  o["name"] = v.name;
  o["source"] = MaterialSourceCode(v.source);
  o["issuer_department_code"] = v.issuer_department_code;
  o["type"] = MaterialTypeCode(v.type);
  o["paper_copies"] = v.paper_copies;
  o["form"] = MaterialFormCode(v.form);
  o["necessity"] = NecessityCode(v.necessity);
  o["sample_file"] = v.sample_file;
  o["blank_form_file"] = v.blank_form_file;
  o["replaced_by_licence"] = v.replaced_by_licence;
  o["replaced_by_data_item"] = v.replaced_by_data_item;
  o["requirements"] = v.requirements;
  o["situations"] = Strings(v.situations);
  return o;
}

json::value Encode(const Fee& v) {
  json::object o;
  o["name"] = v.name;
  o["amount_fen"] = v.amount_fen;
  o["standard"] = v.standard;
  o["basis"] = v.basis;
  return o;
}

json::value Encode(const Window& v) {
  json::object o;
  o["name"] = v.name;
  o["region_code"] = v.region_code;
  o["address"] = v.address;
  o["hours"] = v.hours;
  o["phone"] = v.phone;
  return o;
}

json::value Encode(const ItemResult& v) {
  json::object o;
  o["kind"] = ResultKindCode(v.kind);
  o["name"] = v.name;
  o["licence_type_code"] = v.licence_type_code;
  o["sample_file"] = v.sample_file;
  return o;
}

json::value Encode(const ServiceItem& v) {
  return ToJson(v);
}
json::value Encode(const LifeEvent& v) {
  return ToJson(v);
}
json::value Encode(const Region& v) {
  return ToJson(v);
}
json::value Encode(const Department& v) {
  return ToJson(v);
}
json::value Encode(const Power& v) {
  return ToJson(v);
}
json::value Encode(const LicenceType& v) {
  return ToJson(v);
}
json::value Encode(const DataItem& v) {
  return ToJson(v);
}

template <typename T>
json::array ArrayOf(const std::vector<T>& list) {
  json::array out;
  out.reserve(list.size());
  for (const T& v : list) out.push_back(Encode(v));
  return out;
}

// Two-space indented JSON; keys keep their insertion order. Scalars are
// written by Boost.JSON's serializer, so escaping matches the compact form.
void WritePretty(const json::value& v, std::string& out, int indent) {
  auto newline = [&out](int n) {
    out.push_back('\n');
    out.append(static_cast<std::size_t>(n) * 2, ' ');
  };
  if (v.is_object()) {
    const json::object& o = v.as_object();
    if (o.empty()) {
      out += "{}";
      return;
    }
    out.push_back('{');
    bool first = true;
    for (const auto& kv : o) {
      if (!first) out.push_back(',');
      first = false;
      newline(indent + 1);
      out += json::serialize(json::string_view(kv.key()));
      out += ": ";
      WritePretty(kv.value(), out, indent + 1);
    }
    newline(indent);
    out.push_back('}');
  } else if (v.is_array()) {
    const json::array& a = v.as_array();
    if (a.empty()) {
      out += "[]";
      return;
    }
    out.push_back('[');
    bool first = true;
    for (const json::value& e : a) {
      if (!first) out.push_back(',');
      first = false;
      newline(indent + 1);
      WritePretty(e, out, indent + 1);
    }
    newline(indent);
    out.push_back(']');
  } else {
    out += json::serialize(v);
  }
}

// ---- decoding -------------------------------------------------------------------

// RFC 6901: "~" → "~0", "/" → "~1".
std::string PointerTo(std::string_view at, std::string_view key) {
  std::string out(at);
  out.push_back('/');
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string PointerTo(std::string_view at, std::size_t index) {
  return std::string(at) + "/" + std::to_string(index);
}

std::string Quoted(std::string_view s) {
  if (s.size() <= kMaxQuoted) return std::string(s);
  // Cut at a code point boundary.
  std::size_t n = kMaxQuoted;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return std::string(s.substr(0, n)) + "…";
}

// The pointer shown in a message: "/" for the whole text.
std::string Shown(const std::string& field) {
  return field.empty() ? "/" : field;
}

struct Decoder {
  std::vector<Error> errors;

  void WrongType(const std::string& field, std::string_view zh, std::string_view en) {
    errors.push_back(Error::Make(ErrorCode::kInvalidArgument, "catalog.wrong_type",
                                 "字段 " + Shown(field) + " 应为" + std::string(zh),
                                 "field " + Shown(field) + " must be " + std::string(en), field));
  }
  void Missing(const std::string& field) {
    errors.push_back(Error::Make(ErrorCode::kInvalidArgument, "catalog.missing_field",
                                 "缺少必填字段 " + field, "missing required field " + field, field));
  }
  void UnknownKey(const std::string& field) {
    errors.push_back(Error::Make(ErrorCode::kInvalidArgument, "catalog.unknown_key",
                                 "无法识别的字段 " + field + "（请检查拼写）",
                                 "unknown field " + field + " (check the spelling)", field));
  }
  void UnknownEnum(const std::string& field, std::string_view value, const std::string& allowed) {
    errors.push_back(Error::Make(ErrorCode::kInvalidArgument, "catalog.unknown_enum",
                                 "字段 " + field + " 的取值“" + Quoted(value) + "”无效，可选值：" + allowed,
                                 "field " + field + ": \"" + Quoted(value) + "\" is not one of " + allowed,
                                 field));
  }
};

// Every code of an enum whose values are 0..N-1 (all of model.hpp's are).
template <typename E>
std::string AllowedCodes(std::string_view (*code_of)(E)) {
  std::string out;
  for (int i = 0;; ++i) {
    std::string_view code = code_of(static_cast<E>(i));
    if (code.empty()) break;
    if (!out.empty()) out += ", ";
    out += code;
  }
  return out;
}

// Reads one JSON object's keys into a struct, remembering which keys it
// knows, so that Finish can report the rest as unknown.
class ObjectReader {
 public:
  ObjectReader(Decoder& decoder, const json::value& v, std::string at) : d_(decoder), at_(std::move(at)) {
    if (v.is_object()) {
      obj_ = &v.as_object();
    } else {
      d_.WrongType(at_, "对象", "an object");
    }
  }
  ObjectReader(const ObjectReader&) = delete;
  ObjectReader& operator=(const ObjectReader&) = delete;
  ~ObjectReader() { Finish(); }

  const std::string& at() const { return at_; }

  // The value of `key` when present (null is not "present" for optional keys).
  const json::value* Get(std::string_view key, bool required) {
    known_.push_back(key);
    if (obj_ == nullptr) return nullptr;
    const json::value* v = obj_->if_contains(key);
    if (v == nullptr && required) d_.Missing(PointerTo(at_, key));
    return v;
  }

  void String(std::string_view key, std::string& out, bool required = false) {
    const json::value* v = Get(key, required);
    if (v == nullptr) return;
    if (!v->is_string()) return d_.WrongType(PointerTo(at_, key), "字符串", "a string");
    out.assign(v->as_string().data(), v->as_string().size());
  }

  void Bool(std::string_view key, bool& out) {
    const json::value* v = Get(key, false);
    if (v == nullptr) return;
    if (!v->is_bool())
      return d_.WrongType(PointerTo(at_, key), "布尔值（true 或 false）", "a boolean (true or false)");
    out = v->as_bool();
  }

  void Int64(std::string_view key, std::int64_t& out, std::int64_t min, std::int64_t max) {
    const json::value* v = Get(key, false);
    if (v == nullptr) return;
    // A uint64 beyond INT64_MAX and any double (1.5, 1e3) are not our integers.
    if (!v->is_int64() || v->as_int64() < min || v->as_int64() > max) {
      return d_.WrongType(PointerTo(at_, key),
                          "整数（" + std::to_string(min) + " 至 " + std::to_string(max) + "）",
                          "an integer in " + std::to_string(min) + ".." + std::to_string(max));
    }
    out = v->as_int64();
  }

  void Int(std::string_view key, int& out) {
    std::int64_t wide = out;
    Int64(key, wide, INT_MIN, INT_MAX);
    out = static_cast<int>(wide);
  }

  template <typename E>
  void Enum(std::string_view key, E& out, std::string_view (*code_of)(E),
            std::optional<E> (*parse)(std::string_view), bool required = false) {
    const json::value* v = Get(key, required);
    if (v == nullptr) return;
    if (!v->is_string()) return d_.WrongType(PointerTo(at_, key), "字符串", "a string");
    std::string_view s(v->as_string().data(), v->as_string().size());
    if (std::optional<E> e = parse(s)) {
      out = *e;
    } else {
      d_.UnknownEnum(PointerTo(at_, key), s, AllowedCodes(code_of));
    }
  }

  void Strings(std::string_view key, std::vector<std::string>& out, bool required = false) {
    const json::value* v = Get(key, required);
    if (v == nullptr) return;
    std::string field = PointerTo(at_, key);
    if (!v->is_array()) return d_.WrongType(field, "字符串数组", "an array of strings");
    out.clear();
    const json::array& a = v->as_array();
    out.reserve(a.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (!a[i].is_string()) {
        d_.WrongType(PointerTo(field, i), "字符串", "a string");
        continue;
      }
      out.emplace_back(a[i].as_string().data(), a[i].as_string().size());
    }
  }

  template <typename T>
  void Array(std::string_view key, std::vector<T>& out, bool required = false);

  template <typename T>
  void Object(std::string_view key, T& out, bool required = false);

 private:
  void Finish() {
    if (obj_ == nullptr) return;
    for (const auto& kv : *obj_) {
      bool known = false;
      for (std::string_view k : known_) {
        if (k == kv.key()) {
          known = true;
          break;
        }
      }
      if (!known) d_.UnknownKey(PointerTo(at_, kv.key()));
    }
  }

  Decoder& d_;
  std::string at_;
  const json::object* obj_ = nullptr;
  std::vector<std::string_view> known_;
};

void Decode(Decoder& d, const json::value& v, std::string at, Option& out) {
  ObjectReader r(d, v, std::move(at));
  r.String("id", out.id, true);
  r.String("text", out.text, true);
}

void Decode(Decoder& d, const json::value& v, std::string at, Question& out) {
  ObjectReader r(d, v, std::move(at));
  r.String("id", out.id, true);
  r.String("text", out.text, true);
  r.Array("options", out.options, true);
}

void Decode(Decoder& d, const json::value& v, std::string at, Clause& out) {
  ObjectReader r(d, v, std::move(at));
  r.String("question_id", out.question_id, true);
  r.Strings("option_ids", out.option_ids, true);
}

void Decode(Decoder& d, const json::value& v, std::string at, Situation& out) {
  ObjectReader r(d, v, std::move(at));
  r.String("id", out.id, true);
  r.String("name", out.name, true);
  r.Array("when", out.when);
  r.String("description", out.description);
}

void Decode(Decoder& d, const json::value& v, std::string at, Condition& out) {
  ObjectReader r(d, v, std::move(at));
  r.String("id", out.id, true);
  r.String("text", out.text, true);
  r.Strings("situations", out.situations);
}

void Decode(Decoder& d, const json::value& v, std::string at, Material& out) {
  ObjectReader r(d, v, std::move(at));
  r.String("id", out.id, true);
  r.String("name", out.name, true);
  r.Enum("source", out.source, MaterialSourceCode, ParseMaterialSource);
  r.String("issuer_department_code", out.issuer_department_code);
  r.Enum("type", out.type, MaterialTypeCode, ParseMaterialType);
  r.Int("paper_copies", out.paper_copies);
  r.Enum("form", out.form, MaterialFormCode, ParseMaterialForm);
  r.Enum("necessity", out.necessity, NecessityCode, ParseNecessity);
  r.String("sample_file", out.sample_file);
  r.String("blank_form_file", out.blank_form_file);
  r.String("replaced_by_licence", out.replaced_by_licence);
  r.String("replaced_by_data_item", out.replaced_by_data_item);
  r.String("requirements", out.requirements);
  r.Strings("situations", out.situations);
}

void Decode(Decoder& d, const json::value& v, std::string at, Fee& out) {
  ObjectReader r(d, v, std::move(at));
  r.String("name", out.name, true);
  r.Int64("amount_fen", out.amount_fen, INT64_MIN, INT64_MAX);
  r.String("standard", out.standard);
  r.String("basis", out.basis);
}

void Decode(Decoder& d, const json::value& v, std::string at, Window& out) {
  ObjectReader r(d, v, std::move(at));
  r.String("name", out.name, true);
  r.String("region_code", out.region_code);
  r.String("address", out.address);
  r.String("hours", out.hours);
  r.String("phone", out.phone);
}

void Decode(Decoder& d, const json::value& v, std::string at, ItemResult& out) {
  ObjectReader r(d, v, std::move(at));
  r.Enum("kind", out.kind, ResultKindCode, ParseResultKind, true);
  r.String("name", out.name);
  r.String("licence_type_code", out.licence_type_code);
  r.String("sample_file", out.sample_file);
}

void Decode(Decoder& d, const json::value& v, std::string at, Region& out) {
  ObjectReader r(d, v, std::move(at));
  r.String("code", out.code, true);
  r.String("name", out.name, true);
  r.Enum("level", out.level, RegionLevelCode, ParseRegionLevel, true);
  r.String("parent_code", out.parent_code);
  r.String("address", out.address);
  r.String("hours", out.hours);
}

void Decode(Decoder& d, const json::value& v, std::string at, Department& out) {
  ObjectReader r(d, v, std::move(at));
  r.String("code", out.code, true);
  r.String("name", out.name, true);
  r.String("short_name", out.short_name);
  r.Enum("level", out.level, DepartmentLevelCode, ParseDepartmentLevel, true);
  r.String("region_code", out.region_code);
  r.String("parent_code", out.parent_code);
}

void Decode(Decoder& d, const json::value& v, std::string at, Power& out) {
  ObjectReader r(d, v, std::move(at));
  r.String("code", out.code, true);
  r.String("name", out.name, true);
  r.Enum("type", out.type, PowerTypeCode, ParsePowerType, true);
  r.String("department_code", out.department_code);
  r.Strings("legal_basis", out.legal_basis);
}

void Decode(Decoder& d, const json::value& v, std::string at, LicenceType& out) {
  ObjectReader r(d, v, std::move(at));
  r.String("code", out.code, true);
  r.String("name", out.name, true);
  r.String("issuer_department_code", out.issuer_department_code);
  r.Enum("holder", out.holder, HolderCode, ParseHolder);
  r.Int("validity_years", out.validity_years);
}

void Decode(Decoder& d, const json::value& v, std::string at, DataItem& out) {
  ObjectReader r(d, v, std::move(at));
  r.String("code", out.code, true);
  r.String("name", out.name, true);
  r.String("provider_department_code", out.provider_department_code);
  r.String("description", out.description);
}

void Decode(Decoder& d, const json::value& v, std::string at, ServiceItem& out) {
  ObjectReader r(d, v, std::move(at));
  r.String("code", out.code, true);
  r.Int("version", out.version);
  r.Enum("status", out.status, VersionStatusCode, ParseVersionStatus);
  r.String("effective_from", out.effective_from);
  r.String("effective_to", out.effective_to);
  r.String("name", out.name, true);
  r.Strings("aliases", out.aliases);
  r.Strings("keywords", out.keywords);
  r.String("category", out.category);
  r.String("summary", out.summary);
  r.Enum("target", out.target, TargetCode, ParseTarget);
  r.String("power_code", out.power_code);
  r.String("department_code", out.department_code);
  r.Strings("region_codes", out.region_codes);
  r.Array("questions", out.questions);
  r.Array("situations", out.situations);
  r.Array("conditions", out.conditions);
  r.Array("materials", out.materials);
  r.Int("statutory_limit_days", out.statutory_limit_days);
  r.Int("committed_limit_days", out.committed_limit_days);
  r.Array("fees", out.fees);
  r.Enum("processing_depth", out.processing_depth, ProcessingDepthCode, ParseProcessingDepth);
  r.Int("trips", out.trips);
  r.Bool("any_location", out.any_location);
  r.Bool("zero_material", out.zero_material);
  r.Bool("notify_and_commit", out.notify_and_commit);
  r.Bool("accept_with_gaps", out.accept_with_gaps);
  r.Strings("legal_basis", out.legal_basis);
  r.Array("windows", out.windows);
  r.String("online_url", out.online_url);
  r.Object("result", out.result);
  r.String("form_schema", out.form_schema);
  r.Bool("demo", out.demo);
  r.String("created_at", out.created_at);
  r.String("updated_at", out.updated_at);
  r.String("published_at", out.published_at);
  r.String("published_by", out.published_by);
}

void Decode(Decoder& d, const json::value& v, std::string at, LifeEvent& out) {
  ObjectReader r(d, v, std::move(at));
  r.String("code", out.code, true);
  r.Int("version", out.version);
  r.Enum("status", out.status, VersionStatusCode, ParseVersionStatus);
  r.String("effective_from", out.effective_from);
  r.String("effective_to", out.effective_to);
  r.String("name", out.name, true);
  r.Strings("aliases", out.aliases);
  r.Strings("keywords", out.keywords);
  r.Enum("target", out.target, TargetCode, ParseTarget);
  r.String("summary", out.summary);
  r.String("lead_department_code", out.lead_department_code);
  r.Strings("item_codes", out.item_codes, true);
  r.Int("committed_limit_days", out.committed_limit_days);
  r.Bool("demo", out.demo);
  r.String("created_at", out.created_at);
  r.String("updated_at", out.updated_at);
  r.String("published_at", out.published_at);
  r.String("published_by", out.published_by);
}

template <typename T>
void ObjectReader::Array(std::string_view key, std::vector<T>& out, bool required) {
  const json::value* v = Get(key, required);
  if (v == nullptr) return;
  std::string field = PointerTo(at_, key);
  if (!v->is_array()) return d_.WrongType(field, "数组", "an array");
  out.clear();
  const json::array& a = v->as_array();
  out.reserve(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) Decode(d_, a[i], PointerTo(field, i), out.emplace_back());
}

template <typename T>
void ObjectReader::Object(std::string_view key, T& out, bool required) {
  const json::value* v = Get(key, required);
  if (v == nullptr) return;
  Decode(d_, *v, PointerTo(at_, key), out);
}

template <typename T>
Result<T> DecodeRecord(const json::value& v, std::string_view at) {
  Decoder d;
  T out;
  Decode(d, v, std::string(at), out);
  if (!d.errors.empty()) return std::move(d.errors.front());
  return out;
}

// Finds a key given twice in one object, which Boost.JSON would silently
// resolve to the last: a reviewer reading the file and the importer must see
// the same record. A basic_parser handler that builds nothing, run over text
// that already parsed; it keeps the path so the fault has its pointer.
class DuplicateKeyFinder {
 public:
  static constexpr std::size_t max_array_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_object_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_string_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_key_size = static_cast<std::size_t>(-1);

  // The pointer of the first repeated key, or empty.
  const std::string& duplicate() const { return duplicate_; }

  bool on_document_begin(boost::system::error_code&) { return true; }
  bool on_document_end(boost::system::error_code&) { return true; }
  bool on_array_begin(boost::system::error_code&) {
    frames_.push_back(Frame{false, 0, {}, {}});
    return true;
  }
  bool on_array_end(std::size_t, boost::system::error_code&) { return End(); }
  bool on_object_begin(boost::system::error_code&) {
    frames_.push_back(Frame{true, 0, {}, {}});
    return true;
  }
  bool on_object_end(std::size_t, boost::system::error_code&) { return End(); }
  bool on_string_part(json::string_view, std::size_t, boost::system::error_code&) { return true; }
  bool on_string(json::string_view, std::size_t, boost::system::error_code&) { return Value(); }
  bool on_key_part(json::string_view s, std::size_t, boost::system::error_code&) {
    key_.append(s.data(), s.size());
    return true;
  }
  bool on_key(json::string_view s, std::size_t, boost::system::error_code& ec) {
    key_.append(s.data(), s.size());
    Frame& top = frames_.back();
    top.key = std::move(key_);
    key_.clear();
    if (!top.keys.insert(top.key).second) {
      std::string at;
      for (const Frame& f : frames_) at = f.is_object ? PointerTo(at, f.key) : PointerTo(at, f.index);
      duplicate_ = at.empty() ? "/" : at;
      ec = json::error::syntax;
      return false;
    }
    return true;
  }
  bool on_number_part(json::string_view, boost::system::error_code&) { return true; }
  bool on_int64(std::int64_t, json::string_view, boost::system::error_code&) { return Value(); }
  bool on_uint64(std::uint64_t, json::string_view, boost::system::error_code&) { return Value(); }
  bool on_double(double, json::string_view, boost::system::error_code&) { return Value(); }
  bool on_bool(bool, boost::system::error_code&) { return Value(); }
  bool on_null(boost::system::error_code&) { return Value(); }
  bool on_comment_part(json::string_view, boost::system::error_code&) { return true; }
  bool on_comment(json::string_view, boost::system::error_code&) { return true; }

 private:
  struct Frame {
    bool is_object;
    std::size_t index;  // arrays: the element being read
    std::string key;    // objects: the key being read
    std::set<std::string> keys;
  };
  // A value ended: an array moves on to its next element.
  bool Value() {
    if (!frames_.empty() && !frames_.back().is_object) ++frames_.back().index;
    return true;
  }
  bool End() {
    frames_.pop_back();
    return Value();
  }
  std::vector<Frame> frames_;
  std::string key_;
  std::string duplicate_;
};

// The pointer of a repeated key in `text` (valid JSON), or empty.
std::string FindDuplicateKey(std::string_view text, std::string_view at) {
  json::parse_options options;
  options.max_depth = kMaxDepth;
  json::basic_parser<DuplicateKeyFinder> parser(options);
  boost::system::error_code ec;
  parser.write_some(false, text.data(), text.size(), ec);
  if (parser.handler().duplicate().empty()) return {};
  return std::string(at) + (parser.handler().duplicate() == "/" ? "" : parser.handler().duplicate());
}

// Parses JSON text; a failure is catalog.malformed_json naming the byte offset
// (or, for a key given twice in one object, the key's pointer).
Result<json::value> ParseText(std::string_view text, std::string_view at) {
  json::parse_options options;
  options.max_depth = kMaxDepth;
  json::stream_parser parser({}, options);
  boost::system::error_code ec;
  std::size_t consumed = parser.write(text.data(), text.size(), ec);
  if (!ec) parser.finish(ec);
  if (ec) {
    std::string where = std::to_string(consumed);
    return Error::Make(ErrorCode::kInvalidArgument, "catalog.malformed_json",
                       "不是有效的 JSON（第 " + where + " 字节附近：" + ec.message() + "）",
                       "not valid JSON (near byte " + where + ": " + ec.message() + ")", std::string(at))
        .WithDetail(ec.message());
  }
  if (std::string duplicate = FindDuplicateKey(text, at); !duplicate.empty()) {
    return Error::Make(ErrorCode::kInvalidArgument, "catalog.malformed_json",
                       "字段 " + duplicate + " 重复出现",
                       "the key " + duplicate + " appears twice in its object", duplicate);
  }
  return parser.release();
}

template <typename T>
Result<T> DecodeText(std::string_view text, std::string_view at) {
  Result<json::value> v = ParseText(text, at);
  if (!v.ok()) return v.error();
  return DecodeRecord<T>(*v, at);
}

// Decodes the records of one array of the document, each on its own, so that
// every failing record is reported and the good ones are kept.
template <typename T>
void DecodeRecords(const json::object& root, std::string_view key, std::vector<T>& out,
                   DecodedDocument& result) {
  const json::value* v = root.if_contains(key);
  if (v == nullptr) return;
  std::string field = PointerTo("", key);
  if (!v->is_array()) {
    Decoder d;
    d.WrongType(field, "数组", "an array");
    result.errors.push_back(std::move(d.errors.front()));
    return;
  }
  const json::array& a = v->as_array();
  out.reserve(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    Decoder d;
    T record;
    Decode(d, a[i], PointerTo(field, i), record);
    if (d.errors.empty()) {
      out.push_back(std::move(record));
    } else {
      for (Error& e : d.errors) result.errors.push_back(std::move(e));
    }
  }
}

}  // namespace

// ---- json.hpp ---------------------------------------------------------------------

json::value ToJson(const Region& v) {
  json::object o;
  o["code"] = v.code;
  o["name"] = v.name;
  o["level"] = RegionLevelCode(v.level);
  o["parent_code"] = v.parent_code;
  o["address"] = v.address;
  o["hours"] = v.hours;
  return o;
}

json::value ToJson(const Department& v) {
  json::object o;
  o["code"] = v.code;
  o["name"] = v.name;
  o["short_name"] = v.short_name;
  o["level"] = DepartmentLevelCode(v.level);
  o["region_code"] = v.region_code;
  o["parent_code"] = v.parent_code;
  return o;
}

json::value ToJson(const Power& v) {
  json::object o;
  o["code"] = v.code;
  o["name"] = v.name;
  o["type"] = PowerTypeCode(v.type);
  o["department_code"] = v.department_code;
  o["legal_basis"] = Strings(v.legal_basis);
  return o;
}

json::value ToJson(const LicenceType& v) {
  json::object o;
  o["code"] = v.code;
  o["name"] = v.name;
  o["issuer_department_code"] = v.issuer_department_code;
  o["holder"] = HolderCode(v.holder);
  o["validity_years"] = v.validity_years;
  return o;
}

json::value ToJson(const DataItem& v) {
  json::object o;
  o["code"] = v.code;
  o["name"] = v.name;
  o["provider_department_code"] = v.provider_department_code;
  o["description"] = v.description;
  return o;
}

json::value ToJson(const ServiceItem& v) {
  json::object o;
  o.reserve(40);
  o["code"] = v.code;
  o["version"] = v.version;
  o["status"] = VersionStatusCode(v.status);
  o["effective_from"] = v.effective_from;
  o["effective_to"] = v.effective_to;
  o["name"] = v.name;
  o["aliases"] = Strings(v.aliases);
  o["keywords"] = Strings(v.keywords);
  o["category"] = v.category;
  o["summary"] = v.summary;
  o["target"] = TargetCode(v.target);
  o["power_code"] = v.power_code;
  o["department_code"] = v.department_code;
  o["region_codes"] = Strings(v.region_codes);
  o["questions"] = ArrayOf(v.questions);
  o["situations"] = ArrayOf(v.situations);
  o["conditions"] = ArrayOf(v.conditions);
  o["materials"] = ArrayOf(v.materials);
  o["statutory_limit_days"] = v.statutory_limit_days;
  o["committed_limit_days"] = v.committed_limit_days;
  o["fees"] = ArrayOf(v.fees);
  o["processing_depth"] = ProcessingDepthCode(v.processing_depth);
  o["trips"] = v.trips;
  o["any_location"] = v.any_location;
  o["zero_material"] = v.zero_material;
  o["notify_and_commit"] = v.notify_and_commit;
  o["accept_with_gaps"] = v.accept_with_gaps;
  o["legal_basis"] = Strings(v.legal_basis);
  o["windows"] = ArrayOf(v.windows);
  o["online_url"] = v.online_url;
  o["result"] = Encode(v.result);
  o["form_schema"] = v.form_schema;
  o["demo"] = v.demo;
  o["created_at"] = v.created_at;
  o["updated_at"] = v.updated_at;
  o["published_at"] = v.published_at;
  o["published_by"] = v.published_by;
  return o;
}

json::value ToJson(const LifeEvent& v) {
  json::object o;
  o.reserve(18);
  o["code"] = v.code;
  o["version"] = v.version;
  o["status"] = VersionStatusCode(v.status);
  o["effective_from"] = v.effective_from;
  o["effective_to"] = v.effective_to;
  o["name"] = v.name;
  o["aliases"] = Strings(v.aliases);
  o["keywords"] = Strings(v.keywords);
  o["target"] = TargetCode(v.target);
  o["summary"] = v.summary;
  o["lead_department_code"] = v.lead_department_code;
  o["item_codes"] = Strings(v.item_codes);
  o["committed_limit_days"] = v.committed_limit_days;
  o["demo"] = v.demo;
  o["created_at"] = v.created_at;
  o["updated_at"] = v.updated_at;
  o["published_at"] = v.published_at;
  o["published_by"] = v.published_by;
  return o;
}

json::value ToJson(const CatalogDocument& v) {
  json::object o;
  o["format"] = v.format;
  o["regions"] = ArrayOf(v.regions);
  o["departments"] = ArrayOf(v.departments);
  o["powers"] = ArrayOf(v.powers);
  o["licence_types"] = ArrayOf(v.licence_types);
  o["data_items"] = ArrayOf(v.data_items);
  o["items"] = ArrayOf(v.items);
  o["life_events"] = ArrayOf(v.life_events);
  return o;
}

Result<Region> RegionFromJson(const json::value& v, std::string_view at) {
  return DecodeRecord<Region>(v, at);
}
Result<Department> DepartmentFromJson(const json::value& v, std::string_view at) {
  return DecodeRecord<Department>(v, at);
}
Result<Power> PowerFromJson(const json::value& v, std::string_view at) {
  return DecodeRecord<Power>(v, at);
}
Result<LicenceType> LicenceTypeFromJson(const json::value& v, std::string_view at) {
  return DecodeRecord<LicenceType>(v, at);
}
Result<DataItem> DataItemFromJson(const json::value& v, std::string_view at) {
  return DecodeRecord<DataItem>(v, at);
}
Result<ServiceItem> ServiceItemFromJson(const json::value& v, std::string_view at) {
  return DecodeRecord<ServiceItem>(v, at);
}
Result<LifeEvent> LifeEventFromJson(const json::value& v, std::string_view at) {
  return DecodeRecord<LifeEvent>(v, at);
}

// ---- codec.hpp --------------------------------------------------------------------

std::string ToJsonText(const Region& v) {
  return json::serialize(ToJson(v));
}
std::string ToJsonText(const Department& v) {
  return json::serialize(ToJson(v));
}
std::string ToJsonText(const Power& v) {
  return json::serialize(ToJson(v));
}
std::string ToJsonText(const LicenceType& v) {
  return json::serialize(ToJson(v));
}
std::string ToJsonText(const DataItem& v) {
  return json::serialize(ToJson(v));
}
std::string ToJsonText(const ServiceItem& v) {
  return json::serialize(ToJson(v));
}
std::string ToJsonText(const LifeEvent& v) {
  return json::serialize(ToJson(v));
}

std::string ToJsonText(const CatalogDocument& v, bool pretty) {
  json::value doc = ToJson(v);
  if (!pretty) return json::serialize(doc);
  std::string out;
  WritePretty(doc, out, 0);
  out.push_back('\n');
  return out;
}

Result<Region> RegionFromJsonText(std::string_view text, std::string_view at) {
  return DecodeText<Region>(text, at);
}
Result<Department> DepartmentFromJsonText(std::string_view text, std::string_view at) {
  return DecodeText<Department>(text, at);
}
Result<Power> PowerFromJsonText(std::string_view text, std::string_view at) {
  return DecodeText<Power>(text, at);
}
Result<LicenceType> LicenceTypeFromJsonText(std::string_view text, std::string_view at) {
  return DecodeText<LicenceType>(text, at);
}
Result<DataItem> DataItemFromJsonText(std::string_view text, std::string_view at) {
  return DecodeText<DataItem>(text, at);
}
Result<ServiceItem> ServiceItemFromJsonText(std::string_view text, std::string_view at) {
  return DecodeText<ServiceItem>(text, at);
}
Result<LifeEvent> LifeEventFromJsonText(std::string_view text, std::string_view at) {
  return DecodeText<LifeEvent>(text, at);
}

DecodedDocument CatalogDocumentFromJsonText(std::string_view text) {
  DecodedDocument result;
  Result<json::value> parsed = ParseText(text, "");
  if (!parsed.ok()) {
    result.errors.push_back(parsed.error());
    return result;
  }
  if (!parsed->is_object()) {
    Decoder d;
    d.WrongType("", "对象", "an object");
    result.errors.push_back(std::move(d.errors.front()));
    return result;
  }
  const json::object& root = parsed->as_object();
  static constexpr std::string_view kKeys[] = {"format",        "regions",    "departments", "powers",
                                               "licence_types", "data_items", "items",       "life_events"};
  for (const auto& kv : root) {
    bool known = false;
    for (std::string_view k : kKeys) known = known || k == kv.key();
    if (!known) {
      Decoder d;
      d.UnknownKey(PointerTo("", kv.key()));
      result.errors.push_back(std::move(d.errors.front()));
    }
  }
  const json::value* format = root.if_contains("format");
  if (format == nullptr) {
    Decoder d;
    d.Missing("/format");
    result.errors.push_back(std::move(d.errors.front()));
  } else if (!format->is_string() || format->as_string() != kFormat) {
    std::string shown =
        format->is_string() ? Quoted(std::string_view(format->as_string())) : json::serialize(*format);
    result.errors.push_back(Error::Make(
        ErrorCode::kInvalidArgument, "catalog.unsupported_format",
        "文件格式“" + Quoted(shown) + "”不受支持，应为 " + std::string(kFormat),
        "format \"" + Quoted(shown) + "\" is not supported; expected " + std::string(kFormat), "/format"));
  } else {
    result.document.format = std::string(kFormat);
  }
  DecodeRecords(root, "regions", result.document.regions, result);
  DecodeRecords(root, "departments", result.document.departments, result);
  DecodeRecords(root, "powers", result.document.powers, result);
  DecodeRecords(root, "licence_types", result.document.licence_types, result);
  DecodeRecords(root, "data_items", result.document.data_items, result);
  DecodeRecords(root, "items", result.document.items, result);
  DecodeRecords(root, "life_events", result.document.life_events, result);
  return result;
}

}  // namespace tongban::catalog
