#include "store/notification_repo.hpp"

namespace voxloop::store {
namespace {

constexpr std::string_view kSelect =
    "SELECT id, workspace_id, user_id, kind, title, body, link, created_at, read_at FROM notifications ";

NotificationRow FromRow(const RowView& row) {
  NotificationRow out;
  out.id = row.Int(0);
  out.workspace_id = row.Int(1);
  out.user_id = row.Int(2);
  out.kind = row.String(3);
  out.title = row.String(4);
  out.body = row.String(5);
  out.link = row.String(6);
  out.created_at = row.Int(7);
  out.read_at = row.OptInt(8);
  return out;
}

}  // namespace

Status NotificationRepo::Insert(const NotificationRow& row) {
  auto inserted = db_.Execute(
      "INSERT INTO notifications (id, workspace_id, user_id, kind, title, body, link, created_at, read_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {row.id, row.workspace_id, row.user_id, row.kind, row.title, row.body, row.link, row.created_at,
       Optional(row.read_at)});
  if (!inserted) return std::move(inserted).error();
  return core::Ok();
}

Result<NotificationPage> NotificationRepo::List(core::Id workspace_id, core::Id user_id, bool unread_only,
                                                std::optional<core::Id> before_id, int limit) {
  std::string sql = std::string(kSelect) + "WHERE workspace_id = ? AND user_id = ?";
  Params params{workspace_id, user_id};
  if (unread_only) sql += " AND read_at IS NULL";
  if (before_id) {
    sql += " AND id < ?";
    params.emplace_back(*before_id);
  }
  sql += " ORDER BY id DESC LIMIT ?";
  params.emplace_back(std::int64_t{limit} + 1);
  NotificationPage page;
  VOXLOOP_TRY(db_.ForEach(sql, params, [&](const RowView& row) { page.rows.push_back(FromRow(row)); }));
  if (static_cast<int>(page.rows.size()) > limit) {
    page.rows.pop_back();
    page.next_before_id = page.rows.back().id;
  }
  return page;
}

Result<std::int64_t> NotificationRepo::UnreadCount(core::Id workspace_id, core::Id user_id) {
  VOXLOOP_ASSIGN_OR_RETURN(
      auto row, db_.QueryOne("SELECT COUNT(*) FROM notifications WHERE workspace_id = ? AND user_id = ? "
                             "AND read_at IS NULL",
                             {workspace_id, user_id}));
  return row ? row->Int(0) : 0;
}

Result<std::optional<NotificationRow>> NotificationRepo::Get(core::Id workspace_id, core::Id user_id, core::Id id) {
  std::optional<NotificationRow> found;
  VOXLOOP_TRY(db_.ForEach(std::string(kSelect) + "WHERE workspace_id = ? AND user_id = ? AND id = ?",
                          {workspace_id, user_id, id}, [&](const RowView& row) { found = FromRow(row); }));
  return found;
}

Result<std::int64_t> NotificationRepo::MarkRead(core::Id workspace_id, core::Id user_id, core::Id id,
                                                core::TimeMs at) {
  return db_.Execute(
      "UPDATE notifications SET read_at = ? WHERE workspace_id = ? AND user_id = ? AND id = ? AND read_at IS NULL",
      {at, workspace_id, user_id, id});
}

Result<std::int64_t> NotificationRepo::MarkAllRead(core::Id workspace_id, core::Id user_id, core::TimeMs at) {
  return db_.Execute(
      "UPDATE notifications SET read_at = ? WHERE workspace_id = ? AND user_id = ? AND read_at IS NULL",
      {at, workspace_id, user_id});
}

Result<std::int64_t> NotificationRepo::DeleteOld(core::TimeMs read_cutoff, core::TimeMs any_cutoff, int limit) {
  // A bounded batch: the job calls again while batches come back full.
  return db_.Execute(
      "DELETE FROM notifications WHERE id IN (SELECT id FROM notifications WHERE "
      "(read_at IS NOT NULL AND created_at < ?) OR created_at < ? LIMIT ?)",
      {read_cutoff, any_cutoff, std::int64_t{limit}});
}

}  // namespace voxloop::store
