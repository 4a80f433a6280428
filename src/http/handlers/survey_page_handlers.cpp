// The hosted survey page, one question per step, working without JavaScript:
//   GET  /s/{survey}   the first step; a personal link (?t=) is noted as opened and, once
//                      answered, shows "already answered"; a one-click answer from an e-mail
//                      (?t=…&q=<question>&v=<value>) is recorded and the next step shown
//   POST /s/{survey}   one step's form: the answer is checked, saved into the session's
//                      partial response, and the next step (or the errors, 422) shown; the
//                      last step completes the response and shows the thank-you screen
// Closed, paused and not-started surveys show the unavailable page (410 / 403). Anti-abuse
// as on the public JSON API: rate limits per client IP and survey and per survey for every
// request that writes, a honeypot field (a filled one gets the thank-you page and nothing is
// stored), a small form body. See survey_page_request.hpp for the session and CSRF choice.
#include <boost/json.hpp>

#include "collect/language.hpp"
#include "collect/page_render.hpp"
#include "collect/step_flow.hpp"
#include "collect/survey_logic.hpp"
#include "collect/survey_responses.hpp"
#include "collect/surveys.hpp"
#include "http/async.hpp"
#include "http/handlers/handlers.hpp"
#include "http/handlers/survey_page_request.hpp"
#include "http/response.hpp"
#include "http/services.hpp"
#include "store/database.hpp"

namespace voxloop::http::handlers {
namespace {

constexpr std::size_t kMaxFormBytes = 64 * 1024;
constexpr std::string_view kAnswerFieldPrefix = "answers.";

// One page view: the survey, what its URL says, the language and the session.
struct PageState {
  collect::Survey survey;
  SurveyPageRequest request;
  std::string language;
  std::string session;
  bool session_saved = false;  // the session's partial response exists

