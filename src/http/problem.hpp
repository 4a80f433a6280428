// Problem details (RFC 9457): how every error reaches a client. The one mapping from
// core::ErrorCode to an HTTP status lives in problem.cpp.
//
//   {"type": "https://voxloop.dev/problems/validation", "title": "Invalid request",
//    "status": 400, "detail": "…", "errors": [{"field": "text", "code": "required",
//    "message": "…"}], "request_id": "…"}
//
// `internal` never leaves the server: it is logged with the request id.
#pragma once

#include <optional>
#include <string_view>

#include "core/error.hpp"
#include <boost/json/object.hpp>

#include "http/types.hpp"

namespace voxloop::http {

inline constexpr std::string_view kProblemBase = "https://voxloop.dev/problems/";

Status HttpStatusFor(core::ErrorCode code);

// The problem document of `error` (type, title, status, detail, errors), without the
// request id: also the per-item error of bulk answers.
boost::json::object ProblemBody(const core::Error& error, Status status);

// A complete problem+json response for `error` (logs `internal` when present).
// `status` overrides the code's own status for the few HTTP-only problems (405).
Response ProblemResponse(const core::Error& error, std::string_view request_id,
                         unsigned http_version, bool keep_alive,
                         std::optional<Status> status = std::nullopt);

}  // namespace voxloop::http
