#include "collect/ui_text.hpp"

#include <boost/json.hpp>

#include "collect/assets.hpp"
#include "collect/language.hpp"

namespace voxloop::collect {
namespace {

// The parsed catalog; an empty object if the embedded file were missing or broken, which
// the unit tests rule out.
const boost::json::object& Catalog() {
  static const boost::json::object catalog = [] {
    const auto text = assets::EmbeddedFile("ui_strings.json");
    if (!text) return boost::json::object();
    boost::system::error_code error;
    auto json = boost::json::parse(*text, error);
    if (error || !json.is_object()) return boost::json::object();
    return std::move(json.as_object());
  }();
  return catalog;
}

const boost::json::object* Texts(std::string_view ui_language) {
  const auto* texts = Catalog().if_contains(ui_language);
  return texts != nullptr && texts->is_object() ? &texts->get_object() : nullptr;
}

std::string_view Lookup(std::string_view ui_language, std::string_view key) {
  if (const auto* texts = Texts(ui_language)) {
    if (const auto* value = texts->if_contains(key); value != nullptr && value->is_string()) {
      return value->get_string();
    }
  }
  return {};
}

}  // namespace

std::string_view UiText(std::string_view language, std::string_view key) {
  std::string_view text = Lookup(UiLanguageFor(language), key);
  if (text.empty()) text = Lookup("en", key);
  return text.empty() ? key : text;
}

std::string UiTextFormat(std::string_view language, std::string_view key,
                         std::initializer_list<std::pair<std::string_view, std::string>> values) {
  const std::string_view pattern = UiText(language, key);
  std::string result;
  result.reserve(pattern.size() + 16);
  std::size_t pos = 0;
  while (pos < pattern.size()) {
    const std::size_t open = pattern.find('{', pos);
    const std::size_t close = open == std::string_view::npos ? open : pattern.find('}', open);
    if (close == std::string_view::npos) break;
    result.append(pattern.substr(pos, open - pos));
    const std::string_view name = pattern.substr(open + 1, close - open - 1);
    bool replaced = false;
    for (const auto& [placeholder, value] : values) {
      if (placeholder == name) {
        result += value;
        replaced = true;
        break;
      }
    }
    if (!replaced) result.append(pattern.substr(open, close - open + 1));
    pos = close + 1;
  }
  if (pos < pattern.size()) result.append(pattern.substr(pos));
  return result;
}

boost::json::object UiTextsJson(std::string_view language) {
  boost::json::object json;
  if (const auto* english = Texts("en")) {
    for (const auto& member : *english) json[member.key()] = UiText(language, member.key());
  }
  return json;
}

std::vector<std::string> UiLanguages() {
  std::vector<std::string> languages;
  for (const auto& member : Catalog()) languages.emplace_back(member.key());
  return languages;
}

std::vector<std::string> UiTextKeys() {
  std::vector<std::string> keys;
  if (const auto* english = Texts("en")) {
    for (const auto& member : *english) keys.emplace_back(member.key());
  }
  return keys;
}

}  // namespace voxloop::collect
