#include "store/workspace_repo.hpp"

namespace voxloop::store {
namespace {

constexpr std::string_view kSelect =
    "SELECT w.id, w.name, w.timezone, w.default_language, w.settings, w.created_at "
    "FROM workspaces w ";

core::Workspace FromRow(const RowView& row) {
  return core::Workspace{row.Int(0), row.String(1), row.String(2), row.String(3), row.String(4),
                         row.Int(5)};
}

Result<std::vector<core::Workspace>> Collect(Connection& db, std::string_view sql,
                                             const Params& params) {
  std::vector<core::Workspace> workspaces;
  VOXLOOP_TRY(db.ForEach(sql, params, [&](const RowView& row) {
    workspaces.push_back(FromRow(row));
  }));
  return workspaces;
}

}  // namespace

Status WorkspaceRepo::Insert(const core::Workspace& workspace) {
  auto inserted = db_.Execute(
      "INSERT INTO workspaces (id, name, timezone, default_language, settings, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?)",
      {workspace.id, workspace.name, workspace.timezone, workspace.default_language,
       workspace.settings_json, workspace.created_at});
  if (!inserted) return std::move(inserted).error();
  return core::Ok();
}

Result<std::optional<core::Workspace>> WorkspaceRepo::Get(core::Id id) {
  VOXLOOP_ASSIGN_OR_RETURN(
      auto workspaces,
      Collect(db_, std::string(kSelect) + "WHERE w.id = ? AND w.deleted_at IS NULL", {id}));
  if (workspaces.empty()) return std::optional<core::Workspace>();
  return std::optional<core::Workspace>(std::move(workspaces.front()));
}

Result<std::vector<core::Workspace>> WorkspaceRepo::ListForUser(core::Id user_id) {
  return Collect(db_,
                 std::string(kSelect) +
                     "JOIN memberships m ON m.workspace_id = w.id "
                     "WHERE m.user_id = ? AND w.deleted_at IS NULL ORDER BY w.id",
                 {user_id});
}

Result<std::vector<core::Workspace>> WorkspaceRepo::ListAll() {
  return Collect(db_, std::string(kSelect) + "WHERE w.deleted_at IS NULL ORDER BY w.id", {});
}

Status WorkspaceRepo::Update(const core::Workspace& workspace) {
  auto updated = db_.Execute(
      "UPDATE workspaces SET name = ?, timezone = ?, default_language = ?, settings = ? "
      "WHERE id = ? AND deleted_at IS NULL",
      {workspace.name, workspace.timezone, workspace.default_language, workspace.settings_json,
       workspace.id});
  if (!updated) return std::move(updated).error();
  if (*updated == 0) return core::Error::NotFound("No such workspace");
  return core::Ok();
}

Status WorkspaceRepo::MarkDeleted(core::Id id, core::TimeMs now) {
  auto updated = db_.Execute(
      "UPDATE workspaces SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL", {now, id});
  if (!updated) return std::move(updated).error();
  if (*updated == 0) return core::Error::NotFound("No such workspace");
  return core::Ok();
}

}  // namespace voxloop::store
