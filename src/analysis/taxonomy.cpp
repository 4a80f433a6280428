#include "analysis/taxonomy.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <array>
#include <set>
#include <span>
#include <stdexcept>

#include "analysis/assets.hpp"
#include "analysis/lexicon.hpp"

namespace voxloop::analysis {
namespace {

constexpr std::size_t kMaxDepth = 3;
constexpr std::size_t kMaxCategories = 500;
constexpr std::size_t kMaxKeywordsPerLanguage = 200;
constexpr std::size_t kMaxTextChars = 200;

bool ValidId(std::string_view id) {
  return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
         });
}

bool ValidLanguage(std::string_view code) {
  return code.size() >= 2 && code.size() <= 12 && std::all_of(code.begin(), code.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
         });
}

class TaxonomyReader {
 public:
  std::vector<TopicCategory> categories;
  std::vector<core::FieldError> errors;

  void ReadList(const boost::json::value& value, const std::string& path, const std::string& parent,
                std::size_t depth) {
    if (!value.is_array()) return Error(path, "type", "Expected an array of categories");
    const auto& list = value.as_array();
    for (std::size_t idx = 0; idx < list.size(); ++idx) {
      ReadCategory(list[idx], path + "[" + std::to_string(idx) + "]", parent, depth);
    }
  }

 private:
  void Error(std::string field, std::string code, std::string message) {
    errors.push_back({std::move(field), std::move(code), std::move(message)});
  }

  void ReadCategory(const boost::json::value& value, const std::string& path,
                    const std::string& parent, std::size_t depth) {
    if (!value.is_object()) return Error(path, "type", "Expected a category object");
    const auto& object = value.as_object();
    for (const auto& field : object) {
      const std::string_view key = field.key();
      if (key != "id" && key != "name" && key != "keywords" && key != "children") {
        Error(path + "." + std::string(key), "unknown", "Unknown field");
      }
    }
    const auto* id = object.if_contains("id");
    if (id == nullptr || !id->is_string() || !ValidId(id->as_string())) {
      return Error(path + ".id", "invalid", "A lower-case id of letters, digits, _ and - (at most 64)");
    }
    TopicCategory category;
    category.parent = parent;
    category.path = (parent.empty() ? "" : parent + "/") + std::string(id->as_string());
    const bool duplicate = std::any_of(categories.begin(), categories.end(),
                                       [&](const auto& other) { return other.path == category.path; });
    if (duplicate) return Error(path + ".id", "duplicate", "Another category has this path");
    if (categories.size() >= kMaxCategories) return Error(path, "too_many", "At most 500 categories");
    if (const auto* names = object.if_contains("name")) ReadNames(*names, path + ".name", category);
    if (const auto* keywords = object.if_contains("keywords")) {
      ReadKeywords(*keywords, path + ".keywords", category);
    }
    categories.push_back(category);
    if (const auto* children = object.if_contains("children")) {
      if (depth + 1 >= kMaxDepth) {
        return Error(path + ".children", "too_deep", "Categories nest at most 3 levels");
      }
      ReadList(*children, path + ".children", category.path, depth + 1);
    }
  }

  void ReadNames(const boost::json::value& value, const std::string& path, TopicCategory& category) {
    if (value.is_string()) {
      category.names["en"] = std::string(value.as_string());
      return;
    }
    if (!value.is_object()) return Error(path, "type", "Expected {language: name}");
    for (const auto& [language, name] : value.as_object()) {
      const std::string field = path + "." + std::string(language);
      if (!ValidLanguage(language)) Error(field, "invalid", "Not a language code");
      else if (!name.is_string() || name.as_string().empty() || name.as_string().size() > kMaxTextChars * 4)
        Error(field, "type", "Expected a non-empty name");
      else category.names[std::string(language)] = std::string(name.as_string());
    }
  }

