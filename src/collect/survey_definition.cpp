#include "collect/survey_definition.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace voxloop::collect {
namespace {

constexpr std::array<std::pair<QuestionType, std::string_view>, 10> kQuestionTypeNames{{
    {QuestionType::kNps, "nps"},
    {QuestionType::kCsat, "csat"},
    {QuestionType::kCes, "ces"},
    {QuestionType::kRating, "rating"},
    {QuestionType::kSingleChoice, "single_choice"},
    {QuestionType::kMultipleChoice, "multiple_choice"},
    {QuestionType::kShortText, "short_text"},
    {QuestionType::kLongText, "long_text"},
    {QuestionType::kYesNo, "yes_no"},
    {QuestionType::kConsent, "consent"},
}};

constexpr std::array<std::pair<ConditionOp, std::string_view>, 12> kConditionOpNames{{
    {ConditionOp::kEq, "eq"},
    {ConditionOp::kNeq, "neq"},
    {ConditionOp::kLt, "lt"},
    {ConditionOp::kLte, "lte"},
    {ConditionOp::kGt, "gt"},
    {ConditionOp::kGte, "gte"},
    {ConditionOp::kIn, "in"},
    {ConditionOp::kNotIn, "not_in"},
    {ConditionOp::kIncludes, "includes"},
    {ConditionOp::kExcludes, "excludes"},
    {ConditionOp::kAnswered, "answered"},
    {ConditionOp::kNotAnswered, "not_answered"},
}};

constexpr int kDefaultShortTextLength = 500;
constexpr int kDefaultLongTextLength = 5000;

}  // namespace

std::string_view QuestionTypeName(QuestionType type) {
  for (const auto& [value, name] : kQuestionTypeNames) {
    if (value == type) return name;
  }
  return "short_text";
}

std::optional<QuestionType> ParseQuestionType(std::string_view name) {
  for (const auto& [value, type_name] : kQuestionTypeNames) {
    if (type_name == name) return value;
  }
  return std::nullopt;
}

bool IsScoreType(QuestionType type) {
  return type == QuestionType::kNps || type == QuestionType::kCsat ||
         type == QuestionType::kCes || type == QuestionType::kRating;
}

std::string_view ConditionOpName(ConditionOp op) {
  for (const auto& [value, name] : kConditionOpNames) {
    if (value == op) return name;
  }
  return "answered";
}

std::optional<ConditionOp> ParseConditionOp(std::string_view name) {
  for (const auto& [value, op_name] : kConditionOpNames) {
    if (op_name == name) return value;
  }
  return std::nullopt;
}

std::string_view LocalizedText::Get(std::string_view language,
                                    std::string_view fallback_language) const {
  if (auto found = by_language.find(language); found != by_language.end()) return found->second;
  if (auto found = by_language.find(fallback_language); found != by_language.end()) {
    return found->second;
  }
  return {};
}

bool LocalizedText::Has(std::string_view language) const {
  auto found = by_language.find(language);
  return found != by_language.end() && !found->second.empty();
}

int Question::ScaleMin() const { return type == QuestionType::kNps ? 0 : 1; }

int Question::ScaleMax() const {
  switch (type) {
    case QuestionType::kNps: return 10;
    case QuestionType::kCsat: return 5;
    case QuestionType::kCes: return 7;
    case QuestionType::kRating: return scale;
    default: return 0;
  }
}

int Question::MaxTextLength() const {
  if (max_length > 0) return max_length;
  return type == QuestionType::kLongText ? kDefaultLongTextLength : kDefaultShortTextLength;
}

const ChoiceOption* Question::FindOption(std::string_view option_id) const {
  for (const auto& option : options) {
    if (option.id == option_id) return &option;
  }
  return nullptr;
}

const Question* SurveyDefinition::FindQuestion(std::string_view question_id) const {
  const int index = QuestionIndex(question_id);
  return index < 0 ? nullptr : &questions[static_cast<std::size_t>(index)];
}

int SurveyDefinition::QuestionIndex(std::string_view question_id) const {
  for (std::size_t question_idx = 0; question_idx < questions.size(); ++question_idx) {
    if (questions[question_idx].id == question_id) return static_cast<int>(question_idx);
  }
  return -1;
}

bool SurveyDefinition::HasLanguage(std::string_view language) const {
  return std::find(languages.begin(), languages.end(), language) != languages.end();
}

}  // namespace voxloop::collect
