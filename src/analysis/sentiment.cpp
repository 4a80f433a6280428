#include "analysis/sentiment.hpp"

#include <algorithm>
#include <cmath>

#include "analysis/lexicon.hpp"

namespace voxloop::analysis {
namespace {

constexpr int kNegationReach = 4;     // units (syllables, Han characters, words) a negator flips
constexpr int kIntensifierReach = 2;  // units after an intensifier that it strengthens
constexpr int kComparativeReach = 2;  // units between a positive word and "hơn"
constexpr double kNegatedWeight = -0.7;  // "not good" is less bad than "bad"
constexpr double kElongatedBoost = 1.3;
// A negation with nothing to flip still complains: "chưa có bài tập", "没送发票", "can't call".
constexpr double kDanglingNegation = -0.4;
// What is asked for is what is missing: "cần nhiệt tình hơn", "希望快一点".
constexpr double kRequestedWeight = -0.5;
constexpr double kBeforeContrast = 0.5;  // "good food, but slow service"
constexpr double kAfterContrast = 1.5;
constexpr double kConcessiveClause = 0.5;  // "although it was cheap, …"
// Praise next to a strong complaint is mostly politeness or sarcasm ("thanks for sending my
// gear to FL, this trip is a waste", "great, another delay"): it counts for less.
constexpr double kStrongComplaint = -2.0;
constexpr double kPraiseNextToComplaint = 0.8;
constexpr double kSquash = 3.0;          // score = s / sqrt(s² + kSquash), in (-1, 1)
constexpr double kNeutralBand = 0.10;

struct Match {
  const LexiconEntry* entry = nullptr;
  std::size_t length = 0;
};

// Finds the longest lexicon entry starting at a unit: builds the longest candidate key once
// and looks its prefixes up, longest first. `key_` and `prefix_ends_` are reused buffers.
class PhraseMatcher {
 public:
  PhraseMatcher(const std::vector<LexiconUnit>& units, const Lexicon& lexicon,
                const Lexicon& fallback)
      : units_(units), lexicon_(lexicon), fallback_(fallback) {}

  // In the text's lexicon, then (for words of other scripts, e.g. English in a Vietnamese
  // comment) in the English one; only as long as an entry starting with this unit can be.
  Match LongestAt(std::size_t start) {
    const bool try_fallback = &fallback_ != &lexicon_ && !units_[start].han;
    const auto own = static_cast<std::size_t>(lexicon_.LongestFrom(units_[start].text));
    const auto other = try_fallback ? static_cast<std::size_t>(fallback_.LongestFrom(units_[start].text)) : 0;
    const std::size_t last = std::min(units_.size(), start + std::max(own, other));
    key_.clear();
    prefix_ends_.clear();
    for (std::size_t unit_idx = start; unit_idx < last; ++unit_idx) {
      if (unit_idx > start && !(units_[unit_idx].han && units_[unit_idx - 1].han)) key_.push_back(' ');
      key_ += units_[unit_idx].text;
      prefix_ends_.push_back(key_.size());
    }
    for (std::size_t length = prefix_ends_.size(); length > 0; --length) {
      const std::string_view key(key_.data(), prefix_ends_[length - 1]);
      if (length <= own) {
        if (const LexiconEntry* entry = lexicon_.Find(key)) return {entry, length};
      }
      if (length <= other) {
        if (const LexiconEntry* entry = fallback_.Find(key)) return {entry, length};
      }
    }
    return {};
  }

