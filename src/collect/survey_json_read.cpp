// ParseSurveyDefinition: JSON shape first (definition_reader.hpp), then missing ids, then the
// rules (survey_validation.cpp). Shape errors stop before the rules so that one mistake does
// not come back as a cascade of confusing follow-ups.
#include <boost/json.hpp>

#include <algorithm>
#include <set>
#include <utility>

#include "collect/definition_reader.hpp"
#include "collect/language.hpp"
#include "collect/survey_json.hpp"
#include "core/time.hpp"

namespace voxloop::collect {
namespace {

constexpr std::size_t kMaxDefinitionBytes = 1 << 20;
constexpr std::size_t kMaxNameLength = 200;

std::optional<core::TimeMs> ReadTime(JsonFields& fields, std::string_view key) {
  auto text = fields.String(key, false, 64);
  if (!text) return std::nullopt;
  auto time = core::ParseRfc3339(*text);
  if (!time) fields.Fail(key, "invalid", "Use an RFC 3339 time such as 2026-11-24T09:00:00+07:00");
  return time;
}

SurveySettings ReadSettings(JsonFields& parent, DefinitionReadContext& context) {
  SurveySettings settings;
  const auto* object = parent.Object("settings");
  if (object == nullptr) return settings;
  JsonFields fields(*object, parent.Path("settings"), context.errors);
  fields.RejectUnknown({"anonymous", "starts_at", "ends_at", "response_limit",
                        "one_response_per_invitation", "show_progress"});
  settings.anonymous = fields.Bool("anonymous").value_or(false);
  settings.starts_at = ReadTime(fields, "starts_at");
  settings.ends_at = ReadTime(fields, "ends_at");
  settings.response_limit = fields.Integer("response_limit", 1, 1'000'000'000);
  settings.one_response_per_invitation = fields.Bool("one_response_per_invitation").value_or(true);
  settings.show_progress = fields.Bool("show_progress").value_or(true);
  return settings;
}

InvitationTexts ReadInvitation(JsonFields& parent, DefinitionReadContext& context) {
  InvitationTexts invitation;
  const auto* object = parent.Object("invitation");
  if (object == nullptr) return invitation;
  JsonFields fields(*object, parent.Path("invitation"), context.errors);
  fields.RejectUnknown({"subject", "intro", "reminder_subject"});
  invitation.subject = ReadLocalizedMember(fields, "subject", false, context);
  invitation.intro = ReadLocalizedMember(fields, "intro", false, context);
  invitation.reminder_subject = ReadLocalizedMember(fields, "reminder_subject", false, context);
  return invitation;
}

std::vector<std::string> ReadStringList(JsonFields& fields, std::string_view key,
                                        std::size_t max_items, std::size_t max_chars) {
  std::vector<std::string> values;
  const auto* array = fields.Array(key, false, max_items);
  if (array == nullptr) return values;
  for (std::size_t value_idx = 0; value_idx < array->size(); ++value_idx) {
    const auto& value = (*array)[value_idx];
    if (!value.is_string() || value.get_string().empty() || value.get_string().size() > max_chars) {
      AddFieldError(fields.errors(), IndexPath(fields.Path(key), value_idx), "type",
                    "Expected a non-empty string of at most " + std::to_string(max_chars) +
                        " characters");
      continue;
    }
    values.emplace_back(value.get_string());
  }
  return values;
}

// The default language first, then the others as given (or as the title has them).
void SettleLanguages(JsonFields& fields, SurveyDefinition& definition, bool languages_given) {
  if (!languages_given) {
    definition.languages = {definition.default_language};
    for (const auto& [language, text] : definition.title.by_language) {
      if (language != definition.default_language) definition.languages.push_back(language);
    }
    return;
  }
  std::vector<std::string> canonical;
  for (std::size_t language_idx = 0; language_idx < definition.languages.size(); ++language_idx) {
    auto tag = CanonicalLanguageTag(definition.languages[language_idx]);
    if (!tag) {
      AddFieldError(fields.errors(), IndexPath(fields.Path("languages"), language_idx), "invalid",
                    "Not a language tag; use e.g. \"en\", \"vi\", \"zh\" or \"zh-Hant\"");
      continue;
    }
    canonical.push_back(std::move(*tag));
  }
  auto position = std::find(canonical.begin(), canonical.end(), definition.default_language);
  if (position != canonical.end()) std::rotate(canonical.begin(), position, position + 1);
  definition.languages = std::move(canonical);
}

template <typename Item, typename IdOf>
void AssignMissingIds(std::vector<Item>& items, std::string_view prefix, IdOf id_of) {
  std::set<std::string, std::less<>> used;
  for (auto& item : items) {
    if (!id_of(item).empty()) used.insert(id_of(item));
  }
  int next = 1;
  for (auto& item : items) {
    if (!id_of(item).empty()) continue;
    std::string candidate;
    do {
      candidate = std::string(prefix) + std::to_string(next++);
    } while (used.contains(candidate));
    used.insert(candidate);
    id_of(item) = candidate;
  }
}

void AssignAllMissingIds(SurveyDefinition& definition) {
  AssignMissingIds(definition.questions, "q", [](Question& q) -> std::string& { return q.id; });
  for (auto& question : definition.questions) {
    AssignMissingIds(question.options, "o", [](ChoiceOption& o) -> std::string& { return o.id; });
  }
  AssignMissingIds(definition.thank_you, "t",
                   [](ThankYouScreen& screen) -> std::string& { return screen.id; });
}

void ReadDefaultLanguage(JsonFields& fields, SurveyDefinition& definition) {
  if (auto given = fields.String("default_language", false, 20)) {
    if (auto tag = CanonicalLanguageTag(*given)) {
      definition.default_language = *tag;
    } else {
      fields.Fail("default_language", "invalid", "Not a language tag; use e.g. \"en\" or \"vi\"");
    }
  } else if (!definition.languages.empty()) {
    definition.default_language =
        CanonicalLanguageTag(definition.languages.front()).value_or("en");
  }
  if (definition.default_language.empty()) definition.default_language = "en";
}

void ReadItems(JsonFields& fields, SurveyDefinition& definition, DefinitionReadContext& context) {
  if (const auto* questions = fields.Array("questions", true, kMaxQuestions)) {
    for (std::size_t question_idx = 0; question_idx < questions->size(); ++question_idx) {
      auto question = ReadQuestion((*questions)[question_idx],
                                   IndexPath("questions", question_idx), context);
      if (question) definition.questions.push_back(std::move(*question));
    }
  }
  if (const auto* screens = fields.Array("thank_you", false, kMaxThankYouScreens)) {
    for (std::size_t screen_idx = 0; screen_idx < screens->size(); ++screen_idx) {
      auto screen =
          ReadThankYouScreen((*screens)[screen_idx], IndexPath("thank_you", screen_idx), context);
      if (screen) definition.thank_you.push_back(std::move(*screen));
    }
  }
}

}  // namespace

core::Result<SurveyDefinition> ParseSurveyDefinition(const boost::json::value& json) {
  if (!json.is_object()) {
    return core::Error::Field("", "type", "A survey definition is a JSON object, not " +
                                              std::string(JsonKindName(json)));
  }
  std::vector<core::FieldError> errors;
  JsonFields fields(json.get_object(), "", errors);
  std::vector<std::string_view> allowed{"name", "default_language", "languages", "title",
                                        "description", "questions", "hidden_fields", "thank_you",
                                        "settings", "invitation"};
  allowed.insert(allowed.end(), std::begin(kEnvelopeKeys), std::end(kEnvelopeKeys));
  fields.RejectUnknown(allowed);

  SurveyDefinition definition;
  definition.name = fields.String("name", true, kMaxNameLength).value_or("");
  const bool languages_given = fields.Get("languages") != nullptr;
  definition.languages = ReadStringList(fields, "languages", kMaxLanguages, 20);
  ReadDefaultLanguage(fields, definition);
  DefinitionReadContext context{errors, definition.default_language};
  definition.title = ReadLocalizedMember(fields, "title", true, context);
  definition.description = ReadLocalizedMember(fields, "description", false, context);
  ReadItems(fields, definition, context);
  definition.hidden_fields = ReadStringList(fields, "hidden_fields", kMaxHiddenFields, 40);
  definition.settings = ReadSettings(fields, context);
  definition.invitation = ReadInvitation(fields, context);
  SettleLanguages(fields, definition, languages_given);
  if (!errors.empty()) {
    return core::Error::InvalidArgument("The survey definition is not valid", std::move(errors));
  }
  AssignAllMissingIds(definition);
  auto rule_errors = ValidateSurveyDefinition(definition);
  if (!rule_errors.empty()) {
    return core::Error::InvalidArgument("The survey definition is not valid",
                                        std::move(rule_errors));
  }
  return definition;
}

core::Result<SurveyDefinition> ParseSurveyDefinitionText(std::string_view json_text) {
  if (json_text.size() > kMaxDefinitionBytes) {
    return core::Error::TooLarge("A survey definition is at most 1 MiB of JSON");
  }
  boost::system::error_code error;
  boost::json::value json = boost::json::parse(json_text, error);
  if (error) {
    return core::Error::InvalidArgument("The survey definition is not valid JSON: " +
                                        error.message())
        .WithType("malformed-json");
  }
  return ParseSurveyDefinition(json);
}

}  // namespace voxloop::collect
