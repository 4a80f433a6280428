#include "collect/language.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace voxloop::collect {
namespace {

constexpr std::size_t kMaxAcceptLanguageEntries = 20;
constexpr std::size_t kMaxAcceptLanguageLength = 2000;

bool AllOf(std::string_view text, int (*predicate)(int)) {
  return std::all_of(text.begin(), text.end(),
                     [predicate](char c) { return predicate(static_cast<unsigned char>(c)) != 0; });
}

std::string_view Trim(std::string_view text) {
  const auto begin = text.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  const auto end = text.find_last_not_of(" \t");
  return text.substr(begin, end - begin + 1);
}

std::string_view PrimaryLanguage(std::string_view tag) { return tag.substr(0, tag.find('-')); }

// True when a canonical Chinese tag asks for Traditional characters.
bool WantsTraditionalChinese(std::string_view tag) {
  if (tag.find("-Hant") != std::string_view::npos) return true;
  if (tag.find("-Hans") != std::string_view::npos) return false;
  return tag.ends_with("-TW") || tag.ends_with("-HK") || tag.ends_with("-MO");
}

// Quality value per RFC 9110: "0" to "1" with up to three decimals.
std::optional<double> ParseQuality(std::string_view text) {
  if (text.empty() || text.size() > 5) return std::nullopt;
  if (text[0] != '0' && text[0] != '1') return std::nullopt;
  if (text.size() > 1 && text[1] != '.') return std::nullopt;
  const std::string_view decimals = text.size() > 2 ? text.substr(2) : std::string_view{};
  if (!AllOf(decimals, &isdigit)) return std::nullopt;
  double quality = text[0] - '0';
  double scale = 0.1;
  for (char digit : decimals) {
    quality += (digit - '0') * scale;
    scale /= 10;
  }
  if (quality > 1.0) return std::nullopt;
  return quality;
}

std::optional<std::string> FindFirst(std::initializer_list<std::string_view> candidates,
                                     const std::vector<std::string>& available) {
  for (std::string_view candidate : candidates) {
    if (std::find(available.begin(), available.end(), candidate) != available.end()) {
      return std::string(candidate);
    }
  }
  return std::nullopt;
}

std::optional<std::string> MatchChinese(std::string_view requested,
                                        const std::vector<std::string>& available) {
  if (WantsTraditionalChinese(requested)) {
    return FindFirst({"zh-Hant", "zh-TW", "zh-HK", "zh-Hant-TW", "zh-Hant-HK", "zh", "zh-Hans",
                      "zh-CN"},
                     available);
  }
  return FindFirst({"zh", "zh-Hans", "zh-CN", "zh-SG", "zh-Hans-CN", "zh-Hant", "zh-TW"},
                   available);
}

}  // namespace

