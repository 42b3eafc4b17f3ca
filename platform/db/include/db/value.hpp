// Parameter values and result rows, independent of the back end.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace tongban::db {

// Raw bytes, bound as BLOB (SQLite) or BYTEA (PostgreSQL).
struct Blob {
  std::string bytes;
};

// A bound parameter. Text is UTF-8. Booleans are stored as 0/1 integers on
// both back ends so that schemas stay portable.
class Value {
 public:
  using Variant = std::variant<std::nullptr_t, std::int64_t, double, std::string, Blob>;

  Value() : v_(nullptr) {}
  Value(std::nullptr_t) : v_(nullptr) {}                       // NOLINT
  Value(int x) : v_(static_cast<std::int64_t>(x)) {}           // NOLINT
  Value(long x) : v_(static_cast<std::int64_t>(x)) {}          // NOLINT
  Value(long long x) : v_(static_cast<std::int64_t>(x)) {}     // NOLINT
  Value(unsigned x) : v_(static_cast<std::int64_t>(x)) {}      // NOLINT
  Value(bool x) : v_(static_cast<std::int64_t>(x ? 1 : 0)) {}  // NOLINT
  Value(double x) : v_(x) {}                                   // NOLINT
  Value(std::string x) : v_(std::move(x)) {}                   // NOLINT
  Value(std::string_view x) : v_(std::string(x)) {}            // NOLINT
  Value(const char* x) : v_(std::string(x)) {}                 // NOLINT
  Value(Blob x) : v_(std::move(x)) {}                          // NOLINT
  template <typename T>
  Value(const std::optional<T>& x) : v_(nullptr) {  // NOLINT
    if (x) *this = Value(*x);
  }

  const Variant& variant() const { return v_; }
  bool is_null() const { return std::holds_alternative<std::nullptr_t>(v_); }

 private:
  Variant v_;
};

using Params = std::vector<Value>;

// One result row; columns are addressed by position (the order of the SELECT).
// Accessors throw db::DbError on a type mismatch or an out-of-range column.
class Row {
 public:
  Row(const std::vector<std::optional<std::string>>* cells, bool hex_bytea)
      : cells_(cells), hex_bytea_(hex_bytea) {}

  size_t size() const { return cells_->size(); }
  bool IsNull(size_t i) const;
  std::int64_t Int(size_t i) const;
  double Real(size_t i) const;
  bool Bool(size_t i) const { return Int(i) != 0; }
  const std::string& Text(size_t i) const;
  std::string Bytes(size_t i) const;  // BLOB / BYTEA
  std::optional<std::int64_t> OptInt(size_t i) const;
  std::optional<std::string> OptText(size_t i) const;

 private:
  const std::vector<std::optional<std::string>>* cells_;
  bool hex_bytea_;  // PostgreSQL text results carry bytea as "\x…"
};

// A fully materialised result set. Integers and reals are kept as their text
// form; blobs are raw bytes (SQLite) or "\x"-hex (PostgreSQL), decoded by Row.
class Rows {
 public:
  Rows() = default;
  Rows(std::vector<std::string> columns, bool hex_bytea)
      : columns_(std::move(columns)), hex_bytea_(hex_bytea) {}

  void AddRow(std::vector<std::optional<std::string>> cells) { rows_.push_back(std::move(cells)); }
  size_t size() const { return rows_.size(); }
  bool empty() const { return rows_.empty(); }
  Row operator[](size_t i) const { return Row(&rows_.at(i), hex_bytea_); }
  const std::vector<std::string>& columns() const { return columns_; }

  class Iterator {
   public:
    Iterator(const Rows* rows, size_t i) : rows_(rows), i_(i) {}
    Row operator*() const { return (*rows_)[i_]; }
    Iterator& operator++() {
      ++i_;
      return *this;
    }
    bool operator!=(const Iterator& o) const { return i_ != o.i_; }

   private:
    const Rows* rows_;
    size_t i_;
  };
  Iterator begin() const { return Iterator(this, 0); }
  Iterator end() const { return Iterator(this, rows_.size()); }

 private:
  std::vector<std::string> columns_;
  std::vector<std::vector<std::optional<std::string>>> rows_;
  bool hex_bytea_ = false;
};

}  // namespace tongban::db
