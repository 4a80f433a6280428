// The view model of one question for page/question.mustache: localized texts, the inputs with
// their ids, names and checked state, the error message, and the ids that tie help and error
// texts to the inputs (aria-describedby). Pure functions; thread-safe.
#pragma once

#include <boost/json.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "collect/survey_definition.hpp"
#include "core/error.hpp"

namespace voxloop::collect {

struct QuestionViewInput {
  const Question& question;
  std::string_view language;
  std::string_view default_language;
  const boost::json::value* answer = nullptr;        // the stored answer, if any
  const std::vector<std::string>* submitted = nullptr;  // raw values sent with an error
  const core::FieldError* error = nullptr;
};

boost::json::object QuestionView(const QuestionViewInput& input);

// The respondent-facing message for an answer error code, in `language`.
std::string AnswerErrorMessage(const Question& question, std::string_view code,
                               std::string_view language);

}  // namespace voxloop::collect
