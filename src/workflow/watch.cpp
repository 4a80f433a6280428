#include "workflow/watch.hpp"

#include <spdlog/spdlog.h>

#include "store/case_repo.hpp"
#include "store/workspace_repo.hpp"

namespace voxloop::workflow {
namespace {

constexpr std::string_view kWatchJob = "workflow.watch";
constexpr int kBreachesPerRun = 500;

}  // namespace

void Watch::RegisterJobs(std::chrono::milliseconds interval) {
  runner_.Register(std::string(kWatchJob), [this](jobs::JobContext&) -> jobs::JobOutcome {
    auto report = RunOnce(core::NowMs());
    if (!report) return jobs::JobOutcome::Retry(report.error().message);
    return jobs::JobOutcome::Done("{\"breaches\":" + std::to_string(report->breaches) +
                                  ",\"metric_alerts\":" + std::to_string(report->metric_alerts) + "}");
  });
  runner_.Every(std::string(kWatchJob), interval);
}

core::Result<WatchReport> Watch::RunOnce(core::TimeMs now) {
  WatchReport report;
  VOXLOOP_ASSIGN_OR_RETURN(auto due, database_.Read<std::vector<store::CaseRow>>([&](store::Connection& db) {
                             return store::CaseRepo(db).NewBreaches(now, kBreachesPerRun);
                           }));
  for (const store::CaseRow& candidate : due) {
    int marked = 0;
    VOXLOOP_TRY(database_.writer().Run([&](store::WriteContext& context) -> core::Status {
      marked = 0;
      store::CaseRepo repo(context.db);
      VOXLOOP_ASSIGN_OR_RETURN(auto row, repo.Get(candidate.workspace_id, candidate.id));
      if (!row || !IsActiveStatus(row->status)) return core::Ok();
      std::vector<std::string> missed;
      auto newly_missed = [&](const std::optional<core::TimeMs>& due, const std::optional<core::TimeMs>& breached) {
        return due && *due < now && (!breached || *breached < *due);
      };
      if (!row->first_responded_at && newly_missed(row->first_response_due_at, row->first_response_breached_at)) {
        row->first_response_breached_at = now;
        missed.push_back("first_response");
      }
      if (newly_missed(row->resolution_due_at, row->resolution_breached_at)) {
        row->resolution_breached_at = now;
        missed.push_back("resolution");
      }
      if (missed.empty()) return core::Ok();
      VOXLOOP_TRY(repo.Update(*row, row->version));
      ++row->version;
      for (const std::string& which : missed) {
        VOXLOOP_TRY(cases_.RecordBreach(context, *row, which));
        VOXLOOP_TRY(rules_.ApplySlaBreach(context, *row, which));
        ++marked;
      }
      return core::Ok();
    }));
    report.breaches += marked;
  }
  VOXLOOP_ASSIGN_OR_RETURN(auto workspaces, database_.Read<std::vector<core::Workspace>>(
                                                [](store::Connection& db) { return store::WorkspaceRepo(db).ListAll(); }));
  for (const core::Workspace& workspace : workspaces) {
    auto alerted = rules_.WatchMetrics(workspace.id, now);
    if (!alerted) {
      // One workspace's failing query does not stop the others' rules.
      spdlog::warn("metric rules of workspace {}: {}", workspace.id, alerted.error().message);
      continue;
    }
    report.metric_alerts += *alerted;
  }
  return report;
}

}  // namespace voxloop::workflow
