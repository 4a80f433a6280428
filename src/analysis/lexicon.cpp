#include "analysis/lexicon.hpp"

#include <unicode/unistr.h>

#include <algorithm>
#include <optional>
#include <stdexcept>

#include "analysis/assets.hpp"

namespace voxloop::analysis {
namespace {

std::optional<LexiconRole> ParseRole(std::string_view name) {
  if (name == "polarity") return LexiconRole::kPolarity;
  if (name == "negator") return LexiconRole::kNegator;
  if (name == "intensifier") return LexiconRole::kIntensifier;
  if (name == "diminisher") return LexiconRole::kDiminisher;
  if (name == "contrast") return LexiconRole::kContrast;
  if (name == "request") return LexiconRole::kRequest;
  if (name == "comparative") return LexiconRole::kComparative;
  return std::nullopt;
}

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  for (std::size_t tab = line.find('\t'); tab != std::string_view::npos; tab = line.find('\t', start)) {
    fields.push_back(line.substr(start, tab - start));
    start = tab + 1;
  }
  fields.push_back(line.substr(start));
  return fields;
}

}  // namespace

std::vector<LexiconUnit> LexiconUnits(const std::vector<Token>& tokens, std::size_t begin,
                                      std::size_t end) {
  std::vector<LexiconUnit> units;
  units.reserve(end - begin);
  for (std::size_t token_idx = begin; token_idx < end; ++token_idx) {
    const Token& token = tokens[token_idx];
    if (!token.han) {
      units.push_back({token.text, false, token.elongated});
      continue;
    }
    const icu::UnicodeString han = icu::UnicodeString::fromUTF8(token.text);
    for (int32_t offset = 0; offset < han.length(); offset = han.moveIndex32(offset, 1)) {
      std::string character;
      icu::UnicodeString(han.char32At(offset)).toUTF8String(character);
      units.push_back({std::move(character), true, false});
    }
  }
  return units;
}

std::string LexiconKey(const std::vector<LexiconUnit>& units, std::size_t begin, std::size_t end) {
  std::string key;
  for (std::size_t unit_idx = begin; unit_idx < end; ++unit_idx) {
    if (unit_idx > begin && !(units[unit_idx].han && units[unit_idx - 1].han)) key.push_back(' ');
    key += units[unit_idx].text;
  }
  return key;
}

Lexicon::Lexicon(std::string_view language) {
  Load("lexicon/common.tsv", language);
  const std::string file = "lexicon/" + std::string(language) + ".tsv";
  Load(file, language);
}

void Lexicon::Load(std::string_view file, std::string_view language) {
  const auto bytes = assets::EmbeddedFile(file);
  if (!bytes) throw std::logic_error("missing embedded lexicon " + std::string(file));
  std::size_t start = 0;
  while (start < bytes->size()) {
    std::size_t end = bytes->find('\n', start);
    if (end == std::string_view::npos) end = bytes->size();
    const std::string_view line = bytes->substr(start, end - start);
    start = end + 1;
    if (line.empty() || line.front() == '#') continue;
    const auto fields = SplitTabs(line);
    const auto role = fields.size() == 3 ? ParseRole(fields[1]) : std::nullopt;
    if (!role) throw std::logic_error("bad lexicon line in " + std::string(file) + ": " + std::string(line));
    Add(std::string(fields[0]), LexiconEntry{*role, std::stod(std::string(fields[2])), 1}, language);
  }
}

void Lexicon::Add(const std::string& phrase, LexiconEntry entry, std::string_view language) {
  const Segmented segmented = Segment(phrase, language);
  if (segmented.tokens.empty()) return;
  const std::vector<LexiconUnit> units = LexiconUnits(segmented.tokens, 0, segmented.tokens.size());
  entry.words = static_cast<int>(units.size());
  const std::string key = LexiconKey(units, 0, units.size());
  entries_.insert_or_assign(key, entry);
  NoteFirstUnit(units.front().text, entry.words);
  // Vietnamese is often typed without diacritics: "khong hai long". Only phrases: a bare
  // syllable is too ambiguous to derive, the file lists the safe ones.
  if (language != "vi" || entry.words < 2) return;
  const std::string folded = FoldForSearch(key);
  if (folded != key && entries_.emplace(folded, entry).second) {  // a real entry with that spelling wins
    NoteFirstUnit(FoldForSearch(units.front().text), entry.words);
  }
}

void Lexicon::NoteFirstUnit(std::string_view unit, int words) {
  auto [found, added] = longest_from_.try_emplace(std::string(unit), words);
  if (!added) found->second = std::max(found->second, words);
}

int Lexicon::LongestFrom(std::string_view unit) const {
  const auto found = longest_from_.find(unit);
  return found == longest_from_.end() ? 0 : found->second;
}

const Lexicon& Lexicon::For(std::string_view language) {
  static const Lexicon kVietnamese("vi");
  static const Lexicon kChinese("zh");
  static const Lexicon kEnglish("en");
  if (language == "vi") return kVietnamese;
  if (language == "zh") return kChinese;
  return kEnglish;
}

const LexiconEntry* Lexicon::Find(std::string_view phrase) const {
  const auto found = entries_.find(phrase);
  return found == entries_.end() ? nullptr : &found->second;
}

}  // namespace voxloop::analysis
