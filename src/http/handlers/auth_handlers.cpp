// Sign-in: login (session cookie + CSRF token), logout, and the caller's own profile.
#include "auth/accounts.hpp"
#include "http/async.hpp"
#include "http/handlers/handlers.hpp"
#include "http/handlers/json_views.hpp"
#include "http/json_reader.hpp"
#include "http/middleware/authenticate.hpp"
#include "http/response.hpp"
#include "http/services.hpp"
#include "store/pii_vault.hpp"

namespace voxloop::http::handlers {
namespace {

std::string SessionCookie(const Services& services, const std::string& value, long max_age) {
  std::string cookie = std::string(kSessionCookie) + "=" + value +
                       "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age);
  if (services.secure_cookies) cookie += "; Secure";
  return cookie;
}

// The caller, their workspaces and their role in each: what the dashboard needs at start.
asio::awaitable<core::Result<boost::json::object>> MeView(RequestContext& context,
                                                          const auth::Principal& principal) {
  auto workspaces = co_await Offload(context.services.blocking_pool, [&] {
    return context.services.accounts.ListWorkspaces(principal);
  });
  if (!workspaces) co_return std::move(workspaces).error();
  boost::json::array workspace_views;
  for (const auto& workspace : *workspaces) {
    auto role = co_await Offload(context.services.blocking_pool, [&] {
      return context.services.authenticator.RoleIn(principal, workspace.id);
    });
    if (!role) co_return std::move(role).error();
    if (!*role) continue;
    boost::json::object view = WorkspaceView(workspace);
    for (auto& [key, value] : RoleView(**role)) view[key] = value;
    workspace_views.push_back(std::move(view));
  }
  boost::json::object me;
  if (principal.kind == auth::Principal::Kind::kUser) {
    auto user = co_await Offload(context.services.blocking_pool,
                                 [&] { return context.services.accounts.GetUser(principal.id); });
    if (!user) co_return std::move(user).error();
    me["kind"] = "user";
    me["user"] = UserView(*user);
    me["csrf_token"] = principal.csrf_token;
  } else {
    me["kind"] = "token";
    me["token"] = {{"id", core::IdToString(principal.id)}, {"name", principal.display}};
  }
  me["workspaces"] = std::move(workspace_views);
  co_return me;
}

}  // namespace

Reply Login(RequestContext& context) {
  auto body = ParseJsonObjectBody(context.request.body());
  if (!body) co_return ErrorResponse(context, body.error());
  Validation validation;
  FieldReader reader = validation.Reader(*body);
  reader.RejectUnknown({"email", "password"});
  auto email = reader.String("email", Presence::kRequired, 254);
  auto password = reader.String("password", Presence::kRequired, 256);
  if (!validation.ok()) co_return ErrorResponse(context, validation.ToError("Give an e-mail and a password"));
  if (!context.services.login_limiter.Allow(context.client_ip + "|" + store::NormaliseEmail(*email))) {
    co_return ErrorResponse(context, core::Error::RateLimited("Too many sign-in attempts; wait a minute"));
  }
  auto login = co_await Offload(context.services.blocking_pool, [&] {
    return context.services.accounts.Login(*email, *password, context.client_ip);
  });
  if (!login) co_return ErrorResponse(context, login.error());
  auto principal = co_await Offload(context.services.blocking_pool, [&] {
    return context.services.authenticator.FromSession(login->session_id);
  });
  if (!principal) co_return ErrorResponse(context, principal.error());
  auto me = co_await MeView(context, *principal);
  if (!me) co_return ErrorResponse(context, me.error());
  Response response = JsonResponse(context, Status::ok, *me);
  const long max_age = static_cast<long>((login->expires_at - core::NowMs()) / 1000);
  response.set(beast_http::field::set_cookie, SessionCookie(context.services, login->session_id, max_age));
  co_return response;
}

Reply Logout(RequestContext& context) {
  auto status = co_await Offload(context.services.blocking_pool,
                                 [&] { return context.services.accounts.Logout(*context.principal); });
  if (!status) co_return ErrorResponse(context, status.error());
  Response response = EmptyResponse(context, Status::no_content);
  response.set(beast_http::field::set_cookie, SessionCookie(context.services, "", 0));
  co_return response;
}

Reply GetMe(RequestContext& context) {
  auto me = co_await MeView(context, *context.principal);
  if (!me) co_return ErrorResponse(context, me.error());
  co_return JsonResponse(context, Status::ok, *me);
}

Reply UpdateMe(RequestContext& context) {
  if (context.principal->kind != auth::Principal::Kind::kUser) {
    co_return ErrorResponse(context, core::Error::Forbidden("API tokens have no profile"));
  }
  auto body = ParseJsonObjectBody(context.request.body());
  if (!body) co_return ErrorResponse(context, body.error());
  Validation validation;
  FieldReader reader = validation.Reader(*body);
  reader.RejectUnknown({"name", "locale", "current_password", "new_password"});
  auto name = reader.String("name", Presence::kOptional, 200);
  auto locale = reader.String("locale", Presence::kOptional, 35);
  auto current = reader.String("current_password", Presence::kOptional, 256);
  auto next = reader.String("new_password", Presence::kOptional, 256);
  if (!validation.ok()) co_return ErrorResponse(context, validation.ToError());
  auto user = co_await Offload(context.services.blocking_pool, [&] {
    return context.services.accounts.UpdateProfile(context.principal->id, name, locale, current, next);
  });
  if (!user) co_return ErrorResponse(context, user.error());
  context.services.authenticator.ForgetSession(context.principal->session_hash);
  co_return JsonResponse(context, Status::ok, UserView(*user));
}

}  // namespace voxloop::http::handlers
