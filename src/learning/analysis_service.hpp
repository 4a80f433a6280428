// AnalysisService: what a workspace does with its analysis beyond ingestion — people
// correcting an item's sentiment or topics (corrections become training data), editing the
// taxonomy, training sentiment and topic models on the corrections, and re-analysing stored
// items in the background when the taxonomy or a model changes.
//
// Training holds out every fifth corrected item (by id, so the split is stable), trains on
// the rest, and scores the built-in analysis, the trained model and their blend on the held
// out items; the best by macro-F1 is what serves (ties go to the built-in analysis). Models
// are versioned with the workspace in the store; activating one re-analyses the workspace.
//
// Thread-safety: every method may be called from any thread; reads borrow a reader, writes
// go through the group-commit writer, long work runs as jobs ("analysis.train",
// "analysis.reanalyze") on the JobRunner.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "analysis/classifier.hpp"
#include "core/feedback.hpp"
#include "core/id.hpp"
#include "core/result.hpp"
#include "ingest/feedback_observer.hpp"
#include "jobs/job_runner.hpp"
#include "learning/model_cache.hpp"
#include "store/analysis_repo.hpp"
#include "store/database.hpp"

namespace voxloop::learning {

inline constexpr int kMinTrainingExamples = 20;
inline constexpr const char* kTrainJob = "analysis.train";
inline constexpr const char* kReanalyzeJob = "analysis.reanalyze";

struct AnalysisCorrection {
  std::optional<core::SentimentLabel> sentiment;  // kNone is not allowed
  std::optional<std::vector<std::string>> topics;  // taxonomy paths; the first is primary
};

struct Corrector {
  std::string type = "system";  // user | token | system
  std::optional<core::Id> id;
};

struct TaxonomyView {
  int version = 0;  // 0: the built-in default taxonomy
  std::string definition_json;
};

// A finished training run, as the job's result and the model's stored metrics.
struct TrainingReport {
  std::string task;
  std::string version;
  int examples = 0;
  int held_out = 0;
  std::vector<std::string> labels;
  analysis::QualityReport model;
  analysis::QualityReport built_in;
  std::optional<analysis::QualityReport> blend;  // sentiment only
  std::string serving;  // builtin | blend | model (topic: builtin | model)
};

boost::json::object QualityJson(const analysis::QualityReport& report);
boost::json::object TrainingReportJson(const TrainingReport& report);

class AnalysisService {
 public:
  AnalysisService(store::Database& database, WorkspaceModelCache& cache, jobs::JobRunner& runner);

  // Registers the training and re-analysis job handlers. Call before runner.Start().
  void RegisterJobs();
  // Before serving starts only: told of every item whose analysis a correction or a
  // re-analysis changed (OnFeedbackUpdated), once it is durable.
  void AddObserver(ingest::FeedbackObserver* observer) { observers_.push_back(observer); }

  // Applies the correction to the item and records it as training data; returns the item.
  // Errors: not_found (no such item), invalid_argument naming the field (unknown topic).
  core::Result<core::FeedbackItem> Correct(core::Id workspace_id, core::Id feedback_id,
                                           const AnalysisCorrection& correction,
                                           const Corrector& corrector);

  core::Result<TaxonomyView> GetTaxonomy(core::Id workspace_id);
  // Validates and stores `definition_json` as the next version, then queues a re-analysis.
  core::Result<TaxonomyView> SetTaxonomy(core::Id workspace_id, std::string_view definition_json,
                                         std::optional<core::Id> user_id);

  // Queues a training run of `task` ("sentiment" | "topic"); returns the job id.
  // Errors: invalid_argument when there are too few corrections to learn from.
  core::Result<core::Id> StartTraining(core::Id workspace_id, const std::string& task,
                                       std::optional<core::Id> user_id);
  // Trains now, on this thread (the job handler and the tests use it).
  core::Result<TrainingReport> Train(core::Id workspace_id, const std::string& task,
                                     std::optional<core::Id> user_id);

  core::Result<std::vector<store::StoredModel>> ListModels(core::Id workspace_id);
  core::Result<std::int64_t> CountCorrections(core::Id workspace_id, const std::string& task);

  // Queues a re-analysis of every item of the workspace; returns the job id.
  core::Result<core::Id> StartReanalysis(core::Id workspace_id, const std::string& reason);
  // Re-analyses now; `progress(done, total)` returning false stops early. Keeps what a person
  // set (manual sentiment, manual topics). Returns how many items changed.
  core::Result<std::int64_t> Reanalyze(core::Id workspace_id,
                                       const std::function<bool(std::int64_t, std::int64_t)>& progress);

  core::Result<std::optional<store::Job>> GetJob(core::Id workspace_id, core::Id job_id);

 private:
  void NotifyUpdated(store::WriteContext& context, const core::FeedbackItem& item);

  store::Database& database_;
  WorkspaceModelCache& cache_;
  jobs::JobRunner& runner_;
  std::vector<ingest::FeedbackObserver*> observers_;  // fixed after start-up
};

}  // namespace voxloop::learning
