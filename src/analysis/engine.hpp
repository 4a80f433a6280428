// The analysis pipeline of one feedback text: language → segmentation → sentiment → topics →
// key phrases → PII redaction → search folding, producing the core::FeedbackAnalysis stored
// with every item. A workspace's trained models and taxonomy come in a WorkspaceModels value,
// which the caller (app/) loads from the store and caches; AnalyzeText() itself is pure and
// thread-safe for concurrent calls sharing one WorkspaceModels.
//
//   WorkspaceModels models = WorkspaceModels::BuiltIn();
//   core::FeedbackAnalysis a = AnalyzeText("Giao hàng quá chậm 😡", models);
//   // a.language == "vi", a.sentiment == kNegative, a.topics == {"delivery/late"}
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "analysis/classifier.hpp"
#include "analysis/taxonomy.hpp"
#include "core/feedback.hpp"

namespace voxloop::analysis {

// Bumped whenever the built-in pipeline changes its output, so stale items can be re-analysed.
inline constexpr int kPipelineVersion = 1;

// How a workspace's trained sentiment model is used next to the built-in lexicon model.
enum class SentimentServing {
  kBuiltIn,  // no trained model, or it has not beaten the built-in one yet
  kBlend,    // average of the two scores (the trained one is close to the built-in one)
  kModel,    // the trained model alone (it clearly beats the built-in one)
};

// "builtin", "blend", "model"; and back (nullopt for anything else).
std::string_view SentimentServingName(SentimentServing serving);
std::optional<SentimentServing> ParseSentimentServing(std::string_view name);

struct TrainedModel {
  TextClassifier classifier;
  std::string version;  // e.g. "3": shown as "model:3" in sentiment_source
};

struct WorkspaceModels {
  std::shared_ptr<const Taxonomy> taxonomy;  // never null
  std::optional<TrainedModel> sentiment;     // labels negative|neutral|positive
  SentimentServing sentiment_serving = SentimentServing::kBuiltIn;
  std::optional<TrainedModel> topics;        // labels are taxonomy paths
  int taxonomy_version = 0;

  // The default taxonomy and no trained model.
  static WorkspaceModels BuiltIn();
};

// The full analysis of `text` (raw, as the customer wrote it; any length, any bytes).
core::FeedbackAnalysis AnalyzeText(std::string_view text, const WorkspaceModels& models);

// Built-in sentiment only (what `voxloop analyze --task sentiment` answers without --model).
core::SentimentLabel BuiltInSentiment(std::string_view text);

}  // namespace voxloop::analysis
