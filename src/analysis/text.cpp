#include "analysis/text.hpp"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <array>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

#include "analysis/emoticons.hpp"

namespace voxloop::analysis {
namespace {

// Elongation: a run of this many copies of one base letter is folded ("chậmmm" → "chậm").
constexpr int kElongationRun = 3;

const icu::Normalizer2& Nfc() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU NFC normaliser unavailable");
  return *nfc;
}

const icu::Normalizer2& Nfd() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU NFD normaliser unavailable");
  return *nfd;
}

UChar32 DecomposedBase(UChar32 c) {
  icu::UnicodeString decomposition;
  if (!Nfd().getDecomposition(c, decomposition) || decomposition.isEmpty()) return c;
  return decomposition.char32At(0);
}

// The letter under any diacritics: 'e' for "ệ" and "ẹ", so "tệẹẹẹ" is one elongated 'e'.
// Looked up in a table below U+2000 (Latin with Vietnamese, Greek, Cyrillic): every letter of
// every word is compared this way.
UChar32 BaseLetter(UChar32 c) {
  constexpr UChar32 kTabled = 0x2000;
  static const std::vector<UChar32> table = [] {
    std::vector<UChar32> bases(kTabled);
    for (UChar32 code = 0; code < kTabled; ++code) bases[code] = code < 0x80 ? code : DecomposedBase(code);
    return bases;
  }();
  return c >= 0 && c < kTabled ? table[c] : DecomposedBase(c);
}

// Whether `word` holds a run of kElongationRun or more of one base letter.
bool HasElongation(const icu::UnicodeString& word) {
  int run = 0;
  UChar32 run_base = -1;
  for (int32_t offset = 0; offset < word.length(); offset = word.moveIndex32(offset, 1)) {
    const UChar32 c = word.char32At(offset);
    const UChar32 base = u_isalpha(c) ? BaseLetter(c) : -1;
    run = base >= 0 && base == run_base ? run + 1 : 1;
    run_base = base;
    if (base >= 0 && run >= kElongationRun) return true;
  }
  return false;
}

// Folds runs of kElongationRun or more of one base letter inside `word`. Vietnamese never
// doubles a letter meaningfully, so runs fold to one letter; elsewhere a run at the end of
// the word folds to one ("sooo" → "so") and one inside to two ("goooood" → "good").
// Nothing (no copy) when the word has no such run, as most words.
std::optional<icu::UnicodeString> FoldElongation(const icu::UnicodeString& word, bool vietnamese) {
  if (!HasElongation(word)) return std::nullopt;
  icu::UnicodeString folded;
  const int32_t length = word.length();
  int32_t offset = 0;
  while (offset < length) {
    const UChar32 first = word.char32At(offset);
    int32_t run_end = word.moveIndex32(offset, 1);
    int run = 1;
    while (run_end < length && u_isalpha(first) && BaseLetter(word.char32At(run_end)) == BaseLetter(first)) {
      run_end = word.moveIndex32(run_end, 1);
      ++run;
    }
    if (run >= kElongationRun) {
      const bool keep_two = !vietnamese && run_end < length;
      folded.append(first);
      if (keep_two) folded.append(first);
    } else {
      folded.append(word, offset, run_end - offset);
    }
    offset = run_end;
  }
  return folded;
}

icu::UnicodeString NormalizeUnicode(std::string_view text) {
  // fromUTF8 replaces every ill-formed sequence with U+FFFD.
  icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  unicode.foldCase(U_FOLD_CASE_DEFAULT);
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString normalized = Nfc().normalize(unicode, status);
  if (U_FAILURE(status)) return unicode;
  // One apostrophe, so "don’t" and "don't" are the same word.
  normalized.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x2019)), "'");
  return normalized;
}

std::string ToUtf8(const icu::UnicodeString& unicode) {
  std::string out;
  const int32_t length = unicode.length();
  out.reserve(static_cast<std::size_t>(length));
  for (int32_t idx = 0; idx < length; ++idx) {  // most words are ASCII: no conversion needed
    const char16_t unit = unicode.charAt(idx);
    if (unit >= 0x80) {
      out.clear();
      unicode.toUTF8String(out);
      return out;
    }
    out.push_back(static_cast<char>(unit));
  }
  return out;
}

bool IsClauseBreak(UChar32 c) {
  switch (c) {
    case '.': case ',': case ';': case '!': case '?': case ':': case '\n':
    case 0x2026:  // …
    case 0x3002: case 0xFF0C: case 0x3001: case 0xFF1B: case 0xFF01: case 0xFF1F:  // 。，、；！？
    case 0xFF0E: case 0xFF1A:  // ．：
      return true;
    default:
      return false;
  }
}

bool IsPictographic(UChar32 c) {
  return u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC) ||
         u_hasBinaryProperty(c, UCHAR_REGIONAL_INDICATOR);
}