std::optional<std::string> CanonicalLanguageTag(std::string_view tag) {
  if (tag.empty() || tag.size() > 20) return std::nullopt;
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= tag.size()) {
    const std::size_t end = std::min(tag.find_first_of("-_", start), tag.size());
    parts.emplace_back(tag.substr(start, end - start));
    start = end + 1;
  }
  if (parts.size() > 3) return std::nullopt;
  std::string& language = parts[0];
  if (language.size() < 2 || language.size() > 3 || !AllOf(language, &isalpha)) return std::nullopt;
  std::transform(language.begin(), language.end(), language.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::string canonical = language;
  bool seen_script = false;
  bool seen_region = false;
  for (std::size_t part_idx = 1; part_idx < parts.size(); ++part_idx) {
    std::string part = parts[part_idx];
    const bool is_script = part.size() == 4 && AllOf(part, &isalpha);
    const bool is_region =
        (part.size() == 2 && AllOf(part, &isalpha)) || (part.size() == 3 && AllOf(part, &isdigit));
    if (is_script && !seen_script && !seen_region) {
      std::transform(part.begin(), part.end(), part.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      part[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(part[0])));
      seen_script = true;
    } else if (is_region && !seen_region) {
      std::transform(part.begin(), part.end(), part.begin(),
                     [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
      seen_region = true;
    } else {
      return std::nullopt;
    }
    canonical += '-';
    canonical += part;
  }
  return canonical;
}

std::vector<LanguagePreference> ParseAcceptLanguage(std::string_view header) {
  std::vector<LanguagePreference> preferences;
  header = header.substr(0, kMaxAcceptLanguageLength);
  std::size_t start = 0;
  while (start < header.size() && preferences.size() < kMaxAcceptLanguageEntries) {
    const std::size_t end = std::min(header.find(',', start), header.size());
    const std::string_view entry = header.substr(start, end - start);
    start = end + 1;
    const std::size_t semicolon = entry.find(';');
    const auto tag = CanonicalLanguageTag(Trim(entry.substr(0, semicolon)));
    if (!tag) continue;
    double quality = 1.0;
    if (semicolon != std::string_view::npos) {
      const std::string_view parameter = Trim(entry.substr(semicolon + 1));
      if (!parameter.starts_with("q=") && !parameter.starts_with("Q=")) continue;
      const auto parsed = ParseQuality(Trim(parameter.substr(2)));
      if (!parsed) continue;
      quality = *parsed;
    }
    if (quality <= 0.0) continue;
    preferences.push_back({*tag, quality});
  }
  std::stable_sort(preferences.begin(), preferences.end(),
                   [](const auto& left, const auto& right) { return left.quality > right.quality; });
  return preferences;
}

std::optional<std::string> MatchLanguage(std::string_view requested,
                                         const std::vector<std::string>& available) {
  const auto canonical = CanonicalLanguageTag(requested);
  if (!canonical) return std::nullopt;
  if (auto exact = FindFirst({*canonical}, available)) return exact;
  const std::string_view primary = PrimaryLanguage(*canonical);
  if (primary == "zh") return MatchChinese(*canonical, available);
  if (auto bare = FindFirst({primary}, available)) return bare;
  for (const auto& tag : available) {
    if (PrimaryLanguage(tag) == primary) return tag;
  }
  return std::nullopt;
}

std::string ResolveLanguage(std::string_view url_language, std::string_view accept_language,
                            const std::vector<std::string>& available,
                            std::string_view default_language) {
  if (auto from_url = MatchLanguage(url_language, available)) return *from_url;
  for (const auto& preference : ParseAcceptLanguage(accept_language)) {
    if (auto match = MatchLanguage(preference.tag, available)) return *match;
  }
  return std::string(default_language);
}

std::string_view LanguageNativeName(std::string_view tag) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 24> kNames{{
      {"en", "English"},         {"vi", "Tiếng Việt"},     {"zh", "简体中文"},
      {"zh-Hans", "简体中文"},   {"zh-CN", "简体中文"},    {"zh-SG", "简体中文"},
      {"zh-Hant", "繁體中文"},   {"zh-TW", "繁體中文"},    {"zh-HK", "繁體中文"},
      {"ja", "日本語"},          {"ko", "한국어"},         {"th", "ไทย"},
      {"id", "Bahasa Indonesia"}, {"ms", "Bahasa Melayu"}, {"km", "ខ្មែរ"},
      {"lo", "ລາວ"},             {"fil", "Filipino"},      {"fr", "Français"},
      {"de", "Deutsch"},         {"es", "Español"},        {"pt", "Português"},
      {"it", "Italiano"},        {"ru", "Русский"},        {"nl", "Nederlands"},
  }};
  for (const auto& [known, name] : kNames) {
    if (known == tag) return name;
  }
  for (const auto& [known, name] : kNames) {
    if (known == PrimaryLanguage(tag)) return name;
  }
  return tag;
}

std::string_view UiLanguageFor(std::string_view tag) {
  const std::string_view primary = PrimaryLanguage(tag);
  if (primary == "vi") return "vi";
  if (primary == "zh") return WantsTraditionalChinese(tag) ? "zh-Hant" : "zh";
  return "en";
}

}  // namespace voxloop::collect
