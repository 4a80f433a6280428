// Workspaces and their audit log.
#include "auth/accounts.hpp"
#include "http/async.hpp"
#include "http/cursor.hpp"
#include "http/handlers/handlers.hpp"
#include "http/handlers/json_views.hpp"
#include "http/json_reader.hpp"
#include "http/response.hpp"
#include "http/services.hpp"
#include "store/audit_repo.hpp"
#include "store/database.hpp"

namespace voxloop::http::handlers {
namespace {

std::optional<auth::WorkspaceInput> ReadWorkspaceInput(const boost::json::object& body,
                                                       Validation& validation, bool creating) {
  FieldReader reader = validation.Reader(body);
  reader.RejectUnknown({"name", "timezone", "default_language", "settings"});
  auth::WorkspaceInput input;
  input.name = reader.String("name", creating ? Presence::kRequired : Presence::kOptional, 200);
  input.timezone = reader.String("timezone", Presence::kOptional, 64);
  input.default_language = reader.String("default_language", Presence::kOptional, 35);
  if (const auto* settings = reader.Object("settings", Presence::kOptional)) {
    input.settings_json = boost::json::serialize(*settings);
  }
  if (!validation.ok()) return std::nullopt;
  return input;
}

}  // namespace

Reply ListWorkspaces(RequestContext& context) {
  auto workspaces = co_await Offload(context.services.blocking_pool, [&] {
    return context.services.accounts.ListWorkspaces(*context.principal);
  });
  if (!workspaces) co_return ErrorResponse(context, workspaces.error());
  boost::json::array items;
  for (const auto& workspace : *workspaces) items.push_back(WorkspaceView(workspace));
  co_return JsonResponse(context, Status::ok, PageBody(std::move(items), ""));
}

Reply CreateWorkspace(RequestContext& context) {
  if (context.principal->kind != auth::Principal::Kind::kUser) {
    co_return ErrorResponse(context, core::Error::Forbidden("Only people can create workspaces"));
  }
  auto body = ParseJsonObjectBody(context.request.body());
  if (!body) co_return ErrorResponse(context, body.error());
  Validation validation;
  auto input = ReadWorkspaceInput(*body, validation, /*creating=*/true);
  if (!input) co_return ErrorResponse(context, validation.ToError("The workspace is invalid"));
  auto workspace = co_await Offload(context.services.blocking_pool, [&] {
    return context.services.accounts.CreateWorkspace(*input, context.principal->id, context.actor());
  });
  if (!workspace) co_return ErrorResponse(context, workspace.error());
  co_return JsonResponse(context, Status::created, WorkspaceView(*workspace));
}

Reply GetWorkspace(RequestContext& context) {
  auto workspaces = co_await Offload(context.services.blocking_pool, [&] {
    return context.services.accounts.ListWorkspaces(*context.principal);
  });
  if (!workspaces) co_return ErrorResponse(context, workspaces.error());
  for (const auto& workspace : *workspaces) {
    if (workspace.id != context.workspace_id) continue;
    boost::json::object view = WorkspaceView(workspace);
    for (auto& [key, value] : RoleView(*context.role)) view[key] = value;
    co_return JsonResponse(context, Status::ok, view);
  }
  co_return ErrorResponse(context, core::Error::NotFound("No such workspace"));
}

Reply UpdateWorkspace(RequestContext& context) {
  auto body = ParseJsonObjectBody(context.request.body());
  if (!body) co_return ErrorResponse(context, body.error());
  Validation validation;
  auto input = ReadWorkspaceInput(*body, validation, /*creating=*/false);
  if (!input) co_return ErrorResponse(context, validation.ToError("The workspace is invalid"));
  auto workspace = co_await Offload(context.services.blocking_pool, [&] {
    return context.services.accounts.UpdateWorkspace(context.workspace_id, *input, context.actor());
  });
  if (!workspace) co_return ErrorResponse(context, workspace.error());
  co_return JsonResponse(context, Status::ok, WorkspaceView(*workspace));
}

Reply DeleteWorkspace(RequestContext& context) {
  auto status = co_await Offload(context.services.blocking_pool, [&] {
    return context.services.accounts.DeleteWorkspace(context.workspace_id, context.actor());
  });
  if (!status) co_return ErrorResponse(context, status.error());
  co_return EmptyResponse(context, Status::no_content);
}

Reply ListAudit(RequestContext& context) {
  std::optional<core::Id> before;
  if (auto cursor = context.Query("cursor"); !cursor.empty()) {
    auto numbers = DecodeCursor(cursor, 1);
    if (!numbers) {
      co_return ErrorResponse(context, core::Error::Field("cursor", "invalid", "Use a next_cursor"));
    }
    before = (*numbers)[0];
  }
  constexpr int kPageSize = 100;
  auto entries = co_await Offload(context.services.blocking_pool, [&] {
    return context.services.database.Read<std::vector<store::AuditEntry>>([&](store::Connection& db) {
      return store::AuditRepo(db).List(context.workspace_id, before, kPageSize);
    });
  });
  if (!entries) co_return ErrorResponse(context, entries.error());
  boost::json::array items;
  for (const auto& entry : *entries) items.push_back(AuditView(entry));
  const std::string next = static_cast<int>(entries->size()) == kPageSize
                               ? EncodeCursor({entries->back().id})
                               : std::string();
  co_return JsonResponse(context, Status::ok, PageBody(std::move(items), next));
}

}  // namespace voxloop::http::handlers