// Emoji without presentation selectors and skin tones, so "👍🏽" and "❤️" match "👍" and "❤".
icu::UnicodeString CanonicalEmoji(const icu::UnicodeString& emoji) {
  icu::UnicodeString out;
  for (int32_t offset = 0; offset < emoji.length(); offset = emoji.moveIndex32(offset, 1)) {
    const UChar32 c = emoji.char32At(offset);
    const bool selector = c == 0xFE0F || c == 0xFE0E;
    const bool skin_tone = c >= 0x1F3FB && c <= 0x1F3FF;
    if (!selector && !skin_tone) out.append(c);
  }
  return out;
}

struct SegmentClass {
  bool letter = false;
  bool digit = false;
  bool pictographic = false;
  bool all_han = true;
  bool clause_break = false;
};

SegmentClass Classify(const icu::UnicodeString& piece) {
  SegmentClass result;
  for (int32_t offset = 0; offset < piece.length(); offset = piece.moveIndex32(offset, 1)) {
    const UChar32 c = piece.char32At(offset);
    if (c < 0x80) {  // ASCII without asking ICU: the same answers, for most characters
      const bool letter = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
      const bool digit = c >= '0' && c <= '9';
      result.letter = result.letter || letter;
      result.digit = result.digit || digit;
      if (letter || digit) result.all_han = false;
      if (!letter && !digit && IsClauseBreak(c)) result.clause_break = true;
      continue;
    }
    if (u_isalpha(c)) {
      result.letter = true;
      UErrorCode status = U_ZERO_ERROR;
      if (uscript_getScript(c, &status) != USCRIPT_HAN) result.all_han = false;
    } else if (u_isdigit(c)) {
      result.digit = true;
      result.all_han = false;
    } else if (IsPictographic(c)) {
      result.pictographic = true;
    } else if (IsClauseBreak(c)) {
      result.clause_break = true;
    }
  }
  if (!result.letter) result.all_han = false;
  return result;
}

class WordBreaker {
 public:
  WordBreaker() {
    UErrorCode status = U_ZERO_ERROR;
    iterator_.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status)) throw std::runtime_error("ICU word break iterator unavailable");
  }
  icu::BreakIterator& iterator() { return *iterator_; }

 private:
  std::unique_ptr<icu::BreakIterator> iterator_;
};

// One per thread: a BreakIterator is not thread-safe and is costly to create.
icu::BreakIterator& ThreadWordBreaker() {
  thread_local WordBreaker breaker;
  return breaker.iterator();
}

class SegmentBuilder {
 public:
  SegmentBuilder(std::string_view language, Segmented* out)
      : vietnamese_(language == "vi"), out_(out) {}

  void BreakClause() { clause_open_ = false; }

  void Add(Token token) {
    if (!clause_open_) {
      out_->clause_starts.push_back(out_->tokens.size());
      clause_open_ = true;
    }
    out_->tokens.push_back(std::move(token));
  }

  void AddPiece(const icu::UnicodeString& piece) {
    const SegmentClass kind = Classify(piece);
    if (kind.letter) {
      AddWord(piece, kind.all_han);
    } else if (kind.digit) {
      Add(Token{ToUtf8(piece), TokenKind::kNumber, false, false});
    } else if (kind.pictographic) {
      Add(Token{ToUtf8(CanonicalEmoji(piece)), TokenKind::kEmoji, false, false});
    } else if (kind.clause_break) {
      BreakClause();
    }
  }

 private:
  void AddWord(const icu::UnicodeString& piece, bool han) {
    std::string text = ToUtf8(piece);
    if (auto spelled = SpelledEmoticon(text)) {
      Add(Token{std::string(*spelled), TokenKind::kEmoticon, false, false});
      return;
    }
    std::optional<icu::UnicodeString> folded;
    if (!han) folded = FoldElongation(piece, vietnamese_);
    if (folded) text = ToUtf8(*folded);
    Add(Token{std::move(text), TokenKind::kWord, folded.has_value(), han});
  }

  bool vietnamese_;
  bool clause_open_ = false;
  Segmented* out_;
};

}  // namespace

std::string Normalize(std::string_view text) {
  const icu::UnicodeString normalized = NormalizeUnicode(text);
  // Elongation is folded per word so that "sooo good" keeps its word boundaries.
  icu::BreakIterator& breaker = ThreadWordBreaker();
  breaker.setText(normalized);
  icu::UnicodeString out;
  int32_t start = breaker.first();
  for (int32_t end = breaker.next(); end != icu::BreakIterator::DONE;
       start = end, end = breaker.next()) {
    icu::UnicodeString piece(normalized, start, end - start);
    const bool word = breaker.getRuleStatus() >= UBRK_WORD_LETTER && breaker.getRuleStatus() < UBRK_WORD_KANA;
    const std::optional<icu::UnicodeString> folded = word ? FoldElongation(piece, false) : std::nullopt;
    out.append(folded ? *folded : piece);
  }
  return ToUtf8(out);
}

