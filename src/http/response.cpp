#include "http/response.hpp"

#include "http/problem.hpp"

namespace voxloop::http {

Response TextResponse(const RequestContext& context, Status status, std::string content_type,
                      std::string body) {
  Response response{status, context.request.version()};
  response.set(beast_http::field::content_type, std::move(content_type));
  response.body() = std::move(body);
  response.keep_alive(context.request.keep_alive());
  response.prepare_payload();
  return response;
}

Response JsonResponse(const RequestContext& context, Status status,
                      const boost::json::value& body) {
  return TextResponse(context, status, "application/json", boost::json::serialize(body));
}

Response EmptyResponse(const RequestContext& context, Status status) {
  Response response{status, context.request.version()};
  response.keep_alive(context.request.keep_alive());
  response.prepare_payload();
  return response;
}

Response ErrorResponse(const RequestContext& context, const core::Error& error) {
  return ProblemResponse(error, context.request_id, context.request.version(),
                         context.request.keep_alive());
}

boost::json::object PageBody(boost::json::array items, const std::string& next_cursor) {
  boost::json::object body;
  body["items"] = std::move(items);
  if (next_cursor.empty()) {
    body["next_cursor"] = nullptr;
  } else {
    body["next_cursor"] = next_cursor;
  }
  return body;
}

}  // namespace voxloop::http
