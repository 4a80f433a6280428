// ValidateSurveyDefinition: every rule of a definition except the JSON shape. Logic rules
// (conditions, jumps) live in logic_validation.cpp.
#include <boost/url/parse.hpp>

#include <algorithm>
#include <set>

#include "collect/json_fields.hpp"
#include "collect/language.hpp"
#include "collect/logic_validation.hpp"
#include "collect/survey_json.hpp"
#include "core/text.hpp"

namespace voxloop::collect {
namespace {

bool IsIdChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

// Ids travel in form field names, URLs and CSV headers: short, ASCII, no punctuation but _-.
bool IsValidId(std::string_view id) {
  return !id.empty() && id.size() <= kMaxIdLength && id != kEndTarget && id.front() != '-' &&
         id.front() != '_' && std::all_of(id.begin(), id.end(), IsIdChar);
}

bool IsValidHiddenName(std::string_view name) {
  return !name.empty() && name.size() <= kMaxIdLength && name.front() >= 'a' &&
         name.front() <= 'z' &&
         std::all_of(name.begin(), name.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
         });
}

class Validator {
 public:
  Validator(const SurveyDefinition& definition, std::vector<core::FieldError>& errors)
      : definition_(definition), errors_(errors) {}

  void Run() {
    CheckLanguages();
    CheckText(definition_.title, "title", true);
    CheckText(definition_.description, "description", false);
    CheckText(definition_.invitation.subject, "invitation.subject", false);
    CheckText(definition_.invitation.intro, "invitation.intro", false);
    CheckText(definition_.invitation.reminder_subject, "invitation.reminder_subject", false);
    CheckHiddenFields();
    if (definition_.questions.empty()) Fail("questions", "required", "Add at least one question");
    std::set<std::string, std::less<>> ids;
    for (std::size_t question_idx = 0; question_idx < definition_.questions.size(); ++question_idx) {
      CheckQuestion(question_idx, ids);
    }
    CheckThankYouScreens();
    CheckSettings();
  }

 private:
  void Fail(std::string field, std::string code, std::string message) {
    AddFieldError(errors_, std::move(field), std::move(code), std::move(message));
  }

  void CheckLanguages() {
    const auto& languages = definition_.languages;
    if (languages.empty() || languages.size() > kMaxLanguages) {
      Fail("languages", "invalid", "Give 1 to " + std::to_string(kMaxLanguages) + " languages");
    }
    std::set<std::string_view> seen;
    for (std::size_t language_idx = 0; language_idx < languages.size(); ++language_idx) {
      const auto& language = languages[language_idx];
      if (CanonicalLanguageTag(language) != language) {
        Fail(IndexPath("languages", language_idx), "invalid", "Not a canonical language tag");
      } else if (!seen.insert(language).second) {
        Fail(IndexPath("languages", language_idx), "duplicate", language + " is listed twice");
      }
    }
    if (!definition_.HasLanguage(definition_.default_language)) {
      Fail("default_language", "invalid",
           "The default language " + definition_.default_language + " is not in languages");
    }
  }

  // Texts only in the survey's languages; when `required`, one in the default language.
  void CheckText(const LocalizedText& text, const std::string& path, bool required) {
    for (const auto& [language, value] : text.by_language) {
      if (!definition_.HasLanguage(language)) {
        Fail(JoinPath(path, language), "unknown_language",
             language + " is not one of the survey's languages");
      }
    }
    if (required && !text.Has(definition_.default_language)) {
      Fail(JoinPath(path, definition_.default_language), "required",
           "Give this text in the default language (" + definition_.default_language + ")");
    }
  }

  void CheckId(std::string_view id, const std::string& path,
               std::set<std::string, std::less<>>& seen) {
    if (!IsValidId(id)) {
      Fail(JoinPath(path, "id"), "invalid",
           "Use 1–40 letters, digits, _ or - (not starting with _ or -, not \"end\")");
    } else if (!seen.insert(std::string(id)).second) {
      Fail(JoinPath(path, "id"), "duplicate", "The id \"" + std::string(id) + "\" is used twice");
    }
  }

  void CheckHiddenFields() {
    std::set<std::string_view> seen;
    const auto& names = definition_.hidden_fields;
    if (names.size() > kMaxHiddenFields) Fail("hidden_fields", "too_many", "Too many hidden fields");
    for (std::size_t name_idx = 0; name_idx < names.size(); ++name_idx) {
      if (!IsValidHiddenName(names[name_idx])) {
        Fail(IndexPath("hidden_fields", name_idx), "invalid",
             "Use 1–40 lower-case letters, digits or _, starting with a letter");
      } else if (!seen.insert(names[name_idx]).second) {
        Fail(IndexPath("hidden_fields", name_idx), "duplicate", "Listed twice");
      }
    }
  }

