#include "core/error.hpp"

#include <utility>

namespace voxloop::core {

std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return "invalid_argument";
    case ErrorCode::kNotFound: return "not_found";
    case ErrorCode::kConflict: return "conflict";
    case ErrorCode::kUnauthenticated: return "unauthenticated";
    case ErrorCode::kForbidden: return "forbidden";
    case ErrorCode::kTooLarge: return "too_large";
    case ErrorCode::kRateLimited: return "rate_limited";
    case ErrorCode::kUnavailable: return "unavailable";
    case ErrorCode::kInternal: return "internal";
  }
  return "internal";
}

Error Error::InvalidArgument(std::string message, std::vector<FieldError> fields) {
  return Error{ErrorCode::kInvalidArgument, std::move(message), std::move(fields), {}};
}
Error Error::Field(std::string field, std::string code, std::string message) {
  std::string summary = message;
  return InvalidArgument(std::move(summary),
                         {FieldError{std::move(field), std::move(code), std::move(message)}});
}
Error Error::NotFound(std::string message) {
  return Error{ErrorCode::kNotFound, std::move(message), {}, {}};
}
Error Error::Conflict(std::string message) {
  return Error{ErrorCode::kConflict, std::move(message), {}, {}};
}
Error Error::Unauthenticated(std::string message) {
  return Error{ErrorCode::kUnauthenticated, std::move(message), {}, {}};
}
Error Error::Forbidden(std::string message) {
  return Error{ErrorCode::kForbidden, std::move(message), {}, {}};
}
Error Error::TooLarge(std::string message) {
  return Error{ErrorCode::kTooLarge, std::move(message), {}, {}};
}
Error Error::RateLimited(std::string message) {
  return Error{ErrorCode::kRateLimited, std::move(message), {}, {}};
}
Error Error::Unavailable(std::string message, std::string internal) {
  return Error{ErrorCode::kUnavailable, std::move(message), {}, std::move(internal)};
}
Error Error::Internal(std::string internal) {
  return Error{ErrorCode::kInternal, "Internal error", {}, std::move(internal)};
}

}  // namespace voxloop::core
