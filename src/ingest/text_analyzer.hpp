// TextAnalyzer: what ingestion needs from the analysis engine — the analysis of one text in
// a workspace (with that workspace's taxonomy and models) and the folding used for search.
// Implementations must be thread-safe: ingestion calls them from several threads at once.
#pragma once

#include <string>
#include <string_view>

#include "core/feedback.hpp"
#include "core/id.hpp"

namespace voxloop::ingest {

class TextAnalyzer {
 public:
  virtual ~TextAnalyzer() = default;
  virtual core::FeedbackAnalysis Analyze(core::Id workspace_id, std::string_view text) const = 0;
  // Folds a search needle the same way stored texts are folded into search_text.
  virtual std::string FoldForSearch(std::string_view text) const = 0;
};

}  // namespace voxloop::ingest