  void ReadKeywords(const boost::json::value& value, const std::string& path,
                    TopicCategory& category) {
    if (!value.is_object()) return Error(path, "type", "Expected {language: [phrases]}");
    for (const auto& [language, phrases] : value.as_object()) {
      const std::string field = path + "." + std::string(language);
      if (!ValidLanguage(language)) {
        Error(field, "invalid", "Not a language code");
        continue;
      }
      if (!phrases.is_array() || phrases.as_array().size() > kMaxKeywordsPerLanguage) {
        Error(field, "type", "Expected an array of at most 200 phrases");
        continue;
      }
      auto& list = category.keywords[std::string(language)];
      for (std::size_t idx = 0; idx < phrases.as_array().size(); ++idx) {
        const auto& phrase = phrases.as_array()[idx];
        if (!phrase.is_string() || phrase.as_string().empty() ||
            phrase.as_string().size() > kMaxTextChars * 4) {
          Error(field + "[" + std::to_string(idx) + "]", "type", "Expected a non-empty phrase");
        } else {
          list.emplace_back(phrase.as_string());
        }
      }
    }
  }
};

boost::json::object CategoryJson(const std::vector<TopicCategory>& categories, std::size_t idx) {
  const TopicCategory& category = categories[idx];
  boost::json::object json;
  json["id"] = category.path.substr(category.parent.empty() ? 0 : category.parent.size() + 1);
  boost::json::object names;
  for (const auto& [language, name] : category.names) names[language] = name;
  json["name"] = std::move(names);
  boost::json::object keywords;
  for (const auto& [language, phrases] : category.keywords) {
    boost::json::array list;
    for (const auto& phrase : phrases) list.emplace_back(phrase);
    keywords[language] = std::move(list);
  }
  json["keywords"] = std::move(keywords);
  boost::json::array children;
  for (std::size_t child = 0; child < categories.size(); ++child) {
    if (categories[child].parent == category.path) children.push_back(CategoryJson(categories, child));
  }
  if (!children.empty()) json["children"] = std::move(children);
  return json;
}

bool IsAscii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::string Folded(const std::string& unit) { return IsAscii(unit) ? unit : FoldForSearch(unit); }

// "delays", "crashed", "crashing" match the keyword "delay", "crash".
bool InflectionOf(std::string_view word, std::string_view keyword) {
  if (word.size() <= keyword.size() || word.compare(0, keyword.size(), keyword) != 0) return false;
  const std::string_view suffix = word.substr(keyword.size());
  return suffix == "s" || suffix == "es" || suffix == "ed" || suffix == "d" || suffix == "ing";
}

}  // namespace

core::Result<Taxonomy> Taxonomy::FromJson(std::string_view json) {
  boost::system::error_code error;
  const boost::json::value value = boost::json::parse(json, error);
  if (error) return core::Error::InvalidArgument("The taxonomy is not valid JSON");
  if (!value.is_object()) return core::Error::Field("categories", "required", "Expected {\"categories\": [...]}");
  const auto* list = value.as_object().if_contains("categories");
  if (list == nullptr) return core::Error::Field("categories", "required", "Give the categories");
  TaxonomyReader reader;
  reader.ReadList(*list, "categories", "", 0);
  if (!reader.errors.empty()) {
    return core::Error::InvalidArgument("The taxonomy is invalid", std::move(reader.errors));
  }
  Taxonomy taxonomy;
  taxonomy.categories_ = std::move(reader.categories);
  for (std::size_t idx = 0; idx < taxonomy.categories_.size(); ++idx) taxonomy.AddRules(idx);
  return taxonomy;
}

const Taxonomy& Taxonomy::Default() {
  static const Taxonomy kDefault = [] {
    const auto bytes = assets::EmbeddedFile("taxonomy/default.json");
    if (!bytes) throw std::logic_error("missing embedded default taxonomy");
    auto parsed = FromJson(*bytes);
    if (!parsed) throw std::logic_error("invalid default taxonomy: " + parsed.error().message);
    return std::move(*parsed);
  }();
  return kDefault;
}

std::string Taxonomy::ToJson() const {
  boost::json::array top;
  for (std::size_t idx = 0; idx < categories_.size(); ++idx) {
    if (categories_[idx].parent.empty()) top.push_back(CategoryJson(categories_, idx));
  }
  return boost::json::serialize(boost::json::object{{"categories", std::move(top)}});
}

bool Taxonomy::Contains(std::string_view path) const {
  return std::any_of(categories_.begin(), categories_.end(),
                     [&](const TopicCategory& category) { return category.path == path; });
}

