// EngineAnalyzer: the TextAnalyzer ingestion uses — the analysis engine with each
// workspace's own taxonomy and models from the cache. Thread-safe.
#pragma once

#include "ingest/text_analyzer.hpp"
#include "learning/model_cache.hpp"

namespace voxloop::learning {

class EngineAnalyzer final : public ingest::TextAnalyzer {
 public:
  explicit EngineAnalyzer(WorkspaceModelCache& cache) : cache_(cache) {}

  core::FeedbackAnalysis Analyze(core::Id workspace_id, std::string_view text) const override;
  std::string FoldForSearch(std::string_view text) const override;

 private:
  WorkspaceModelCache& cache_;
};

// DeferredAnalyzer: stores items unanalysed (only folded for search, version 0) so that
// ingestion runs at full speed; a later re-analysis fills the analysis in. Thread-safe.
class DeferredAnalyzer final : public ingest::TextAnalyzer {
 public:
  core::FeedbackAnalysis Analyze(core::Id workspace_id, std::string_view text) const override;
  std::string FoldForSearch(std::string_view text) const override;
};

}  // namespace voxloop::learning
