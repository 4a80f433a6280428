// ASCII emoticons (":)", ":((", "=))", "<3", "^^", "-_-", "T_T", ":v" …) and the spelled
// emoticons some exports contain ("colonsmile"), mapped to one canonical form per meaning so
// that lexicons list each once:
//   ":)" smile, ":D" laugh (incl. "=))", "xD"), ";)" wink, ":(" sad, ":'(" cry, ":p" tongue,
//   ":o" surprise, ":/" unsure, ":*" kiss, ":v" (Vietnamese grin), ":@" angry, "<3" love,
//   "</3" broken heart, "^^" happy, "-_-" annoyed, "T_T" crying, ">_<" frustrated.
// Internal to segmentation (text.cpp). Pure; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include <unicode/unistr.h>

namespace voxloop::analysis {

struct EmoticonSpan {
  int32_t begin = 0;  // UTF-16 offsets into the searched text, [begin, end)
  int32_t end = 0;
  std::string_view canonical;
};

// Emoticons in case-folded text, in order, non-overlapping. An emoticon may follow a word
// ("hay:))") but must not run into a letter or digit ("10:30", "http://x" are not emoticons).
std::vector<EmoticonSpan> FindEmoticons(const icu::UnicodeString& folded);

// The canonical emoticon a spelled word stands for ("colonsmile" → ":)"), or nullopt.
std::optional<std::string_view> SpelledEmoticon(std::string_view word);

}  // namespace voxloop::analysis
