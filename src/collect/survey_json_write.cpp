// SurveyDefinitionToJson and PublicSurveyJson.
#include <boost/json.hpp>

#include "collect/condition_json.hpp"
#include "collect/language.hpp"
#include "collect/survey_json.hpp"
#include "collect/ui_text.hpp"

namespace voxloop::collect {
namespace {

boost::json::object TextJson(const LocalizedText& text) {
  boost::json::object json;
  for (const auto& [language, value] : text.by_language) json[language] = value;
  return json;
}

void PutText(boost::json::object& json, std::string_view key, const LocalizedText& text) {
  if (!text.empty()) json[key] = TextJson(text);
}

boost::json::array JumpsJson(const std::vector<JumpRule>& jumps) {
  boost::json::array array;
  for (const auto& jump : jumps) {
    boost::json::object rule;
    if (jump.when) rule["if"] = ConditionToJson(*jump.when);
    rule["to"] = jump.to;
    array.push_back(std::move(rule));
  }
  return array;
}

std::string_view FormatName(TextFormat format) {
  switch (format) {
    case TextFormat::kEmail: return "email";
    case TextFormat::kPhone: return "phone";
    case TextFormat::kPlain: break;
  }
  return "plain";
}

// Writes the type's own fields; `text_of` turns a LocalizedText into JSON (all languages for
// the full form, one resolved string for the public view).
template <typename TextOf>
void PutTypeSpecific(boost::json::object& json, const Question& question, TextOf text_of) {
  if (IsScoreType(question.type) && (!question.low_label.empty() || !question.high_label.empty())) {
    boost::json::object labels;
    if (!question.low_label.empty()) labels["low"] = text_of(question.low_label);
    if (!question.high_label.empty()) labels["high"] = text_of(question.high_label);
    json["labels"] = std::move(labels);
  }
  switch (question.type) {
    case QuestionType::kRating:
      json["scale"] = question.scale;
      json["style"] = question.style == RatingStyle::kStars ? "stars" : "numbers";
      break;
    case QuestionType::kMultipleChoice:
      if (question.min_choices > 0) json["min"] = question.min_choices;
      if (question.max_choices > 0) json["max"] = question.max_choices;
      [[fallthrough]];
    case QuestionType::kSingleChoice: {
      boost::json::array options;
      for (const auto& option : question.options) {
        options.push_back({{"id", option.id}, {"label", text_of(option.label)}});
      }
      json["options"] = std::move(options);
      break;
    }
    case QuestionType::kShortText:
      if (question.format != TextFormat::kPlain) json["format"] = FormatName(question.format);
      [[fallthrough]];
    case QuestionType::kLongText:
      if (question.max_length > 0) json["max_length"] = question.max_length;
      if (!question.placeholder.empty()) json["placeholder"] = text_of(question.placeholder);
      break;
    default:
      break;
  }
}

boost::json::object QuestionJson(const Question& question) {
  boost::json::object json{{"id", question.id},
                           {"type", QuestionTypeName(question.type)},
                           {"text", TextJson(question.text)},
                           {"required", question.required}};
  PutText(json, "help", question.help);
  if (question.show_if) json["show_if"] = ConditionToJson(*question.show_if);
  if (!question.jumps.empty()) json["jumps"] = JumpsJson(question.jumps);
  PutTypeSpecific(json, question, [](const LocalizedText& text) { return TextJson(text); });
  return json;
}

boost::json::object ThankYouJson(const ThankYouScreen& screen) {
  boost::json::object json{{"id", screen.id}, {"title", TextJson(screen.title)}};
  if (screen.when) json["when"] = ConditionToJson(*screen.when);
  PutText(json, "message", screen.message);
  if (screen.link) {
    json["link"] = {{"url", screen.link->url}, {"label", TextJson(screen.link->label)}};
  }
  return json;
}

boost::json::object SettingsJson(const SurveySettings& settings) {
  boost::json::object json{{"anonymous", settings.anonymous},
                           {"one_response_per_invitation", settings.one_response_per_invitation},
                           {"show_progress", settings.show_progress}};
  if (settings.starts_at) json["starts_at"] = core::FormatRfc3339(*settings.starts_at);
  if (settings.ends_at) json["ends_at"] = core::FormatRfc3339(*settings.ends_at);
  if (settings.response_limit) json["response_limit"] = *settings.response_limit;
  return json;
}

boost::json::array StringsJson(const std::vector<std::string>& values) {
  boost::json::array array;
  for (const auto& value : values) array.emplace_back(value);
  return array;
}

}  // namespace

boost::json::object SurveyDefinitionToJson(const SurveyDefinition& definition) {
  boost::json::object json{{"name", definition.name},
                           {"default_language", definition.default_language},
                           {"languages", StringsJson(definition.languages)},
                           {"title", TextJson(definition.title)}};
  PutText(json, "description", definition.description);
  boost::json::array questions;
  for (const auto& question : definition.questions) questions.push_back(QuestionJson(question));
  json["questions"] = std::move(questions);
  json["hidden_fields"] = StringsJson(definition.hidden_fields);
  boost::json::array screens;
  for (const auto& screen : definition.thank_you) screens.push_back(ThankYouJson(screen));
  json["thank_you"] = std::move(screens);
  json["settings"] = SettingsJson(definition.settings);
  const auto& invitation = definition.invitation;
  if (!invitation.subject.empty() || !invitation.intro.empty() ||
      !invitation.reminder_subject.empty()) {
    boost::json::object texts;
    PutText(texts, "subject", invitation.subject);
    PutText(texts, "intro", invitation.intro);
    PutText(texts, "reminder_subject", invitation.reminder_subject);
    json["invitation"] = std::move(texts);
  }
  return json;
}

boost::json::object PublicSurveyJson(const SurveyDefinition& definition,
                                     std::string_view survey_id, std::string_view language) {
  const std::string_view fallback = definition.default_language;
  const auto text_of = [&](const LocalizedText& text) {
    return boost::json::string(text.Get(language, fallback));
  };
  boost::json::array languages;
  for (const auto& tag : definition.languages) {
    languages.push_back({{"tag", tag}, {"name", LanguageNativeName(tag)}});
  }
  boost::json::array questions;
  for (const auto& question : definition.questions) {
    boost::json::object json{{"id", question.id},
                             {"type", QuestionTypeName(question.type)},
                             {"text", text_of(question.text)},
                             {"required", question.required}};
    if (!question.help.empty()) json["help"] = text_of(question.help);
    if (question.show_if) json["show_if"] = ConditionToJson(*question.show_if);
    if (!question.jumps.empty()) json["jumps"] = JumpsJson(question.jumps);
    PutTypeSpecific(json, question, text_of);
    if (IsScoreType(question.type)) {
      json["min"] = question.ScaleMin();
      json["max"] = question.ScaleMax();
    }
    questions.push_back(std::move(json));
  }
  boost::json::array screens;
  for (const auto& screen : definition.thank_you) {
    boost::json::object json{{"id", screen.id}, {"title", text_of(screen.title)}};
    if (screen.when) json["when"] = ConditionToJson(*screen.when);
    if (!screen.message.empty()) json["message"] = text_of(screen.message);
    if (screen.link) {
      json["link"] = {{"url", screen.link->url}, {"label", text_of(screen.link->label)}};
    }
    screens.push_back(std::move(json));
  }
  boost::json::object json{{"id", survey_id},
                           {"language", language},
                           {"default_language", definition.default_language},
                           {"languages", std::move(languages)},
                           {"title", text_of(definition.title)},
                           {"questions", std::move(questions)},
                           {"hidden_fields", StringsJson(definition.hidden_fields)},
                           {"thank_you", std::move(screens)},
                           {"show_progress", definition.settings.show_progress},
                           {"ui", UiTextsJson(language)}};
  if (!definition.description.empty()) json["description"] = text_of(definition.description);
  return json;
}

}  // namespace voxloop::collect
