// AnalysisService: corrections by people and the workspace's taxonomy.
#include "learning/analysis_service.hpp"

#include "core/id.hpp"
#include "core/time.hpp"
#include "store/feedback_repo.hpp"
#include "store/writer.hpp"

namespace voxloop::learning {
namespace {

// A person's label is certain: the score says so.
double ScoreOfLabel(core::SentimentLabel label) {
  switch (label) {
    case core::SentimentLabel::kPositive: return 1.0;
    case core::SentimentLabel::kNegative: return -1.0;
    default: return 0.0;
  }
}

core::Status ValidateTopics(const analysis::Taxonomy& taxonomy,
                            const std::vector<std::string>& topics) {
  std::vector<core::FieldError> errors;
  for (std::size_t topic_idx = 0; topic_idx < topics.size(); ++topic_idx) {
    if (!taxonomy.Contains(topics[topic_idx])) {
      errors.push_back({"topics[" + std::to_string(topic_idx) + "]", "unknown_topic",
                        "Not a category of the workspace's taxonomy"});
    }
  }
  if (!errors.empty()) return core::Error::InvalidArgument("Unknown topics", std::move(errors));
  return core::Ok();
}

store::Correction MakeCorrection(core::Id workspace_id, core::Id feedback_id, std::string task,
                                 std::string label, std::string previous,
                                 const Corrector& corrector, core::TimeMs now) {
  store::Correction correction;
  correction.id = core::NewId();
  correction.workspace_id = workspace_id;
  correction.feedback_id = feedback_id;
  correction.task = std::move(task);
  correction.label = std::move(label);
  correction.previous = std::move(previous);
  correction.actor_type = corrector.type;
  correction.actor_id = corrector.id;
  correction.created_at = now;
  return correction;
}

std::string JoinTopics(const std::vector<std::string>& topics) {
  std::string joined;
  for (const std::string& topic : topics) joined += (joined.empty() ? "" : ",") + topic;
  return joined;
}

}  // namespace

AnalysisService::AnalysisService(store::Database& database, WorkspaceModelCache& cache,
                                 jobs::JobRunner& runner)
    : database_(database), cache_(cache), runner_(runner) {}

void AnalysisService::NotifyUpdated(store::WriteContext& context, const core::FeedbackItem& item) {
  if (observers_.empty()) return;
  context.AfterCommit([this, item] {
    for (ingest::FeedbackObserver* observer : observers_) observer->OnFeedbackUpdated(item);
  });
}

core::Result<core::FeedbackItem> AnalysisService::Correct(core::Id workspace_id,
                                                          core::Id feedback_id,
                                                          const AnalysisCorrection& correction,
                                                          const Corrector& corrector) {
  if (correction.sentiment == core::SentimentLabel::kNone) {
    return core::Error::Field("sentiment", "invalid", "Use negative, neutral or positive");
  }
  if (correction.topics) {
    VOXLOOP_TRY(ValidateTopics(*cache_.Get(workspace_id)->taxonomy, *correction.topics));
  }
  const core::TimeMs now = core::NowMs();
  core::FeedbackItem corrected;
  VOXLOOP_TRY(database_.writer().Run([&](store::WriteContext& context) -> core::Status {
    store::FeedbackRepo feedback(context.db);
    store::AnalysisRepo analyses(context.db);
    VOXLOOP_ASSIGN_OR_RETURN(auto item, feedback.Get(workspace_id, feedback_id));
    if (!item) return core::Error::NotFound("No such feedback item");
    core::FeedbackAnalysis& analysis = item->analysis;
    if (correction.sentiment) {
      VOXLOOP_TRY(analyses.AddCorrection(MakeCorrection(
          workspace_id, feedback_id, "sentiment",
          std::string(core::SentimentLabelName(*correction.sentiment)),
          std::string(core::SentimentLabelName(analysis.sentiment)), corrector, now)));
      analysis.sentiment = *correction.sentiment;
      analysis.sentiment_score = ScoreOfLabel(*correction.sentiment);
      analysis.sentiment_source = "manual";
    }
    if (correction.topics) {
      // The primary (first) topic is what a topic model learns; none: nothing to learn.
      if (!correction.topics->empty()) {
        VOXLOOP_TRY(analyses.AddCorrection(MakeCorrection(workspace_id, feedback_id, "topic",
                                                          correction.topics->front(),
                                                          JoinTopics(analysis.topics), corrector,
                                                          now)));
      }
      analysis.topics = *correction.topics;
      analysis.topics_manual = true;
    }
    VOXLOOP_TRY(feedback.UpdateAnalysis(workspace_id, feedback_id, analysis, now));
    NotifyUpdated(context, *item);
    corrected = std::move(*item);
    return core::Ok();
  }));
  return corrected;
}

core::Result<TaxonomyView> AnalysisService::GetTaxonomy(core::Id workspace_id) {
  VOXLOOP_ASSIGN_OR_RETURN(auto current,
                           database_.Read<std::optional<store::TaxonomyVersion>>(
                               [&](store::Connection& db) {
                                 return store::AnalysisRepo(db).CurrentTaxonomy(workspace_id);
                               }));
  if (!current) return TaxonomyView{0, analysis::Taxonomy::Default().ToJson()};
  return TaxonomyView{current->version, current->definition_json};
}

core::Result<TaxonomyView> AnalysisService::SetTaxonomy(core::Id workspace_id,
                                                        std::string_view definition_json,
                                                        std::optional<core::Id> user_id) {
  VOXLOOP_ASSIGN_OR_RETURN(auto taxonomy, analysis::Taxonomy::FromJson(definition_json));
  TaxonomyView view{0, taxonomy.ToJson()};
  VOXLOOP_TRY(database_.writer().Run([&](store::WriteContext& context) -> core::Status {
    VOXLOOP_ASSIGN_OR_RETURN(view.version, store::AnalysisRepo(context.db).AddTaxonomyVersion(
                                               workspace_id, view.definition_json, user_id,
                                               core::NowMs()));
    return core::Ok();
  }));
  cache_.Invalidate(workspace_id);
  VOXLOOP_TRY(StartReanalysis(workspace_id, "taxonomy"));
  return view;
}

core::Result<std::vector<store::StoredModel>> AnalysisService::ListModels(core::Id workspace_id) {
  return database_.Read<std::vector<store::StoredModel>>(
      [&](store::Connection& db) { return store::AnalysisRepo(db).ListModels(workspace_id); });
}

core::Result<std::int64_t> AnalysisService::CountCorrections(core::Id workspace_id,
                                                             const std::string& task) {
  return database_.Read<std::int64_t>([&](store::Connection& db) {
    return store::AnalysisRepo(db).CountCorrections(workspace_id, task);
  });
}

}  // namespace voxloop::learning
