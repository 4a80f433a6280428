// The JSON form of logic conditions, read and written:
//   {"question": "q1", "op": "lte", "value": 6}       an answer compared with a value
//   {"hidden": "plan", "op": "eq", "value": "pro"}    a hidden field compared with a value
//   {"all": [ … ]}, {"any": [ … ]}, {"not": { … }}    combinations, nested at most 8 deep
// Reading checks the shape only; whether the subject exists and the value suits it is for
// ValidateSurveyDefinition. Pure functions; thread-safe.
#pragma once

#include <boost/json.hpp>

#include <optional>
#include <string>

#include "collect/definition_reader.hpp"
#include "collect/survey_definition.hpp"

namespace voxloop::collect {

std::optional<Condition> ReadCondition(const boost::json::value& json, const std::string& path,
                                       DefinitionReadContext& context, int depth = 1);

boost::json::value ConditionToJson(const Condition& condition);

}  // namespace voxloop::collect
