// What the links in an invitation e-mail do besides the survey itself: unsubscribe (the page,
// the form and RFC 8058's one-click POST) and the open-tracking image. Part of
// collect::Invitations; the pages are plain HTML under kContentSecurityPolicy.
#include <boost/json.hpp>

#include "auth/secrets.hpp"
#include "collect/invitations.hpp"
#include "collect/ui_text.hpp"
#include "core/text.hpp"
#include "store/customer_repo.hpp"

namespace voxloop::collect {
namespace {

using core::EscapeHtml;

constexpr std::size_t kMaxTokenChars = 200;

std::string Page(std::string_view language, std::string_view title, const std::string& body) {
  return "<!doctype html>\n<html lang=\"" + EscapeHtml(language) +
         "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
         "content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" "
         "content=\"noindex\">"
         "<title>" +
         EscapeHtml(title) +
         "</title>"
         "<link rel=\"stylesheet\" href=\"/assets/collect/survey.css\"></head>"
         "<body class=\"vx\"><div class=\"vx-page\"><main id=\"vx-main\" class=\"vx-main\">"
         "<section class=\"vx-unavailable\" aria-labelledby=\"vx-title\">"
         "<h1 class=\"vx-title\" id=\"vx-title\">" +
         EscapeHtml(title) + "</h1>" + body + "</section></main></div></body></html>\n";
}

}  // namespace

std::string RenderUnsubscribePage(const UnsubscribeView& view, std::string_view action) {
  const std::string& language = view.language;
  if (view.unsubscribed) {
    return Page(language, UiText(language, "unsubscribe_done_title"),
                "<p class=\"vx-message\">" +
                    EscapeHtml(UiTextFormat(language, "unsubscribe_done_message",
                                            {{"sender", view.sender_name}})) +
                    "</p>");
  }
  return Page(
      language, UiText(language, "unsubscribe_title"),
      "<p class=\"vx-message\">" +
          EscapeHtml(
              UiTextFormat(language, "unsubscribe_question", {{"sender", view.sender_name}})) +
          "</p><form method=\"post\" action=\"" + EscapeHtml(action) +
          "\"><button type=\"submit\" class=\"vx-button vx-primary\" name=\"List-Unsubscribe\" "
          "value=\"One-Click\">" +
          EscapeHtml(UiText(language, "unsubscribe_button")) + "</button></form>");
}

std::string RenderInvalidUnsubscribePage(std::string_view language) {
  return Page(
      language, UiText(language, "unsubscribe_title"),
      "<p class=\"vx-message\">" + EscapeHtml(UiText(language, "unsubscribe_invalid")) + "</p>");
}

core::Result<store::InvitationRow> Invitations::FindByToken(const std::string& token) {
  if (token.empty() || token.size() > kMaxTokenChars) {
    return core::Error::NotFound("This link is not valid");
  }
  const std::string token_hash = auth::HashSecret(token);
  return database_.Read<store::InvitationRow>(
      [&](store::Connection& db) -> core::Result<store::InvitationRow> {
        VOXLOOP_ASSIGN_OR_RETURN(auto found, store::InvitationRepo(db).FindByTokenHash(token_hash));
        if (!found) return core::Error::NotFound("This link is not valid");
        return std::move(*found);
      });
}

UnsubscribeView Invitations::ViewOf(const store::InvitationRow& invitation) {
  UnsubscribeView view;
  view.language = invitation.language.empty() ? "en" : invitation.language;
  view.sender_name = settings_.from.name.empty() ? settings_.from.email : settings_.from.name;
  view.unsubscribed = invitation.status == "unsubscribed";
  return view;
}

core::Result<UnsubscribeView> Invitations::ViewUnsubscribe(const std::string& token) {
  VOXLOOP_ASSIGN_OR_RETURN(auto invitation, FindByToken(token));
  return ViewOf(invitation);
}

core::Result<UnsubscribeView> Invitations::Unsubscribe(const std::string& token) {
  VOXLOOP_ASSIGN_OR_RETURN(auto found, FindByToken(token));
  VOXLOOP_TRY(database_.writer().Run([&](store::WriteContext& context) -> core::Status {
    store::InvitationRepo invitations(context.db);
    VOXLOOP_ASSIGN_OR_RETURN(auto invitation, invitations.Get(found.workspace_id, found.id));
    if (!invitation) return core::Error::NotFound("This link is not valid");
    if (invitation->customer_id) {
      VOXLOOP_ASSIGN_OR_RETURN(auto customer,
                               store::CustomerRepo(context.db, vault_)
                                   .Get(invitation->workspace_id, *invitation->customer_id));
      if (customer && !customer->email.empty()) {
        VOXLOOP_TRY(invitations.Suppress(invitation->workspace_id, EmailHash(customer->email),
                                         "unsubscribed", core::NowMs()));
      }
    }
    if (invitation->status == "unsubscribed") return core::Ok();
    invitation->status = "unsubscribed";
    return invitations.UpdateDelivery(*invitation);
  }));
  found.status = "unsubscribed";
  return ViewOf(found);
}

core::Status Invitations::NoteOpened(const std::string& token) {
  VOXLOOP_ASSIGN_OR_RETURN(auto found, FindByToken(token));
  if (found.opened_at) return core::Ok();
  return database_.writer().Run([&](store::WriteContext& context) {
    return store::InvitationRepo(context.db).MarkOpened(found.id, core::NowMs());
  });
}

}  // namespace voxloop::collect
