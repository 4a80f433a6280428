// What reaches a case from outside: the customer's e-mail reply (posted by a mail relay to
// the inbound endpoint, authenticated by the server's inbound secret) and the follow-up's
// answer (the page a follow-up mail links to, and its JSON twin). The rules live in
// workflow::CaseMail.
#include <sodium.h>

#include <boost/json.hpp>
#include <boost/url/parse_query.hpp>

#include "http/async.hpp"
#include "http/handlers/handlers.hpp"
#include "http/json_reader.hpp"
#include "http/response.hpp"
#include "http/services.hpp"
#include "http/handlers/survey_page_request.hpp"
#include "workflow/case_mail.hpp"

namespace voxloop::http::handlers {
namespace {

namespace json = boost::json;

core::Error Unavailable() { return core::Error::Unavailable("Case e-mail is not available on this server"); }

// Whether the request carries the inbound secret (compared in constant time).
bool HasInboundSecret(const RequestContext& context) {
  const std::string& secret = context.services.inbound_secret;
  constexpr std::string_view kBearer = "Bearer ";
  const std::string_view header = context.Header("Authorization");
  if (secret.empty() || !header.starts_with(kBearer)) return false;
  const std::string_view given = header.substr(kBearer.size());
  return given.size() == secret.size() && sodium_memcmp(given.data(), secret.data(), secret.size()) == 0;
}

// The follow-up links are public: a client IP gets a minute's burst of requests, then the
// per-minute rate of the public survey endpoints (a follow-up token cannot be guessed, and
// this keeps anyone from trying).
core::Status CheckFollowupRateLimit(RequestContext& context) {
  if (!context.services.public_ip_limiter.Allow(context.client_ip + "|followup")) {
    return core::Error::RateLimited("Too many requests; try again in a minute");
  }
  return core::Ok();
}

json::object FollowupJson(const workflow::FollowupView& view) {
  return {{"answered", view.answered},
          {"solved", view.solved ? json::value(*view.solved) : json::value(nullptr)},
          {"csat", view.csat ? json::value(*view.csat) : json::value(nullptr)}};
}

}  // namespace

Reply ReceiveInboundEmail(RequestContext& context) {
  if (context.services.inbound_secret.empty()) {
    co_return ErrorResponse(context, core::Error::NotFound("Inbound e-mail is not configured on this server"));
  }
  if (!HasInboundSecret(context)) {
    // Wrong secrets count against the client's IP (a relay with the right one is not limited).
    if (!context.services.public_ip_limiter.Allow(context.client_ip + "|inbound")) {
      co_return ErrorResponse(context, core::Error::RateLimited("Too many failed attempts; try again in a minute"));
    }
    co_return ErrorResponse(context, core::Error::Unauthenticated("The inbound secret is missing or wrong"));
  }
  if (context.services.case_mail == nullptr) co_return ErrorResponse(context, Unavailable());
  auto body = ParseJsonObjectBody(context.request.body());
  if (!body) co_return ErrorResponse(context, body.error());
  Validation validation;
  FieldReader reader = validation.Reader(*body);
  reader.RejectUnknown({"to", "from", "subject", "text", "message_id"});
  workflow::InboundMail mail;
  if (const json::value* to = body->if_contains("to"); to != nullptr && to->is_string()) {
    mail.to = {std::string(to->as_string())};
  } else if (auto list = reader.StringList("to", Presence::kRequired, 50, 320)) {
    mail.to = *list;
  }
  mail.from = reader.String("from", Presence::kRequired, 320).value_or("");
  mail.subject = reader.String("subject", Presence::kOptional, 998).value_or("");
  mail.text = reader.String("text", Presence::kRequired, 100000).value_or("");
  mail.message_id = reader.String("message_id", Presence::kOptional, 998).value_or("");
  if (!validation.ok()) co_return ErrorResponse(context, validation.ToError("The message is invalid"));
  auto case_id = co_await Offload(context.services.blocking_pool,
                                  [&] { return context.services.case_mail->Receive(mail); });
  if (!case_id) co_return ErrorResponse(context, case_id.error());
  co_return JsonResponse(context, Status::accepted, json::object{{"case_id", core::IdToString(*case_id)}});
}

Reply FollowupPage(RequestContext& context) {
  if (auto allowed = CheckFollowupRateLimit(context); !allowed) co_return ErrorResponse(context, allowed.error());
  if (context.services.case_mail == nullptr) co_return ErrorResponse(context, Unavailable());
  const std::string token(context.Param("token"));
  auto view = co_await Offload(context.services.blocking_pool,
                               [&] { return context.services.case_mail->ViewFollowup(token); });
  if (!view) co_return SurveyHtml(context, Status::not_found, workflow::RenderFollowupInvalid("en"));
  const std::string_view solved = context.Query("solved");
  std::optional<bool> preselect;
  if (solved == "yes" || solved == "no") preselect = solved == "yes";
  co_return SurveyHtml(context, Status::ok, workflow::RenderFollowupPage(*view, "/f/" + token, preselect));
}

Reply SubmitFollowupForm(RequestContext& context) {
  if (auto allowed = CheckFollowupRateLimit(context); !allowed) co_return ErrorResponse(context, allowed.error());
  if (context.services.case_mail == nullptr) co_return ErrorResponse(context, Unavailable());
  const std::string token(context.Param("token"));
  std::optional<bool> solved;
  std::optional<int> csat;
  bool bad = false;
  if (auto parsed = boost::urls::parse_query(context.request.body())) {
    for (const auto& param : *parsed) {
      const std::string key = param.key.decode();
      const std::string value = param.value.decode();
      if (key == "solved" && (value == "yes" || value == "no")) {
        solved = value == "yes";
      } else if (key == "csat" && value.size() == 1 && value[0] >= '1' && value[0] <= '5') {
        csat = value[0] - '0';
      } else if (key == "solved" || key == "csat") {
        bad = true;
      }
    }
  }
  auto answered = co_await Offload(context.services.blocking_pool, [&]() -> core::Result<workflow::FollowupView> {
    VOXLOOP_ASSIGN_OR_RETURN(workflow::FollowupView view, context.services.case_mail->ViewFollowup(token));
    if (!solved || bad || view.answered) return view;  // the form again (or "answered already")
    auto answered = context.services.case_mail->AnswerFollowup(token, *solved, csat);
    if (!answered && answered.error().code == core::ErrorCode::kConflict) {
      return context.services.case_mail->ViewFollowup(token);  // answered meanwhile (a double submit)
    }
    return answered;
  });
  if (!answered) co_return SurveyHtml(context, Status::not_found, workflow::RenderFollowupInvalid("en"));
  if (!answered->answered) {
    co_return SurveyHtml(context, Status::bad_request, workflow::RenderFollowupPage(*answered, "/f/" + token, solved));
  }
  co_return SurveyHtml(context, Status::ok, workflow::RenderFollowupThanks(*answered));
}

Reply AnswerFollowup(RequestContext& context) {
  if (auto allowed = CheckFollowupRateLimit(context); !allowed) co_return ErrorResponse(context, allowed.error());
  if (context.services.case_mail == nullptr) co_return ErrorResponse(context, Unavailable());
  const std::string token(context.Param("token"));
  auto body = ParseJsonObjectBody(context.request.body());
  if (!body) co_return ErrorResponse(context, body.error());
  Validation validation;
  FieldReader reader = validation.Reader(*body);
  reader.RejectUnknown({"solved", "csat"});
  const std::optional<bool> solved = reader.Bool("solved", Presence::kRequired);
  const std::optional<std::int64_t> csat = reader.Integer("csat", Presence::kOptional, 1, 5);
  if (!validation.ok()) co_return ErrorResponse(context, validation.ToError("The answer is invalid"));
  auto answered = co_await Offload(context.services.blocking_pool, [&] {
    return context.services.case_mail->AnswerFollowup(
        token, *solved, csat ? std::optional<int>(static_cast<int>(*csat)) : std::nullopt);
  });
  if (!answered) co_return ErrorResponse(context, answered.error());
  co_return JsonResponse(context, Status::ok, FollowupJson(*answered));
}

}  // namespace voxloop::http::handlers
