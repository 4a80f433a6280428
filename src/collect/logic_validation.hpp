// Rules for survey logic, part of ValidateSurveyDefinition: conditions may only look at
// answers that exist when they are evaluated (show_if: earlier questions; jumps: this or
// earlier ones; thank-you screens: any), compare them with values their question can have,
// and jumps only go forward — so no survey can loop. Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "collect/survey_definition.hpp"
#include "core/error.hpp"

namespace voxloop::collect {

// Which answers a condition may use: questions at index <= `last_index`. `own_index` is the
// question the condition belongs to (-1 for thank-you screens), for clearer messages.
struct ConditionScope {
  int own_index = -1;
  int last_index = -1;
  bool for_show_if = false;
};

void ValidateCondition(const SurveyDefinition& definition, const Condition& condition,
                       const std::string& path, const ConditionScope& scope,
                       std::vector<core::FieldError>& errors);

// The jumps of question `question_idx`: conditions in scope, targets later or "end", and no
// rule after an unconditional one (it could never apply).
void ValidateJumps(const SurveyDefinition& definition, std::size_t question_idx,
                   std::vector<core::FieldError>& errors);

}  // namespace voxloop::collect
