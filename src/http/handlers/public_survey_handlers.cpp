// The public survey API, for respondents' browsers (the widget on a business's own site, the
// hosted page's script) — no credentials, CORS open to any origin without cookies:
//   GET  /api/v1/public/surveys/{id}?language=      the survey in one language
//   POST /api/v1/public/surveys/{id}/responses      a completed response
//   POST /api/v1/public/surveys/{id}/partial        answers so far of a hosted-page session
// Anti-abuse: rate limits per client IP and survey and per survey (429), a honeypot field
// ("website": bots fill it; they get a normal-looking answer and nothing is stored), the
// duplicate guard of collect::SurveyResponses, and a small body limit.
#include <boost/json.hpp>

#include "collect/language.hpp"
#include "collect/survey_json.hpp"
#include "collect/survey_responses.hpp"
#include "collect/surveys.hpp"
#include "http/async.hpp"
#include "http/handlers/feedback_input.hpp"
#include "http/handlers/handlers.hpp"
#include "http/json_reader.hpp"
#include "http/response.hpp"
#include "http/services.hpp"
#include "store/database.hpp"

namespace voxloop::http::handlers {
namespace {

constexpr std::size_t kMaxPublicBodyBytes = 256 * 1024;
constexpr std::string_view kHoneypotField = "website";

void AllowAnyOrigin(Response& response) {
  response.set(beast_http::field::access_control_allow_origin, "*");
  response.set(beast_http::field::access_control_allow_methods, "GET, POST, OPTIONS");
  response.set(beast_http::field::access_control_allow_headers, "Content-Type, Accept-Language");
  response.set(beast_http::field::access_control_max_age, "86400");
  response.set(beast_http::field::vary, "Accept-Language");
}

Response PublicJson(const RequestContext& context, Status status, const boost::json::value& body) {
  Response response = JsonResponse(context, status, body);
  AllowAnyOrigin(response);
  return response;
}

Response PublicError(const RequestContext& context, const core::Error& error) {
  Response response = ErrorResponse(context, error);
  AllowAnyOrigin(response);
  return response;
}

core::Result<core::Id> PublicSurveyId(const RequestContext& context) {
  const auto id = core::ParseId(context.Param("id"));
  if (!id) return core::Error::NotFound("No such survey");
  return *id;
}

// Both limits must allow the request.
core::Status CheckRateLimits(RequestContext& context, core::Id survey_id) {
  const std::string survey = core::IdToString(survey_id);
  if (!context.services.public_ip_limiter.Allow(context.client_ip + "|" + survey) ||
      !context.services.public_survey_limiter.Allow(survey)) {
    return core::Error::RateLimited("Too many requests; try again in a minute");
  }
  return core::Ok();
}

// The fields both POST bodies share, into a submission; problems go to `validation`.
collect::ResponseSubmission ReadSubmission(RequestContext& context, core::Id survey_id,
                                           FieldReader& reader) {
  collect::ResponseSubmission submission;
  submission.survey_id = survey_id;
  if (const auto* answers = reader.Object("answers", Presence::kRequired)) {
    submission.answers = *answers;
  }
  if (const auto* hidden = reader.Object("hidden", Presence::kOptional)) submission.hidden = *hidden;
  submission.language = reader.String("language", Presence::kOptional, 35).value_or("");
  submission.accept_language = std::string(context.Header("Accept-Language"));
  submission.channel = reader.String("channel", Presence::kOptional, 20).value_or("widget");
  submission.invitation_token = reader.String("invitation", Presence::kOptional, 100).value_or("");
  submission.session_token = reader.String("session", Presence::kOptional, 100).value_or("");
  if (const auto* customer = reader.Object("customer", Presence::kOptional)) {
    FieldReader nested = reader.Nested(*customer, "customer");
    submission.customer = ReadCustomerInput(nested, /*require_key=*/true);
  }
  submission.client_address = context.client_ip;
  return submission;
}

// Parses a public POST body: size, JSON object, honeypot. `honeypot` is set when a bot
// filled the invisible field.
core::Result<boost::json::object> ReadPublicBody(const RequestContext& context, bool& honeypot) {
  if (context.request.body().size() > kMaxPublicBodyBytes) {
    return core::Error::TooLarge("A survey response is at most 256 KiB");
  }
  VOXLOOP_ASSIGN_OR_RETURN(auto body, ParseJsonObjectBody(context.request.body()));
  honeypot = false;
  if (const auto* trap = body.if_contains(kHoneypotField)) {
    honeypot = !(trap->is_null() || (trap->is_string() && trap->as_string().empty()));
    body.erase(kHoneypotField);
  }
  return body;
}

}  // namespace

Reply PublicSurveyPreflight(RequestContext& context) {
  Response response = EmptyResponse(context, Status::no_content);
  AllowAnyOrigin(response);
  co_return response;
}

Reply GetPublicSurvey(RequestContext& context) {
  auto id = PublicSurveyId(context);
  if (!id) co_return PublicError(context, id.error());
  auto survey = co_await Offload(context.services.blocking_pool,
                                 [&] { return context.services.surveys.GetPublic(*id); });
  if (!survey) co_return PublicError(context, survey.error());
  const collect::SurveyDefinition& definition = *survey->definition;
  if (auto open = collect::CheckAcceptsResponses(survey->status(), definition.settings,
                                                 core::NowMs(), survey->row.response_count);
      !open) {
    co_return PublicError(context, open.error());
  }
  const std::string language = collect::ResolveLanguage(
      context.Query("language"), context.Header("Accept-Language"), definition.languages,
      definition.default_language);
  co_return PublicJson(context, Status::ok,
                       collect::PublicSurveyJson(definition, core::IdToString(*id), language));
}

Reply SubmitPublicResponse(RequestContext& context) {
  auto id = PublicSurveyId(context);
  if (!id) co_return PublicError(context, id.error());
  if (auto allowed = CheckRateLimits(context, *id); !allowed) {
    co_return PublicError(context, allowed.error());
  }
  bool honeypot = false;
  auto body = ReadPublicBody(context, honeypot);
  if (!body) co_return PublicError(context, body.error());
  Validation validation;
  FieldReader reader = validation.Reader(*body);
  reader.RejectUnknown({"answers", "hidden", "language", "channel", "invitation", "session", "customer"});
  collect::ResponseSubmission submission = ReadSubmission(context, *id, reader);
  if (!validation.ok()) co_return PublicError(context, validation.ToError("The response is invalid"));
  if (honeypot) {
    co_return PublicJson(context, Status::created,
                         boost::json::object{{"id", core::IdToString(core::NewId())},
                                             {"status", "completed"}});
  }
  // Checks and analysis on the pool; the write awaits the group commit without holding a
  // thread, so many responses share one commit.
  auto prepared = co_await Offload(context.services.blocking_pool, [&] {
    return context.services.survey_responses.PrepareSubmit(submission);
  });
  if (!prepared) co_return PublicError(context, prepared.error());
  const core::Status written =
      co_await AwaitWrite(context.services.database.writer(), (*prepared)->job);
  if (!written) co_return PublicError(context, written.error());
  const collect::SubmittedResponse* stored = &(*prepared)->result;
  co_return PublicJson(context, stored->duplicate ? Status::ok : Status::created,
                       boost::json::object{{"id", core::IdToString(stored->response.id)},
                                           {"status", stored->response.status},
                                           {"language", stored->response.language},
                                           {"thank_you", stored->thank_you_id},
                                           {"duplicate", stored->duplicate}});
}

Reply SavePublicPartialResponse(RequestContext& context) {
  auto id = PublicSurveyId(context);
  if (!id) co_return PublicError(context, id.error());
  if (auto allowed = CheckRateLimits(context, *id); !allowed) {
    co_return PublicError(context, allowed.error());
  }
  bool honeypot = false;
  auto body = ReadPublicBody(context, honeypot);
  if (!body) co_return PublicError(context, body.error());
  Validation validation;
  FieldReader reader = validation.Reader(*body);
  reader.RejectUnknown({"answers", "hidden", "language", "channel", "invitation", "session", "step"});
  collect::ResponseSubmission submission = ReadSubmission(context, *id, reader);
  reader.String("step", Presence::kOptional, 40);
  if (submission.session_token.empty()) reader.AddError("session", "required", "This field is required");
  if (!validation.ok()) co_return PublicError(context, validation.ToError("The answers are invalid"));
  if (honeypot) co_return PublicJson(context, Status::ok, boost::json::object{{"status", "partial"}});
  auto saved = co_await Offload(context.services.blocking_pool,
                                [&]() -> core::Result<store::SurveyResponseRow> {
    // The page sends the answer of one step; the others are already saved.
    VOXLOOP_ASSIGN_OR_RETURN(auto existing,
                             context.services.survey_responses.FindSession(submission.session_token));
    if (existing && submission.answers.is_object()) {
      boost::json::object merged = boost::json::parse(existing->answers_json).as_object();
      for (const auto& [question, answer] : submission.answers.as_object()) merged[question] = answer;
      submission.answers = std::move(merged);
    }
    // The hosted page's script sends answers only: keep what the page's form posts stored.
    if (existing && submission.hidden.is_null()) {
      submission.hidden = boost::json::parse(existing->hidden_json);
    }
    if (existing && submission.language.empty()) submission.language = existing->language;
    return context.services.survey_responses.SavePartial(submission);
  });
  if (!saved) co_return PublicError(context, saved.error());
  co_return PublicJson(context, Status::ok,
                       boost::json::object{{"id", core::IdToString(saved->id)}, {"status", saved->status}});
}

}  // namespace voxloop::http::handlers
