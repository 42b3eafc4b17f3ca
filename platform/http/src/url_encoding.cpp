#include "http/url_encoding.hpp"

namespace tongban::http {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<std::string> PercentDecode(std::string_view text, PlusAsSpace plus) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      int hi = HexValue(text[i + 1]);
      int lo = HexValue(text[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (c == '+' && plus == PlusAsSpace::kYes) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string PercentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 0xF];
    }
  }
  return out;
}

std::optional<std::multimap<std::string, std::string>> ParseForm(std::string_view body) {
  std::multimap<std::string, std::string> out;
  std::size_t i = 0;
  while (i <= body.size()) {
    std::size_t end = body.find('&', i);
    if (end == std::string_view::npos) end = body.size();
    std::string_view pair = body.substr(i, end - i);
    if (!pair.empty()) {
      std::size_t eq = pair.find('=');
      auto name = PercentDecode(pair.substr(0, eq), PlusAsSpace::kYes);
      auto value = PercentDecode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1),
                                 PlusAsSpace::kYes);
      if (!name || !value) return std::nullopt;
      out.emplace(std::move(*name), std::move(*value));
    }
    i = end + 1;
  }
  return out;
}

std::string AppendQuery(const std::string& uri,
                        const std::vector<std::pair<std::string, std::string>>& params) {
  std::string out = uri;
  char sep = uri.find('?') == std::string::npos ? '?' : '&';
  for (const auto& [name, value] : params) {
    out += sep;
    out += PercentEncode(name);
    out += '=';
    out += PercentEncode(value);
    sep = '&';
  }
  return out;
}

}  // namespace tongban::http