  const collect::SurveyDefinition& definition() const { return *survey.definition; }
  collect::PageContext Context() const {
    return SurveyPageContext(request, language, session, session_saved);
  }
};

PageState StartPage(const RequestContext& context, collect::Survey survey,
                    std::string_view url_language) {
  PageState state{std::move(survey), {}, {}, NewSurveySessionToken()};
  const collect::SurveyDefinition& definition = state.definition();
  state.request = ReadSurveyPageRequest(context, state.survey.row.id, definition);
  state.language = collect::ResolveLanguage(url_language, context.Header("Accept-Language"),
                                            definition.languages, definition.default_language);
  return state;
}

core::Status CheckPageRateLimits(RequestContext& context, core::Id survey_id) {
  const std::string survey = core::IdToString(survey_id);
  if (!context.services.public_ip_limiter.Allow(context.client_ip + "|" + survey) ||
      !context.services.public_survey_limiter.Allow(survey)) {
    return core::Error::RateLimited("Too many requests; try again in a minute");
  }
  return core::Ok();
}

boost::json::object ParseStoredObject(const std::string& json) {
  boost::system::error_code error;
  boost::json::value value = boost::json::parse(json, error);
  if (error || !value.is_object()) return {};
  return std::move(value.as_object());
}

Response Unavailable(const RequestContext& context, const PageState& state,
                     collect::UnavailableReason reason, Status status) {
  return SurveyHtml(context, status,
                    collect::RenderUnavailablePage(state.definition(), state.Context(), reason));
}

Response StepPage(const RequestContext& context, const PageState& state,
                  const collect::AnswerSet& answers, std::string_view question_id,
                  const std::vector<core::FieldError>& errors,
                  const std::vector<std::string>& submitted_values) {
  return SurveyHtml(context, errors.empty() ? Status::ok : Status::unprocessable_entity,
                    collect::RenderStepPage(state.definition(), state.Context(), answers,
                                            question_id, errors, submitted_values));
}

Response ThankYouPage(const RequestContext& context, const PageState& state,
                      std::string_view thank_you_id) {
  return SurveyHtml(context, Status::ok,
                    collect::RenderThankYouPage(state.definition(), state.Context(), thank_you_id));
}

collect::ResponseSubmission ToSubmission(const RequestContext& context, const PageState& state,
                                         const collect::AnswerSet& answers) {
  collect::ResponseSubmission submission;
  submission.survey_id = state.survey.row.id;
  submission.answers = answers.answers;
  submission.hidden = answers.hidden;
  submission.language = state.language;
  submission.accept_language = std::string(context.Header("Accept-Language"));
  submission.channel = state.request.channel;
  submission.invitation_token = state.request.invitation_token;
  submission.session_token = state.session;
  submission.client_address = context.client_ip;
  return submission;
}

// What the respondent sees when the store refused the answers: a conflict means the link or
// session was already answered (or the survey just closed); answers the final check rejects
// show their question again.
Response StoreRefused(const RequestContext& context, const PageState& state,
                      const collect::AnswerSet& answers, const core::Error& error) {
  if (error.code == core::ErrorCode::kConflict) {
    return Unavailable(context, state, collect::UnavailableReason::kAlreadyAnswered,
                       Status::conflict);
  }
  if (error.code == core::ErrorCode::kInvalidArgument && !error.fields.empty() &&
      error.fields.front().field.starts_with(kAnswerFieldPrefix)) {
    const std::string question = error.fields.front().field.substr(kAnswerFieldPrefix.size());
    std::vector<core::FieldError> errors;
    for (const auto& field : error.fields) {
      if (field.field == error.fields.front().field) errors.push_back(field);
    }
    if (state.definition().FindQuestion(question) != nullptr) {
      return StepPage(context, state, answers, question, errors, {});
    }
  }
  return ErrorResponse(context, error);
}

// Applies one step to the answers so far: saves the partial response and shows the next
// step, or completes the response and shows the thank-you screen.
boost::asio::awaitable<Response> ApplyStep(RequestContext& context, PageState& state,
                                           const collect::AnswerSet& so_far,
                                           const collect::StepSubmission& submission) {
  collect::StepOutcome outcome = collect::SubmitStep(state.definition(), so_far, submission);
  const collect::AnswerSet answers{std::move(outcome.answers), so_far.hidden};
  const collect::ResponseSubmission stored = ToSubmission(context, state, answers);
  collect::SurveyResponses& responses = context.services.survey_responses;
  if (!outcome.finished) {
    if (outcome.errors.empty()) {
      auto saved = co_await Offload(context.services.blocking_pool,
                                    [&] { return responses.SavePartial(stored); });
      if (!saved) co_return StoreRefused(context, state, answers, saved.error());
      state.session_saved = true;
    }
    co_return StepPage(context, state, answers, outcome.question_id, outcome.errors,
                       outcome.submitted_values);
  }
  auto prepared = co_await Offload(context.services.blocking_pool,
                                   [&] { return responses.PrepareSubmit(stored); });
  if (!prepared) co_return StoreRefused(context, state, answers, prepared.error());
  const core::Status written =
      co_await AwaitWrite(context.services.database.writer(), (*prepared)->job);
  if (!written) co_return StoreRefused(context, state, answers, written.error());
  co_return ThankYouPage(context, state, (*prepared)->result.thank_you_id);
}

}  // namespace

Reply SurveyPage(RequestContext& context) {
  auto id = SurveyPathId(context);
  if (!id) co_return ErrorResponse(context, id.error());
  auto survey = co_await Offload(context.services.blocking_pool,
                                 [&] { return context.services.surveys.GetPublic(*id); });
  if (!survey) co_return ErrorResponse(context, survey.error());
  PageState state = StartPage(context, std::move(*survey), context.Query("lang"));
  if (auto closed = SurveyUnavailable(state.survey)) {
    co_return Unavailable(context, state, closed->reason, closed->status);
  }
  const std::string& token = state.request.invitation_token;
  const bool one_click = !context.Query("q").empty();
  if (!token.empty() || one_click) {
    if (auto allowed = CheckPageRateLimits(context, *id); !allowed) {
      co_return ErrorResponse(context, allowed.error());
    }
  }
  collect::SurveyResponses& responses = context.services.survey_responses;
  if (!token.empty()) {
    auto answered = co_await Offload(context.services.blocking_pool, [&]() -> core::Result<bool> {
      VOXLOOP_TRY(responses.NoteInvitationOpened(*id, token));
      return responses.InvitationAnswered(*id, token);
    });
    if (!answered) co_return ErrorResponse(context, answered.error());
    if (*answered) {
      co_return Unavailable(context, state, collect::UnavailableReason::kAlreadyAnswered,
                            Status::conflict);
    }
  }
  const collect::AnswerSet fresh{{}, state.request.hidden};
  if (one_click) {
    collect::StepSubmission submission;
    submission.session = state.session;
    submission.step = std::string(context.Query("q"));
    submission.language = state.language;
    submission.values = {std::string(context.Query("v"))};
    co_return co_await ApplyStep(context, state, fresh, submission);
  }
  const auto first = collect::FirstQuestion(state.definition(), fresh);
  if (!first) co_return ThankYouPage(context, state, "");
  co_return StepPage(context, state, fresh, *first, {}, {});
}

Reply SubmitSurveyPage(RequestContext& context) {
  auto id = SurveyPathId(context);
  if (!id) co_return ErrorResponse(context, id.error());
  if (auto allowed = CheckPageRateLimits(context, *id); !allowed) {
    co_return ErrorResponse(context, allowed.error());
  }
  if (context.request.body().size() > kMaxFormBytes) {
    co_return ErrorResponse(context, core::Error::TooLarge("A survey step is at most 64 KiB"));
  }
  auto survey = co_await Offload(context.services.blocking_pool,
                                 [&] { return context.services.surveys.GetPublic(*id); });
  if (!survey) co_return ErrorResponse(context, survey.error());
  collect::StepSubmission submission =
      collect::ReadStepForm(collect::DecodeFormBody(context.request.body()), kSurveyHoneypotField);
  PageState state = StartPage(context, std::move(*survey),
                              submission.language.empty() ? context.Query("lang")
                                                          : std::string_view(submission.language));
  if (auto closed = SurveyUnavailable(state.survey)) {
    co_return Unavailable(context, state, closed->reason, closed->status);
  }
  if (submission.honeypot_filled) co_return ThankYouPage(context, state, "");
  if (IsSurveySessionToken(submission.session)) state.session = submission.session;
  auto existing = co_await Offload(context.services.blocking_pool, [&] {
    return context.services.survey_responses.FindSession(state.session);
  });
  if (!existing) co_return ErrorResponse(context, existing.error());
  collect::AnswerSet so_far{{}, state.request.hidden};
  if (*existing && (*existing)->survey_id != *id) {
    state.session = NewSurveySessionToken();  // another survey's session: start afresh
  } else if (*existing) {
    so_far = {ParseStoredObject((*existing)->answers_json),
              ParseStoredObject((*existing)->hidden_json)};
    if ((*existing)->status == "completed") {  // sent again (Back after the end, a reload)
      const collect::ThankYouScreen* screen = collect::SelectThankYou(state.definition(), so_far);
      co_return ThankYouPage(context, state, screen != nullptr ? screen->id : "");
    }
    state.session_saved = true;
  }
  submission.session = state.session;
  co_return co_await ApplyStep(context, state, so_far, submission);
}

}  // namespace voxloop::http::handlers
