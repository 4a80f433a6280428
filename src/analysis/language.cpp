#include "analysis/language.hpp"

#include <cld2/internal/lang_script.h>
#include <cld2/public/compact_lang_det.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <string>
#include <vector>

namespace voxloop::analysis {
namespace {

// CLD2 sees at most this much of a text: enough to tell its language, bounded in time.
constexpr std::size_t kMaxDetectBytes = 16 * 1024;
// Mixed-language shares are measured on at most this much text.
constexpr std::size_t kMaxSentenceScanBytes = 4096;
// A second language holding at least this share of the text makes it mixed.
constexpr int kMixedPercent = 20;

// Frequent Vietnamese syllables written without diacritics ("san pham rat tot"), which CLD2
// rarely recognises. Only ones that are not common English words.
constexpr std::array<std::string_view, 64> kBareVietnamese{
    "khong", "duoc", "rat",  "nhung", "cua",  "nhan",  "vien", "hang", "giao", "san",
    "pham",  "qua",  "minh", "toi",   "ban",  "lam",   "cho",  "voi",  "thi",  "nay",
    "dung",  "tot",  "te",   "cham",  "nhanh", "hai",  "long", "gia",  "mua",  "sau",
    "lan",   "nua",  "roi",  "van",   "cung", "nhieu", "it",   "ngon", "dep",  "xau",
    "nhu",   "sao",  "ve",   "den",   "di",   "duong", "tien", "shop", "ship", "dat",
    "nhat",  "moi",  "cu",   "co",    "la",   "va",    "cac",  "nhiet", "tinh", "thai",
    "do",    "mot",  "hon",  "kem"};

// English function words: nearly every English comment has some, so a Latin text rich in them
// is English without asking CLD2 (which costs ~70 µs a call, most of the pipeline).
constexpr std::array<std::string_view, 48> kEnglishFunctionWords{
    "the", "and", "was", "is", "to", "my", "i", "it", "for", "of", "in", "on", "you", "your",
    "this", "that", "with", "not", "but", "have", "has", "be", "are", "were", "at", "me", "we",
    "they", "a", "an", "so", "very", "from", "been", "will", "would", "can", "just", "no",
    "what", "when", "why", "how", "our", "its", "did", "do", "get"};

struct ScriptCounts {
  int han = 0;
  int kana = 0;
  int hangul = 0;
  int thai = 0;
  int latin = 0;
  int vietnamese_marks = 0;  // letters only Vietnamese uses (ơ ư ă đ and stacked tones)
  int letters = 0;
};

bool IsVietnameseLetter(UChar32 c) {
  switch (c) {
    case 0x0103: case 0x0102: case 0x0111: case 0x0110:  // ă Ă đ Đ
    case 0x01A1: case 0x01A0: case 0x01B0: case 0x01AF:  // ơ Ơ ư Ư
      return true;
    default:
      return c >= 0x1EA0 && c <= 0x1EF9;  // Latin Extended Additional: ạ ả ấ … ỹ
  }
}

ScriptCounts CountScripts(std::string_view text) {
  ScriptCounts counts;
  int32_t offset = 0;
  const auto length = static_cast<int32_t>(text.size());
  while (offset < length) {
    UChar32 c = 0;
    U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), offset, length, c);
    if (c < 0x80) {  // ASCII fast path
      if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
        ++counts.letters;
        ++counts.latin;
      }
      continue;
    }
    if (!u_isalpha(c)) continue;
    ++counts.letters;
    UErrorCode status = U_ZERO_ERROR;
    switch (uscript_getScript(c, &status)) {
      case USCRIPT_HAN: ++counts.han; break;
      case USCRIPT_HIRAGANA: case USCRIPT_KATAKANA: ++counts.kana; break;
      case USCRIPT_HANGUL: ++counts.hangul; break;
      case USCRIPT_THAI: ++counts.thai; break;
      case USCRIPT_LATIN:
        ++counts.latin;
        if (IsVietnameseLetter(c)) ++counts.vietnamese_marks;
        break;
      default: break;
    }
  }
  return counts;
}

