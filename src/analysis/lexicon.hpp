// The built-in sentiment lexicons (src/analysis/assets/lexicon/{vi,zh,en}.tsv, compiled into
// the binary): word or phrase → polarity weight in [-3, 3], plus the negators, intensifiers,
// diminishers and contrast words of each language. Loaded once on first use; immutable and
// thread-safe after that.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analysis/text.hpp"

namespace voxloop::analysis {

enum class LexiconRole { kPolarity, kNegator, kIntensifier, kDiminisher, kContrast };

struct LexiconEntry {
  LexiconRole role = LexiconRole::kPolarity;
  double weight = 0.0;  // polarity in [-3, 3]; multiplier for intensifiers/diminishers
  int words = 1;        // how many tokens the entry spans (multi-syllable / multi-word)
};

// A clause as lexicon units: Han tokens split into characters (so matching does not depend
// on how the word breaker cut a Chinese text), every other token as it is.
struct LexiconUnit {
  std::string text;
  bool han = false;
  bool elongated = false;
};
std::vector<LexiconUnit> LexiconUnits(const std::vector<Token>& tokens, std::size_t begin,
                                      std::size_t end);
// The lookup key of units [begin, end): Han characters joined directly, others with ' '.
std::string LexiconKey(const std::vector<LexiconUnit>& units, std::size_t begin, std::size_t end);

class Lexicon {
 public:
  // The lexicon of `language` ("vi", "zh", "en"); every other language gets the English one.
  static const Lexicon& For(std::string_view language);

  // The entry for a normalised phrase (tokens joined with ' '), or nullptr.
  const LexiconEntry* Find(std::string_view phrase) const;
  int longest_entry() const { return longest_entry_; }

 private:
  explicit Lexicon(std::string_view language);
  void Load(std::string_view file, std::string_view language);
  void Add(const std::string& phrase, LexiconEntry entry, std::string_view language);

  std::unordered_map<std::string, LexiconEntry> entries_;
  int longest_entry_ = 1;
};

}  // namespace voxloop::analysis
