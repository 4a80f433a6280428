// Language identification (CLD2 plus script rules for short texts). "vi", "zh" and "en" are
// first-class; any other language CLD2 knows is passed through as its ISO 639-1 code; "und"
// when nothing can be said (empty text, only emoji or digits). Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace voxloop::analysis {

struct LanguageGuess {
  std::string code = "und";  // the main language
  double confidence = 0.0;   // in [0, 1]
  bool mixed = false;        // a second language holds a sizeable share of the text
  std::vector<std::pair<std::string, int>> shares;  // language → percent of text, largest first
};

LanguageGuess DetectLanguage(std::string_view text);

}  // namespace voxloop::analysis
