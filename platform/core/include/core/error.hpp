// Errors are values. A service returns Status or Result<T>; one function in
// the HTTP layer maps ErrorCode to a status code (http/problem.hpp). Exceptions
// are reserved for what aborts the unit of work (database lost, disk full).
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace tongban {

// Protocol-agnostic error classes; stable, never renumbered.
enum class ErrorCode {
  kInvalidArgument,     // the caller's input is wrong (400/422)
  kNotFound,            // no such object, or not visible to the caller (404)
  kAlreadyExists,       // a unique key is taken (409)
  kConflict,            // a concurrent change won; retry with fresh state (409)
  kFailedPrecondition,  // the object is not in a state that allows this (409/422)
  kUnauthenticated,     // no or bad credentials (401)
  kPermissionDenied,    // authenticated, not allowed (403)
  kResourceExhausted,   // rate limit, size limit (429/413)
  kUnavailable,         // try again later: database down, shutting down (503)
  kDeadlineExceeded,    // took too long (504/408)
  kInternal,            // a bug or broken invariant (500)
};

const char* ErrorCodeName(ErrorCode code);

// A failure a person can act on. `reason` is the stable machine code shown to
// clients ("http.body_too_large"); the two messages are for people and must
// not contain personal data; `field` is a JSON pointer ("/name") or empty.
struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string reason;
  std::string message_zh;
  std::string message_en;
  std::string field;
  std::string detail;  // for logs only; never rendered to clients

  static Error Make(ErrorCode code, std::string reason, std::string message_zh, std::string message_en,
                    std::string field = {}) {
    return Error{code, std::move(reason), std::move(message_zh), std::move(message_en), std::move(field), {}};
  }
  Error&& WithDetail(std::string d) && {
    detail = std::move(d);
    return std::move(*this);
  }
};

// Status: success or an Error.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)) {}  // NOLINT(google-explicit-constructor)
  static Status Ok() { return Status(); }

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const {
    assert(error_);
    return *error_;
  }
  Error& error() {
    assert(error_);
    return *error_;
  }

 private:
  std::optional<Error> error_;
};

// Result<T>: a value or an Error (std::expected is C++23).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}                // NOLINT
  Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}            // NOLINT
  Result(Status status) : v_(std::in_place_index<1>, std::move(status.error())) {  // NOLINT
    assert(!status.ok());
  }

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & {
    assert(ok());
    return std::get<0>(v_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(v_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  const Error& error() const {
    assert(!ok());
    return std::get<1>(v_);
  }
  Status status() const { return ok() ? Status() : Status(error()); }

 private:
  std::variant<T, Error> v_;
};

// Thrown only for failures that abort the unit of work; caught once at the edge.
class FatalError : public std::exception {
 public:
  explicit FatalError(Error error) : error_(std::move(error)) {}
  const char* what() const noexcept override { return error_.detail.c_str(); }
  const Error& error() const { return error_; }

 private:
  Error error_;
};

}  // namespace tongban

#define TONGBAN_RETURN_IF_ERROR(expr)             \
  do {                                            \
    ::tongban::Status _st = (expr);               \
    if (!_st.ok()) return std::move(_st.error()); \
  } while (0)

#define TONGBAN_CONCAT_INNER(a, b) a##b
#define TONGBAN_CONCAT(a, b) TONGBAN_CONCAT_INNER(a, b)
#define TONGBAN_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                  \
  if (!tmp.ok()) return tmp.error();                  \
  lhs = std::move(tmp).value()
#define TONGBAN_ASSIGN_OR_RETURN(lhs, expr) \
  TONGBAN_ASSIGN_OR_RETURN_IMPL(TONGBAN_CONCAT(_res_, __LINE__), lhs, expr)