// Share of the ASCII words of `text` found in `words`.
template <std::size_t N>
double WordShare(std::string_view text, const std::array<std::string_view, N>& listed) {
  int words = 0;
  int found = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && !std::isalpha(static_cast<unsigned char>(text[pos]))) ++pos;
    std::size_t end = pos;
    while (end < text.size() && std::isalpha(static_cast<unsigned char>(text[end]))) ++end;
    if (end == pos) break;
    // Lower-case into a small buffer: no allocation per word (this runs on every item).
    std::array<char, 16> buffer{};
    const std::size_t length = std::min(end - pos, buffer.size());
    for (std::size_t char_idx = 0; char_idx < length; ++char_idx) {
      buffer[char_idx] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[pos + char_idx])));
    }
    const std::string_view word(buffer.data(), end - pos <= buffer.size() ? length : 0);
    ++words;
    if (std::find(listed.begin(), listed.end(), word) != listed.end()) ++found;
    pos = end;
  }
  return words == 0 ? 0.0 : static_cast<double>(found) / words;
}

// CLD2's code for `language`, folded to what Voxloop reports ("zh-Hant" → "zh").
std::string CodeOf(CLD2::Language language) {
  if (language == CLD2::UNKNOWN_LANGUAGE || language == CLD2::TG_UNKNOWN_LANGUAGE) return "und";
  std::string code = CLD2::LanguageCode(language);
  if (code.rfind("zh", 0) == 0) return "zh";
  if (code == "un" || code == "xxx" || code.empty()) return "und";
  return code;
}

// The valid-UTF-8 prefix of `text` of at most kMaxDetectBytes (CLD2 needs valid UTF-8).
std::string DetectableText(std::string_view text) {
  std::string out;
  out.reserve(std::min(text.size(), kMaxDetectBytes));
  int32_t offset = 0;
  const auto length = static_cast<int32_t>(text.size());
  while (offset < length && out.size() < kMaxDetectBytes) {
    const int32_t start = offset;
    UChar32 c = 0;
    U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), offset, length, c);
    if (c < 0) {
      out.push_back(' ');
    } else {
      out.append(text.substr(start, offset - start));
    }
  }
  return out;
}

// What the script alone says, for texts where it is decisive; "" when it is not.
std::string ScriptLanguage(const ScriptCounts& counts) {
  if (counts.letters == 0) return "";
  if (counts.kana > 0 && counts.kana * 5 >= counts.han) return "ja";
  if (counts.hangul * 2 > counts.letters) return "ko";
  if (counts.han * 2 > counts.letters) return "zh";
  if (counts.thai * 2 > counts.letters) return "th";
  if (counts.vietnamese_marks > 0 && counts.latin * 2 > counts.letters &&
      counts.vietnamese_marks * 20 >= counts.latin) {
    return "vi";
  }
  return "";
}

// The language the script and word lists alone tell, or "und" when CLD2 must decide.
std::string CheapLanguage(std::string_view text, const ScriptCounts& counts) {
  if (std::string by_script = ScriptLanguage(counts); !by_script.empty()) return by_script;
  if (counts.latin * 10 < counts.letters * 9) return "und";
  if (counts.latin == counts.letters && WordShare(text, kBareVietnamese) >= 0.5) return "vi";
  if (WordShare(text, kEnglishFunctionWords) >= 0.2) return "en";
  return "und";
}

// Language shares by sentence, for a text CLD2 read as one language although its sentences
// differ ("Sản phẩm tốt. But the delivery was slow").
std::vector<std::pair<std::string, int>> SentenceShares(std::string_view text) {
  std::vector<std::pair<std::string, int>> bytes_by_language;
  int total = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find_first_of(".!?\n", start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view sentence = text.substr(start, end - start);
    start = end + 1;
    const ScriptCounts counts = CountScripts(sentence);
    if (counts.letters < 3) continue;
    const std::string code = CheapLanguage(sentence, counts);
    if (code == "und") continue;
    auto same = std::find_if(bytes_by_language.begin(), bytes_by_language.end(),
                             [&](const auto& share) { return share.first == code; });
    if (same == bytes_by_language.end()) same = bytes_by_language.insert(same, {code, 0});
    same->second += counts.letters;
    total += counts.letters;
  }
  for (auto& share : bytes_by_language) share.second = share.second * 100 / std::max(total, 1);
  std::sort(bytes_by_language.begin(), bytes_by_language.end(),
            [](const auto& a, const auto& b) { return a.second > b.second; });
  return bytes_by_language;
}

}  // namespace

