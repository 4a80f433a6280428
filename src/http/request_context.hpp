// RequestContext: everything a handler may know about one request — the parsed message,
// path and query parameters, who is calling and with which role in the route's workspace,
// and the services it may call. Lives on the session coroutine's frame for the duration of
// one request; not shared between threads.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "auth/principal.hpp"
#include "auth/roles.hpp"
#include "core/id.hpp"
#include "http/types.hpp"

namespace voxloop::http {

struct Services;
struct Route;

struct RequestContext {
  RequestContext(const Request& request_in, Services& services_in)
      : request(request_in), services(services_in) {}

  const Request& request;
  Services& services;
  const Route* route = nullptr;

  std::string path;                               // decoded, without the query string
  std::map<std::string, std::string> path_params;  // {ws}, {id}, …
  std::map<std::string, std::string> query;        // last value wins
  std::string request_id;
  std::string client_ip;

  std::optional<auth::Principal> principal;
  bool via_cookie = false;  // authenticated by session cookie (CSRF rules apply)
  core::Id workspace_id = 0;
  std::optional<auth::Role> role;  // the principal's role in workspace_id
  // Set by a handler whose response streams: the session sends the header, then runs it.
  StreamBody stream;

  bool Can(auth::Permission permission) const {
    return role && auth::RoleAllows(*role, permission);
  }
  // The signed-in member's user id; none for an API token or no one.
  std::optional<core::Id> user_id() const {
    if (!principal || principal->kind != auth::Principal::Kind::kUser) return std::nullopt;
    return principal->id;
  }
  auth::Actor actor() const {
    return principal ? auth::Actor::Of(*principal, client_ip) : auth::Actor{"anonymous", {}, client_ip};
  }
  std::string_view Query(const std::string& name) const {
    auto found = query.find(name);
    return found == query.end() ? std::string_view() : std::string_view(found->second);
  }
  std::string_view Header(std::string_view name) const {
    auto found = request.find(name);
    if (found == request.end()) return {};
    return {found->value().data(), found->value().size()};
  }
  std::string_view Param(const std::string& name) const {
    auto found = path_params.find(name);
    return found == path_params.end() ? std::string_view() : std::string_view(found->second);
  }
};

}  // namespace voxloop::http
