// Built-in texts of the respondent-facing UI (buttons, error messages, scale ends, e-mail
// wording) in English, Vietnamese, Simplified and Traditional Chinese, from the embedded
// assets/ui_strings.json. Survey-specific texts come from the definition; these fill in the
// rest. Languages without built-in texts use English. Loaded once; thread-safe.
#pragma once

#include <boost/json/object.hpp>

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace voxloop::collect {

// The text `key` for a survey language (mapped through UiLanguageFor), falling back to
// English; the key itself when no language has it (a programming error caught by tests).
std::string_view UiText(std::string_view language, std::string_view key);

// UiText with "{name}" placeholders replaced by the given values (inserted verbatim: the
// result is plain text, to be escaped by whoever renders it).
std::string UiTextFormat(std::string_view language, std::string_view key,
                         std::initializer_list<std::pair<std::string_view, std::string>> values);

// Every UI text in one language, for scripts that render in the browser (widget.js).
boost::json::object UiTextsJson(std::string_view language);

// The UI languages with built-in texts ("en", "vi", "zh", "zh-Hant") and every key.
std::vector<std::string> UiLanguages();
std::vector<std::string> UiTextKeys();

}  // namespace voxloop::collect
