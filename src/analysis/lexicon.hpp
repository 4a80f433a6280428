// The built-in sentiment lexicons (src/analysis/assets/lexicon/{common,vi,zh,en}.tsv, compiled
// into the binary): word or phrase → polarity weight in [-3, 3], plus the negators,
// intensifiers, diminishers, contrast words, requests and comparatives of each language.
// Loaded once on first use (function-local statics); immutable and thread-safe after that.
//
// File format, one entry a line: `phrase<TAB>role<TAB>weight`, '#' starts a comment line.
// Vietnamese phrases of two or more syllables also match typed without diacritics ("hai long");
// single syllables do only when the file lists the bare form too ("tot"), because bare
// syllables collide ("toi" is both "tồi", awful, and "tôi", I).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analysis/text.hpp"
#include "core/string_map.hpp"

namespace voxloop::analysis {

enum class LexiconRole {
  kPolarity,     // weight: polarity in [-3, 3]
  kNegator,      // "không", "不", "not": flips the next polarity
  kIntensifier,  // weight > 1 multiplies the next polarity ("rất", "很", "very")
  kDiminisher,   // weight in (0, 1) multiplies it; weight < 0 also turns a positive word into a
                 // complaint ("hơi nhanh", "有点快": a bit too fast)
  kContrast,     // weight > 0: the rest outweighs what came before ("nhưng", "但是", "but");
                 // weight < 0: this clause concedes ("tuy", "虽然", "although")
  kRequest,      // asks for something ("cần", "希望", "should"): positive words after it in the
                 // clause are what is missing; weight is the request's own polarity (≤ 0)
  kComparative,  // "hơn" after a positive word: "nhanh hơn" in feedback asks for more of it
};

struct LexiconEntry {
  LexiconRole role = LexiconRole::kPolarity;
  double weight = 0.0;  // see LexiconRole
  int words = 1;        // how many lexicon units the entry spans (syllables, Han characters)
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

  // The entry for a normalised phrase (LexiconKey of its units), or nullptr. Does not allocate.
  const LexiconEntry* Find(std::string_view phrase) const;
  // The most units of an entry whose first unit is `unit`; 0 when none starts with it (most
  // words), so a caller need not look up the longer keys at all.
  int LongestFrom(std::string_view unit) const;

 private:
  explicit Lexicon(std::string_view language);
  void Load(std::string_view file, std::string_view language);
  void Add(const std::string& phrase, LexiconEntry entry, std::string_view language);

  void NoteFirstUnit(std::string_view unit, int words);

  core::StringMap<LexiconEntry> entries_;
  core::StringMap<int> longest_from_;  // first unit → most units of an entry starting with it
};

}  // namespace voxloop::analysis
