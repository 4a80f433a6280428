// AnalysisService: re-analysis of stored items and the background jobs.
#include "learning/analysis_service.hpp"

#include <spdlog/spdlog.h>

#include <boost/json.hpp>

#include "core/time.hpp"
#include "store/feedback_repo.hpp"
#include "store/job_repo.hpp"
#include "store/writer.hpp"

namespace voxloop::learning {
namespace {

constexpr int kReanalysisPage = 200;

// The new analysis of `item`, keeping what a person decided.
core::FeedbackAnalysis Reanalysed(const core::FeedbackItem& item,
                                  const analysis::WorkspaceModels& models) {
  core::FeedbackAnalysis fresh = analysis::AnalyzeText(item.text, models);
  const core::FeedbackAnalysis& old = item.analysis;
  if (old.sentiment_source == "manual") {
    fresh.sentiment = old.sentiment;
    fresh.sentiment_score = old.sentiment_score;
    fresh.sentiment_source = old.sentiment_source;
  }
  if (old.topics_manual) {
    fresh.topics = old.topics;
    fresh.topics_manual = true;
  }
  return fresh;
}

bool SameAnalysis(const core::FeedbackAnalysis& a, const core::FeedbackAnalysis& b) {
  return a.language == b.language && a.sentiment == b.sentiment &&
         a.sentiment_score == b.sentiment_score && a.sentiment_source == b.sentiment_source &&
         a.topics == b.topics && a.key_phrases == b.key_phrases &&
         a.redacted_text == b.redacted_text && a.pii_kinds == b.pii_kinds &&
         a.search_text == b.search_text && a.version == b.version;
}

}  // namespace

core::Result<core::Id> AnalysisService::StartReanalysis(core::Id workspace_id,
                                                        const std::string& reason) {
  jobs::NewJob job;
  job.workspace_id = workspace_id;
  job.kind = kReanalyzeJob;
  job.payload_json = boost::json::serialize(boost::json::object{{"reason", reason}});
  job.dedupe_key = "reanalyze:" + std::to_string(workspace_id);
  return runner_.Enqueue(job);
}

core::Result<std::int64_t> AnalysisService::Reanalyze(
    core::Id workspace_id, const std::function<bool(std::int64_t, std::int64_t)>& progress) {
  VOXLOOP_ASSIGN_OR_RETURN(const std::int64_t total,
                           database_.Read<std::int64_t>([&](store::Connection& db) {
                             return store::FeedbackRepo(db).CountInWorkspace(workspace_id);
                           }));
  store::FeedbackFilter filter;
  filter.workspace_id = workspace_id;
  filter.limit = kReanalysisPage;
  std::int64_t done = 0;
  std::int64_t changed = 0;
  while (progress(done, total)) {
    VOXLOOP_ASSIGN_OR_RETURN(auto page, database_.Read<store::FeedbackPage>(
                                            [&](store::Connection& db) {
                                              return store::FeedbackRepo(db).List(filter);
                                            }));
    // Taken per page, so a change made meanwhile applies to the rest of the run.
    const ModelsPtr models = cache_.Get(workspace_id);
    std::vector<core::FeedbackItem> updates;
    for (const core::FeedbackItem& item : page.items) {
      core::FeedbackAnalysis fresh = Reanalysed(item, *models);
      if (SameAnalysis(fresh, item.analysis)) continue;
      updates.push_back(item);
      updates.back().analysis = std::move(fresh);
    }
    if (!updates.empty()) {
      VOXLOOP_TRY(database_.writer().Run([&](store::WriteContext& context) -> core::Status {
        store::FeedbackRepo feedback(context.db);
        const core::TimeMs now = core::NowMs();
        for (const core::FeedbackItem& item : updates) {
          auto updated = feedback.UpdateAnalysis(workspace_id, item.id, item.analysis, now);
          // An item erased meanwhile is simply gone.
          if (!updated && updated.error().code != core::ErrorCode::kNotFound) return updated;
          if (updated) NotifyUpdated(context, item);
        }
        return core::Ok();
      }));
    }
    changed += static_cast<std::int64_t>(updates.size());
    done += static_cast<std::int64_t>(page.items.size());
    if (!page.next) {
      progress(done, std::max(done, total));
      break;
    }
    filter.after = page.next;
  }
  return changed;
}

core::Result<std::optional<store::Job>> AnalysisService::GetJob(core::Id workspace_id,
                                                                core::Id job_id) {
  VOXLOOP_ASSIGN_OR_RETURN(auto job, database_.Read<std::optional<store::Job>>(
                                         [&](store::Connection& db) {
                                           return store::JobRepo(db).Get(job_id);
                                         }));
  if (job && job->workspace_id != workspace_id) return std::optional<store::Job>();
  return job;
}

void AnalysisService::RegisterJobs() {
  runner_.Register(kReanalyzeJob, [this](jobs::JobContext& context) {
    const core::Id workspace_id = context.job.workspace_id.value_or(0);
    auto changed = Reanalyze(workspace_id, [&](std::int64_t done, std::int64_t total) {
      return context.ReportProgress(done, total);
    });
    if (!changed) return jobs::JobOutcome::Retry(changed.error().message);
    return jobs::JobOutcome::Done(
        boost::json::serialize(boost::json::object{{"changed", *changed}}));
  });
  runner_.Register(kTrainJob, [this](jobs::JobContext& context) {
    const core::Id workspace_id = context.job.workspace_id.value_or(0);
    boost::system::error_code error;
    const boost::json::value payload = boost::json::parse(context.job.payload_json, error);
    const auto* task = payload.is_object() ? payload.as_object().if_contains("task") : nullptr;
    if (error || task == nullptr || !task->is_string()) {
      return jobs::JobOutcome::Failed("A training job needs a task");
    }
    std::optional<core::Id> user;
    if (const auto* given = payload.as_object().if_contains("user"); given && given->is_int64()) {
      user = given->as_int64();
    }
    auto report = Train(workspace_id, std::string(task->as_string()), user);
    if (!report) {
      // Too little data does not get better by retrying.
      if (report.error().code == core::ErrorCode::kInvalidArgument) {
        return jobs::JobOutcome::Failed(report.error().message);
      }
      return jobs::JobOutcome::Retry(report.error().message);
    }
    return jobs::JobOutcome::Done(boost::json::serialize(TrainingReportJson(*report)));
  });
}

}  // namespace voxloop::learning