void Taxonomy::AddRules(std::size_t category_idx) {
  for (const auto& [language, phrases] : categories_[category_idx].keywords) {
    for (const std::string& phrase : phrases) {
      const Segmented segmented = Segment(phrase, language);
      if (segmented.tokens.empty()) continue;
      Rule rule;
      for (LexiconUnit& unit : LexiconUnits(segmented.tokens, 0, segmented.tokens.size())) {
        rule.units.push_back(std::move(unit.text));
      }
      const std::string joined = LexiconKey(LexiconUnits(segmented.tokens, 0, segmented.tokens.size()),
                                            0, rule.units.size());
      rule.folded = Folded(joined) == joined;
      for (const std::string& unit : rule.units) rule.folded_units.push_back(Folded(unit));
      rule.english = language == "en";
      rule.category = category_idx;
      rules_by_first_unit_[rule.units.front()].push_back(rules_.size());
      if (rule.folded_units.front() != rule.units.front()) {
        rules_by_first_unit_[rule.folded_units.front()].push_back(rules_.size());
      }
      rules_.push_back(std::move(rule));
    }
  }
}

std::vector<std::size_t> Taxonomy::MatchedCategories(const Segmented& text) const {
  const std::vector<LexiconUnit> units = LexiconUnits(text.tokens, 0, text.tokens.size());
  std::vector<std::string> folded;
  folded.reserve(units.size());
  for (const LexiconUnit& unit : units) folded.push_back(unit.han ? unit.text : Folded(unit.text));
  // A keyword without diacritics, or a word typed without them ("giao hang cham"), compares
  // diacritic-insensitively; otherwise exactly ("giáo trình" is not "giao").
  auto same = [&](const Rule& rule, std::size_t rule_idx, std::size_t text_idx) {
    const bool loose = rule.folded || (!units[text_idx].han && IsAscii(units[text_idx].text));
    const std::string& word = loose ? folded[text_idx] : units[text_idx].text;
    const std::string& keyword = loose ? rule.folded_units[rule_idx] : rule.units[rule_idx];
    return word == keyword ||
           (rule.english && rule_idx + 1 == rule.units.size() && InflectionOf(word, keyword));
  };
  std::set<std::size_t> matched;
  constexpr std::array<std::string_view, 5> kSuffixes{"s", "es", "ed", "d", "ing"};
  for (std::size_t start = 0; start < units.size(); ++start) {
    // The unit as written, without diacritics, and without an English inflection.
    std::array<std::string_view, 2 + kSuffixes.size()> keys{};
    std::size_t key_count = 0;
    keys[key_count++] = units[start].text;
    const std::string_view word = folded[start];
    if (word != units[start].text) keys[key_count++] = word;
    for (std::string_view suffix : kSuffixes) {
      if (word.size() > suffix.size() + 2 && word.substr(word.size() - suffix.size()) == suffix) {
        keys[key_count++] = word.substr(0, word.size() - suffix.size());
      }
    }
    for (const std::string_view key : std::span(keys.data(), key_count)) {
      auto found = rules_by_first_unit_.find(key);
      if (found == rules_by_first_unit_.end()) continue;
      for (std::size_t rule_idx : found->second) {
        const Rule& rule = rules_[rule_idx];
        if (start + rule.units.size() > units.size()) continue;
        bool all = true;
        for (std::size_t unit_idx = 0; unit_idx < rule.units.size() && all; ++unit_idx) {
          all = same(rule, unit_idx, start + unit_idx);
        }
        if (all) matched.insert(rule.category);
      }
    }
  }
  return {matched.begin(), matched.end()};
}

std::vector<std::string> Taxonomy::Match(const Segmented& text) const {
  const std::vector<std::size_t> matched = MatchedCategories(text);
  std::vector<std::string> paths;
  for (std::size_t idx : matched) paths.push_back(categories_[idx].path);
  // A matched child implies its parent: keep only the most specific.
  std::vector<std::string> specific;
  for (const std::string& path : paths) {
    const bool has_child = std::any_of(paths.begin(), paths.end(), [&](const std::string& other) {
      return other.size() > path.size() && other.compare(0, path.size(), path) == 0 &&
             other[path.size()] == '/';
    });
    if (!has_child) specific.push_back(path);
  }
  std::stable_sort(specific.begin(), specific.end(), [](const std::string& a, const std::string& b) {
    return std::count(a.begin(), a.end(), '/') > std::count(b.begin(), b.end(), '/');
  });
  return specific;
}

}  // namespace voxloop::analysis
