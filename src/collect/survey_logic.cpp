#include "collect/survey_logic.hpp"

#include <algorithm>

namespace voxloop::collect {
namespace {

bool IsEmptyAnswer(const boost::json::value& value) {
  if (value.is_null()) return true;
  if (value.is_string()) return value.get_string().empty();
  if (value.is_array()) return value.get_array().empty();
  return false;
}

bool SameValue(const boost::json::value& left, const boost::json::value& right) {
  if (left.is_number() && right.is_number()) {
    return left.to_number<double>() == right.to_number<double>();
  }
  return left == right;
}

bool IsOneOf(const boost::json::value& answer, const boost::json::value& candidates) {
  if (!candidates.is_array()) return false;
  const auto& array = candidates.get_array();
  return std::any_of(array.begin(), array.end(),
                     [&](const auto& candidate) { return SameValue(answer, candidate); });
}

bool Includes(const boost::json::value& answer, const boost::json::value& option) {
  return answer.is_array() && IsOneOf(option, answer);
}

// Orders two numbers; false when either is not a number.
bool Compare(const boost::json::value& answer, const boost::json::value& operand, ConditionOp op) {
  if (!answer.is_number() || !operand.is_number()) return false;
  const double left = answer.to_number<double>();
  const double right = operand.to_number<double>();
  switch (op) {
    case ConditionOp::kLt: return left < right;
    case ConditionOp::kLte: return left <= right;
    case ConditionOp::kGt: return left > right;
    case ConditionOp::kGte: return left >= right;
    default: return false;
  }
}

bool EvaluateComparison(const Condition& condition, const AnswerSet& answers) {
  const boost::json::object& source =
      condition.question_id.empty() ? answers.hidden : answers.answers;
  const std::string& key =
      condition.question_id.empty() ? condition.hidden_field : condition.question_id;
  const boost::json::value* answer = source.if_contains(key);
  const bool answered = answer != nullptr && !IsEmptyAnswer(*answer);
  switch (condition.op) {
    case ConditionOp::kAnswered: return answered;
    case ConditionOp::kNotAnswered: return !answered;
    default: break;
  }
  if (!answered) return false;
  switch (condition.op) {
    case ConditionOp::kEq: return SameValue(*answer, condition.value);
    case ConditionOp::kNeq: return !SameValue(*answer, condition.value);
    case ConditionOp::kIn: return IsOneOf(*answer, condition.value);
    case ConditionOp::kNotIn: return !IsOneOf(*answer, condition.value);
    case ConditionOp::kIncludes: return Includes(*answer, condition.value);
    case ConditionOp::kExcludes: return !Includes(*answer, condition.value);
    default: return Compare(*answer, condition.value, condition.op);
  }
}

std::optional<std::string> FirstShownFrom(const SurveyDefinition& definition,
                                          const AnswerSet& answers, std::size_t start) {
  for (std::size_t question_idx = start; question_idx < definition.questions.size();
       ++question_idx) {
    const Question& question = definition.questions[question_idx];
    if (IsShown(question, answers)) return question.id;
  }
  return std::nullopt;
}

}  // namespace

bool EvaluateCondition(const Condition& condition, const AnswerSet& answers) {
  switch (condition.kind) {
    case Condition::Kind::kAll:
      return std::all_of(condition.children.begin(), condition.children.end(),
                         [&](const Condition& child) { return EvaluateCondition(child, answers); });
    case Condition::Kind::kAny:
      return std::any_of(condition.children.begin(), condition.children.end(),
                         [&](const Condition& child) { return EvaluateCondition(child, answers); });
    case Condition::Kind::kNot:
      return condition.children.size() == 1 &&
             !EvaluateCondition(condition.children.front(), answers);
    case Condition::Kind::kCompare:
      break;
  }
  return EvaluateComparison(condition, answers);
}

bool IsShown(const Question& question, const AnswerSet& answers) {
  return !question.show_if || EvaluateCondition(*question.show_if, answers);
}

bool IsAnswered(const AnswerSet& answers, std::string_view question_id) {
  const auto* answer = answers.answers.if_contains(question_id);
  return answer != nullptr && !IsEmptyAnswer(*answer);
}

std::optional<std::string> FirstQuestion(const SurveyDefinition& definition,
                                         const AnswerSet& answers) {
  return FirstShownFrom(definition, answers, 0);
}

std::optional<std::string> NextQuestion(const SurveyDefinition& definition,
                                        const AnswerSet& answers, std::string_view question_id) {
  const int index = definition.QuestionIndex(question_id);
  if (index < 0) return std::nullopt;
  const Question& question = definition.questions[static_cast<std::size_t>(index)];
  std::size_t start = static_cast<std::size_t>(index) + 1;
  for (const JumpRule& jump : question.jumps) {
    if (jump.when && !EvaluateCondition(*jump.when, answers)) continue;
    if (jump.to == kEndTarget) return std::nullopt;
    const int target = definition.QuestionIndex(jump.to);
    // A backward or unknown target can only come from an unvalidated definition: ignore it
    // rather than loop.
    if (target > index) start = static_cast<std::size_t>(target);
    break;
  }
  return FirstShownFrom(definition, answers, start);
}

std::vector<std::string> QuestionPath(const SurveyDefinition& definition,
                                      const AnswerSet& answers) {
  std::vector<std::string> path;
  auto current = FirstQuestion(definition, answers);
  while (current && path.size() < definition.questions.size()) {
    path.push_back(*current);
    current = NextQuestion(definition, answers, *current);
  }
  return path;
}

std::optional<std::string> PreviousQuestion(const SurveyDefinition& definition,
                                            const AnswerSet& answers,
                                            std::string_view question_id) {
  const auto path = QuestionPath(definition, answers);
  const auto position = std::find(path.begin(), path.end(), question_id);
  if (position == path.end() || position == path.begin()) return std::nullopt;
  return *(position - 1);
}

std::optional<std::string> ResumeQuestion(const SurveyDefinition& definition,
                                          const AnswerSet& answers) {
  for (const auto& question_id : QuestionPath(definition, answers)) {
    if (!answers.answers.contains(question_id)) return question_id;
  }
  return std::nullopt;
}

std::vector<std::string> MissingRequired(const SurveyDefinition& definition,
                                         const AnswerSet& answers) {
  std::vector<std::string> missing;
  for (const auto& question_id : QuestionPath(definition, answers)) {
    const Question& question = *definition.FindQuestion(question_id);
    if (!question.required) continue;
    const auto* answer = answers.answers.if_contains(question_id);
    const bool given = question.type == QuestionType::kConsent
                           ? answer != nullptr && answer->is_bool() && answer->get_bool()
                           : IsAnswered(answers, question_id);
    if (!given) missing.push_back(question_id);
  }
  return missing;
}

const ThankYouScreen* SelectThankYou(const SurveyDefinition& definition,
                                     const AnswerSet& answers) {
  for (const auto& screen : definition.thank_you) {
    if (!screen.when || EvaluateCondition(*screen.when, answers)) return &screen;
  }
  return nullptr;
}

StepProgress ProgressOf(const SurveyDefinition& definition, const AnswerSet& answers,
                        std::string_view question_id) {
  const auto path = QuestionPath(definition, answers);
  const auto position = std::find(path.begin(), path.end(), question_id);
  StepProgress progress;
  progress.total = std::max<int>(1, static_cast<int>(path.size()));
  if (position != path.end()) progress.number = static_cast<int>(position - path.begin()) + 1;
  return progress;
}

}  // namespace voxloop::collect
