#include "analysis/key_phrases.hpp"

#include <algorithm>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "analysis/assets.hpp"

namespace voxloop::analysis {
namespace {

constexpr std::size_t kMaxWords = 3;           // a phrase has at most three words
constexpr std::size_t kMaxTokensScanned = 4000;  // bounded work on very long texts

using StopWords = std::unordered_set<std::string>;

StopWords LoadStopWords(std::string_view language) {
  const std::string file = "stopwords/" + std::string(language) + ".txt";
  const auto bytes = assets::EmbeddedFile(file);
  if (!bytes) throw std::logic_error("missing embedded stop words " + file);
  StopWords words;
  std::size_t start = 0;
  while (start < bytes->size()) {
    std::size_t end = bytes->find('\n', start);
    if (end == std::string_view::npos) end = bytes->size();
    if (end > start) words.emplace(bytes->substr(start, end - start));
    start = end + 1;
  }
  return words;
}

const StopWords& StopWordsFor(std::string_view language) {
  static const StopWords kVietnamese = LoadStopWords("vi");
  static const StopWords kChinese = LoadStopWords("zh");
  static const StopWords kEnglish = LoadStopWords("en");
  if (language == "vi") return kVietnamese;
  if (language == "zh") return kChinese;
  return kEnglish;
}

std::size_t CodePoints(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

bool IsContent(const Token& token, const StopWords& stop, const StopWords& english_stop) {
  if (token.kind != TokenKind::kWord) return false;
  if (stop.count(token.text) != 0 || english_stop.count(token.text) != 0) return false;
  if (token.han) return CodePoints(token.text) >= 1;
  return token.text.size() >= 2 && token.text.front() != '@' &&
         std::any_of(token.text.begin(), token.text.end(), [](char c) {
           return !(c >= '0' && c <= '9');
         });
}

struct Candidate {
  double score = 0.0;
  std::size_t first_seen = 0;
};

// Adds the phrases of one run of content tokens [begin, end).
void AddRun(const std::vector<Token>& tokens, std::size_t begin, std::size_t end, bool vietnamese,
            std::unordered_map<std::string, Candidate>& candidates) {
  for (std::size_t start = begin; start < end; ++start) {
    for (std::size_t length = 1; length <= kMaxWords && start + length <= end; ++length) {
      std::string phrase;
      bool han = true;
      for (std::size_t idx = start; idx < start + length; ++idx) {
        han = han && tokens[idx].han;
        if (idx > start && !(tokens[idx].han && tokens[idx - 1].han)) phrase.push_back(' ');
        phrase += tokens[idx].text;
      }
      // A single Han character or a single Vietnamese syllable says little on its own.
      if (han && CodePoints(phrase) < 2) continue;
      if (!han && length == 1 && (vietnamese || CodePoints(phrase) < 3)) continue;
      if (han && CodePoints(phrase) > 6) continue;
      const double weight = han ? std::min<double>(static_cast<double>(CodePoints(phrase)), 4.0) / 2.0
                                : (length == 1 ? 1.0 : length == 2 ? 2.2 : 2.6);
      auto [entry, added] = candidates.try_emplace(phrase, Candidate{0.0, start});
      entry->second.score += weight;
    }
  }
}

}  // namespace

std::vector<std::string> ExtractKeyPhrases(const Segmented& text, std::size_t max_phrases) {
  const StopWords& stop = StopWordsFor(text.language);
  const StopWords& english_stop = StopWordsFor("en");
  const bool vietnamese = text.language == "vi";
  const std::size_t scanned = std::min(text.tokens.size(), kMaxTokensScanned);
  std::unordered_map<std::string, Candidate> candidates;
  std::size_t next_clause = 1;
  std::size_t run_begin = 0;
  for (std::size_t idx = 0; idx <= scanned; ++idx) {
    bool boundary = idx == scanned || !IsContent(text.tokens[idx], stop, english_stop);
    if (!boundary && next_clause < text.clause_starts.size() && text.clause_starts[next_clause] == idx) {
      boundary = true;
      ++next_clause;
      if (idx > run_begin) AddRun(text.tokens, run_begin, idx, vietnamese, candidates);
      run_begin = idx;
      continue;
    }
    while (next_clause < text.clause_starts.size() && text.clause_starts[next_clause] <= idx) ++next_clause;
    if (boundary) {
      if (idx > run_begin) AddRun(text.tokens, run_begin, idx, vietnamese, candidates);
      run_begin = idx + 1;
    }
  }
  std::vector<std::pair<std::string, Candidate>> ranked(candidates.begin(), candidates.end());
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    if (a.second.score != b.second.score) return a.second.score > b.second.score;
    if (a.second.first_seen != b.second.first_seen) return a.second.first_seen < b.second.first_seen;
    return a.first < b.first;
  });
  std::vector<std::string> phrases;
  for (const auto& [phrase, candidate] : ranked) {
    if (phrases.size() >= max_phrases) break;
    // Skip a phrase inside (or containing) one already chosen: "giao hàng" vs "giao hàng chậm".
    const bool overlaps = std::any_of(phrases.begin(), phrases.end(), [&](const std::string& kept) {
      return kept.find(phrase) != std::string::npos || phrase.find(kept) != std::string::npos;
    });
    if (!overlaps) phrases.push_back(phrase);
  }
  return phrases;
}

void PhraseTally::Add(const std::vector<std::string>& phrases) {
  std::unordered_set<std::string> seen;
  for (const std::string& phrase : phrases) {
    if (seen.insert(phrase).second) ++counts_[phrase];
  }
}

std::vector<std::pair<std::string, int>> PhraseTally::Top(std::size_t n) const {
  std::vector<std::pair<std::string, int>> top(counts_.begin(), counts_.end());
  std::sort(top.begin(), top.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  if (top.size() > n) top.resize(n);
  return top;
}

}  // namespace voxloop::analysis