LanguageGuess DetectLanguage(std::string_view text) {
  LanguageGuess guess;
  const std::string detectable = DetectableText(text);
  const ScriptCounts counts = CountScripts(detectable);
  if (counts.letters == 0) return guess;  // empty, digits, emoji only: nothing to say
  if (const std::string cheap = CheapLanguage(detectable, counts); cheap != "und") {
    guess.code = cheap;
    guess.confidence = counts.letters >= 10 ? 0.9 : 0.6;
    // Only a text with several sentences, or with Latin words among Han ones, can be mixed.
    const std::size_t first_break = detectable.find_first_of(".!?\n");
    const bool may_mix = (counts.han > 0 && counts.latin > 0) ||
                         (first_break != std::string::npos && first_break + 2 < detectable.size());
    if (may_mix) {
      guess.shares = SentenceShares(detectable.substr(0, std::min(detectable.size(), kMaxSentenceScanBytes)));
    }
    if (guess.shares.empty()) guess.shares.emplace_back(cheap, 100);
    guess.mixed = guess.shares.size() >= 2 && guess.shares[1].second >= kMixedPercent;
    return guess;
  }

  std::array<CLD2::Language, 3> languages{};
  std::array<int, 3> percents{};
  int text_bytes = 0;
  bool reliable = false;
  const CLD2::Language top = CLD2::ExtDetectLanguageSummary(
      detectable.data(), static_cast<int>(detectable.size()), true, languages.data(),
      percents.data(), &text_bytes, &reliable);
  for (std::size_t rank = 0; rank < languages.size(); ++rank) {
    const std::string code = CodeOf(languages[rank]);
    if (code == "und" || percents[rank] == 0) continue;
    auto same = std::find_if(guess.shares.begin(), guess.shares.end(),
                             [&](const auto& share) { return share.first == code; });
    if (same != guess.shares.end()) {
      same->second += percents[rank];
    } else {
      guess.shares.emplace_back(code, percents[rank]);
    }
  }
  std::sort(guess.shares.begin(), guess.shares.end(),
            [](const auto& a, const auto& b) { return a.second > b.second; });

  guess.code = CodeOf(top);
  guess.confidence = reliable ? 0.9 : 0.5;
  if (!guess.shares.empty()) guess.confidence *= guess.shares.front().second / 100.0 + 0.1;

  // Short texts: the script decides where CLD2 is unsure or disagrees with a decisive script.
  const std::string by_script = ScriptLanguage(counts);
  if (!by_script.empty() && (by_script != guess.code) && (!reliable || by_script == "vi" ||
                                                          by_script == "zh" || by_script == "ja")) {
    guess.code = by_script;
    guess.confidence = std::max(guess.confidence, 0.7);
  }
  if (guess.code != "vi" && counts.vietnamese_marks == 0 && (!reliable || guess.code == "en") &&
      WordShare(detectable, kBareVietnamese) >= 0.5) {
    guess.code = "vi";
    guess.confidence = 0.6;
  }
  if (guess.code == "und" && counts.latin > 0) {
    guess.code = "en";  // Latin letters CLD2 cannot place: the likeliest is English
    guess.confidence = 0.2;
  }
  guess.confidence = std::clamp(guess.confidence, 0.0, 1.0);
  if (guess.shares.size() < 2 && detectable.size() <= kMaxSentenceScanBytes) {
    auto by_sentence = SentenceShares(detectable);
    if (by_sentence.size() >= 2) guess.shares = std::move(by_sentence);
  }
  guess.mixed = guess.shares.size() >= 2 && guess.shares[1].second >= kMixedPercent;
  return guess;
}

}  // namespace voxloop::analysis