  void CheckOptions(const Question& question, const std::string& path) {
    const std::size_t minimum = question.type == QuestionType::kSingleChoice ? 2 : 1;
    if (question.options.size() < minimum || question.options.size() > kMaxOptions) {
      Fail(JoinPath(path, "options"), "required",
           "Give " + std::to_string(minimum) + " to " + std::to_string(kMaxOptions) + " options");
    }
    std::set<std::string, std::less<>> option_ids;
    for (std::size_t option_idx = 0; option_idx < question.options.size(); ++option_idx) {
      const std::string option_path = IndexPath(JoinPath(path, "options"), option_idx);
      CheckId(question.options[option_idx].id, option_path, option_ids);
      CheckText(question.options[option_idx].label, JoinPath(option_path, "label"), true);
    }
    if (question.type != QuestionType::kMultipleChoice) return;
    const int count = static_cast<int>(question.options.size());
    if (question.min_choices < 0 || question.min_choices > count) {
      Fail(JoinPath(path, "min"), "out_of_range", "Must be between 0 and the number of options");
    }
    if (question.max_choices < 0 || question.max_choices > count) {
      Fail(JoinPath(path, "max"), "out_of_range", "Must be between 0 and the number of options");
    } else if (question.max_choices > 0 && question.max_choices < question.min_choices) {
      Fail(JoinPath(path, "max"), "out_of_range", "Must not be below min");
    }
  }

  void CheckTypeSpecific(const Question& question, const std::string& path) {
    switch (question.type) {
      case QuestionType::kRating:
        if (question.scale < 3 || question.scale > 10) {
          Fail(JoinPath(path, "scale"), "out_of_range", "A rating scale has 3 to 10 points");
        }
        break;
      case QuestionType::kSingleChoice:
      case QuestionType::kMultipleChoice:
        CheckOptions(question, path);
        break;
      case QuestionType::kShortText:
      case QuestionType::kLongText: {
        const int limit = question.type == QuestionType::kShortText ? 2000 : 20000;
        if (question.max_length < 0 || question.max_length > limit) {
          Fail(JoinPath(path, "max_length"), "out_of_range",
               "Must be between 1 and " + std::to_string(limit));
        }
        CheckText(question.placeholder, JoinPath(path, "placeholder"), false);
        break;
      }
      default:
        break;
    }
    if (IsScoreType(question.type)) {
      CheckText(question.low_label, JoinPath(path, "labels.low"), false);
      CheckText(question.high_label, JoinPath(path, "labels.high"), false);
    }
  }

  void CheckQuestion(std::size_t question_idx, std::set<std::string, std::less<>>& ids) {
    const Question& question = definition_.questions[question_idx];
    const std::string path = IndexPath("questions", question_idx);
    CheckId(question.id, path, ids);
    CheckText(question.text, JoinPath(path, "text"), true);
    CheckText(question.help, JoinPath(path, "help"), false);
    CheckTypeSpecific(question, path);
    if (question.show_if) {
      const ConditionScope scope{static_cast<int>(question_idx), static_cast<int>(question_idx) - 1,
                                 true};
      ValidateCondition(definition_, *question.show_if, JoinPath(path, "show_if"), scope, errors_);
    }
    if (question.jumps.size() > kMaxJumpsPerQuestion) {
      Fail(JoinPath(path, "jumps"), "too_many", "Too many jumps");
    }
    ValidateJumps(definition_, question_idx, errors_);
  }

  void CheckThankYouScreens() {
    const auto& screens = definition_.thank_you;
    if (screens.size() > kMaxThankYouScreens) Fail("thank_you", "too_many", "Too many screens");
    std::set<std::string, std::less<>> ids;
    const ConditionScope scope{-1, static_cast<int>(definition_.questions.size()) - 1, false};
    std::optional<std::size_t> default_idx;
    for (std::size_t screen_idx = 0; screen_idx < screens.size(); ++screen_idx) {
      const ThankYouScreen& screen = screens[screen_idx];
      const std::string path = IndexPath("thank_you", screen_idx);
      CheckId(screen.id, path, ids);
      CheckText(screen.title, JoinPath(path, "title"), true);
      CheckText(screen.message, JoinPath(path, "message"), false);
      if (default_idx) {
        Fail(path, "unreachable",
             "thank_you[" + std::to_string(*default_idx) +
                 "] has no condition and comes first, so this screen is never shown");
      }
      if (screen.when) {
        ValidateCondition(definition_, *screen.when, JoinPath(path, "when"), scope, errors_);
      } else if (!default_idx) {
        default_idx = screen_idx;
      }
      if (screen.link) CheckLink(*screen.link, JoinPath(path, "link"));
    }
  }

