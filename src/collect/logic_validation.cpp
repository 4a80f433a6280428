#include "collect/logic_validation.hpp"

#include <algorithm>

#include "collect/json_fields.hpp"

namespace voxloop::collect {
namespace {

using Op = ConditionOp;

bool IsOrdering(Op op) { return op == Op::kLt || op == Op::kLte || op == Op::kGt || op == Op::kGte; }
bool IsEquality(Op op) { return op == Op::kEq || op == Op::kNeq; }
bool IsMembership(Op op) { return op == Op::kIn || op == Op::kNotIn; }
bool IsInclusion(Op op) { return op == Op::kIncludes || op == Op::kExcludes; }
bool IsPresence(Op op) { return op == Op::kAnswered || op == Op::kNotAnswered; }

// Checks one operand (or each element of an array operand) with `accepts`.
template <typename Accepts>
bool OperandFits(const boost::json::value& value, bool expect_array, Accepts accepts) {
  if (!expect_array) return accepts(value);
  if (!value.is_array() || value.get_array().empty() || value.get_array().size() > 100) {
    return false;
  }
  const auto& items = value.get_array();
  return std::all_of(items.begin(), items.end(), accepts);
}

void CheckScoreOperand(const Question& question, const Condition& condition,
                       const std::string& path, std::vector<core::FieldError>& errors) {
  const bool fits = OperandFits(condition.value, IsMembership(condition.op), [&](const auto& item) {
    const auto number = JsonInteger(item);
    return number && *number >= question.ScaleMin() && *number <= question.ScaleMax();
  });
  if (!fits) {
    const std::string range =
        std::to_string(question.ScaleMin()) + "–" + std::to_string(question.ScaleMax());
    AddFieldError(errors, JoinPath(path, "value"), "invalid",
                  IsMembership(condition.op) ? "Give a list of whole numbers " + range
                                             : "Give a whole number " + range);
  }
}

void CheckOptionOperand(const Question& question, const Condition& condition,
                        const std::string& path, std::vector<core::FieldError>& errors) {
  const bool fits = OperandFits(condition.value, IsMembership(condition.op), [&](const auto& item) {
    return item.is_string() && question.FindOption(item.get_string()) != nullptr;
  });
  if (!fits) {
    AddFieldError(errors, JoinPath(path, "value"), "unknown",
                  "Use the id of an option of " + question.id +
                      (IsMembership(condition.op) ? " (a list of them)" : ""));
  }
}

// Whether `op` can be applied to answers of `question`, and its operand is one they can have.
void CheckQuestionOperand(const Question& question, const Condition& condition,
                          const std::string& path, std::vector<core::FieldError>& errors) {
  const Op op = condition.op;
  if (IsPresence(op)) return;
  bool op_fits = false;
  switch (question.type) {
    case QuestionType::kNps:
    case QuestionType::kCsat:
    case QuestionType::kCes:
    case QuestionType::kRating:
      op_fits = IsOrdering(op) || IsEquality(op) || IsMembership(op);
      if (op_fits) CheckScoreOperand(question, condition, path, errors);
      break;
    case QuestionType::kSingleChoice:
      op_fits = IsEquality(op) || IsMembership(op);
      if (op_fits) CheckOptionOperand(question, condition, path, errors);
      break;
    case QuestionType::kMultipleChoice:
      op_fits = IsInclusion(op);
      if (op_fits) CheckOptionOperand(question, condition, path, errors);
      break;
    case QuestionType::kYesNo:
    case QuestionType::kConsent:
      op_fits = IsEquality(op);
      if (op_fits && !condition.value.is_bool()) {
        AddFieldError(errors, JoinPath(path, "value"), "type", "Give true or false");
      }
      break;
    case QuestionType::kShortText:
    case QuestionType::kLongText:
      break;
  }
  if (!op_fits) {
    AddFieldError(errors, JoinPath(path, "op"), "invalid",
                  "\"" + std::string(ConditionOpName(op)) + "\" does not apply to " +
                      std::string(QuestionTypeName(question.type)) + " question " + question.id);
  }
}

void CheckHiddenCondition(const SurveyDefinition& definition, const Condition& condition,
                          const std::string& path, std::vector<core::FieldError>& errors) {
  const auto& names = definition.hidden_fields;
  if (std::find(names.begin(), names.end(), condition.hidden_field) == names.end()) {
    AddFieldError(errors, JoinPath(path, "hidden"), "unknown",
                  "No hidden field \"" + condition.hidden_field + "\" in hidden_fields");
    return;
  }
  const Op op = condition.op;
  if (IsPresence(op)) return;
  if (!IsEquality(op) && !IsMembership(op)) {
    AddFieldError(errors, JoinPath(path, "op"), "invalid",
                  "Hidden fields take eq, neq, in, not_in, answered or not_answered");
    return;
  }
  const bool fits = OperandFits(condition.value, IsMembership(op),
                                [](const auto& item) { return item.is_string(); });
  if (!fits) {
    AddFieldError(errors, JoinPath(path, "value"), "type",
                  IsMembership(op) ? "Give a list of strings" : "Give a string");
  }
}

void CheckReferenceOrder(const SurveyDefinition& definition, int referenced_index,
                         const std::string& path, const ConditionScope& scope,
                         std::vector<core::FieldError>& errors) {
  if (referenced_index <= scope.last_index) return;
  const std::string& own_id = definition.questions[static_cast<std::size_t>(scope.own_index)].id;
  const std::string& other_id = definition.questions[static_cast<std::size_t>(referenced_index)].id;
  if (scope.for_show_if && referenced_index == scope.own_index) {
    AddFieldError(errors, JoinPath(path, "question"), "self_reference",
                  "Whether " + own_id + " is shown cannot depend on its own answer");
  } else {
    AddFieldError(errors, JoinPath(path, "question"), "later_question",
                  other_id + " comes after " + own_id +
                      (scope.for_show_if ? "; show_if may only use answers to earlier questions"
                                         : "; a jump may only use answers up to its question"));
  }
}

}  // namespace

void ValidateCondition(const SurveyDefinition& definition, const Condition& condition,
                       const std::string& path, const ConditionScope& scope,
                       std::vector<core::FieldError>& errors) {
  switch (condition.kind) {
    case Condition::Kind::kAll:
    case Condition::Kind::kAny: {
      const std::string key = condition.kind == Condition::Kind::kAll ? "all" : "any";
      if (condition.children.empty()) {
        AddFieldError(errors, JoinPath(path, key), "required", "Give at least one condition");
      }
      for (std::size_t child_idx = 0; child_idx < condition.children.size(); ++child_idx) {
        ValidateCondition(definition, condition.children[child_idx],
                          IndexPath(JoinPath(path, key), child_idx), scope, errors);
      }
      return;
    }
    case Condition::Kind::kNot:
      if (condition.children.size() != 1) {
        AddFieldError(errors, JoinPath(path, "not"), "invalid", "\"not\" takes one condition");
        return;
      }
      ValidateCondition(definition, condition.children.front(), JoinPath(path, "not"), scope,
                        errors);
      return;
    case Condition::Kind::kCompare:
      break;
  }
  if (condition.question_id.empty() == condition.hidden_field.empty()) {
    AddFieldError(errors, path, "invalid", "Name exactly one of \"question\" or \"hidden\"");
    return;
  }
  if (!condition.hidden_field.empty()) {
    CheckHiddenCondition(definition, condition, path, errors);
    return;
  }
  const int referenced_index = definition.QuestionIndex(condition.question_id);
  if (referenced_index < 0) {
    AddFieldError(errors, JoinPath(path, "question"), "unknown",
                  "No question with id \"" + condition.question_id + "\"");
    return;
  }
  CheckReferenceOrder(definition, referenced_index, path, scope, errors);
  CheckQuestionOperand(definition.questions[static_cast<std::size_t>(referenced_index)], condition,
                       path, errors);
}

void ValidateJumps(const SurveyDefinition& definition, std::size_t question_idx,
                   std::vector<core::FieldError>& errors) {
  const Question& question = definition.questions[question_idx];
  const std::string base = JoinPath(IndexPath("questions", question_idx), "jumps");
  const ConditionScope scope{static_cast<int>(question_idx), static_cast<int>(question_idx), false};
  bool seen_unconditional = false;
  for (std::size_t jump_idx = 0; jump_idx < question.jumps.size(); ++jump_idx) {
    const JumpRule& jump = question.jumps[jump_idx];
    const std::string path = IndexPath(base, jump_idx);
    if (seen_unconditional) {
      AddFieldError(errors, path, "unreachable",
                    "An earlier jump of " + question.id + " has no condition, so this one never applies");
    }
    seen_unconditional = seen_unconditional || !jump.when.has_value();
    if (jump.when) ValidateCondition(definition, *jump.when, JoinPath(path, "if"), scope, errors);
    if (jump.to == kEndTarget) continue;
    const int target_index = definition.QuestionIndex(jump.to);
    if (target_index < 0) {
      AddFieldError(errors, JoinPath(path, "to"), "unknown",
                    "No question with id \"" + jump.to + "\"; use a later question id or \"end\"");
    } else if (target_index <= static_cast<int>(question_idx)) {
      AddFieldError(errors, JoinPath(path, "to"), "loop",
                    "Jumps go forward only: jumping from " + question.id +
                        (target_index == static_cast<int>(question_idx) ? " to itself"
                                                                        : " back to " + jump.to) +
                        " would make a loop");
    }
  }
}

}  // namespace voxloop::collect
