#include "learning/model_cache.hpp"

#include <spdlog/spdlog.h>

#include "learning/model_codec.hpp"
#include "store/analysis_repo.hpp"

namespace voxloop::learning {
namespace {

core::Result<std::optional<analysis::TrainedModel>> ActiveModel(store::AnalysisRepo& repo,
                                                                core::Id workspace_id,
                                                                const std::string& task,
                                                                std::string* source) {
  VOXLOOP_ASSIGN_OR_RETURN(auto stored, repo.ActiveModel(workspace_id, task));
  if (!stored) return std::optional<analysis::TrainedModel>();
  VOXLOOP_ASSIGN_OR_RETURN(auto classifier, DecodeModel(stored->model_base64));
  if (source != nullptr) *source = stored->source;
  return std::optional<analysis::TrainedModel>(
      analysis::TrainedModel{std::move(classifier), stored->version});
}

}  // namespace

WorkspaceModelCache::WorkspaceModelCache(store::Database& database)
    : database_(database),
      built_in_(std::make_shared<const analysis::WorkspaceModels>(
          analysis::WorkspaceModels::BuiltIn())) {}

ModelsPtr WorkspaceModelCache::Get(core::Id workspace_id) {
  {
    std::lock_guard lock(mutex_);
    if (auto found = models_.find(workspace_id); found != models_.end()) return found->second;
  }
  auto loaded = Load(workspace_id);
  if (!loaded) {
    spdlog::warn("analysis setup of workspace {} not loaded, using the built-in one: {}",
                 workspace_id, loaded.error().internal.empty() ? loaded.error().message
                                                               : loaded.error().internal);
    return built_in_;
  }
  std::lock_guard lock(mutex_);
  // Another thread may have loaded it meanwhile; either copy is current.
  return models_.emplace(workspace_id, std::move(*loaded)).first->second;
}

void WorkspaceModelCache::Invalidate(core::Id workspace_id) {
  std::lock_guard lock(mutex_);
  models_.erase(workspace_id);
}

core::Result<ModelsPtr> WorkspaceModelCache::Load(core::Id workspace_id) {
  return database_.Read<ModelsPtr>([&](store::Connection& db) -> core::Result<ModelsPtr> {
    store::AnalysisRepo repo(db);
    VOXLOOP_ASSIGN_OR_RETURN(auto taxonomy, repo.CurrentTaxonomy(workspace_id));
    std::string serving;
    VOXLOOP_ASSIGN_OR_RETURN(auto sentiment, ActiveModel(repo, workspace_id, "sentiment", &serving));
    std::string topic_serving;
    VOXLOOP_ASSIGN_OR_RETURN(auto topics, ActiveModel(repo, workspace_id, "topic", &topic_serving));
    // A topic model that did not beat the taxonomy's rules is kept for its report only.
    if (topic_serving != "model") topics.reset();
    if (!taxonomy && !sentiment && !topics) return built_in_;
    analysis::WorkspaceModels models = *built_in_;
    if (taxonomy) {
      VOXLOOP_ASSIGN_OR_RETURN(auto parsed, analysis::Taxonomy::FromJson(taxonomy->definition_json));
      models.taxonomy = std::make_shared<const analysis::Taxonomy>(std::move(parsed));
      models.taxonomy_version = taxonomy->version;
    }
    models.sentiment = std::move(sentiment);
    models.sentiment_serving =
        analysis::ParseSentimentServing(serving).value_or(analysis::SentimentServing::kBuiltIn);
    models.topics = std::move(topics);
    return std::make_shared<const analysis::WorkspaceModels>(std::move(models));
  });
}

}  // namespace voxloop::learning