Segmented Segment(std::string_view text, std::string_view language) {
  Segmented segmented;
  segmented.language = std::string(language);
  const icu::UnicodeString normalized = NormalizeUnicode(text);
  const std::vector<EmoticonSpan> emoticons = FindEmoticons(normalized);
  SegmentBuilder builder(language, &segmented);

  icu::BreakIterator& breaker = ThreadWordBreaker();
  breaker.setText(normalized);
  std::size_t emoticon_idx = 0;
  int32_t start = breaker.first();
  for (int32_t end = breaker.next(); end != icu::BreakIterator::DONE;
       start = end, end = breaker.next()) {
    // Emoticons are cut by the word breaker (":" and ")"); they were found beforehand.
    while (emoticon_idx < emoticons.size() && emoticons[emoticon_idx].end <= start) {
      ++emoticon_idx;
    }
    if (emoticon_idx < emoticons.size() && emoticons[emoticon_idx].begin < end) {
      const EmoticonSpan& span = emoticons[emoticon_idx];
      if (span.begin >= start) {
        builder.Add(Token{std::string(span.canonical), TokenKind::kEmoticon, false, false});
      }
      if (span.end >= end) continue;
    }
    builder.AddPiece(icu::UnicodeString(normalized, start, end - start));
  }
  return segmented;
}

std::vector<std::string> Features(const Segmented& segmented) {
  std::vector<std::string> features;
  features.reserve(segmented.tokens.size() * 2);
  std::size_t next_clause = 0;
  for (std::size_t token_idx = 0; token_idx < segmented.tokens.size(); ++token_idx) {
    const Token& token = segmented.tokens[token_idx];
    features.push_back(token.text);
    bool clause_start = false;
    while (next_clause < segmented.clause_starts.size() &&
           segmented.clause_starts[next_clause] <= token_idx) {
      clause_start = segmented.clause_starts[next_clause] == token_idx;
      ++next_clause;
    }
    if (token_idx == 0 || clause_start) continue;
    const Token& previous = segmented.tokens[token_idx - 1];
    if (previous.kind == TokenKind::kWord && token.kind == TokenKind::kWord) {
      features.push_back(previous.text + "_" + token.text);
    }
  }
  return features;
}

namespace {

// Appends `unicode` folded for search to `out`: full case folding, NFKD, non-spacing marks
// dropped, "đ" → "d" (it has no decomposition). Returns whether every character kept has
// combining class 0, which makes folding it apart from its neighbours give the same result.
bool AppendFolded(icu::UnicodeString unicode, std::string& out) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
  unicode.foldCase(U_FOLD_CASE_DEFAULT);
  const icu::UnicodeString decomposed = U_SUCCESS(status) ? nfkd->normalize(unicode, status) : unicode;
  icu::UnicodeString folded;
  bool starters_only = true;
  for (int32_t offset = 0; offset < decomposed.length(); offset = decomposed.moveIndex32(offset, 1)) {
    const UChar32 c = decomposed.char32At(offset);
    if (u_charType(c) == U_NON_SPACING_MARK) continue;
    if (u_getCombiningClass(c) != 0) starters_only = false;
    folded.append(c == 0x0111 ? static_cast<UChar32>('d') : c);
  }
  folded.toUTF8String(out);
  return starters_only;
}

// One code point folded on its own. Case folding and decomposition are per code point; only
// canonical reordering looks at neighbours, and it moves only characters of a non-zero
// combining class. Those are dropped as marks, except for a few spacing ones: a code point
// that keeps one is not `alone`, and a text holding it is folded whole.
struct FoldedCodePoint {
  std::string folded;
  bool alone = true;
};

FoldedCodePoint FoldOne(UChar32 c) {
  FoldedCodePoint out;
  out.alone = AppendFolded(icu::UnicodeString(c), out.folded);
  return out;
}

// Per thread, so no lock: the code points a thread has folded, bounded in size.
const FoldedCodePoint& FoldedOf(UChar32 c) {
  constexpr std::size_t kMaxCached = 16384;
  thread_local std::unordered_map<UChar32, FoldedCodePoint> cache;
  if (auto found = cache.find(c); found != cache.end()) return found->second;
  if (cache.size() >= kMaxCached) cache.clear();
  return cache.emplace(c, FoldOne(c)).first->second;
}

}  // namespace

// Code point by code point, ASCII directly and the rest through a per-thread cache: the
// whole-text ICU fold cost several times more for every item stored.
std::string FoldForSearch(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  int32_t offset = 0;
  while (offset < length) {
    if (bytes[offset] < 0x80) {
      const char c = static_cast<char>(bytes[offset++]);
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
      continue;
    }
    UChar32 c = 0;
    U8_NEXT(bytes, offset, length, c);
    if (c < 0) c = 0xFFFD;  // as the whole-text fold reads an ill-formed sequence
    const FoldedCodePoint& folded = FoldedOf(c);
    if (!folded.alone) {
      std::string whole;
      AppendFolded(icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), length)), whole);
      return whole;
    }
    out += folded.folded;
  }
  return out;
}

}  // namespace voxloop::analysis
