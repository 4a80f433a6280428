// Survey logic, evaluated on the answers so far: which question comes next (jumps, then
// show_if), whether the survey ends, which questions the respondent's way passes through,
// which thank-you screen to show and which required answers are still missing.
//
// Questions are asked one per step. After a question, its first jump whose condition holds
// decides where to go (a later question or the end); otherwise the next question in order.
// Questions whose show_if does not hold are passed over. Conditions on a question without an
// answer are false (except not_answered). Because a valid definition only jumps forward,
// every walk ends after at most one visit per question; the functions also stay finite on
// definitions that were never validated. Pure functions; thread-safe.
#pragma once

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "collect/survey_definition.hpp"

namespace voxloop::collect {

// What a respondent has given so far.
struct AnswerSet {
  boost::json::object answers;  // question id -> normalised answer; null = seen and skipped
  boost::json::object hidden;   // hidden field name -> string value
};

bool EvaluateCondition(const Condition& condition, const AnswerSet& answers);

// True when `question` has no show_if or its show_if holds.
bool IsShown(const Question& question, const AnswerSet& answers);

// True when the answer to `question_id` is present and not empty (false counts as given).
bool IsAnswered(const AnswerSet& answers, std::string_view question_id);

// The first question shown; nullopt when none is (the survey ends at once).
std::optional<std::string> FirstQuestion(const SurveyDefinition& definition,
                                         const AnswerSet& answers);

// The question after `question_id`; nullopt when the survey ends there (an end jump, or no
// later question is shown). Unknown `question_id`: nullopt.
std::optional<std::string> NextQuestion(const SurveyDefinition& definition,
                                        const AnswerSet& answers, std::string_view question_id);

// The respondent's way from the first question to the end as the answers stand: every
// question that will be or was shown, in order (unanswered ones included).
std::vector<std::string> QuestionPath(const SurveyDefinition& definition, const AnswerSet& answers);

// The question before `question_id` on the path; nullopt for the first or one off the path.
std::optional<std::string> PreviousQuestion(const SurveyDefinition& definition,
                                            const AnswerSet& answers, std::string_view question_id);

// Where to resume: the first question on the path the respondent has not passed (no key in
// `answers`); nullopt when every question on the path has been passed.
std::optional<std::string> ResumeQuestion(const SurveyDefinition& definition,
                                          const AnswerSet& answers);

// Required questions on the path without an answer (and required consents not given).
std::vector<std::string> MissingRequired(const SurveyDefinition& definition,
                                         const AnswerSet& answers);

// The thank-you screen for these answers: the first whose condition holds; nullptr when the
// survey has none that applies (show the built-in one).
const ThankYouScreen* SelectThankYou(const SurveyDefinition& definition, const AnswerSet& answers);

// 1-based position of `question_id` on the path and the path's length, for "Question 2 of 5".
struct StepProgress {
  int number = 1;
  int total = 1;
};
StepProgress ProgressOf(const SurveyDefinition& definition, const AnswerSet& answers,
                        std::string_view question_id);

}  // namespace voxloop::collect
