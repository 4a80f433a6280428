#include "learning/engine_analyzer.hpp"

#include "analysis/text.hpp"

namespace voxloop::learning {

core::FeedbackAnalysis EngineAnalyzer::Analyze(core::Id workspace_id, std::string_view text) const {
  const ModelsPtr models = cache_.Get(workspace_id);
  return analysis::AnalyzeText(text, *models);
}

std::string EngineAnalyzer::FoldForSearch(std::string_view text) const {
  return analysis::FoldForSearch(text);
}

core::FeedbackAnalysis DeferredAnalyzer::Analyze(core::Id, std::string_view text) const {
  core::FeedbackAnalysis analysis;
  analysis.language = "und";
  analysis.sentiment = core::SentimentLabel::kNone;
  // Until it is analysed nobody knows what the text holds: treat it all as personal data.
  analysis.redacted_text = "[UNANALYSED]";
  analysis.pii_kinds = {"unknown"};
  analysis.search_text = analysis::FoldForSearch(text);
  analysis.version = 0;
  return analysis;
}

std::string DeferredAnalyzer::FoldForSearch(std::string_view text) const {
  return analysis::FoldForSearch(text);
}

}  // namespace voxloop::learning
