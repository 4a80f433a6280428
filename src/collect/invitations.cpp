// Invitations: sends, their figures, unsubscribe and opens. The delivery job and reminders
// are in invitation_delivery.cpp.
#include "collect/invitations.hpp"

#include <boost/json.hpp>
#include <set>

#include "auth/audit.hpp"
#include "auth/secrets.hpp"
#include "collect/invitation_jobs.hpp"
#include "collect/language.hpp"
#include "store/customer_repo.hpp"

namespace voxloop::collect {
namespace {

core::Error NotConfigured() {
  return core::Error::Unavailable("E-mail is not configured: start the server with --smtp-url")
      .WithType("email-not-configured");
}

// The recipient's language among the survey's: asked for, else the customer's "language"
// attribute, else "" (the survey default when the mail is written).
std::string RecipientLanguage(const Recipient& recipient, const core::Customer& customer,
                              const SurveyDefinition& definition) {
  if (auto matched = MatchLanguage(recipient.language, definition.languages)) return *matched;
  boost::system::error_code ignored;
  const auto attributes = boost::json::parse(customer.attributes_json, ignored);
  if (attributes.is_object()) {
    if (const auto* language = attributes.as_object().if_contains("language");
        language != nullptr && language->is_string()) {
      if (auto matched = MatchLanguage(language->as_string(), definition.languages))
        return *matched;
    }
  }
  return "";
}

// The recipient's customer: the one named, or the one with the address (created if new).
core::Result<std::optional<core::Customer>> RecipientCustomer(store::CustomerRepo& customers,
                                                              core::Id workspace_id,
                                                              const Recipient& recipient,
                                                              core::TimeMs now) {
  if (recipient.customer_id) return customers.Get(workspace_id, *recipient.customer_id);
  store::CustomerInput input{.email = recipient.email};
  if (!recipient.name.empty()) input.name = recipient.name;
  VOXLOOP_ASSIGN_OR_RETURN(core::Customer customer, customers.Upsert(workspace_id, input, now));
  return std::optional<core::Customer>(std::move(customer));
}

}  // namespace

std::string Invitations::TokenFor(core::Id invitation_id) const {
  return vault_.BlindIndex("survey_invitation", core::IdToString(invitation_id));
}

core::Result<SendSummary> Invitations::Summary(store::Connection& db, const store::SendRow& send) {
  VOXLOOP_ASSIGN_OR_RETURN(auto counts, store::InvitationRepo(db).Counts(send.id));
  return SendSummary{send, counts, RatesOf(counts), 0};
}

core::Result<SendSummary> Invitations::CreateSend(core::Id workspace_id, core::Id survey_id,
                                                  const NewSend& request,
                                                  const auth::Actor& actor) {
  if (!configured()) return NotConfigured();
  VOXLOOP_ASSIGN_OR_RETURN(Survey survey, surveys_.Get(workspace_id, survey_id));
  if (survey.status() != SurveyStatus::kActive) {
    return core::Error::Conflict("Publish the survey before sending invitations");
  }
  const std::string name = request.name.empty()
                               ? "Send of " + core::FormatRfc3339(core::NowMs()).substr(0, 10)
                               : request.name;
  store::SendRow send{
      core::NewId(),         workspace_id, survey_id, name, request.reminder_after_days,
      request.max_reminders, core::NowMs()};
  std::int64_t skipped = 0;
  VOXLOOP_TRY(database_.writer().Run([&](store::WriteContext& context) -> core::Status {
    skipped = request.duplicates;
    store::InvitationRepo invitations(context.db);
    store::CustomerRepo customers(context.db, vault_);
    VOXLOOP_ASSIGN_OR_RETURN(auto row, store::SurveyRepo(context.db).Get(workspace_id, survey_id));
    if (!row || row->status != "active") {
      return core::Error::Conflict("Publish the survey before sending invitations");
    }
    VOXLOOP_TRY(invitations.InsertSend(send));
    std::vector<core::FieldError> errors;
    std::set<core::Id> invited;
    for (std::size_t recipient_idx = 0; recipient_idx < request.recipients.size();
         ++recipient_idx) {
      const Recipient& recipient = request.recipients[recipient_idx];
      const std::string field = "recipients/" + std::to_string(recipient_idx);
      VOXLOOP_ASSIGN_OR_RETURN(
          auto customer, RecipientCustomer(customers, workspace_id, recipient, send.created_at));
      if (!customer) {
        errors.push_back({field + "/customer_id", "not_found", "No such customer"});
        continue;
      }
      if (customer->email.empty()) {
        errors.push_back(
            {field + "/customer_id", "no_email", "This customer has no e-mail address"});
        continue;
      }
      VOXLOOP_ASSIGN_OR_RETURN(bool suppressed,
                               invitations.IsSuppressed(workspace_id, EmailHash(customer->email)));
      if (suppressed || !invited.insert(customer->id).second) {
        ++skipped;
        continue;
      }
      store::InvitationRow invitation;
      invitation.id = core::NewId();
      invitation.workspace_id = workspace_id;
      invitation.survey_id = survey_id;
      invitation.send_id = send.id;
      invitation.customer_id = customer->id;
      invitation.token_hash = auth::HashSecret(TokenFor(invitation.id));
      invitation.language = RecipientLanguage(recipient, *customer, *survey.definition);
      invitation.status = "queued";
      invitation.created_at = send.created_at;
      VOXLOOP_TRY(invitations.Insert(invitation));
      VOXLOOP_TRY(runner_.EnqueueIn(context, DeliveryJob(invitation, /*reminder=*/false)));
    }
    if (!errors.empty())
      return core::Error::InvalidArgument("Some recipients are invalid", std::move(errors));
    const std::string details = boost::json::serialize(boost::json::object{
        {"send_id", core::IdToString(send.id)}, {"recipients", request.recipients.size()}});
    return auth::RecordAudit(
        context.db, actor,
        {workspace_id, "survey.send", "survey", core::IdToString(survey_id), details});
  }));
  VOXLOOP_ASSIGN_OR_RETURN(auto summary, database_.Read<SendSummary>([&](store::Connection& db) {
    return Summary(db, send);
  }));
  summary.skipped = skipped;
  return summary;
}

core::Result<std::vector<SendSummary>> Invitations::ListSends(core::Id workspace_id,
                                                              core::Id survey_id) {
  VOXLOOP_TRY(surveys_.Get(workspace_id, survey_id));
  return database_.Read<std::vector<SendSummary>>(
      [&](store::Connection& db) -> core::Result<std::vector<SendSummary>> {
        VOXLOOP_ASSIGN_OR_RETURN(auto sends, store::InvitationRepo(db).ListSends(survey_id));
        std::vector<SendSummary> summaries;
        for (const auto& send : sends) {
          VOXLOOP_ASSIGN_OR_RETURN(auto summary, Summary(db, send));
          summaries.push_back(std::move(summary));
        }
        return summaries;
      });
}

core::Result<SendSummary> Invitations::GetSend(core::Id workspace_id, core::Id survey_id,
                                               core::Id send_id) {
  return database_.Read<SendSummary>([&](store::Connection& db) -> core::Result<SendSummary> {
    VOXLOOP_ASSIGN_OR_RETURN(auto send, store::InvitationRepo(db).GetSend(workspace_id, send_id));
    if (!send || send->survey_id != survey_id) return core::Error::NotFound("No such send");
    return Summary(db, *send);
  });
}

core::Result<InvitationEntryPage> Invitations::ListInvitations(core::Id workspace_id,
                                                               core::Id survey_id, core::Id send_id,
                                                               std::optional<core::Id> after_id,
                                                               int limit) {
  VOXLOOP_TRY(GetSend(workspace_id, survey_id, send_id));
  return database_.Read<InvitationEntryPage>(
      [&](store::Connection& db) -> core::Result<InvitationEntryPage> {
        VOXLOOP_ASSIGN_OR_RETURN(auto page,
                                 store::InvitationRepo(db).ListBySend(send_id, after_id, limit));
        store::CustomerRepo customers(db, vault_);
        InvitationEntryPage out;
        out.next_after_id = page.next_after_id;
        for (auto& invitation : page.invitations) {
          std::string email;
          if (invitation.customer_id) {
            VOXLOOP_ASSIGN_OR_RETURN(auto customer,
                                     customers.Get(workspace_id, *invitation.customer_id));
            if (customer) email = customer->email;
          }
          out.entries.push_back({std::move(invitation), std::move(email)});
        }
        return out;
      });
}

core::Result<int> Invitations::RemindNow(core::Id workspace_id, core::Id survey_id,
                                         core::Id send_id, std::optional<core::TimeMs> wait_ms,
                                         const auth::Actor& actor) {
  VOXLOOP_ASSIGN_OR_RETURN(auto summary, GetSend(workspace_id, survey_id, send_id));
  if (!configured()) return NotConfigured();
  VOXLOOP_ASSIGN_OR_RETURN(
      int queued,
      QueueReminders(summary.send, wait_ms.value_or(summary.send.reminder_after_days * kDayMs)));
  VOXLOOP_TRY(database_.writer().Run([&](store::WriteContext& context) {
    return auth::RecordAudit(context.db, actor,
                             {workspace_id, "survey.remind", "survey", core::IdToString(survey_id),
                              boost::json::serialize(boost::json::object{
                                  {"send_id", core::IdToString(send_id)}, {"queued", queued}})});
  }));
  return queued;
}

}  // namespace voxloop::collect
