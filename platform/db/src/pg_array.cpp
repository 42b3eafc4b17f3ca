#include "db/pg_array.hpp"

namespace tongban::db {
namespace {

void AppendQuoted(std::string& out, const std::string& value) {
  out += '"';
  for (char c : value) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
}

}  // namespace

std::string PgIntArray(const std::vector<std::int64_t>& values) {
  std::string out = "{";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) out += ',';
    out += std::to_string(values[i]);
  }
  return out + "}";
}

std::string PgTextArray(const std::vector<std::string>& values) {
  std::string out = "{";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) out += ',';
    AppendQuoted(out, values[i]);
  }
  return out + "}";
}

std::string PgByteaArray(const std::vector<std::string>& values) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out = "{";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) out += ',';
    // The element text is \x<hex>; inside a quoted element the backslash is escaped.
    out += "\"\\\\x";
    for (unsigned char b : values[i]) {
      out += kDigits[b >> 4];
      out += kDigits[b & 0xF];
    }
    out += '"';
  }
  return out + "}";
}

}  // namespace tongban::db
