// Members of a workspace and its API tokens.
#include "auth/accounts.hpp"
#include "http/async.hpp"
#include "http/handlers/handlers.hpp"
#include "http/handlers/json_views.hpp"
#include "http/json_reader.hpp"
#include "http/response.hpp"
#include "http/services.hpp"

namespace voxloop::http::handlers {
namespace {

std::optional<auth::Role> ReadRole(FieldReader& reader) {
  auto name = reader.String("role", Presence::kRequired, 20);
  if (!name) return std::nullopt;
  auto role = auth::ParseRole(*name);
  if (!role) reader.AddError("role", "invalid", "Use owner, admin, analyst, agent or viewer");
  return role;
}

}  // namespace

Reply ListMembers(RequestContext& context) {
  auto members = co_await Offload(context.services.blocking_pool, [&] {
    return context.services.accounts.ListMembers(context.workspace_id);
  });
  if (!members) co_return ErrorResponse(context, members.error());
  boost::json::array items;
  for (const auto& member : *members) items.push_back(MemberView(member));
  co_return JsonResponse(context, Status::ok, PageBody(std::move(items), ""));
}

// {email, role, name?, password?}: adds an existing user, or creates the account when a
// password is given for an unknown e-mail.
Reply AddMember(RequestContext& context) {
  auto body = ParseJsonObjectBody(context.request.body());
  if (!body) co_return ErrorResponse(context, body.error());
  Validation validation;
  FieldReader reader = validation.Reader(*body);
  reader.RejectUnknown({"email", "role", "name", "password", "locale"});
  auto email = reader.String("email", Presence::kRequired, 254);
  auto role = ReadRole(reader);
  auto name = reader.String("name", Presence::kOptional, 200);
  auto password = reader.String("password", Presence::kOptional, 256);
  auto locale = reader.String("locale", Presence::kOptional, 35);
  if (!validation.ok()) co_return ErrorResponse(context, validation.ToError("The member is invalid"));
  auth::Accounts& accounts = context.services.accounts;
  auto member = co_await Offload(context.services.blocking_pool, [&]() -> core::Result<store::Membership> {
    VOXLOOP_ASSIGN_OR_RETURN(auto user, accounts.FindUserByEmail(*email));
    if (!user) {
      if (!password) {
        return core::Error::Field("password", "required",
                                  "No account has this e-mail; give a password to create it");
      }
      VOXLOOP_ASSIGN_OR_RETURN(user, accounts.CreateUser({*email, *password, name.value_or(""),
                                                          locale.value_or("en")},
                                                         context.actor()));
    }
    return accounts.SetMember(context.workspace_id, user->id, *role, *context.role, context.actor());
  });
  if (!member) co_return ErrorResponse(context, member.error());
  co_return JsonResponse(context, Status::created, MemberView(*member));
}

Reply UpdateMember(RequestContext& context) {
  const auto user_id = core::ParseId(context.Param("user"));
  if (!user_id) co_return ErrorResponse(context, core::Error::NotFound("No such member"));
  auto body = ParseJsonObjectBody(context.request.body());
  if (!body) co_return ErrorResponse(context, body.error());
  Validation validation;
  FieldReader reader = validation.Reader(*body);
  reader.RejectUnknown({"role"});
  auto role = ReadRole(reader);
  if (!validation.ok()) co_return ErrorResponse(context, validation.ToError("The member is invalid"));
  auto member = co_await Offload(context.services.blocking_pool, [&]() -> core::Result<store::Membership> {
    VOXLOOP_ASSIGN_OR_RETURN(auto members, context.services.accounts.ListMembers(context.workspace_id));
    const bool is_member = std::any_of(members.begin(), members.end(),
                                       [&](const auto& m) { return m.user_id == *user_id; });
    if (!is_member) return core::Error::NotFound("No such member");
    return context.services.accounts.SetMember(context.workspace_id, *user_id, *role, *context.role,
                                               context.actor());
  });
  if (!member) co_return ErrorResponse(context, member.error());
  co_return JsonResponse(context, Status::ok, MemberView(*member));
}

Reply RemoveMember(RequestContext& context) {
  const auto user_id = core::ParseId(context.Param("user"));
  if (!user_id) co_return ErrorResponse(context, core::Error::NotFound("No such member"));
  auto status = co_await Offload(context.services.blocking_pool, [&] {
    return context.services.accounts.RemoveMember(context.workspace_id, *user_id, *context.role,
                                                  context.actor());
  });
  if (!status) co_return ErrorResponse(context, status.error());
  co_return EmptyResponse(context, Status::no_content);
}

Reply ListTokens(RequestContext& context) {
  auto tokens = co_await Offload(context.services.blocking_pool, [&] {
    return context.services.accounts.ListTokens(context.workspace_id);
  });
  if (!tokens) co_return ErrorResponse(context, tokens.error());
  boost::json::array items;
  for (const auto& token : *tokens) items.push_back(TokenView(token));
  co_return JsonResponse(context, Status::ok, PageBody(std::move(items), ""));
}

Reply CreateToken(RequestContext& context) {
  auto body = ParseJsonObjectBody(context.request.body());
  if (!body) co_return ErrorResponse(context, body.error());
  Validation validation;
  FieldReader reader = validation.Reader(*body);
  reader.RejectUnknown({"name", "role"});
  auto name = reader.String("name", Presence::kRequired, 100);
  auto role = ReadRole(reader);
  if (!validation.ok()) co_return ErrorResponse(context, validation.ToError("The token is invalid"));
  auto created = co_await Offload(context.services.blocking_pool, [&] {
    return context.services.accounts.CreateToken(context.workspace_id, *role, *name, *context.role,
                                                 context.actor());
  });
  if (!created) co_return ErrorResponse(context, created.error());
  boost::json::object view = TokenView(created->record);
  view["token"] = created->token;
  co_return JsonResponse(context, Status::created, view);
}

Reply RevokeToken(RequestContext& context) {
  const auto token_id = core::ParseId(context.Param("id"));
  if (!token_id) co_return ErrorResponse(context, core::Error::NotFound("No such token"));
  auto status = co_await Offload(context.services.blocking_pool, [&] {
    return context.services.accounts.RevokeToken(context.workspace_id, *token_id, context.actor());
  });
  if (!status) co_return ErrorResponse(context, status.error());
  co_return EmptyResponse(context, Status::no_content);
}

}  // namespace voxloop::http::handlers
