#include "analysis/sentiment.hpp"

#include <algorithm>
#include <cmath>

#include "analysis/lexicon.hpp"

namespace voxloop::analysis {
namespace {

constexpr int kNegationReach = 4;     // units (syllables, Han characters, words) a negator flips
constexpr int kIntensifierReach = 2;  // units after an intensifier that it strengthens
constexpr double kNegatedWeight = -0.7;  // "not good" is less bad than "bad"
constexpr double kElongatedBoost = 1.3;
// A negation with nothing to flip still complains: "chưa có bài tập", "没送发票", "can't call".
constexpr double kDanglingNegation = -0.4;
constexpr double kBeforeContrast = 0.5;  // "good food, but slow service"
constexpr double kAfterContrast = 1.5;
constexpr double kConcessiveClause = 0.5;  // "although it was cheap, …"
constexpr double kSquash = 3.0;          // score = s / sqrt(s² + kSquash)
constexpr double kNeutralBand = 0.15;

struct Match {
  const LexiconEntry* entry = nullptr;
  std::size_t length = 0;
};

// The longest lexicon entry starting at `start`, in the text's lexicon then (for words of
// other scripts, e.g. English in a Vietnamese comment) in the English one.
Match LongestMatch(const std::vector<LexiconUnit>& units, std::size_t start, const Lexicon& lexicon,
                   const Lexicon& fallback) {
  const std::size_t longest = static_cast<std::size_t>(
      std::max(lexicon.longest_entry(), fallback.longest_entry()));
  const std::size_t last = std::min(units.size(), start + longest);
  for (std::size_t end = last; end > start; --end) {
    const std::string key = LexiconKey(units, start, end);
    if (const LexiconEntry* entry = lexicon.Find(key)) return {entry, end - start};
    if (&fallback != &lexicon && !units[start].han) {
      if (const LexiconEntry* entry = fallback.Find(key)) return {entry, end - start};
    }
  }
  return {};
}

// The polarity of one clause, with negation, intensifiers and diminishers applied.
struct ClauseScore {
  double before_contrast = 0.0;  // what came before a "but" in this clause
  double total = 0.0;
  bool contrast = false;
  bool concessive = false;
};

ClauseScore ScoreClause(const std::vector<LexiconUnit>& units, const Lexicon& lexicon,
                        const Lexicon& fallback) {
  ClauseScore clause;
  int negation_left = 0;
  int boost_left = 0;
  double boost = 1.0;
  double last_polarity = 0.0;  // for Vietnamese post-intensifiers: "chậm quá", "tốt lắm"
  std::size_t unit_idx = 0;
  while (unit_idx < units.size()) {
    const Match match = LongestMatch(units, unit_idx, lexicon, fallback);
    const std::size_t step = match.entry ? match.length : 1;
    if (match.entry != nullptr) {
      const LexiconEntry& entry = *match.entry;
      switch (entry.role) {
        case LexiconRole::kNegator:
          if (negation_left > 0) clause.total += kDanglingNegation;
          negation_left = kNegationReach + 1;
          break;
        case LexiconRole::kIntensifier:
        case LexiconRole::kDiminisher:
          if (last_polarity != 0.0 && boost_left == 0 && entry.weight > 1.0) {
            clause.total += last_polarity * (entry.weight - 1.0);
            last_polarity = 0.0;
          } else {
            boost = entry.weight;
            boost_left = kIntensifierReach + 1;
          }
          break;
        case LexiconRole::kContrast:
          if (entry.weight < 0) {
            clause.concessive = true;
          } else {
            clause.contrast = true;
            clause.before_contrast += clause.total;
            clause.total = 0.0;
          }
          break;
        case LexiconRole::kPolarity: {
          double value = entry.weight * (boost_left > 0 ? boost : 1.0);
          const bool elongated = std::any_of(units.begin() + static_cast<std::ptrdiff_t>(unit_idx),
                                             units.begin() + static_cast<std::ptrdiff_t>(unit_idx + step),
                                             [](const LexiconUnit& unit) { return unit.elongated; });
          if (elongated) value *= kElongatedBoost;
          if (negation_left > 0) value *= kNegatedWeight;
          clause.total += value;
          last_polarity = value;
          negation_left = 0;
          boost_left = 0;
          break;
        }
      }
    } else {
      last_polarity = 0.0;
    }
    const int negation_before = negation_left;
    negation_left = std::max(0, negation_left - static_cast<int>(step));
    if (negation_before > 0 && negation_left == 0 &&
        !(match.entry && match.entry->role == LexiconRole::kPolarity)) {
      clause.total += kDanglingNegation;
    }
    boost_left = std::max(0, boost_left - static_cast<int>(step));
    unit_idx += step;
  }
  if (negation_left > 0) clause.total += kDanglingNegation;
  return clause;
}

}  // namespace

SentimentScore ScoreSentiment(const Segmented& text) {
  SentimentScore result;
  if (text.tokens.empty()) return result;
  const Lexicon& lexicon = Lexicon::For(text.language);
  const Lexicon& fallback = Lexicon::For("en");
  double sum = 0.0;
  bool contrast_pending = false;  // a clause began with "but": weigh it more, the past less
  for (std::size_t clause_idx = 0; clause_idx < text.clause_starts.size(); ++clause_idx) {
    const std::size_t begin = text.clause_starts[clause_idx];
    const std::size_t end = clause_idx + 1 < text.clause_starts.size()
                                ? text.clause_starts[clause_idx + 1]
                                : text.tokens.size();
    const std::vector<LexiconUnit> units = LexiconUnits(text.tokens, begin, end);
    ClauseScore clause = ScoreClause(units, lexicon, fallback);
    if (clause.contrast) {
      sum = (sum + clause.before_contrast) * kBeforeContrast;
      contrast_pending = true;
    }
    double value = clause.total;
    if (clause.concessive) value *= kConcessiveClause;
    if (contrast_pending) value *= kAfterContrast;
    sum += value;
  }
  result.score = sum / std::sqrt(sum * sum + kSquash);
  if (result.score >= kNeutralBand) {
    result.label = core::SentimentLabel::kPositive;
  } else if (result.score <= -kNeutralBand) {
    result.label = core::SentimentLabel::kNegative;
  } else {
    result.label = core::SentimentLabel::kNeutral;
  }
  return result;
}

}  // namespace voxloop::analysis
