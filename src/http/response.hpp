// Building responses: JSON bodies, empty bodies, and the headers every response carries.
#pragma once

#include <boost/json.hpp>

#include <string>
#include <string_view>

#include "core/result.hpp"
#include "http/request_context.hpp"
#include "http/types.hpp"

namespace voxloop::http {

Response JsonResponse(const RequestContext& context, Status status, const boost::json::value& body);
Response EmptyResponse(const RequestContext& context, Status status);
Response TextResponse(const RequestContext& context, Status status, std::string content_type,
                      std::string body);
Response ErrorResponse(const RequestContext& context, const core::Error& error);

// {"items": [...], "next_cursor": "…"|null}
boost::json::object PageBody(boost::json::array items, const std::string& next_cursor);

}  // namespace voxloop::http
