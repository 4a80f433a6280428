// Notifications: what a member is told in the dashboard — "a case was assigned to you", a
// missed SLA on their case, a rule's notify_in_app alert. Each is a row per member, written
// inside the write job that causes it (so it exists exactly when its cause does), and handed
// after the commit to the listener (the live feed), which pushes it to the member's open
// dashboards. Only members are told: an id that is not a member of the workspace is skipped.
//
//   notifications.Send(context, workspace_id, {user_id},
//                      {"case.assigned", "Late delivery", "", "/app/w/…/cases/…"});
//
// Old ones are deleted by a daily job (see Prune).
//
// Thread-safety: every method may be called from any thread; Send* on the writer thread
// inside a write job; the listener is called on the writer thread after the commit.
#pragma once

#include <atomic>
#include <optional>
#include <string>
#include <vector>

#include "auth/roles.hpp"
#include "core/result.hpp"
#include "jobs/job_runner.hpp"
#include "store/database.hpp"
#include "store/notification_repo.hpp"

namespace voxloop::workflow {

struct NotificationDraft {
  std::string kind;   // case.assigned, case.sla_breached, rule.alert
  std::string title;  // cut to 200 code points
  std::string body;   // cut to 1000 code points
  std::string link;   // an in-app path, or ""
};

class NotificationListener {
 public:
  virtual ~NotificationListener() = default;
  virtual void OnNotification(const store::NotificationRow& notification) = 0;
};

struct NotificationList {
  std::vector<store::NotificationRow> rows;
  std::optional<core::Id> next_before_id;
  std::int64_t unread_count = 0;
};

class Notifications {
 public:
  explicit Notifications(store::Database& database) : database_(database) {}
  // Set at start-up; set to null before the listener goes away.
  void SetListener(NotificationListener* listener) { listener_.store(listener); }

  // Inside a write job: one notification to each member among `user_ids` (once each).
  core::Status Send(store::WriteContext& context, core::Id workspace_id, const std::vector<core::Id>& user_ids,
                    const NotificationDraft& draft);
  // Inside a write job: to every member whose role allows `permission`.
  core::Status SendToMembersWith(store::WriteContext& context, core::Id workspace_id, auth::Permission permission,
                                 const NotificationDraft& draft);

  core::Result<NotificationList> List(core::Id workspace_id, core::Id user_id, bool unread_only,
                                      std::optional<core::Id> before_id, int limit);
  // kNotFound when the member has no such notification. Reading twice keeps the first time.
  core::Result<store::NotificationRow> MarkRead(core::Id workspace_id, core::Id user_id, core::Id id);
  // How many were unread.
  core::Result<std::int64_t> MarkAllRead(core::Id workspace_id, core::Id user_id);

  // Retention: a notification is kept kReadRetention after it was created once it was read,
  // and kRetention in any case. Prune deletes what is older at `now`, returns how many;
  // RegisterJobs runs it daily on `runner`.
  static constexpr core::TimeMs kReadRetention = 90LL * 24 * 3600 * 1000;
  static constexpr core::TimeMs kRetention = 365LL * 24 * 3600 * 1000;
  core::Result<std::int64_t> Prune(core::TimeMs now);
  void RegisterJobs(jobs::JobRunner& runner);

 private:
  // One notification to each of `members` (distinct members of the workspace).
  core::Status Insert(store::WriteContext& context, core::Id workspace_id, const std::vector<core::Id>& members,
                      const NotificationDraft& draft);

  store::Database& database_;
  std::atomic<NotificationListener*> listener_ = nullptr;
};

// The in-app path of a case: "/app/w/<ws>/cases/<id>".
std::string CaseLink(core::Id workspace_id, core::Id case_id);

}  // namespace voxloop::workflow
