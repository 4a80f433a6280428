#include "http/problem.hpp"

#include <spdlog/spdlog.h>

#include <boost/json.hpp>

namespace voxloop::http {
namespace {

std::string_view DefaultType(core::ErrorCode code) {
  switch (code) {
    case core::ErrorCode::kInvalidArgument: return "validation";
    case core::ErrorCode::kNotFound: return "not-found";
    case core::ErrorCode::kConflict: return "conflict";
    case core::ErrorCode::kUnauthenticated: return "unauthenticated";
    case core::ErrorCode::kForbidden: return "forbidden";
    case core::ErrorCode::kTooLarge: return "too-large";
    case core::ErrorCode::kRateLimited: return "rate-limited";
    case core::ErrorCode::kUnavailable: return "unavailable";
    case core::ErrorCode::kInternal: return "internal";
  }
  return "internal";
}

}  // namespace

Status HttpStatusFor(core::ErrorCode code) {
  switch (code) {
    case core::ErrorCode::kInvalidArgument: return Status::bad_request;
    case core::ErrorCode::kNotFound: return Status::not_found;
    case core::ErrorCode::kConflict: return Status::conflict;
    case core::ErrorCode::kUnauthenticated: return Status::unauthorized;
    case core::ErrorCode::kForbidden: return Status::forbidden;
    case core::ErrorCode::kTooLarge: return Status::payload_too_large;
    case core::ErrorCode::kRateLimited: return Status::too_many_requests;
    case core::ErrorCode::kUnavailable: return Status::service_unavailable;
    case core::ErrorCode::kInternal: return Status::internal_server_error;
  }
  return Status::internal_server_error;
}

boost::json::object ProblemBody(const core::Error& error, Status status) {
  boost::json::object body;
  body["type"] = std::string(kProblemBase) +
                 std::string(error.type.empty() ? DefaultType(error.code) : error.type);
  body["title"] = std::string(beast_http::obsolete_reason(status));
  body["status"] = static_cast<int>(status);
  body["detail"] = error.message;
  if (!error.fields.empty()) {
    boost::json::array errors;
    for (const auto& field : error.fields) {
      errors.push_back({{"field", field.field}, {"code", field.code}, {"message", field.message}});
    }
    body["errors"] = std::move(errors);
  }
  return body;
}

Response ProblemResponse(const core::Error& error, std::string_view request_id,
                         unsigned http_version, bool keep_alive, std::optional<Status> status_override) {
  const Status status = status_override.value_or(HttpStatusFor(error.code));
  if (!error.internal.empty()) {
    spdlog::warn("request {}: {} ({})", request_id, core::ErrorCodeName(error.code), error.internal);
  }
  boost::json::object body = ProblemBody(error, status);
  body["request_id"] = request_id;
  Response response{status, http_version};
  response.set(beast_http::field::content_type, "application/problem+json");
  if (status == Status::unauthorized) {
    response.set(beast_http::field::www_authenticate, "Bearer realm=\"voxloop\"");
  }
  if (status == Status::too_many_requests || status == Status::service_unavailable) {
    response.set(beast_http::field::retry_after, "1");
  }
  response.body() = boost::json::serialize(body);
  response.keep_alive(keep_alive);
  response.prepare_payload();
  return response;
}

}  // namespace voxloop::http
