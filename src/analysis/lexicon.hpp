// The built-in sentiment lexicons (src/analysis/assets/lexicon/{vi,zh,en}.tsv, compiled into
// the binary): word or phrase → polarity weight in [-3, 3], plus the negators, intensifiers,
// diminishers and contrast words of each language. Loaded once on first use; immutable and
// thread-safe after that.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

namespace voxloop::analysis {

enum class LexiconRole { kPolarity, kNegator, kIntensifier, kDiminisher, kContrast };

struct LexiconEntry {
  LexiconRole role = LexiconRole::kPolarity;
  double weight = 0.0;  // polarity in [-3, 3]; multiplier for intensifiers/diminishers
  int words = 1;        // how many tokens the entry spans (multi-syllable / multi-word)
};

class Lexicon {
 public:
  // The lexicon of `language` ("vi", "zh", "en"); every other language gets the English one.
  static const Lexicon& For(std::string_view language);

  // The entry for a normalised phrase (tokens joined with ' '), or nullptr.
  const LexiconEntry* Find(std::string_view phrase) const;
  int longest_entry() const { return longest_entry_; }

 private:
  std::unordered_map<std::string, LexiconEntry> entries_;
  int longest_entry_ = 1;
};

}  // namespace voxloop::analysis
