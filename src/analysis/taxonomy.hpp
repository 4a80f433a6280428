// A workspace's topic taxonomy: hierarchical categories ("delivery/late") with keyword and
// phrase rules per language, matched against segmented text; an item can have several topics.
// Default() is the taxonomy shipped for customer feedback in vi, zh and en. Immutable after
// construction; thread-safe.
//
// JSON form (what the API takes and returns):
//   {"categories": [{"id": "delivery", "name": {"en": "Delivery", "vi": "Giao hàng"},
//                    "keywords": {"en": ["delivery", "shipping"], "vi": ["giao hàng"]},
//                    "children": [{"id": "late", "name": {...}, "keywords": {...}}]}]}
// Ids are lower-case [a-z0-9_-]; a category's path is its ancestors' ids joined with '/'.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analysis/text.hpp"
#include "core/string_map.hpp"
#include "core/result.hpp"

namespace voxloop::analysis {

struct TopicCategory {
  std::string path;    // "delivery/late"
  std::string parent;  // "delivery"; empty for a top-level category
  std::map<std::string, std::string> names;                  // language → display name
  std::map<std::string, std::vector<std::string>> keywords;  // language → phrases (raw)
};

class Taxonomy {
 public:
  Taxonomy() = default;
  // Parses and validates; errors name the field (e.g. "categories[2].children[0].id").
  static core::Result<Taxonomy> FromJson(std::string_view json);
  static const Taxonomy& Default();

  std::string ToJson() const;
  // Paths of the categories whose rules match, most specific first deduplicated: a matched
  // child implies its parent, and only the child is returned.
  std::vector<std::string> Match(const Segmented& text) const;
  bool Contains(std::string_view path) const;
  const std::vector<TopicCategory>& categories() const { return categories_; }

 private:
  struct Rule {
    std::vector<std::string> units;  // LexiconUnits of the keyword (Han split to characters)
    std::vector<std::string> folded_units;  // the same without diacritics
    bool folded = false;   // the keyword has no diacritics: compare diacritic-insensitively
    bool english = false;  // the last word may carry an inflection ("delays", "crashed")
    std::size_t category = 0;
  };
  void AddRules(std::size_t category_idx);
  std::vector<std::size_t> MatchedCategories(const Segmented& text) const;

  std::vector<TopicCategory> categories_;  // parents before children
  std::vector<Rule> rules_;
  core::StringMap<std::vector<std::size_t>> rules_by_first_unit_;
};

}  // namespace voxloop::analysis
