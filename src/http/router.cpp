#include "http/router.hpp"

#include <spdlog/spdlog.h>

#include <boost/url/parse.hpp>

#include <chrono>
#include <exception>

#include "http/middleware/access_log.hpp"
#include "http/middleware/authenticate.hpp"
#include "http/middleware/csrf.hpp"
#include "http/middleware/request_id.hpp"
#include "http/middleware/response_headers.hpp"
#include "http/problem.hpp"
#include "http/response.hpp"

namespace voxloop::http {
namespace {

std::vector<std::string> SplitPath(std::string_view path) {
  std::vector<std::string> segments;
  std::size_t start = 1;
  while (start <= path.size()) {
    const std::size_t end = path.find('/', start);
    segments.emplace_back(path.substr(start, end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return segments;
}

// Fills path and query from the request target; false when the target is not a path.
bool ParseTarget(std::string_view target, RequestContext& context) {
  auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) return false;
  context.path = std::string(parsed->path());
  if (context.path.empty() || context.path.front() != '/') return false;
  for (const auto& param : parsed->params()) {
    context.query[std::string(param.key)] = std::string(param.value);
  }
  return true;
}

}  // namespace

Router::Router(std::vector<Route> routes, Services& services)
    : routes_(std::move(routes)), services_(services) {
  for (const Route& route : routes_) {
    Compiled compiled{SplitPath(route.pattern), false};
    if (!compiled.segments.empty() && compiled.segments.back() == "{*rest}") {
      compiled.rest = true;
      compiled.segments.pop_back();
    }
    compiled_.push_back(std::move(compiled));
  }
}

const Route* Router::Match(Method method, std::string_view path, RequestContext& context,
                           std::vector<Method>& other_methods) const {
  const std::vector<std::string> segments = SplitPath(path);
  for (std::size_t route_idx = 0; route_idx < routes_.size(); ++route_idx) {
    const Compiled& compiled = compiled_[route_idx];
    if (compiled.rest ? segments.size() < compiled.segments.size()
                      : segments.size() != compiled.segments.size()) {
      continue;
    }
    std::map<std::string, std::string> params;
    bool matches = true;
    for (std::size_t segment_idx = 0; segment_idx < compiled.segments.size() && matches;
         ++segment_idx) {
      const std::string& pattern = compiled.segments[segment_idx];
      if (pattern.size() > 2 && pattern.front() == '{' && pattern.back() == '}') {
        if (segments[segment_idx].empty()) matches = false;
        params[pattern.substr(1, pattern.size() - 2)] = segments[segment_idx];
      } else {
        matches = pattern == segments[segment_idx];
      }
    }
    if (!matches) continue;
    if (routes_[route_idx].method != method &&
        !(method == Method::head && routes_[route_idx].method == Method::get)) {
      other_methods.push_back(routes_[route_idx].method);
      continue;
    }
    if (compiled.rest) {
      std::string rest;
      for (std::size_t segment_idx = compiled.segments.size(); segment_idx < segments.size();
           ++segment_idx) {
        if (!rest.empty()) rest += '/';
        rest += segments[segment_idx];
      }
      params["rest"] = std::move(rest);
    }
    context.path_params = std::move(params);
    return &routes_[route_idx];
  }
  return nullptr;
}

asio::awaitable<Response> Router::Dispatch(RequestContext& context) {
  if (!ParseTarget(context.request.target(), context)) {
    co_return ErrorResponse(context, core::Error::InvalidArgument("The request target is invalid"));
  }
  std::vector<Method> other_methods;
  context.route = Match(context.request.method(), context.path, context, other_methods);
  if (context.route == nullptr) {
    if (other_methods.empty()) co_return ErrorResponse(context, core::Error::NotFound("No such resource"));
    Response response = ProblemResponse(
        core::Error{core::ErrorCode::kInvalidArgument, "This method is not allowed here", {}, {},
                    "method-not-allowed"},
        context.request_id, context.request.version(), context.request.keep_alive(),
        Status::method_not_allowed);
    std::string allow;
    for (const Method method : other_methods) {
      if (!allow.empty()) allow += ", ";
      allow += std::string(beast_http::to_string(method));
    }
    response.set(beast_http::field::allow, allow);
    co_return response;
  }
  if (context.route->access == Access::kRespondent) co_return co_await context.route->handler(context);
  if (core::Status authenticated = co_await Authenticate(context); !authenticated) {
    co_return ErrorResponse(context, authenticated.error());
  }
  if (core::Status csrf = CheckCsrf(context); !csrf) co_return ErrorResponse(context, csrf.error());
  co_return co_await context.route->handler(context);
}

asio::awaitable<Handled> Router::Handle(const Request& request, ClientInfo client) {
  const auto started = std::chrono::steady_clock::now();
  RequestContext context(request, services_);
  context.client_ip = client.ip;
  AssignRequestId(context);
  Response response;
  try {
    response = co_await Dispatch(context);
  } catch (const std::exception& error) {
    spdlog::error("request {}: handler threw: {}", context.request_id, error.what());
    response = ErrorResponse(context, core::Error::Internal(""));
  }
  AddResponseHeaders(context, response);
  if (request.method() == Method::head) {
    response.body().clear();  // keep Content-Length of the GET
  }
  LogAccess(context, response, std::chrono::steady_clock::now() - started);
  co_return Handled{std::move(response), std::move(context.stream)};
}

}  // namespace voxloop::http
