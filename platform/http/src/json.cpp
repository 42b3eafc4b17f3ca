#include "http/json.hpp"

#include <algorithm>
#include <limits>

namespace tongban::http {
namespace {

namespace json = boost::json;

constexpr std::size_t kMaxEchoedKeyChars = 64;

char LowerAscii(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool IsJsonMediaType(std::string_view content_type) {
  std::string_view media = content_type.substr(0, content_type.find(';'));
  while (!media.empty() && (media.back() == ' ' || media.back() == '\t')) media.remove_suffix(1);
  while (!media.empty() && (media.front() == ' ' || media.front() == '\t')) media.remove_prefix(1);
  constexpr std::string_view kJson = "application/json";
  return media.size() == kJson.size() && std::equal(media.begin(), media.end(), kJson.begin(),
                                                    [](char a, char b) { return LowerAscii(a) == b; });
}

// The longest prefix of valid UTF-8 `text` with at most `max_chars` code points.
std::string_view TruncateUtf8(std::string_view text, std::size_t max_chars) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      if (chars == max_chars) return text.substr(0, i);
      ++chars;
    }
  }
  return text;
}

// RFC 6901: "~" → "~0", "/" → "~1". Keys from clients are shortened so that a
// megabyte-long key is not echoed back.
std::string Pointer(std::string_view key) {
  std::string out = "/";
  for (char c : TruncateUtf8(key, kMaxEchoedKeyChars)) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

Error FieldError(std::string reason, std::string zh, std::string en, std::string_view key) {
  return Error::Make(ErrorCode::kInvalidArgument, std::move(reason), std::move(zh), std::move(en),
                     Pointer(key));
}

Error MissingField(std::string_view key) {
  return FieldError("http.missing_field", "缺少必填字段", "A required field is missing", key);
}

Error WrongType(std::string_view key, std::string_view expected_zh, std::string_view expected_en) {
  return FieldError("http.wrong_type", "字段类型错误，应为" + std::string(expected_zh),
                    "Wrong type; expected " + std::string(expected_en), key);
}

// Line and column (both from 1, column in bytes) of byte `offset` of `text`.
std::pair<std::size_t, std::size_t> LineColumn(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

Result<std::optional<std::string>> ReadString(const json::object& obj, std::string_view key,
                                              std::size_t max_chars, bool required) {
  const json::value* v = obj.if_contains(key);
  if (v == nullptr || v->is_null()) {
    if (required) return MissingField(key);
    return std::optional<std::string>();
  }
  if (!v->is_string()) return WrongType(key, "字符串", "string");
  std::string_view text = v->get_string();
  auto length = Utf8Length(text);
  if (!length) {
    return FieldError("http.invalid_utf8", "字段不是有效的 UTF-8 文本", "Field is not valid UTF-8", key);
  }
  if (*length > max_chars) {
    return FieldError("http.too_long", "字段过长，最多 " + std::to_string(max_chars) + " 个字符",
                      "Too long; at most " + std::to_string(max_chars) + " characters", key);
  }
  return std::optional<std::string>(std::string(text));
}

}  // namespace

Result<json::object> ParseJsonObject(const Request& request) {
  if (!IsJsonMediaType(request.Header("Content-Type"))) {
    return Error::Make(ErrorCode::kInvalidArgument, "http.unsupported_media_type", "仅支持 application/json",
                       "Only application/json is supported");
  }
  if (!Utf8Length(request.body)) {
    return Error::Make(ErrorCode::kInvalidArgument, "http.invalid_utf8", "请求体不是有效的 UTF-8 文本",
                       "Request body is not valid UTF-8");
  }
  json::stream_parser parser;
  boost::system::error_code ec;
  std::size_t consumed = parser.write(request.body.data(), request.body.size(), ec);
  if (!ec) parser.finish(ec);
  if (ec) {
    auto [line, column] = LineColumn(request.body, consumed);
    std::string where = std::to_string(line) + ":" + std::to_string(column);
    std::string what = request.body.empty() ? "empty body" : ec.message();
    return Error::Make(
               ErrorCode::kInvalidArgument, "http.malformed_json",
               "JSON 格式错误：第 " + std::to_string(line) + " 行第 " + std::to_string(column) + " 列",
               "Malformed JSON at line " + std::to_string(line) + ", column " + std::to_string(column) +
                   " (" + what + ")")
        .WithDetail(what + " at " + where);
  }
  json::value value = parser.release();
  if (!value.is_object()) {
    return Error::Make(ErrorCode::kInvalidArgument, "http.expected_object", "请求体应为 JSON 对象",
                       "The request body must be a JSON object");
  }
  return std::move(value.get_object());
}

Response JsonResponse(int status, const json::value& value) {
  return Response::Json(status, json::serialize(value));
}

Result<std::string> RequireString(const json::object& obj, std::string_view key, std::size_t max_chars) {
  auto read = ReadString(obj, key, max_chars, true);
  if (!read.ok()) return read.error();
  return std::move(**read);
}

Result<std::optional<std::string>> OptionalString(const json::object& obj, std::string_view key,
                                                  std::size_t max_chars) {
  return ReadString(obj, key, max_chars, false);
}

Result<std::int64_t> RequireInt(const json::object& obj, std::string_view key, std::int64_t min,
                                std::int64_t max) {
  const json::value* v = obj.if_contains(key);
  if (v == nullptr || v->is_null()) return MissingField(key);
  auto out_of_range = [&] {
    return FieldError("http.out_of_range",
                      "数值超出范围（" + std::to_string(min) + " 至 " + std::to_string(max) + "）",
                      "Out of range [" + std::to_string(min) + ", " + std::to_string(max) + "]", key);
  };
  std::int64_t n = 0;
  if (v->is_int64()) {
    n = v->get_int64();
  } else if (v->is_uint64()) {
    // Boost.JSON only uses uint64 above INT64_MAX, beyond any int64 range.
    return out_of_range();
  } else {
    // 1.0 and 1e3 are rejected too: an integer field takes integer literals.
    return WrongType(key, "整数", "integer");
  }
  if (n < min || n > max) return out_of_range();
  return n;
}

Status RejectUnknownFields(const json::object& obj, std::initializer_list<std::string_view> allowed) {
  for (const auto& kv : obj) {
    std::string_view key = kv.key();
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      return FieldError("http.unknown_field", "不支持的字段", "Unknown field", key);
    }
  }
  return Status::Ok();
}

// Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
std::optional<std::size_t> Utf8Length(std::string_view text) {
  std::size_t count = 0;
  std::size_t i = 0;
  const std::size_t n = text.size();
  auto byte = [&text](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  auto cont = [&](std::size_t k) { return k < n && (byte(k) & 0xC0) == 0x80; };
  while (i < n) {
    unsigned char c = byte(i);
    if (c < 0x80) {
      i += 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
      if (!cont(i + 1)) return std::nullopt;
      i += 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      if (!cont(i + 1) || !cont(i + 2)) return std::nullopt;
      unsigned char c1 = byte(i + 1);
      if (c == 0xE0 && c1 < 0xA0) return std::nullopt;   // overlong
      if (c == 0xED && c1 >= 0xA0) return std::nullopt;  // surrogate
      i += 3;
    } else if (c >= 0xF0 && c <= 0xF4) {
      if (!cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return std::nullopt;
      unsigned char c1 = byte(i + 1);
      if (c == 0xF0 && c1 < 0x90) return std::nullopt;   // overlong
      if (c == 0xF4 && c1 >= 0x90) return std::nullopt;  // above U+10FFFF
      i += 4;
    } else {
      return std::nullopt;
    }
    ++count;
  }
  return count;
}

}  // namespace tongban::http
