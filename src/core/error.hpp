// Error: the one taxonomy of expected failures in Voxloop.
//
// Every subsystem reports expected failures as an Error value (never an exception).
// `message` is safe to show a client; `internal` is for the log only (SQL, paths, library
// messages) and never leaves the process. The HTTP layer maps ErrorCode to a status in
// exactly one switch (http/problem.cpp). Plain value type; thread-compatible.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace voxloop::core {

enum class ErrorCode {
  kInvalidArgument,  // the input is malformed or breaks a rule; see field errors
  kNotFound,
  kConflict,         // state does not allow it (duplicate, version mismatch)
  kUnauthenticated,  // no or bad credentials
  kForbidden,        // authenticated but the role does not allow it
  kTooLarge,         // body, batch or text over a configured limit
  kRateLimited,
  kUnavailable,      // a dependency is down or overloaded; retry later
  kInternal,
};

// Stable machine name of a code, e.g. "invalid_argument"; used in problem `type` URIs.
std::string_view ErrorCodeName(ErrorCode code);

// One problem with one field of the input. `field` is a JSON-pointer-like path such as
// "items/3/text" or "customer.email"; `code` is a stable machine word ("required",
// "type", "too_long", "invalid", "unknown"), `message` is human text.
struct FieldError {
  std::string field;
  std::string code;
  std::string message;
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::vector<FieldError> fields;
  std::string internal;
  // Optional finer kind of problem within `code`, e.g. "malformed-json" or "invalid-utf8"
  // for kInvalidArgument; becomes the problem `type`. Empty: the code's own type.
  std::string type;

  Error WithType(std::string problem_type) && {
    type = std::move(problem_type);
    return std::move(*this);
  }

  static Error InvalidArgument(std::string message, std::vector<FieldError> fields = {});
  static Error Field(std::string field, std::string code, std::string message);
  static Error NotFound(std::string message);
  static Error Conflict(std::string message);
  static Error Unauthenticated(std::string message);
  static Error Forbidden(std::string message);
  static Error TooLarge(std::string message);
  static Error RateLimited(std::string message);
  static Error Unavailable(std::string message, std::string internal = {});
  static Error Internal(std::string internal);
};

}  // namespace voxloop::core
