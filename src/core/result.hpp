// Result<T>: a value or an Error, in the spirit of std::expected (C++23).
//
//   Result<FeedbackItem> item = repo.Get(ws, id);
//   if (!item) return item.error();
//   Use(*item);
//
// Result<void> (alias Status) carries only success or an Error. Thread-compatible.
#pragma once

#include <cassert>
#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

#include "core/error.hpp"

namespace voxloop::core {

template <typename T>
class [[nodiscard]] Result {
 public:
  using value_type = T;

  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT implicit
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT implicit
  template <typename U>
    requires(std::is_constructible_v<T, U&&> && !std::is_same_v<std::decay_t<U>, Result> &&
             !std::is_same_v<std::decay_t<U>, Error> && !std::is_same_v<std::decay_t<U>, T>)
  Result(U&& value) : state_(std::in_place_index<0>, T(std::forward<U>(value))) {}  // NOLINT

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { assert(ok()); return std::get<0>(state_); }
  const T& value() const& { assert(ok()); return std::get<0>(state_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const& { assert(!ok()); return std::get<1>(state_); }
  Error&& error() && { assert(!ok()); return std::get<1>(std::move(state_)); }

 private:
  std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}  // NOLINT implicit

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const& { assert(!ok()); return *error_; }
  Error&& error() && { assert(!ok()); return std::move(*error_); }

 private:
  std::optional<Error> error_;
};

using Status = Result<void>;

inline Status Ok() { return {}; }

}  // namespace voxloop::core

// Returns early from the enclosing function with the error of `expr` if it failed.
#define VOXLOOP_TRY(expr)                                   \
  do {                                                      \
    auto voxloop_try_status_ = (expr);                      \
    if (!voxloop_try_status_) return std::move(voxloop_try_status_).error(); \
  } while (false)

#define VOXLOOP_CONCAT_INNER_(a, b) a##b
#define VOXLOOP_CONCAT_(a, b) VOXLOOP_CONCAT_INNER_(a, b)
// Declares `lhs` from the value of `expr`, or returns its error from the enclosing function.
#define VOXLOOP_ASSIGN_OR_RETURN(lhs, expr)                                        \
  auto VOXLOOP_CONCAT_(voxloop_result_, __LINE__) = (expr);                        \
  if (!VOXLOOP_CONCAT_(voxloop_result_, __LINE__))                                 \
    return std::move(VOXLOOP_CONCAT_(voxloop_result_, __LINE__)).error();          \
  lhs = std::move(VOXLOOP_CONCAT_(voxloop_result_, __LINE__)).value()
