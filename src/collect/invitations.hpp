// Invitations: e-mailing a survey to a list of customers, each with a personal link — the
// send, one invitation per recipient, delivery through a background job (retried with
// back-off while the mail server is unreachable, marked bounced for good when it refuses the
// address), reminders to non-responders, unsubscribe, opens, and the figures of each send.
//
// A personal link's token is not stored: it is a keyed hash of the invitation id under the
// vault's key (TokenFor), so every reminder can carry the same link while the database keeps
// only the token's hash (like API tokens). An address that bounced or unsubscribed is on the
// workspace's suppression list and is never mailed again, by any send: sends skip it and the
// delivery job checks again just before mailing. Delivery is at least once (a job may run
// twice after a crash between the mail and its record); that is the usual trade.
// Logs and job errors carry invitation ids only — never addresses, tokens or bodies.
//
// Methods block (reads, the group-commit writer): call them off the I/O threads.
// RegisterJobs() and Configure() before the job runner starts; then thread-safe.
//
//   invitations.RegisterJobs();  // before the runner starts
//   invitations.Configure({&smtp_sender, {"survey@shop.vn", "Shop"}, "https://fb.shop.vn"});
//   auto send = invitations.CreateSend(ws, survey_id, {.name = "Q3", .recipients = …}, actor);
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "collect/invitation_rules.hpp"
#include "collect/surveys.hpp"
#include "core/customer.hpp"
#include "jobs/job_runner.hpp"
#include "mail/smtp_sender.hpp"
#include "store/database.hpp"
#include "store/invitation_repo.hpp"
#include "store/pii_vault.hpp"

namespace voxloop::collect {

struct SendSummary {
  store::SendRow send;
  store::SendCounts counts;
  SendRates rates;
  std::int64_t skipped = 0;  // at creation: suppressed or duplicate recipients left out
};

// An invitation with its recipient's address (for the API's list; mask it for roles without
// the PII permission).
struct InvitationEntry {
  store::InvitationRow invitation;
  std::string email;
};

struct InvitationEntryPage {
  std::vector<InvitationEntry> entries;
  std::optional<core::Id> next_after_id;
};

// What the unsubscribe page shows.
struct UnsubscribeView {
  std::string language;       // the invitation's (or "en")
  std::string sender_name;    // the sender of the mails (--mail-from's name)
  bool unsubscribed = false;  // already done
};

// The unsubscribe page: the question with a POST button to `action`, or (unsubscribed) the
// confirmation. Every text is escaped; no script or inline style (kContentSecurityPolicy).
std::string RenderUnsubscribePage(const UnsubscribeView& view, std::string_view action);
// The page for a link that is not (or no longer) valid.
std::string RenderInvalidUnsubscribePage(std::string_view language);

// Where invitations come from: the server's mail settings.
struct MailSettings {
  mail::MailSender* sender = nullptr;  // nullptr: e-mail is not configured
  mail::MailAddress from;
  std::string public_url;  // "https://feedback.example.vn" (no trailing /): links in the mails
};

class Invitations {
 public:
  Invitations(store::Database& database, Surveys& surveys, const store::PiiVault& vault,
              jobs::JobRunner& runner)
      : database_(database), surveys_(surveys), vault_(vault), runner_(runner) {}

  void Configure(MailSettings settings) { settings_ = std::move(settings); }
  // False when sends are refused (no mail server or no public URL).
  bool configured() const { return settings_.sender != nullptr && !settings_.public_url.empty(); }
  // The delivery job ("survey.invite") and the reminder sweep ("survey.remind") every
  // `reminder_interval`, once per interval across nodes.
  void RegisterJobs(std::chrono::milliseconds reminder_interval = std::chrono::hours(1));

  // The personal link's token of an invitation.
  std::string TokenFor(core::Id invitation_id) const;

  // Creates the send and one queued invitation per recipient (suppressed addresses and
  // duplicates are skipped), with their delivery jobs, in one transaction.
  // Errors: kUnavailable when e-mail is not configured; kNotFound (survey); kConflict when
  // the survey is not active; kInvalidArgument naming "recipients/i/customer_id" (unknown
  // customer, or one without an e-mail address).
  core::Result<SendSummary> CreateSend(core::Id workspace_id, core::Id survey_id,
                                       const NewSend& request, const auth::Actor& actor);
  core::Result<std::vector<SendSummary>> ListSends(core::Id workspace_id, core::Id survey_id);
  // kNotFound unless the send belongs to the workspace's survey.
  core::Result<SendSummary> GetSend(core::Id workspace_id, core::Id survey_id, core::Id send_id);
  core::Result<InvitationEntryPage> ListInvitations(core::Id workspace_id, core::Id survey_id,
                                                    core::Id send_id,
                                                    std::optional<core::Id> after_id, int limit);
  // Queues the next reminder for the send's non-responders (up to its max_reminders) last
  // mailed at least `wait_ms` ago (default: the send's reminder_after_days). Returns how many
  // were queued. kUnavailable when e-mail is not configured.
  core::Result<int> RemindNow(core::Id workspace_id, core::Id survey_id, core::Id send_id,
                              std::optional<core::TimeMs> wait_ms, const auth::Actor& actor);

  // The unsubscribe page of a token. kNotFound for an unknown token.
  core::Result<UnsubscribeView> ViewUnsubscribe(const std::string& token);
  // Suppresses the invitation's address in its workspace and marks the invitation
  // unsubscribed; doing it again changes nothing. kNotFound for an unknown token.
  core::Result<UnsubscribeView> Unsubscribe(const std::string& token);
  // Records the first open (the mail's image was loaded). kNotFound for an unknown token.
  core::Status NoteOpened(const std::string& token);

 private:
  struct Delivery;  // one mail ready to go, with what recording it needs
  jobs::JobOutcome Deliver(jobs::JobContext& context);
  // The mail for the invitation, or nullopt when there is nothing to send (already sent, no
  // longer due, or undeliverable — then recorded as such).
  core::Result<std::optional<Delivery>> PrepareDelivery(core::Id workspace_id,
                                                        core::Id invitation_id, bool reminder);
  jobs::JobOutcome RecordDelivery(const Delivery& delivery, const core::Status& sent,
                                  const store::Job& job);
  core::Status MarkUndeliverable(core::Id workspace_id, core::Id invitation_id,
                                 const std::string& status, const std::string& reason);
  jobs::JobOutcome RemindAll();
  core::Result<int> QueueReminders(const store::SendRow& send, core::TimeMs wait_ms);
  core::Result<SendSummary> Summary(store::Connection& db, const store::SendRow& send);
  core::Result<store::InvitationRow> FindByToken(const std::string& token);
  UnsubscribeView ViewOf(const store::InvitationRow& invitation);
  // The suppression list's key of an address: the customers table's e-mail blind index.
  std::string EmailHash(std::string_view email) const;

  store::Database& database_;
  Surveys& surveys_;
  const store::PiiVault& vault_;
  jobs::JobRunner& runner_;
  MailSettings settings_;  // set once before the runner starts
};

}  // namespace voxloop::collect
