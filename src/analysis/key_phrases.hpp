// Key phrases of one text (noun-like word runs and Vietnamese/Chinese multi-syllable words,
// stop words dropped), and the top phrases of a set of texts. Pure; thread-safe except
// PhraseTally, which is thread-compatible.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "analysis/text.hpp"

namespace voxloop::analysis {

// At most `max_phrases` phrases, most salient first, each in normalised form.
std::vector<std::string> ExtractKeyPhrases(const Segmented& text, std::size_t max_phrases = 5);

// Counts phrases over many texts (each text counted once per phrase).
class PhraseTally {
 public:
  void Add(const std::vector<std::string>& phrases);
  // The `n` most frequent phrases with their counts, ties broken alphabetically.
  std::vector<std::pair<std::string, int>> Top(std::size_t n) const;

 private:
  std::map<std::string, int> counts_;
};

}  // namespace voxloop::analysis
