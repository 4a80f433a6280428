#include "http/middleware/authenticate.hpp"

#include "auth/authenticator.hpp"
#include "http/async.hpp"
#include "http/router.hpp"
#include "http/services.hpp"

namespace voxloop::http {
namespace {

using asio::awaitable;

awaitable<core::Result<auth::Principal>> ResolveBearer(RequestContext& context,
                                                       std::string_view token) {
  auth::Authenticator& authenticator = context.services.authenticator;
  if (auto cached = authenticator.CachedBearer(token)) co_return *cached;
  std::string owned(token);
  co_return co_await Offload(context.services.blocking_pool,
                             [&] { return authenticator.FromBearer(owned); });
}

awaitable<core::Result<auth::Principal>> ResolveSession(RequestContext& context,
                                                        std::string_view session_id) {
  auth::Authenticator& authenticator = context.services.authenticator;
  if (auto cached = authenticator.CachedSession(session_id)) co_return *cached;
  std::string owned(session_id);
  co_return co_await Offload(context.services.blocking_pool,
                             [&] { return authenticator.FromSession(owned); });
}

awaitable<core::Status> ResolvePrincipal(RequestContext& context) {
  const std::string_view authorization = context.Header("Authorization");
  if (!authorization.empty()) {
    constexpr std::string_view kBearer = "Bearer ";
    if (authorization.size() <= kBearer.size() ||
        authorization.substr(0, kBearer.size()) != kBearer) {
      co_return core::Error::Unauthenticated("Use the header Authorization: Bearer <token>");
    }
    auto principal = co_await ResolveBearer(context, authorization.substr(kBearer.size()));
    if (!principal) co_return std::move(principal).error();
    context.principal = std::move(*principal);
    co_return core::Ok();
  }
  const std::string_view session_id = CookieValue(context.Header("Cookie"), kSessionCookie);
  if (session_id.empty()) co_return core::Ok();
  auto principal = co_await ResolveSession(context, session_id);
  if (!principal) {
    // A stale cookie on a public page is harmless; elsewhere it means "sign in again".
    if (context.route->access == Access::kPublic) co_return core::Ok();
    co_return std::move(principal).error();
  }
  context.principal = std::move(*principal);
  context.via_cookie = true;
  co_return core::Ok();
}

awaitable<core::Status> AuthoriseWorkspace(RequestContext& context) {
  const core::Error no_such_workspace = core::Error::NotFound("No such workspace");
  const auto workspace_id = core::ParseId(context.Param("ws"));
  if (!workspace_id) co_return no_such_workspace;
  context.workspace_id = *workspace_id;
  auth::Authenticator& authenticator = context.services.authenticator;
  std::optional<auth::Role> role;
  if (auto cached = authenticator.CachedRole(*context.principal, *workspace_id)) {
    role = *cached;
  } else {
    auto looked_up = co_await Offload(context.services.blocking_pool, [&] {
      return authenticator.RoleIn(*context.principal, *workspace_id);
    });
    if (!looked_up) co_return std::move(looked_up).error();
    role = *looked_up;
  }
  if (!role) co_return no_such_workspace;
  context.role = role;
  const auto permission = context.route->permission;
  if (permission && !auth::RoleAllows(*role, *permission)) {
    co_return core::Error::Forbidden("The " + std::string(auth::RoleName(*role)) +
                                     " role does not have the permission " +
                                     std::string(auth::PermissionName(*permission)));
  }
  co_return core::Ok();
}

}  // namespace

awaitable<core::Status> Authenticate(RequestContext& context) {
  core::Status resolved = co_await ResolvePrincipal(context);
  if (!resolved) co_return resolved;
  switch (context.route->access) {
    case Access::kPublic:
    case Access::kRespondent:  // the router does not authenticate these; kept for -Wswitch
      co_return core::Ok();
    case Access::kAuthenticated:
      if (!context.principal) co_return core::Error::Unauthenticated("Sign in or send an API token");
      co_return core::Ok();
    case Access::kWorkspace:
      if (!context.principal) co_return core::Error::Unauthenticated("Sign in or send an API token");
      co_return co_await AuthoriseWorkspace(context);
  }
  co_return core::Ok();
}

}  // namespace voxloop::http
