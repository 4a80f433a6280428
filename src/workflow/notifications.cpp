#include "workflow/notifications.hpp"

#include <algorithm>

#include "core/text.hpp"
#include "core/time.hpp"
#include "store/account_repo.hpp"

namespace voxloop::workflow {
namespace {

constexpr std::size_t kMaxTitleChars = 200;
constexpr std::size_t kMaxBodyChars = 1000;

}  // namespace

std::string CaseLink(core::Id workspace_id, core::Id case_id) {
  return "/app/w/" + core::IdToString(workspace_id) + "/cases/" + core::IdToString(case_id);
}

core::Status Notifications::Send(store::WriteContext& context, core::Id workspace_id,
                                 const std::vector<core::Id>& user_ids, const NotificationDraft& draft) {
  store::MembershipRepo memberships(context.db);
  std::vector<core::Id> members;
  for (core::Id user_id : user_ids) {
    if (std::find(members.begin(), members.end(), user_id) != members.end()) continue;
    VOXLOOP_ASSIGN_OR_RETURN(auto membership, memberships.Get(workspace_id, user_id));
    if (membership) members.push_back(user_id);
  }
  return Insert(context, workspace_id, members, draft);
}

core::Status Notifications::SendToMembersWith(store::WriteContext& context, core::Id workspace_id,
                                              auth::Permission permission, const NotificationDraft& draft) {
  VOXLOOP_ASSIGN_OR_RETURN(auto memberships, store::MembershipRepo(context.db).ListMembers(workspace_id));
  std::vector<core::Id> members;
  for (const store::Membership& membership : memberships) {
    const auto role = auth::ParseRole(membership.role);
    if (role && auth::RoleAllows(*role, permission)) members.push_back(membership.user_id);
  }
  return Insert(context, workspace_id, members, draft);
}

core::Status Notifications::Insert(store::WriteContext& context, core::Id workspace_id,
                                   const std::vector<core::Id>& members, const NotificationDraft& draft) {
  store::NotificationRow row;
  row.workspace_id = workspace_id;
  row.kind = draft.kind;
  row.title = std::string(core::Utf8Prefix(draft.title, kMaxTitleChars));
  row.body = std::string(core::Utf8Prefix(draft.body, kMaxBodyChars));
  row.link = draft.link;
  row.created_at = core::NowMs();
  store::NotificationRepo repo(context.db);
  for (core::Id user_id : members) {
    row.id = core::NewId();
    row.user_id = user_id;
    VOXLOOP_TRY(repo.Insert(row));
    context.AfterCommit([this, row] {
      if (NotificationListener* listener = listener_.load()) listener->OnNotification(row);
    });
  }
  return core::Ok();
}

core::Result<NotificationList> Notifications::List(core::Id workspace_id, core::Id user_id, bool unread_only,
                                                   std::optional<core::Id> before_id, int limit) {
  return database_.Read<NotificationList>([&](store::Connection& db) -> core::Result<NotificationList> {
    store::NotificationRepo repo(db);
    VOXLOOP_ASSIGN_OR_RETURN(auto page, repo.List(workspace_id, user_id, unread_only, before_id, limit));
    NotificationList list;
    list.rows = std::move(page.rows);
    list.next_before_id = page.next_before_id;
    VOXLOOP_ASSIGN_OR_RETURN(list.unread_count, repo.UnreadCount(workspace_id, user_id));
    return list;
  });
}

core::Result<store::NotificationRow> Notifications::MarkRead(core::Id workspace_id, core::Id user_id, core::Id id) {
  store::NotificationRow marked;
  VOXLOOP_TRY(database_.writer().Run([&](store::WriteContext& context) -> core::Status {
    store::NotificationRepo repo(context.db);
    VOXLOOP_TRY(repo.MarkRead(workspace_id, user_id, id, core::NowMs()));
    VOXLOOP_ASSIGN_OR_RETURN(auto row, repo.Get(workspace_id, user_id, id));
    if (!row) return core::Error::NotFound("No such notification");
    marked = std::move(*row);
    return core::Ok();
  }));
  return marked;
}

core::Result<std::int64_t> Notifications::MarkAllRead(core::Id workspace_id, core::Id user_id) {
  std::int64_t marked = 0;
  VOXLOOP_TRY(database_.writer().Run([&](store::WriteContext& context) -> core::Status {
    VOXLOOP_ASSIGN_OR_RETURN(marked, store::NotificationRepo(context.db).MarkAllRead(workspace_id, user_id, core::NowMs()));
    return core::Ok();
  }));
  return marked;
}

core::Result<std::int64_t> Notifications::Prune(core::TimeMs now) {
  constexpr int kBatch = 1000;  // rows per transaction, so other writes are not held up long
  std::int64_t total = 0;
  for (;;) {
    std::int64_t deleted = 0;
    VOXLOOP_TRY(database_.writer().Run([&](store::WriteContext& context) -> core::Status {
      VOXLOOP_ASSIGN_OR_RETURN(deleted, store::NotificationRepo(context.db)
                                            .DeleteOld(now - kReadRetention, now - kRetention, kBatch));
      return core::Ok();
    }));
    total += deleted;
    if (deleted < kBatch) return total;
  }
}

void Notifications::RegisterJobs(jobs::JobRunner& runner) {
  constexpr std::string_view kPruneJob = "workflow.notifications.prune";
  runner.Register(std::string(kPruneJob), [this](jobs::JobContext&) -> jobs::JobOutcome {
    auto pruned = Prune(core::NowMs());
    if (!pruned) return jobs::JobOutcome::Retry(pruned.error().message);
    return jobs::JobOutcome::Done("{\"deleted\":" + std::to_string(*pruned) + "}");
  });
  runner.Every(std::string(kPruneJob), std::chrono::hours(24));
}

}  // namespace voxloop::workflow
