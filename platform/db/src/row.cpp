#include <charconv>
#include <string>
#include <system_error>

#include "core/hex.hpp"
#include "db/database.hpp"
#include "db/value.hpp"

namespace tongban::db {
namespace {

[[noreturn]] void Mismatch(size_t column, const char* wanted, const std::string& cell) {
  std::string shown = cell.size() > 32 ? cell.substr(0, 32) + "…" : cell;
  throw DbError(DbErrorKind::kOther, "",
                "column " + std::to_string(column) + " is not " + wanted + ": \"" + shown + "\"");
}

const std::string& Cell(const std::vector<std::optional<std::string>>& cells, size_t i) {
  if (i >= cells.size()) {
    throw DbError(
        DbErrorKind::kOther, "",
        "column " + std::to_string(i) + " out of range (" + std::to_string(cells.size()) + " columns)");
  }
  if (!cells[i]) {
    throw DbError(DbErrorKind::kOther, "", "column " + std::to_string(i) + " is NULL");
  }
  return *cells[i];
}

}  // namespace

bool Row::IsNull(size_t i) const {
  if (i >= cells_->size()) {
    throw DbError(DbErrorKind::kOther, "", "column " + std::to_string(i) + " out of range");
  }
  return !(*cells_)[i].has_value();
}

std::int64_t Row::Int(size_t i) const {
  const std::string& s = Cell(*cells_, i);
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) Mismatch(i, "an integer", s);
  return v;
}

double Row::Real(size_t i) const {
  const std::string& s = Cell(*cells_, i);
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) Mismatch(i, "a number", s);
  return v;
}

const std::string& Row::Text(size_t i) const {
  return Cell(*cells_, i);
}

std::string Row::Bytes(size_t i) const {
  const std::string& s = Cell(*cells_, i);
  if (!hex_bytea_) return s;
  if (s.size() < 2 || s[0] != '\\' || s[1] != 'x') Mismatch(i, "bytea in hex form", s);
  auto bytes = HexDecode(std::string_view(s).substr(2));
  if (!bytes) Mismatch(i, "bytea in hex form", s);
  return std::move(*bytes);
}

std::optional<std::int64_t> Row::OptInt(size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Int(i);
}

std::optional<std::string> Row::OptText(size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Text(i);
}

}  // namespace tongban::db
