#include "store/saved_view_repo.hpp"

namespace voxloop::store {
namespace {

constexpr std::string_view kSelect =
    "SELECT id, workspace_id, owner_type, owner_id, name, page, filters, shared, version, "
    "created_at, updated_at FROM saved_views ";

SavedView FromRow(const RowView& row) {
  SavedView view;
  view.id = row.Int(0);
  view.workspace_id = row.Int(1);
  view.owner_type = row.String(2);
  view.owner_id = row.Int(3);
  view.name = row.String(4);
  view.page = row.String(5);
  view.filters_json = row.String(6);
  view.shared = row.Int(7) != 0;
  view.version = row.Int(8);
  view.created_at = row.Int(9);
  view.updated_at = row.Int(10);
  return view;
}

}  // namespace

Status SavedViewRepo::Insert(const SavedView& view) {
  auto inserted = db_.Execute(
      "INSERT INTO saved_views (id, workspace_id, owner_type, owner_id, name, page, filters, "
      "shared, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {view.id, view.workspace_id, view.owner_type, view.owner_id, view.name, view.page,
       view.filters_json, std::int64_t{view.shared ? 1 : 0}, view.version, view.created_at,
       view.updated_at});
  if (!inserted) return std::move(inserted).error();
  return core::Ok();
}

Result<std::optional<SavedView>> SavedViewRepo::Get(core::Id workspace_id, core::Id id) {
  std::optional<SavedView> found;
  VOXLOOP_TRY(db_.ForEach(std::string(kSelect) + "WHERE workspace_id = ? AND id = ?",
                          {workspace_id, id}, [&](const RowView& row) { found = FromRow(row); }));
  return found;
}

Result<SavedViewPage> SavedViewRepo::ListVisible(core::Id workspace_id,
                                                 const std::string& owner_type, core::Id owner_id,
                                                 std::optional<core::Id> after_id, int limit) {
  std::string sql = std::string(kSelect) +
                    "WHERE workspace_id = ? AND (shared = 1 OR (owner_type = ? AND owner_id = ?))";
  Params params{workspace_id, owner_type, owner_id};
  if (after_id) {
    sql += " AND id < ?";
    params.emplace_back(*after_id);
  }
  sql += " ORDER BY id DESC LIMIT ?";
  params.emplace_back(std::int64_t{limit} + 1);
  SavedViewPage page;
  VOXLOOP_TRY(db_.ForEach(sql, params, [&](const RowView& row) { page.views.push_back(FromRow(row)); }));
  if (static_cast<int>(page.views.size()) > limit) {
    page.views.pop_back();
    page.next_after_id = page.views.back().id;
  }
  return page;
}

Status SavedViewRepo::Update(const SavedView& view, std::int64_t expected_version) {
  auto updated = db_.Execute(
      "UPDATE saved_views SET name = ?, page = ?, filters = ?, shared = ?, updated_at = ?, "
      "version = ? WHERE workspace_id = ? AND id = ? AND version = ?",
      {view.name, view.page, view.filters_json, std::int64_t{view.shared ? 1 : 0},
       view.updated_at, expected_version + 1, view.workspace_id, view.id, expected_version});
  if (!updated) return std::move(updated).error();
  if (*updated == 1) return core::Ok();
  VOXLOOP_ASSIGN_OR_RETURN(auto current, Get(view.workspace_id, view.id));
  if (!current) return core::Error::NotFound("No such saved view");
  return core::Error::Conflict("The saved view was changed meanwhile; reload it");
}

Status SavedViewRepo::Delete(core::Id workspace_id, core::Id id) {
  auto deleted = db_.Execute("DELETE FROM saved_views WHERE workspace_id = ? AND id = ?",
                             {workspace_id, id});
  if (!deleted) return std::move(deleted).error();
  if (*deleted == 0) return core::Error::NotFound("No such saved view");
  return core::Ok();
}

}  // namespace voxloop::store
