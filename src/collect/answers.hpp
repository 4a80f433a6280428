// Answers: checking and normalising what respondents send, and reading a response's answers
// the way the rest of Voxloop needs them (free texts become feedback items; scores feed the
// metrics).
//
// Normalised answers, by question type:
//   nps, csat, ces, rating  integer on the question's scale      7
//   single_choice           option id                            "price"
//   multiple_choice         option ids in definition order       ["speed", "price"]
//   short_text, long_text   trimmed UTF-8 text                   "Giao hàng nhanh"
//   yes_no, consent         boolean                              true
// Inputs may also be strings ("7", "yes", from forms and links) and a lone option id for
// multiple choice. An empty answer (null, "", []) means "not answered". Errors name the
// field "answers.<question id>" with a code the page maps to a localized message:
// required, type, out_of_range, unknown_option, too_few, too_many, too_long, invalid_email,
// invalid_phone, consent_required, unknown (no such question). Pure functions; thread-safe.
#pragma once

#include <boost/json.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "collect/survey_definition.hpp"
#include "collect/survey_logic.hpp"
#include "core/result.hpp"

namespace voxloop::collect {

// The field name of a question's answer in errors: "answers.<question id>".
std::string AnswerField(std::string_view question_id);

// One answer, normalised; null when it is empty. Errors: kInvalidArgument naming the answer.
core::Result<boost::json::value> NormalizeAnswer(const Question& question,
                                                 const boost::json::value& raw);

// One answer from the values of an HTML form field (several for checkboxes). An unticked
// consent box sends nothing and means false.
core::Result<boost::json::value> AnswerFromForm(const Question& question,
                                                const std::vector<std::string>& values);

enum class AnswerCheck {
  kPartial,   // a response in progress: any subset of valid answers (nulls kept as "skipped")
  kComplete,  // a finished response: every required question on the path answered; answers
              // to questions the logic hides are dropped, and so are nulls
};

// Checks and normalises a JSON object of answers (question id -> value), collecting every
// problem. `hidden` (already checked) takes part in the logic. Errors: kInvalidArgument with
// one field error per bad answer.
core::Result<boost::json::object> ValidateAnswers(const SurveyDefinition& definition,
                                                  const boost::json::value& answers,
                                                  AnswerCheck check,
                                                  const boost::json::object& hidden = {});

// Keeps the hidden fields the survey declares, as strings of at most 500 characters
// (numbers and booleans are turned into text). Errors name "hidden.<name>".
core::Result<boost::json::object> ValidateHiddenValues(const SurveyDefinition& definition,
                                                       const boost::json::value& hidden);

// A free-text answer: each becomes a FeedbackItem linked to the response. E-mail and phone
// answers are contact details, not feedback, and are left out.
struct FreeTextAnswer {
  std::string question_id;
  std::string text;
};
std::vector<FreeTextAnswer> FreeTextAnswers(const SurveyDefinition& definition,
                                            const boost::json::object& answers);

// A score answer: feeds NPS (0–10), CSAT (1–5), CES (1–7) and rating metrics.
struct ScoreAnswer {
  std::string question_id;
  QuestionType type = QuestionType::kNps;
  int value = 0;
  int min = 0;
  int max = 0;
};
std::vector<ScoreAnswer> ScoreAnswers(const SurveyDefinition& definition,
                                      const boost::json::object& answers);

}  // namespace voxloop::collect
