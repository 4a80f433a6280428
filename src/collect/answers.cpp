// ValidateAnswers and the readers of normalised answers.
#include <algorithm>

#include "collect/answers.hpp"
#include "collect/json_fields.hpp"
#include "core/text.hpp"

namespace voxloop::collect {
namespace {

constexpr std::size_t kMaxHiddenValueLength = 500;

// Normalises every answer in `given`, collecting errors; unknown question ids are errors.
boost::json::object NormalizeAll(const SurveyDefinition& definition,
                                 const boost::json::object& given,
                                 std::vector<core::FieldError>& errors) {
  boost::json::object normalized;
  for (const auto& [question_id, raw] : given) {
    const Question* question = definition.FindQuestion(question_id);
    if (question == nullptr) {
      AddFieldError(errors, AnswerField(question_id), "unknown", "No such question");
      continue;
    }
    auto answer = NormalizeAnswer(*question, raw);
    if (!answer) {
      for (auto& field : answer.error().fields) {
        AddFieldError(errors, std::move(field.field), std::move(field.code),
                      std::move(field.message));
      }
      continue;
    }
    normalized[question_id] = std::move(*answer);
  }
  return normalized;
}

// Keeps only the non-null answers of questions on the path, in definition order.
boost::json::object KeepShown(const SurveyDefinition& definition, const AnswerSet& answers) {
  const auto path = QuestionPath(definition, answers);
  boost::json::object kept;
  for (const auto& question : definition.questions) {
    if (std::find(path.begin(), path.end(), question.id) == path.end()) continue;
    const auto* answer = answers.answers.if_contains(question.id);
    if (answer != nullptr && !answer->is_null()) kept[question.id] = *answer;
  }
  return kept;
}

}  // namespace

core::Result<boost::json::object> ValidateAnswers(const SurveyDefinition& definition,
                                                  const boost::json::value& answers,
                                                  AnswerCheck check,
                                                  const boost::json::object& hidden) {
  if (!answers.is_object()) {
    return core::Error::Field("answers", "type",
                              "Expected an object of answers by question id, got " +
                                  std::string(JsonKindName(answers)));
  }
  if (answers.get_object().size() > definition.questions.size() + kMaxFieldErrors) {
    return core::Error::Field("answers", "too_many", "More answers than questions");
  }
  std::vector<core::FieldError> errors;
  AnswerSet normalized{NormalizeAll(definition, answers.get_object(), errors), hidden};
  if (errors.empty() && check == AnswerCheck::kComplete) {
    normalized.answers = KeepShown(definition, normalized);
    for (const auto& question_id : MissingRequired(definition, normalized)) {
      const bool consent = definition.FindQuestion(question_id)->type == QuestionType::kConsent &&
                           normalized.answers.contains(question_id);
      AddFieldError(errors, AnswerField(question_id), consent ? "consent_required" : "required",
                    consent ? "Consent is required" : "This question is required");
    }
  }
  if (!errors.empty()) {
    return core::Error::InvalidArgument("Some answers are not valid", std::move(errors));
  }
  return std::move(normalized.answers);
}

core::Result<boost::json::object> ValidateHiddenValues(const SurveyDefinition& definition,
                                                       const boost::json::value& hidden) {
  boost::json::object values;
  if (hidden.is_null()) return values;
  if (!hidden.is_object()) return core::Error::Field("hidden", "type", "Expected an object");
  std::vector<core::FieldError> errors;
  for (const auto& [name, raw] : hidden.get_object()) {
    const auto& names = definition.hidden_fields;
    if (std::find(names.begin(), names.end(), name) == names.end()) continue;
    std::string text;
    if (raw.is_string()) {
      text = raw.get_string();
    } else if (raw.is_number() || raw.is_bool()) {
      text = boost::json::serialize(raw);
    } else if (!raw.is_null()) {
      AddFieldError(errors, "hidden." + std::string(name), "type", "Expected text");
      continue;
    }
    if (!core::IsValidUtf8(text) || core::Utf8Length(text) > kMaxHiddenValueLength) {
      AddFieldError(errors, "hidden." + std::string(name), "too_long",
                    "At most 500 characters of UTF-8 text");
      continue;
    }
    if (!text.empty()) values[name] = std::move(text);
  }
  if (!errors.empty()) {
    return core::Error::InvalidArgument("Some hidden fields are not valid", std::move(errors));
  }
  return values;
}

std::vector<FreeTextAnswer> FreeTextAnswers(const SurveyDefinition& definition,
                                            const boost::json::object& answers) {
  std::vector<FreeTextAnswer> texts;
  for (const auto& question : definition.questions) {
    const bool free_text = question.type == QuestionType::kLongText ||
                           (question.type == QuestionType::kShortText &&
                            question.format == TextFormat::kPlain);
    if (!free_text) continue;
    const auto* answer = answers.if_contains(question.id);
    if (answer != nullptr && answer->is_string() && !answer->get_string().empty()) {
      texts.push_back({question.id, std::string(answer->get_string())});
    }
  }
  return texts;
}

std::vector<ScoreAnswer> ScoreAnswers(const SurveyDefinition& definition,
                                      const boost::json::object& answers) {
  std::vector<ScoreAnswer> scores;
  for (const auto& question : definition.questions) {
    if (!IsScoreType(question.type)) continue;
    const auto* answer = answers.if_contains(question.id);
    const auto value = answer == nullptr ? std::nullopt : JsonInteger(*answer);
    if (!value || *value < question.ScaleMin() || *value > question.ScaleMax()) continue;
    scores.push_back({question.id, question.type, static_cast<int>(*value), question.ScaleMin(),
                      question.ScaleMax()});
  }
  return scores;
}

}  // namespace voxloop::collect
