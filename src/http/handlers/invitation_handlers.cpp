// E-mail invitations over the API (create a send, list sends and their figures, list a send's
// invitations, send due reminders now) and the links in the mails respondents follow without
// credentials: unsubscribe (page, form and RFC 8058 one-click POST) and the open-tracking
// image. The rules live in collect::Invitations.
#include <boost/json.hpp>

#include "collect/invitations.hpp"
#include "collect/page_render.hpp"
#include "http/async.hpp"
#include "http/handlers/handlers.hpp"
#include "http/handlers/survey_page_request.hpp"
#include "http/handlers/json_views.hpp"
#include "http/json_reader.hpp"
#include "http/page_params.hpp"
#include "http/response.hpp"
#include "http/services.hpp"

namespace voxloop::http::handlers {
namespace {

// The 43-byte transparent 1×1 GIF.
constexpr unsigned char kPixelGif[] = {
    0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00,
    0x00, 0xff, 0xff, 0xff, 0x21, 0xf9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2c, 0x00, 0x00,
    0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b};

core::Error NotConfigured() {
  return core::Error::Unavailable("E-mail is not configured: start the server with --smtp-url")
      .WithType("email-not-configured");
}

core::Result<collect::Invitations*> InvitationsOf(const RequestContext& context) {
  if (context.services.invitations == nullptr) return NotConfigured();
  return context.services.invitations;
}

// {id} and {send} of the path; kNotFound when either is not an id.
core::Result<std::pair<core::Id, core::Id>> SurveyAndSend(const RequestContext& context) {
  const auto survey_id = core::ParseId(context.Param("id"));
  if (!survey_id) return core::Error::NotFound("No such survey");
  const auto send_id = core::ParseId(context.Param("send"));
  if (!send_id) return core::Error::NotFound("No such send");
  return std::pair{*survey_id, *send_id};
}

boost::json::value RateOrNull(const std::optional<double>& rate) {
  return rate ? boost::json::value(*rate) : boost::json::value(nullptr);
}

boost::json::value TimeOrNull(const std::optional<core::TimeMs>& time) {
  return time ? boost::json::value(core::FormatRfc3339(*time)) : boost::json::value(nullptr);
}

boost::json::object SendView(const collect::SendSummary& summary) {
  const store::SendRow& send = summary.send;
  const store::SendCounts& counts = summary.counts;
  return {{"id", core::IdToString(send.id)},
          {"survey_id", core::IdToString(send.survey_id)},
          {"name", send.name},
          {"reminder_after_days", send.reminder_after_days},
          {"max_reminders", send.max_reminders},
          {"created_at", core::FormatRfc3339(send.created_at)},
          {"skipped", summary.skipped},
          {"counts",
           {{"invited", counts.invited},
            {"queued", counts.queued},
            {"sent", counts.sent},
            {"bounced", counts.bounced},
            {"failed", counts.failed},
            {"unsubscribed", counts.unsubscribed},
            {"opened", counts.opened},
            {"responded", counts.responded},
            {"reminders", counts.reminders}}},
          {"rates",
           {{"delivery", RateOrNull(summary.rates.delivery)},
            {"open", RateOrNull(summary.rates.open)},
            {"response", RateOrNull(summary.rates.response)}}}};
}

boost::json::object InvitationView(const collect::InvitationEntry& entry, bool show_pii) {
  const store::InvitationRow& invitation = entry.invitation;
  auto id_or_null = [](const std::optional<core::Id>& id) {
    return id ? boost::json::value(core::IdToString(*id)) : boost::json::value(nullptr);
  };
  return {{"id", core::IdToString(invitation.id)},
          {"customer_id", id_or_null(invitation.customer_id)},
          {"email", show_pii ? entry.email : MaskEmail(entry.email)},
          {"language", invitation.language},
          {"status", invitation.status},
          {"attempts", invitation.attempts},
          {"reminders_sent", invitation.reminders_sent},
          {"last_error", invitation.last_error.empty() ? boost::json::value(nullptr)
                                                       : boost::json::value(invitation.last_error)},
          {"created_at", core::FormatRfc3339(invitation.created_at)},
          {"sent_at", TimeOrNull(invitation.sent_at)},
          {"last_sent_at", TimeOrNull(invitation.last_sent_at)},
          {"opened_at", TimeOrNull(invitation.opened_at)},
          {"responded_at", TimeOrNull(invitation.responded_at)},
          {"response_id", id_or_null(invitation.response_id)}};
}


}  // namespace

Reply CreateSurveySend(RequestContext& context) {
  const auto survey_id = core::ParseId(context.Param("id"));
  if (!survey_id) co_return ErrorResponse(context, core::Error::NotFound("No such survey"));
  auto body = ParseJsonObjectBody(context.request.body());
  if (!body) co_return ErrorResponse(context, body.error());
  auto request = collect::ParseNewSend(boost::json::value(std::move(*body)));
  if (!request) co_return ErrorResponse(context, request.error());
  auto invitations = InvitationsOf(context);
  if (!invitations) co_return ErrorResponse(context, invitations.error());
  auto send = co_await Offload(context.services.blocking_pool, [&] {
    return (*invitations)->CreateSend(context.workspace_id, *survey_id, *request, context.actor());
  });
  if (!send) co_return ErrorResponse(context, send.error());
  co_return JsonResponse(context, Status::created, SendView(*send));
}

Reply ListSurveySends(RequestContext& context) {
  const auto survey_id = core::ParseId(context.Param("id"));
  if (!survey_id) co_return ErrorResponse(context, core::Error::NotFound("No such survey"));
  auto invitations = InvitationsOf(context);
  if (!invitations) co_return ErrorResponse(context, invitations.error());
  auto sends = co_await Offload(context.services.blocking_pool, [&] {
    return (*invitations)->ListSends(context.workspace_id, *survey_id);
  });
  if (!sends) co_return ErrorResponse(context, sends.error());
  boost::json::array items;
  for (const auto& send : *sends) items.push_back(SendView(send));
  co_return JsonResponse(context, Status::ok, PageBody(std::move(items), ""));
}

Reply GetSurveySend(RequestContext& context) {
  auto ids = SurveyAndSend(context);
  if (!ids) co_return ErrorResponse(context, ids.error());
  auto invitations = InvitationsOf(context);
  if (!invitations) co_return ErrorResponse(context, invitations.error());
  auto send = co_await Offload(context.services.blocking_pool, [&] {
    return (*invitations)->GetSend(context.workspace_id, ids->first, ids->second);
  });
  if (!send) co_return ErrorResponse(context, send.error());
  co_return JsonResponse(context, Status::ok, SendView(*send));
}

Reply ListSendInvitations(RequestContext& context) {
  auto ids = SurveyAndSend(context);
  if (!ids) co_return ErrorResponse(context, ids.error());
  auto page = ReadPageParams(context);
  if (!page) co_return ErrorResponse(context, page.error());
  auto invitations = InvitationsOf(context);
  if (!invitations) co_return ErrorResponse(context, invitations.error());
  auto entries = co_await Offload(context.services.blocking_pool, [&] {
    return (*invitations)
        ->ListInvitations(context.workspace_id, ids->first, ids->second, page->after_id,
                          page->limit);
  });
  if (!entries) co_return ErrorResponse(context, entries.error());
  const bool show_pii = context.Can(auth::Permission::kPiiRead);
  boost::json::array items;
  for (const auto& entry : entries->entries) items.push_back(InvitationView(entry, show_pii));
  co_return JsonResponse(context, Status::ok,
                         PageBody(std::move(items), NextCursor(entries->next_after_id)));
}

Reply RemindSurveySend(RequestContext& context) {
  auto ids = SurveyAndSend(context);
  if (!ids) co_return ErrorResponse(context, ids.error());
  std::optional<core::TimeMs> wait_ms;
  if (!context.request.body().empty()) {
    auto body = ParseJsonObjectBody(context.request.body());
    if (!body) co_return ErrorResponse(context, body.error());
    Validation validation;
    FieldReader reader = validation.Reader(*body);
    reader.RejectUnknown({"older_than_seconds"});
    const auto seconds =
        reader.Integer("older_than_seconds", Presence::kOptional, 0, 366LL * 86400);
    if (seconds && !context.Can(auth::Permission::kWorkspaceManage)) {
      reader.AddError("older_than_seconds", "forbidden", "Only admins may change the wait");
    }
    if (!validation.ok())
      co_return ErrorResponse(context, validation.ToError("The request is invalid"));
    if (seconds) wait_ms = *seconds * 1000;
  }
  auto invitations = InvitationsOf(context);
  if (!invitations) co_return ErrorResponse(context, invitations.error());
  auto queued = co_await Offload(context.services.blocking_pool, [&] {
    return (*invitations)
        ->RemindNow(context.workspace_id, ids->first, ids->second, wait_ms, context.actor());
  });
  if (!queued) co_return ErrorResponse(context, queued.error());
  co_return JsonResponse(context, Status::accepted, boost::json::object{{"queued", *queued}});
}

Reply UnsubscribePage(RequestContext& context) {
  const std::string token(context.Param("token"));
  auto invitations = InvitationsOf(context);
  if (!invitations)
    co_return ErrorResponse(context, core::Error::NotFound("This link is not valid"));
  auto view = co_await Offload(context.services.blocking_pool,
                               [&] { return (*invitations)->ViewUnsubscribe(token); });
  if (!view) {
    co_return SurveyHtml(context, Status::not_found,
                              collect::RenderInvalidUnsubscribePage("en"));
  }
  co_return SurveyHtml(context, Status::ok,
                            collect::RenderUnsubscribePage(*view, "/u/" + token));
}

Reply Unsubscribe(RequestContext& context) {
  const std::string token(context.Param("token"));
  auto invitations = InvitationsOf(context);
  if (!invitations)
    co_return ErrorResponse(context, core::Error::NotFound("This link is not valid"));
  auto view = co_await Offload(context.services.blocking_pool,
                               [&] { return (*invitations)->Unsubscribe(token); });
  if (!view) {
    co_return SurveyHtml(context, Status::not_found,
                              collect::RenderInvalidUnsubscribePage("en"));
  }
  co_return SurveyHtml(context, Status::ok,
                            collect::RenderUnsubscribePage(*view, "/u/" + token));
}

Reply InvitationOpenPixel(RequestContext& context) {
  std::string token(context.Param("token"));
  constexpr std::string_view kSuffix = ".gif";
  if (token.size() > kSuffix.size() && token.ends_with(kSuffix)) {
    token.resize(token.size() - kSuffix.size());
    if (auto invitations = InvitationsOf(context)) {
      // An unknown token still gets the image: the mail client needs no error.
      (void)co_await Offload(context.services.blocking_pool,
                             [&] { return (*invitations)->NoteOpened(token); });
    }
  }
  Response response =
      TextResponse(context, Status::ok, "image/gif",
                   std::string(reinterpret_cast<const char*>(kPixelGif), sizeof kPixelGif));
  response.set(beast_http::field::cache_control, "no-store, private");
  co_return response;
}

}  // namespace voxloop::http::handlers
