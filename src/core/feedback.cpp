#include "core/feedback.hpp"

namespace voxloop::core {

std::string_view SentimentLabelName(SentimentLabel label) {
  switch (label) {
    case SentimentLabel::kNegative: return "negative";
    case SentimentLabel::kNeutral: return "neutral";
    case SentimentLabel::kPositive: return "positive";
    case SentimentLabel::kNone: return "";
  }
  return "";
}

std::optional<SentimentLabel> ParseSentimentLabel(std::string_view name) {
  if (name == "negative") return SentimentLabel::kNegative;
  if (name == "neutral") return SentimentLabel::kNeutral;
  if (name == "positive") return SentimentLabel::kPositive;
  return std::nullopt;
}

}  // namespace voxloop::core
