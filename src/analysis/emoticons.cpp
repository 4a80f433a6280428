#include "analysis/emoticons.hpp"

#include <unicode/uchar.h>

#include <array>
#include <utility>

namespace voxloop::analysis {
namespace {

// Fixed emoticons (after case folding), longest first where one is a prefix of another.
constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kFixed{{
    {"</3", "</3"}, {"<3", "<3"}, {"^_^", "^^"}, {"^.^", "^^"}, {"^-^", "^^"}, {"^^", "^^"},
    {"-_-", "-_-"}, {"-.-", "-_-"}, {"=.=", "-_-"}, {"t_t", "T_T"}, {"t.t", "T_T"},
    {">_<", ">_<"}, {"xd", ":D"}, {":'(", ":'("},
}};

constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kSpelled{{
    {"colonsmile", ":)"}, {"colonsmilesmile", ":)"}, {"colonbigsmile", ":D"},
    {"colonsmallsmile", ":)"}, {"colonhihi", ":D"}, {"colonlove", "<3"}, {"colonsad", ":("},
    {"colonsadcolon", ":("}, {"coloncontemn", "-_-"}, {"colonsurprise", ":o"},
    {"colondoublesurprise", ":o"}, {"colonwink", ";)"}, {"coloncry", ":'("},
    {"colonangry", ":@"},
}};

bool IsAlnum(UChar32 c) { return u_isalpha(c) || u_isdigit(c); }

// The canonical form of eyes followed by a mouth character, or empty.
std::string_view MouthMeaning(UChar eyes, UChar mouth, int mouth_run) {
  switch (mouth) {
    case ')': case ']':
      if (eyes == ';') return ";)";
      return eyes == '=' && mouth_run >= 2 ? ":D" : ":)";
    case '(': case '[': return ":(";
    case 'd': return eyes == ';' ? "" : ":D";
    case 'p': return ":p";
    case 'o': return ":o";
    case '/': case '\\': case '|': return ":/";
    case '*': return ":*";
    case 'v': return ":v";
    case '@': return ":@";
    case '>': return ":)";
    case '<': return ":(";
    case '3': return ":)";
    default: return "";
  }
}

bool IsLetterMouth(UChar mouth) { return mouth == 'd' || mouth == 'p' || mouth == 'o' || mouth == 'v'; }

// An eyes-nose-mouth emoticon at `offset` (":)", ":-))", ";)", "=))", ":v"), or nullopt.
std::optional<EmoticonSpan> EyesEmoticon(const icu::UnicodeString& text, int32_t offset) {
  const UChar eyes = text.charAt(offset);
  if (eyes != ':' && eyes != ';' && eyes != '=') return std::nullopt;
  int32_t cursor = offset + 1;
  if (cursor < text.length() && (text.charAt(cursor) == '-' || text.charAt(cursor) == '^')) {
    ++cursor;
  }
  if (cursor >= text.length()) return std::nullopt;
  const UChar mouth = text.charAt(cursor);
  int32_t end = cursor;
  while (end < text.length() && text.charAt(end) == mouth) ++end;
  const std::string_view meaning = MouthMeaning(eyes, mouth, end - cursor);
  if (meaning.empty()) return std::nullopt;
  // A letter mouth must stand alone (":v" yes, "a:valid" no); any mouth must not run into
  // a word ("http://x", "10:30").
  if (end < text.length() && IsAlnum(text.char32At(end))) return std::nullopt;
  if (IsLetterMouth(mouth) || mouth == '3' || mouth == '/') {
    if (offset > 0 && IsAlnum(text.char32At(offset - 1))) return std::nullopt;
  }
  return EmoticonSpan{offset, end, meaning};
}

// True for a character an emoticon can start with (the first of a kFixed form, or eyes):
// every other character is skipped at once, which is most of any text.
bool MayStartEmoticon(UChar c) {
  switch (c) {
    case '<': case '^': case '-': case '=': case 't': case '>': case 'x': case ':': case ';':
      return true;
    default:
      return false;
  }
}

std::optional<EmoticonSpan> FixedEmoticon(const icu::UnicodeString& text, int32_t offset) {
  for (const auto& [form, meaning] : kFixed) {
    const auto length = static_cast<int32_t>(form.size());
    if (offset + length > text.length()) continue;
    bool same = true;
    for (int32_t char_idx = 0; char_idx < length && same; ++char_idx) {
      same = text.charAt(offset + char_idx) == static_cast<UChar>(form[char_idx]);
    }
    if (!same) continue;
    const bool starts_alnum = IsAlnum(text.charAt(offset));
    const bool ends_alnum = IsAlnum(text.charAt(offset + length - 1));
    if (starts_alnum && offset > 0 && IsAlnum(text.char32At(offset - 1))) continue;
    if (ends_alnum && offset + length < text.length() &&
        IsAlnum(text.char32At(offset + length))) {
      continue;
    }
    if (form == "<3" && offset + length < text.length() && u_isdigit(text.charAt(offset + length))) {
      continue;
    }
    return EmoticonSpan{offset, offset + length, meaning};
  }
  return std::nullopt;
}

}  // namespace

std::vector<EmoticonSpan> FindEmoticons(const icu::UnicodeString& folded) {
  std::vector<EmoticonSpan> spans;
  int32_t offset = 0;
  while (offset < folded.length()) {
    const UChar c = folded.charAt(offset);
    std::optional<EmoticonSpan> span;
    if (MayStartEmoticon(c) && !(offset > 0 && c == ':' && u_isdigit(folded.charAt(offset - 1)))) {
      span = FixedEmoticon(folded, offset);
      if (!span) span = EyesEmoticon(folded, offset);
    }
    if (span) {
      spans.push_back(*span);
      offset = span->end;
    } else {
      ++offset;
    }
  }
  return spans;
}

std::optional<std::string_view> SpelledEmoticon(std::string_view word) {
  if (word.substr(0, 5) != "colon") return std::nullopt;
  for (const auto& [spelled, meaning] : kSpelled) {
    if (word == spelled) return meaning;
  }
  return std::nullopt;
}

}  // namespace voxloop::analysis
