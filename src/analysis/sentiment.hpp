// The built-in sentiment model: lexicons for Vietnamese, Chinese and English with negation,
// intensifiers, contrast ("good food but slow service" weighs the clause after "but"),
// elongation and emoji/emoticons. Needs no setup and no training. Pure; thread-safe.
#pragma once

#include "analysis/text.hpp"
#include "core/feedback.hpp"

namespace voxloop::analysis {

struct SentimentScore {
  core::SentimentLabel label = core::SentimentLabel::kNeutral;
  double score = 0.0;  // in [-1, 1]; the label is its sign beyond a neutral band
};

SentimentScore ScoreSentiment(const Segmented& text);

}  // namespace voxloop::analysis
