// Languages of surveys: canonical tags, which language a respondent sees, and the names the
// language switcher shows. A survey offers a fixed list of languages; a respondent gets, in
// order of preference, the one named in the URL (`?lang=`), the best match of the browser's
// Accept-Language, or the survey default. Chinese needs care: zh-TW, zh-HK, zh-MO and
// zh-Hant* want Traditional ("zh-Hant" when the survey has it), everything else Chinese wants
// Simplified ("zh", or "zh-Hans"). Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace voxloop::collect {

// "VI" -> "vi", "zh-hant" -> "zh-Hant", "zh_tw" -> "zh-TW": a lower-case 2–3 letter language,
// then an optional Title-case 4-letter script and/or an upper-case 2-letter or 3-digit region.
// nullopt for anything else (including "*", variants and private-use tags).
std::optional<std::string> CanonicalLanguageTag(std::string_view tag);

// One entry of Accept-Language, e.g. {"vi-VN", 1.0}.
struct LanguagePreference {
  std::string tag;
  double quality = 1.0;
};

// Parses an Accept-Language header into preferences, highest quality first (stable for
// equal quality); drops malformed entries and q=0. Bounded: at most 20 entries are read.
std::vector<LanguagePreference> ParseAcceptLanguage(std::string_view header);

// The best of `available` (canonical tags) for one requested tag, or nullopt. Matches the
// exact tag, then Chinese script rules, then the bare language ("vi-VN" -> "vi").
std::optional<std::string> MatchLanguage(std::string_view requested,
                                         const std::vector<std::string>& available);

// The language to show: `url_language` if it matches, else the best Accept-Language match,
// else `default_language`. Requires: `default_language` is one of `available`.
std::string ResolveLanguage(std::string_view url_language, std::string_view accept_language,
                            const std::vector<std::string>& available,
                            std::string_view default_language);

// The language's own name for itself ("Tiếng Việt", "中文", "繁體中文", "English"); the tag
// itself for languages without a known name.
std::string_view LanguageNativeName(std::string_view tag);

// The language whose built-in UI texts serve `tag`: "vi", "zh", "zh-Hant" or "en".
std::string_view UiLanguageFor(std::string_view tag);

}  // namespace voxloop::collect
