#include "collect/step_flow.hpp"

#include <algorithm>

#include "collect/answers.hpp"

namespace voxloop::collect {
namespace {

constexpr std::size_t kMaxFormPairs = 1000;

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string DecodeComponent(std::string_view text) {
  std::string decoded;
  decoded.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    const char c = text[pos];
    if (c == '+') {
      decoded += ' ';
    } else if (c == '%' && pos + 2 < text.size() && HexValue(text[pos + 1]) >= 0 &&
               HexValue(text[pos + 2]) >= 0) {
      decoded += static_cast<char>(HexValue(text[pos + 1]) * 16 + HexValue(text[pos + 2]));
      pos += 2;
    } else {
      decoded += c;
    }
  }
  return decoded;
}

bool IsOnPath(const SurveyDefinition& definition, const AnswerSet& answers,
              std::string_view question_id) {
  const auto path = QuestionPath(definition, answers);
  return std::find(path.begin(), path.end(), question_id) != path.end();
}

StepOutcome ShowQuestion(std::string question_id, boost::json::object answers) {
  StepOutcome outcome;
  outcome.question_id = std::move(question_id);
  outcome.answers = std::move(answers);
  return outcome;
}

// Where to go when the form's step is not one the respondent should be at.
StepOutcome Resume(const SurveyDefinition& definition, const AnswerSet& so_far) {
  auto resume = ResumeQuestion(definition, so_far);
  if (!resume) resume = FirstQuestion(definition, so_far);
  if (!resume) {
    StepOutcome outcome;
    outcome.finished = true;
    outcome.answers = so_far.answers;
    return outcome;
  }
  return ShowQuestion(*resume, so_far.answers);
}

StepOutcome GoBack(const SurveyDefinition& definition, const AnswerSet& so_far,
                   const Question& question, const StepSubmission& submission) {
  AnswerSet answers = so_far;
  if (auto answer = AnswerFromForm(question, submission.values); answer.ok()) {
    answers.answers[question.id] = std::move(*answer);
  }
  auto previous = PreviousQuestion(definition, answers, question.id);
  return ShowQuestion(previous.value_or(question.id), std::move(answers.answers));
}

StepOutcome Finish(const SurveyDefinition& definition, AnswerSet answers) {
  const auto missing = MissingRequired(definition, answers);
  if (!missing.empty()) return ShowQuestion(missing.front(), std::move(answers.answers));
  StepOutcome outcome;
  outcome.finished = true;
  if (const ThankYouScreen* screen = SelectThankYou(definition, answers)) {
    outcome.thank_you_id = screen->id;
  }
  outcome.answers = std::move(answers.answers);
  return outcome;
}

}  // namespace

std::string AnswerFieldName(std::string_view question_id) {
  return "a." + std::string(question_id);
}

FormFields DecodeFormBody(std::string_view body) {
  FormFields fields;
  std::size_t start = 0;
  while (start < body.size() && fields.size() < kMaxFormPairs) {
    const std::size_t end = std::min(body.find('&', start), body.size());
    const std::string_view pair = body.substr(start, end - start);
    start = end + 1;
    if (pair.empty()) continue;
    const std::size_t equals = pair.find('=');
    fields.emplace_back(DecodeComponent(pair.substr(0, equals)),
                        equals == std::string_view::npos ? std::string()
                                                         : DecodeComponent(pair.substr(equals + 1)));
  }
  return fields;
}

StepSubmission ReadStepForm(const FormFields& fields, std::string_view honeypot_field) {
  StepSubmission submission;
  for (const auto& [name, value] : fields) {
    if (name == kStepField) submission.step = value;
  }
  const std::string answer_name = AnswerFieldName(submission.step);
  for (const auto& [name, value] : fields) {
    if (name == kSessionField) submission.session = value;
    else if (name == kCsrfField) submission.csrf = value;
    else if (name == kLanguageField) submission.language = value;
    else if (name == kNavigationField && value == "back") submission.navigation = StepNavigation::kBack;
    else if (!honeypot_field.empty() && name == honeypot_field && !value.empty()) {
      submission.honeypot_filled = true;
    } else if (!submission.step.empty() && name == answer_name) {
      submission.values.push_back(value);
    }
  }
  return submission;
}

StepOutcome SubmitStep(const SurveyDefinition& definition, const AnswerSet& so_far,
                       const StepSubmission& submission) {
  const Question* question = definition.FindQuestion(submission.step);
  if (question == nullptr || !IsOnPath(definition, so_far, submission.step)) {
    return Resume(definition, so_far);
  }
  if (submission.navigation == StepNavigation::kBack) {
    return GoBack(definition, so_far, *question, submission);
  }
  auto answer = AnswerFromForm(*question, submission.values);
  AnswerSet answers = so_far;
  if (answer.ok()) {
    const bool consent_refused = question->type == QuestionType::kConsent && answer->is_bool() &&
                                 !answer->get_bool();
    if (question->required && (answer->is_null() || consent_refused)) {
      answer = core::Error::Field(AnswerField(question->id),
                                  consent_refused ? "consent_required" : "required",
                                  "This question is required");
    }
  }
  if (!answer.ok()) {
    StepOutcome outcome = ShowQuestion(question->id, so_far.answers);
    outcome.errors = answer.error().fields;
    outcome.submitted_values = submission.values;
    return outcome;
  }
  answers.answers[question->id] = std::move(*answer);
  if (auto next = NextQuestion(definition, answers, question->id)) {
    return ShowQuestion(*next, std::move(answers.answers));
  }
  return Finish(definition, std::move(answers));
}

}  // namespace voxloop::collect
