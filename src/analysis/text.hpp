// Normalisation and segmentation of customer text for every analysis stage: NFC, full case
// folding, elongation folding ("goooood" → "good", "tệẹẹẹ" → "tệ"), ICU word break (with its
// Chinese dictionary), Vietnamese syllables joined into bigrams, emoji and emoticons kept as
// tokens. Pure functions; thread-safe.
//
//   Segmented seg = Segment("Giao hàng quá chậm 😡", "vi");
//   // seg.tokens: giao, hàng, quá, chậm, 😡 ; Features(seg) adds giao_hàng, hàng_quá, …
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace voxloop::analysis {

enum class TokenKind {
  kWord,      // letters (a Vietnamese syllable, a Chinese dictionary word, an English word)
  kNumber,    // digits, possibly with separators
  kEmoji,     // one pictographic emoji (skin tones and joiners kept with it)
  kEmoticon,  // an ASCII emoticon such as ":)", ":((", "<3", "=))", "^^"
};

struct Token {
  std::string text;        // normalised form (NFC, case folded, elongation folded)
  TokenKind kind = TokenKind::kWord;
  bool elongated = false;  // the original repeated a letter ("sooo", "chậmmm"): emphasis
  bool han = false;        // made of Han characters
};

struct Segmented {
  std::string language;      // the language the text was segmented as ("vi", "zh", "en", …)
  std::vector<Token> tokens;  // in text order; punctuation and spaces dropped
  // Indices into `tokens` where a clause starts (after . , ; ! ? … and their CJK forms, and
  // before "but"-like words are handled by sentiment); always starts with 0 when non-empty.
  std::vector<std::size_t> clause_starts;
};

// NFC + full case folding + elongation folding of `text`. Invalid UTF-8 is replaced (U+FFFD).
std::string Normalize(std::string_view text);

// Splits `text` (raw, not yet normalised) into tokens. `language` guides segmentation:
// "zh" (or any Han text) uses ICU's dictionary word break; "vi" keeps syllables as tokens.
Segmented Segment(std::string_view text, std::string_view language);

// Classifier features of a segmented text: every token, plus bigrams of adjacent word tokens
// within a clause joined with '_' (Vietnamese syllable pairs are how words are formed).
std::vector<std::string> Features(const Segmented& segmented);

// The text folded for case- and diacritic-insensitive search: NFKD, case fold, combining marks
// dropped, "đ" → "d". `FoldForSearch("Giao HÀNG Đến")` == "giao hang den".
std::string FoldForSearch(std::string_view text);

}  // namespace voxloop::analysis
