#include "analysis/engine.hpp"

#include <algorithm>
#include <cmath>

#include "analysis/key_phrases.hpp"
#include "analysis/language.hpp"
#include "analysis/pii.hpp"
#include "analysis/sentiment.hpp"

namespace voxloop::analysis {
namespace {

// Only this much of a text is segmented and scored: a customer comment longer than this is a
// pasted document, and its start says what it is about. PII is searched in the whole text.
constexpr std::size_t kAnalysedBytes = 32 * 1024;
// A blended score this close to zero is neutral.
constexpr double kBlendNeutralBand = 0.15;
// A trained topic model adds its top label only when it is at least this sure.
constexpr double kTopicModelThreshold = 0.5;
constexpr std::size_t kKeyPhrasesPerItem = 5;

// The longest prefix of `text` of at most `limit` bytes that does not cut a UTF-8 character.
std::string_view Utf8Prefix(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

// `text` with every PII span blanked, so no later stage (key phrases above all) sees it.
std::string WithoutPii(std::string_view text, const std::vector<PiiMatch>& matches) {
  std::string out(text);
  for (const PiiMatch& match : matches) {
    std::fill(out.begin() + static_cast<std::ptrdiff_t>(match.begin),
              out.begin() + static_cast<std::ptrdiff_t>(match.end), ' ');
  }
  return out;
}

// The trained model's view as a score in [-1, 1]: P(positive) − P(negative).
SentimentScore ModelSentiment(const TextClassifier& classifier, const Segmented& segmented) {
  SentimentScore result;
  const std::vector<Prediction> predictions = classifier.Predict(segmented, 3);
  for (const Prediction& prediction : predictions) {
    if (prediction.label == "positive") result.score += prediction.probability;
    if (prediction.label == "negative") result.score -= prediction.probability;
  }
  result.score = std::clamp(result.score, -1.0, 1.0);
  const auto top = predictions.empty() ? std::nullopt
                                       : core::ParseSentimentLabel(predictions.front().label);
  result.label = top.value_or(core::SentimentLabel::kNeutral);
  return result;
}

core::SentimentLabel LabelOfScore(double score) {
  if (score >= kBlendNeutralBand) return core::SentimentLabel::kPositive;
  if (score <= -kBlendNeutralBand) return core::SentimentLabel::kNegative;
  return core::SentimentLabel::kNeutral;
}

void ScoreInto(const Segmented& segmented, const WorkspaceModels& models,
               core::FeedbackAnalysis* analysis) {
  const SentimentScore built_in = ScoreSentiment(segmented);
  analysis->sentiment = built_in.label;
  analysis->sentiment_score = built_in.score;
  analysis->sentiment_source = "builtin";
  if (!models.sentiment || models.sentiment_serving == SentimentServing::kBuiltIn) return;
  const SentimentScore trained = ModelSentiment(models.sentiment->classifier, segmented);
  if (models.sentiment_serving == SentimentServing::kModel) {
    analysis->sentiment = trained.label;
    analysis->sentiment_score = trained.score;
    analysis->sentiment_source = "model:" + models.sentiment->version;
    return;
  }
  analysis->sentiment_score = (built_in.score + trained.score) / 2.0;
  analysis->sentiment = LabelOfScore(analysis->sentiment_score);
  analysis->sentiment_source = "blend:" + models.sentiment->version;
}

std::vector<std::string> TopicsOf(const Segmented& segmented, const WorkspaceModels& models) {
  std::vector<std::string> topics = models.taxonomy->Match(segmented);
  if (!models.topics) return topics;
  const std::vector<Prediction> predictions = models.topics->classifier.Predict(segmented, 1);
  if (predictions.empty() || predictions.front().probability < kTopicModelThreshold) {
    return topics;
  }
  const std::string& learned = predictions.front().label;
  if (!models.taxonomy->Contains(learned)) return topics;
  // The learned topic replaces a rule match on one of its ancestors (it is more specific).
  std::erase_if(topics, [&](const std::string& path) {
    return learned.size() > path.size() && learned.compare(0, path.size(), path) == 0 &&
           learned[path.size()] == '/';
  });
  if (std::find(topics.begin(), topics.end(), learned) == topics.end()) {
    topics.insert(topics.begin(), learned);
  }
  return topics;
}

}  // namespace

std::string_view SentimentServingName(SentimentServing serving) {
  switch (serving) {
    case SentimentServing::kBuiltIn: return "builtin";
    case SentimentServing::kBlend: return "blend";
    case SentimentServing::kModel: return "model";
  }
  return "builtin";
}

std::optional<SentimentServing> ParseSentimentServing(std::string_view name) {
  if (name == "builtin") return SentimentServing::kBuiltIn;
  if (name == "blend") return SentimentServing::kBlend;
  if (name == "model") return SentimentServing::kModel;
  return std::nullopt;
}

WorkspaceModels WorkspaceModels::BuiltIn() {
  WorkspaceModels models;
  // The default taxonomy lives for the whole process; share it without owning it.
  models.taxonomy = std::shared_ptr<const Taxonomy>(&Taxonomy::Default(), [](const Taxonomy*) {});
  return models;
}

core::FeedbackAnalysis AnalyzeText(std::string_view text, const WorkspaceModels& models) {
  core::FeedbackAnalysis analysis;
  analysis.version = kPipelineVersion;
  const std::vector<PiiMatch> pii = FindPii(text);
  analysis.redacted_text = RedactPii(text, pii);
  for (const PiiMatch& match : pii) {
    const std::string kind(PiiKindName(match.kind));
    if (std::find(analysis.pii_kinds.begin(), analysis.pii_kinds.end(), kind) ==
        analysis.pii_kinds.end()) {
      analysis.pii_kinds.push_back(kind);
    }
  }
  analysis.search_text = FoldForSearch(text);

  const std::string analysed =
      pii.empty() ? std::string(Utf8Prefix(text, kAnalysedBytes))
                  : std::string(Utf8Prefix(WithoutPii(text, pii), kAnalysedBytes));
  analysis.language = DetectLanguage(analysed).code;
  const Segmented segmented = Segment(analysed, analysis.language);
  ScoreInto(segmented, models, &analysis);
  analysis.topics = TopicsOf(segmented, models);
  analysis.key_phrases = ExtractKeyPhrases(segmented, kKeyPhrasesPerItem);
  return analysis;
}

core::SentimentLabel BuiltInSentiment(std::string_view text) {
  const std::string_view analysed = Utf8Prefix(text, kAnalysedBytes);
  return ScoreSentiment(Segment(analysed, DetectLanguage(analysed).code)).label;
}

}  // namespace voxloop::analysis