  void CheckLink(const ThankYouLink& link, const std::string& path) {
    const auto url = boost::urls::parse_absolute_uri(link.url);
    const bool web = url && (url->scheme() == "https" || url->scheme() == "http") &&
                     !url->encoded_host().empty();
    if (!web) Fail(JoinPath(path, "url"), "invalid", "Give an absolute http(s) URL");
    CheckText(link.label, JoinPath(path, "label"), true);
  }

  void CheckSettings() {
    const auto& settings = definition_.settings;
    if (settings.starts_at && settings.ends_at && *settings.ends_at <= *settings.starts_at) {
      Fail("settings.ends_at", "out_of_range", "Must be after starts_at");
    }
    if (settings.response_limit && *settings.response_limit < 1) {
      Fail("settings.response_limit", "out_of_range", "Must be at least 1");
    }
  }

  const SurveyDefinition& definition_;
  std::vector<core::FieldError>& errors_;
};

}  // namespace

std::vector<core::FieldError> ValidateSurveyDefinition(const SurveyDefinition& definition) {
  std::vector<core::FieldError> errors;
  if (definition.name.empty()) AddFieldError(errors, "name", "required", "Give the survey a name");
  if (core::Utf8Length(definition.name) > 200) {
    AddFieldError(errors, "name", "too_long", "At most 200 characters");
  }
  if (definition.questions.size() > kMaxQuestions) {
    AddFieldError(errors, "questions", "too_many",
                  "At most " + std::to_string(kMaxQuestions) + " questions");
    return errors;
  }
  Validator(definition, errors).Run();
  return errors;
}

namespace {

void CheckTranslated(const SurveyDefinition& definition, const LocalizedText& text,
                     const std::string& path, std::vector<core::FieldError>& gaps) {
  if (text.empty()) return;
  for (const auto& language : definition.languages) {
    if (!text.Has(language)) {
      AddFieldError(gaps, JoinPath(path, language), "missing_translation",
                    "No " + language + " text; respondents see the default language");
    }
  }
}

}  // namespace

std::vector<core::FieldError> MissingTranslations(const SurveyDefinition& definition) {
  std::vector<core::FieldError> gaps;
  CheckTranslated(definition, definition.title, "title", gaps);
  CheckTranslated(definition, definition.description, "description", gaps);
  for (std::size_t question_idx = 0; question_idx < definition.questions.size(); ++question_idx) {
    const Question& question = definition.questions[question_idx];
    const std::string path = IndexPath("questions", question_idx);
    CheckTranslated(definition, question.text, JoinPath(path, "text"), gaps);
    CheckTranslated(definition, question.help, JoinPath(path, "help"), gaps);
    CheckTranslated(definition, question.placeholder, JoinPath(path, "placeholder"), gaps);
    CheckTranslated(definition, question.low_label, JoinPath(path, "labels.low"), gaps);
    CheckTranslated(definition, question.high_label, JoinPath(path, "labels.high"), gaps);
    for (std::size_t option_idx = 0; option_idx < question.options.size(); ++option_idx) {
      CheckTranslated(definition, question.options[option_idx].label,
                      JoinPath(IndexPath(JoinPath(path, "options"), option_idx), "label"), gaps);
    }
  }
  for (std::size_t screen_idx = 0; screen_idx < definition.thank_you.size(); ++screen_idx) {
    const ThankYouScreen& screen = definition.thank_you[screen_idx];
    const std::string path = IndexPath("thank_you", screen_idx);
    CheckTranslated(definition, screen.title, JoinPath(path, "title"), gaps);
    CheckTranslated(definition, screen.message, JoinPath(path, "message"), gaps);
    if (screen.link) CheckTranslated(definition, screen.link->label, JoinPath(path, "link.label"), gaps);
  }
  CheckTranslated(definition, definition.invitation.subject, "invitation.subject", gaps);
  CheckTranslated(definition, definition.invitation.intro, "invitation.intro", gaps);
  return gaps;
}

}  // namespace voxloop::collect
