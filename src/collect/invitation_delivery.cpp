// Invitations: the delivery job (one mail: the invitation or a reminder) and the reminder
// sweep. Job errors and logs name invitations by id only.
#include <spdlog/spdlog.h>

#include <boost/json.hpp>

#include "collect/invitation_email.hpp"
#include "collect/invitation_jobs.hpp"
#include "collect/invitations.hpp"
#include "store/customer_repo.hpp"
#include "store/workspace_repo.hpp"

namespace voxloop::collect {
namespace {

constexpr int kDeliveryAttempts = 8;  // with the runner's back-off: about 10 minutes
constexpr core::TimeMs kNotConfiguredRetryMs = 10 * 60 * 1000;

// The tracking image for opens, placed at the end of the HTML body.
std::string WithOpenPixel(std::string html, const std::string& pixel_url) {
  const std::string image =
      "<img src=\"" + pixel_url +
      "\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;border:0;\"/>";
  const std::size_t body_end = html.rfind("</body>");
  if (body_end == std::string::npos) return html + image;
  html.insert(body_end, image);
  return html;
}

// A refusal of the recipient address itself (SmtpSender's "to/N/email" "rejected").
bool IsBounce(const core::Status& sent) {
  if (sent || sent.error().code != core::ErrorCode::kInvalidArgument) return false;
  for (const auto& field : sent.error().fields) {
    if (field.field.starts_with("to/") && field.code == "rejected") return true;
  }
  return false;
}

jobs::JobOutcome DoneWith(std::string_view outcome) {
  return jobs::JobOutcome::Done(boost::json::serialize(boost::json::object{{"outcome", outcome}}));
}

}  // namespace

jobs::NewJob DeliveryJob(const store::InvitationRow& invitation, bool reminder) {
  jobs::NewJob job;
  job.workspace_id = invitation.workspace_id;
  job.kind = std::string(kInviteJob);
  job.payload_json = boost::json::serialize(
      boost::json::object{{"invitation", core::IdToString(invitation.id)}, {"reminder", reminder}});
  job.max_attempts = kDeliveryAttempts;
  job.dedupe_key = "invitation:" + core::IdToString(invitation.id) + ":" +
                   (reminder ? std::to_string(invitation.reminders_sent + 1) : "0");
  return job;
}

std::string Invitations::EmailHash(std::string_view email) const {
  return vault_.BlindIndex("email", store::NormaliseEmail(email));
}

struct Invitations::Delivery {
  store::InvitationRow invitation;
  bool reminder = false;
  std::string email_hash;
  mail::MailMessage message;
};

void Invitations::RegisterJobs(std::chrono::milliseconds reminder_interval) {
  runner_.Register(std::string(kInviteJob),
                   [this](jobs::JobContext& context) { return Deliver(context); });
  runner_.Register(std::string(kRemindJob), [this](jobs::JobContext&) { return RemindAll(); });
  runner_.Every(std::string(kRemindJob), reminder_interval);
}

core::Status Invitations::MarkUndeliverable(core::Id workspace_id, core::Id invitation_id,
                                            const std::string& status, const std::string& reason) {
  return database_.writer().Run([&](store::WriteContext& context) -> core::Status {
    store::InvitationRepo invitations(context.db);
    VOXLOOP_ASSIGN_OR_RETURN(auto invitation, invitations.Get(workspace_id, invitation_id));
    if (!invitation) return core::Ok();
    invitation->status = status;
    invitation->last_error = reason;
    return invitations.UpdateDelivery(*invitation);
  });
}

core::Result<std::optional<Invitations::Delivery>> Invitations::PrepareDelivery(
    core::Id workspace_id, core::Id invitation_id, bool reminder) {
  struct Loaded {
    std::optional<store::InvitationRow> invitation;
    std::optional<store::SendRow> send;
    std::optional<core::Customer> customer;
    std::string sender_name;
    bool suppressed = false;
  };
  VOXLOOP_ASSIGN_OR_RETURN(
      Loaded loaded, database_.Read<Loaded>([&](store::Connection& db) -> core::Result<Loaded> {
        Loaded out;
        store::InvitationRepo invitations(db);
        VOXLOOP_ASSIGN_OR_RETURN(out.invitation, invitations.Get(workspace_id, invitation_id));
        if (!out.invitation) return out;
        if (out.invitation->send_id) {
          VOXLOOP_ASSIGN_OR_RETURN(out.send,
                                   invitations.GetSend(workspace_id, *out.invitation->send_id));
        }
        if (out.invitation->customer_id) {
          VOXLOOP_ASSIGN_OR_RETURN(
              out.customer,
              store::CustomerRepo(db, vault_).Get(workspace_id, *out.invitation->customer_id));
        }
        if (out.customer && !out.customer->email.empty()) {
          VOXLOOP_ASSIGN_OR_RETURN(
              out.suppressed,
              invitations.IsSuppressed(workspace_id, EmailHash(out.customer->email)));
        }
        VOXLOOP_ASSIGN_OR_RETURN(auto workspace, store::WorkspaceRepo(db).Get(workspace_id));
        if (workspace) out.sender_name = workspace->name;
        return out;
      }));
  if (!loaded.invitation) return std::nullopt;
  const store::InvitationRow& invitation = *loaded.invitation;
  // Idempotent: a job that ran before (or a reminder no longer due) does nothing.
  if (!reminder && invitation.status != "queued") return std::nullopt;
  if (reminder && (!loaded.send || !ReminderDue(invitation, *loaded.send, core::NowMs(), 0))) {
    return std::nullopt;
  }
  if (!loaded.customer || loaded.customer->email.empty()) {
    VOXLOOP_TRY(MarkUndeliverable(workspace_id, invitation_id, "failed", "no_address"));
    return std::nullopt;
  }
  if (loaded.suppressed) {
    VOXLOOP_TRY(MarkUndeliverable(workspace_id, invitation_id, "unsubscribed", "suppressed"));
    return std::nullopt;
  }
  auto survey = surveys_.Get(workspace_id, invitation.survey_id);
  if (!survey && survey.error().code != core::ErrorCode::kNotFound)
    return std::move(survey).error();
  if (!survey || survey->status() != SurveyStatus::kActive) {
    if (!reminder)
      VOXLOOP_TRY(MarkUndeliverable(workspace_id, invitation_id, "failed", "survey_not_active"));
    return std::nullopt;
  }
  const SurveyDefinition& definition = *survey->definition;
  const std::string token = TokenFor(invitation.id);
  InvitationParams params;
  params.language = invitation.language.empty() ? definition.default_language : invitation.language;
  params.survey_url = settings_.public_url + "/s/" + core::IdToString(invitation.survey_id);
  params.token = token;
  params.unsubscribe_url = settings_.public_url + "/u/" + token;
  params.customer_name = loaded.customer->name;
  params.sender_name = loaded.sender_name.empty() ? settings_.from.name : loaded.sender_name;
  params.reminder = reminder;
  VOXLOOP_ASSIGN_OR_RETURN(InvitationContent content, RenderInvitation(definition, params));
  Delivery delivery{invitation, reminder, EmailHash(loaded.customer->email), {}};
  delivery.message.from = settings_.from;
  if (delivery.message.from.name.empty()) delivery.message.from.name = params.sender_name;
  delivery.message.to = {{loaded.customer->email, loaded.customer->name}};
  delivery.message.subject = std::move(content.subject);
  delivery.message.text = std::move(content.text);
  delivery.message.html =
      WithOpenPixel(std::move(content.html), settings_.public_url + "/o/" + token + ".gif");
  delivery.message.headers = {{"List-Unsubscribe", "<" + params.unsubscribe_url + ">"},
                              {"List-Unsubscribe-Post", "List-Unsubscribe=One-Click"}};
  return std::optional<Delivery>(std::move(delivery));
}

jobs::JobOutcome Invitations::RecordDelivery(const Delivery& delivery, const core::Status& sent,
                                             const store::Job& job) {
  const bool bounced = IsBounce(sent);
  const bool refused = !sent && !bounced && sent.error().code == core::ErrorCode::kInvalidArgument;
  const bool last_attempt = job.attempts >= job.max_attempts;
  const core::TimeMs now = core::NowMs();
  const core::Status recorded =
      database_.writer().Run([&](store::WriteContext& context) -> core::Status {
        store::InvitationRepo invitations(context.db);
        VOXLOOP_ASSIGN_OR_RETURN(
            auto row, invitations.Get(delivery.invitation.workspace_id, delivery.invitation.id));
        if (!row) return core::Ok();
        row->attempts += 1;
        if (sent) {
          if (row->status == "queued") row->status = "sent";
          if (!row->sent_at) row->sent_at = now;
          row->last_sent_at = now;
          if (delivery.reminder) row->reminders_sent += 1;
          row->last_error.clear();
        } else if (bounced) {
          row->status = "bounced";
          row->last_error = "rejected";
          VOXLOOP_TRY(invitations.Suppress(row->workspace_id, delivery.email_hash, "bounced", now));
        } else {
          row->last_error = refused ? "refused" : "unavailable";
          if (!delivery.reminder && (refused || last_attempt)) row->status = "failed";
        }
        return invitations.UpdateDelivery(*row);
      });
  if (!recorded) {
    spdlog::warn("invitation {}: cannot record the delivery: {}", delivery.invitation.id,
                 recorded.error().message);
    return jobs::JobOutcome::Retry("cannot record the delivery");
  }
  if (sent) return DoneWith(delivery.reminder ? "reminded" : "sent");
  if (bounced) return DoneWith("bounced");
  spdlog::warn("invitation {}: mail {} ({})", delivery.invitation.id,
               refused ? "refused" : "not delivered yet", core::ErrorCodeName(sent.error().code));
  if (refused) return jobs::JobOutcome::Failed("the mail server refused the message");
  return jobs::JobOutcome::Retry("the mail server is unavailable");
}

jobs::JobOutcome Invitations::Deliver(jobs::JobContext& context) {
  boost::system::error_code parse_error;
  const auto payload = boost::json::parse(context.job.payload_json, parse_error);
  const auto* object = payload.if_object();
  const auto* id_text = object ? object->if_contains("invitation") : nullptr;
  const auto invitation_id =
      id_text && id_text->is_string() ? core::ParseId(id_text->as_string()) : std::nullopt;
  if (!invitation_id || !context.job.workspace_id) return jobs::JobOutcome::Failed("bad payload");
  const auto* reminder_value = object->if_contains("reminder");
  const bool reminder = reminder_value && reminder_value->is_bool() && reminder_value->as_bool();
  if (!configured()) {
    return jobs::JobOutcome::Retry("e-mail is not configured",
                                   core::NowMs() + kNotConfiguredRetryMs);
  }
  auto delivery = PrepareDelivery(*context.job.workspace_id, *invitation_id, reminder);
  if (!delivery) {
    spdlog::warn("invitation {}: {}", *invitation_id, delivery.error().message);
    return jobs::JobOutcome::Retry(delivery.error().message);
  }
  if (!*delivery) return DoneWith("skipped");
  const core::Status sent = settings_.sender->Send((*delivery)->message);
  return RecordDelivery(**delivery, sent, context.job);
}

core::Result<int> Invitations::QueueReminders(const store::SendRow& send, core::TimeMs wait_ms) {
  int queued = 0;
  VOXLOOP_TRY(database_.writer().Run([&](store::WriteContext& context) -> core::Status {
    queued = 0;
    const core::TimeMs now = core::NowMs();
    VOXLOOP_ASSIGN_OR_RETURN(
        auto due, store::InvitationRepo(context.db).DueReminders(send.id, now - wait_ms));
    for (const auto& invitation : due) {
      if (!ReminderDue(invitation, send, now, wait_ms)) continue;
      VOXLOOP_TRY(runner_.EnqueueIn(context, DeliveryJob(invitation, /*reminder=*/true)));
      ++queued;
    }
    return core::Ok();
  }));
  return queued;
}

jobs::JobOutcome Invitations::RemindAll() {
  if (!configured()) return DoneWith("not_configured");
  auto sends = database_.Read<std::vector<store::SendRow>>(
      [](store::Connection& db) { return store::InvitationRepo(db).SendsWithReminders(); });
  if (!sends) return jobs::JobOutcome::Retry(sends.error().message);
  int queued = 0;
  for (const auto& send : *sends) {
    auto count = QueueReminders(send, send.reminder_after_days * kDayMs);
    if (!count) return jobs::JobOutcome::Retry(count.error().message);
    queued += *count;
  }
  return jobs::JobOutcome::Done(boost::json::serialize(boost::json::object{{"queued", queued}}));
}

}  // namespace voxloop::collect
