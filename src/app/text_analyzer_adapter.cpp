#include "app/text_analyzer_adapter.hpp"

#include <cctype>

namespace voxloop::app {
namespace {

// Interim analyzer until the analysis engine is wired: folds ASCII case for search only.
class FoldingAnalyzer final : public ingest::TextAnalyzer {
 public:
  core::FeedbackAnalysis Analyze(core::Id, std::string_view text) const override {
    core::FeedbackAnalysis analysis;
    analysis.language = "und";
    analysis.redacted_text = std::string(text);
    analysis.search_text = FoldForSearch(text);
    return analysis;
  }
  std::string FoldForSearch(std::string_view text) const override {
    std::string folded(text);
    for (char& c : folded) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return folded;
  }
};

}  // namespace

std::unique_ptr<ingest::TextAnalyzer> MakeTextAnalyzer() { return std::make_unique<FoldingAnalyzer>(); }

}  // namespace voxloop::app
