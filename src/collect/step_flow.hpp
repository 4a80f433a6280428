// The hosted page's flow without JavaScript: one question per step, each step an HTML form
// POSTed back; the server reads the form, checks the answer, evaluates the logic and shows
// the next step or the thank-you page. The HTTP layer keeps the answers so far (the partial
// response) and the current step between requests; this file is the pure part:
//
//   auto fields = DecodeFormBody(request.body());
//   StepSubmission submission = ReadStepForm(fields, honeypot_field);
//   if (submission.honeypot_filled) → render the thank-you page, store nothing
//   StepOutcome outcome = SubmitStep(definition, partial_answers, submission);
//   store outcome.answers (partial), then
//   outcome.finished ? complete the response + RenderThankYouPage
//                    : RenderStepPage(…, outcome.question_id, outcome.errors, …)
//
// A one-click answer from an e-mail (/s/{id}?t=…&q=<question>&v=<value>) is the submission
// {step = q, values = {v}, navigation = kNext}. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "collect/survey_definition.hpp"
#include "collect/survey_logic.hpp"
#include "core/error.hpp"

namespace voxloop::collect {

// Names of the form's own fields; answers are "a.<question id>".
inline constexpr std::string_view kSessionField = "_session";
inline constexpr std::string_view kCsrfField = "_csrf";
inline constexpr std::string_view kStepField = "_step";
inline constexpr std::string_view kNavigationField = "_nav";
inline constexpr std::string_view kLanguageField = "_lang";
std::string AnswerFieldName(std::string_view question_id);

using FormFields = std::vector<std::pair<std::string, std::string>>;

// application/x-www-form-urlencoded -> name/value pairs in order ('+' is a space). Malformed
// percent escapes are kept literally; never fails. At most 1000 pairs are read.
FormFields DecodeFormBody(std::string_view body);

enum class StepNavigation { kNext, kBack };

struct StepSubmission {
  std::string session;
  std::string csrf;
  std::string step;                 // the question id the form showed
  std::string language;
  StepNavigation navigation = StepNavigation::kNext;
  std::vector<std::string> values;  // the values of "a.<step>"
  bool honeypot_filled = false;     // a bot filled the invisible field
};

StepSubmission ReadStepForm(const FormFields& fields, std::string_view honeypot_field);

struct StepOutcome {
  bool finished = false;
  std::string question_id;                // !finished: the step to show
  boost::json::object answers;            // the answers after this step; store them
  std::vector<core::FieldError> errors;   // problems with the submitted answer ("answers.<id>")
  std::vector<std::string> submitted_values;  // to show again with the errors
  std::string thank_you_id;               // finished: chosen screen; "" = built-in
};

// Applies one step. Going back shows the previous question (keeping what was typed only if it
// is valid). Going on checks the answer (an empty optional answer is recorded as skipped,
// null), then follows the logic. A step the respondent's way does not pass through (stale or
// tampered form) shows where they should resume. At the end, a required question still
// unanswered on the way is shown instead of finishing.
StepOutcome SubmitStep(const SurveyDefinition& definition, const AnswerSet& so_far,
                       const StepSubmission& submission);

}  // namespace voxloop::collect
