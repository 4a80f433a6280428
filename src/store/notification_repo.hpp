// NotificationRepo: the notifications table — what each member is told in the dashboard
// (workflow::Notifications decides who and what). Borrows a Connection; not thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/id.hpp"
#include "core/time.hpp"
#include "store/connection.hpp"

namespace voxloop::store {

struct NotificationRow {
  core::Id id = 0;
  core::Id workspace_id = 0;
  core::Id user_id = 0;
  std::string kind;  // case.assigned, case.sla_breached, rule.alert
  std::string title;
  std::string body;
  std::string link;  // an in-app path ("/app/w/…/cases/…") or ""
  core::TimeMs created_at = 0;
  std::optional<core::TimeMs> read_at;
};

struct NotificationPage {
  std::vector<NotificationRow> rows;
  std::optional<core::Id> next_before_id;  // pass as `before_id` for the next page
};

class NotificationRepo {
 public:
  explicit NotificationRepo(Connection& db) : db_(db) {}

  Status Insert(const NotificationRow& row);
  // The member's notifications, newest first, `limit` at a time before `before_id`.
  Result<NotificationPage> List(core::Id workspace_id, core::Id user_id, bool unread_only,
                                std::optional<core::Id> before_id, int limit);
  Result<std::int64_t> UnreadCount(core::Id workspace_id, core::Id user_id);
  Result<std::optional<NotificationRow>> Get(core::Id workspace_id, core::Id user_id, core::Id id);
  // Sets read_at where it is unset; returns how many rows changed.
  Result<std::int64_t> MarkRead(core::Id workspace_id, core::Id user_id, core::Id id, core::TimeMs at);
  Result<std::int64_t> MarkAllRead(core::Id workspace_id, core::Id user_id, core::TimeMs at);
  // Deletes at most `limit` notifications, of every workspace, that were read and created
  // before `read_cutoff`, or created before `any_cutoff` read or not; returns how many.
  Result<std::int64_t> DeleteOld(core::TimeMs read_cutoff, core::TimeMs any_cutoff, int limit);

 private:
  Connection& db_;
};

}  // namespace voxloop::store