 private:
  const std::vector<LexiconUnit>& units_;
  const Lexicon& lexicon_;
  const Lexicon& fallback_;
  std::string key_;
  std::vector<std::size_t> prefix_ends_;
};

// The polarity of one clause, with negation, intensifiers and diminishers applied.
struct ClauseScore {
  double before_contrast = 0.0;  // what came before a "but" in this clause
  double total = 0.0;
  bool contrast = false;
  bool concessive = false;
};

// Running state of ScoreClause. Counters are in units still to go.
struct ClauseState {
  int negation_left = 0;
  int boost_left = 0;
  double boost = 1.0;
  bool requested = false;      // a request marker came earlier in the clause
  double last_polarity = 0.0;  // for post-modifiers: "chậm quá", "tốt lắm", "nhanh hơn"
  int since_polarity = 0;      // units since last_polarity was added
};

double PolarityValue(const LexiconEntry& entry, bool elongated, ClauseState& state) {
  double value = entry.weight;
  if (state.boost_left > 0) {
    // A negative-weight diminisher turns praise into a complaint: "hơi nhanh".
    value *= (state.boost < 0 && value < 0) ? -state.boost : state.boost;
  }
  if (elongated) value *= kElongatedBoost;
  if (state.negation_left > 0) value *= kNegatedWeight;
  if (state.requested && value > 0) value *= kRequestedWeight;
  state.negation_left = 0;
  state.boost_left = 0;
  return value;
}

void ApplyModifier(const LexiconEntry& entry, ClauseState& state, ClauseScore& clause) {
  switch (entry.role) {
    case LexiconRole::kNegator:
      if (state.negation_left > 0) clause.total += kDanglingNegation;
      state.negation_left = kNegationReach + 1;
      break;
    case LexiconRole::kIntensifier:
    case LexiconRole::kDiminisher:
      if (state.last_polarity != 0.0 && state.since_polarity == 0 && state.boost_left == 0 &&
          entry.weight > 1.0) {
        clause.total += state.last_polarity * (entry.weight - 1.0);
        state.last_polarity = 0.0;
      } else {
        state.boost = entry.weight;
        state.boost_left = kIntensifierReach + 1;
      }
      break;
    case LexiconRole::kContrast:
      if (entry.weight < 0) {
        clause.concessive = true;
      } else {
        clause.contrast = true;
        clause.before_contrast += clause.total;
        clause.total = 0.0;
        state.requested = false;
      }
      break;
    case LexiconRole::kRequest:
      state.requested = true;
      clause.total += entry.weight;
      break;
    case LexiconRole::kComparative:
      if (state.last_polarity > 0 && state.since_polarity <= kComparativeReach) {
        clause.total += state.last_polarity * (kRequestedWeight - 1.0);
        state.last_polarity = 0.0;
      }
      break;
    case LexiconRole::kPolarity:
      break;
  }
}

ClauseScore ScoreClause(const std::vector<LexiconUnit>& units, const Lexicon& lexicon,
                        const Lexicon& fallback) {
  ClauseScore clause;
  ClauseState state;
  PhraseMatcher matcher(units, lexicon, fallback);
  std::size_t unit_idx = 0;
  while (unit_idx < units.size()) {
    const Match match = matcher.LongestAt(unit_idx);
    const std::size_t step = match.entry ? match.length : 1;
    const bool polarity = match.entry && match.entry->role == LexiconRole::kPolarity;
    const int negation_before = state.negation_left;
    if (polarity) {
      const auto first = units.begin() + static_cast<std::ptrdiff_t>(unit_idx);
      const bool elongated = std::any_of(first, first + static_cast<std::ptrdiff_t>(step),
                                         [](const LexiconUnit& unit) { return unit.elongated; });
      const double value = PolarityValue(*match.entry, elongated, state);
      clause.total += value;
      state.last_polarity = value;
      state.since_polarity = 0;
    } else {
      if (match.entry) ApplyModifier(*match.entry, state, clause);
      state.since_polarity += static_cast<int>(step);
    }
    state.negation_left = std::max(0, state.negation_left - static_cast<int>(step));
    if (negation_before > 0 && state.negation_left == 0 && !polarity) clause.total += kDanglingNegation;
    state.boost_left = std::max(0, state.boost_left - static_cast<int>(step));
    unit_idx += step;
  }
  if (state.negation_left > 0) clause.total += kDanglingNegation;
  return clause;
}

}  // namespace

SentimentScore ScoreSentiment(const Segmented& text) {
  SentimentScore result;
  if (text.tokens.empty()) return result;
  const Lexicon& lexicon = Lexicon::For(text.language);
  const Lexicon& fallback = Lexicon::For("en");
  double praise = 0.0;
  double complaint = 0.0;
  bool contrast_pending = false;  // a clause began with "but": weigh it more, the past less
  for (std::size_t clause_idx = 0; clause_idx < text.clause_starts.size(); ++clause_idx) {
    const std::size_t begin = text.clause_starts[clause_idx];
    const std::size_t end = clause_idx + 1 < text.clause_starts.size()
                                ? text.clause_starts[clause_idx + 1]
                                : text.tokens.size();
    const std::vector<LexiconUnit> units = LexiconUnits(text.tokens, begin, end);
    const ClauseScore clause = ScoreClause(units, lexicon, fallback);
    if (clause.contrast) {
      const double before = clause.before_contrast * (contrast_pending ? kAfterContrast : 1.0);
      (before > 0 ? praise : complaint) += before;
      praise *= kBeforeContrast;
      complaint *= kBeforeContrast;
      contrast_pending = true;
    }
    double value = clause.total;
    if (clause.concessive) value *= kConcessiveClause;
    if (contrast_pending) value *= kAfterContrast;
    (value > 0 ? praise : complaint) += value;
  }
  if (complaint <= kStrongComplaint) praise *= kPraiseNextToComplaint;
  const double sum = praise + complaint;
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
