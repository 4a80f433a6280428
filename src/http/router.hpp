// Router: the route table, the middleware chain and the one exception boundary.
//
// For each request it matches the route (404 / 405 otherwise), then runs, in order:
// request id → authentication → authorisation (the route's Permission in its {ws}) → CSRF
// → the handler; adds security headers and logs the access on the way out. A handler that
// throws is a bug: the router logs it and answers 500 without details.
// Thread-safe: routes are immutable after construction.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/roles.hpp"
#include "http/request_context.hpp"
#include "http/types.hpp"

namespace voxloop::http {

namespace asio = boost::asio;

using Handler = std::function<asio::awaitable<Response>(RequestContext&)>;

enum class Access {
  kPublic,         // anyone; the principal is still resolved when credentials are sent
  kRespondent,     // anyone, as a survey respondent: credentials are ignored (no CSRF either)
  kAuthenticated,  // any signed-in user or token
  kWorkspace,      // a member of {ws} whose role has `permission`
};

struct Route {
  Method method;
  std::string pattern;  // "/api/v1/workspaces/{ws}/feedback/{id}"; a last "{*rest}" matches the rest
  Access access = Access::kWorkspace;
  std::optional<auth::Permission> permission;
  Handler handler;
};

struct ClientInfo {
  std::string ip;
};

// The router's answer: a response, and for streaming routes the body to run after its header.
struct Handled {
  Response response;
  StreamBody stream;
};

class Router {
 public:
  Router(std::vector<Route> routes, Services& services);

  // `request` must outlive the returned awaitable (coroutine parameters are references).
  asio::awaitable<Handled> Handle(const Request& request, ClientInfo client);
  const std::vector<Route>& routes() const { return routes_; }

 private:
  struct Compiled {
    std::vector<std::string> segments;
    bool rest = false;
  };
  // The route for the path, and whether some route matched the path with another method.
  const Route* Match(Method method, std::string_view path, RequestContext& context,
                     std::vector<Method>& other_methods) const;
  asio::awaitable<Response> Dispatch(RequestContext& context);

  std::vector<Route> routes_;
  std::vector<Compiled> compiled_;
  Services& services_;
};

}  // namespace voxloop::http
