// InvitationRepo: the survey_sends, survey_invitations and email_suppressions tables — who was
// invited to which survey, with their personal link (stored as the hash of its token), the
// state of its delivery, opens, reminders and response. Holds no rules (collect/ decides).
// Borrows a Connection; not thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/id.hpp"
#include "core/time.hpp"
#include "store/connection.hpp"

namespace voxloop::store {

struct InvitationRow {
  core::Id id = 0;
  core::Id workspace_id = 0;
  core::Id survey_id = 0;
  std::optional<core::Id> send_id;
  std::optional<core::Id> customer_id;
  std::string token_hash;
  std::string language;  // "" = resolve from the survey when shown
  std::string status;    // queued, sent, bounced, failed, unsubscribed
  int attempts = 0;
  int reminders_sent = 0;
  std::string last_error;  // never an address or a message body
  core::TimeMs created_at = 0;
  std::optional<core::TimeMs> sent_at;
  std::optional<core::TimeMs> last_sent_at;
  std::optional<core::TimeMs> opened_at;
  std::optional<core::TimeMs> responded_at;
  std::optional<core::Id> response_id;
};

struct SendRow {
  core::Id id = 0;
  core::Id workspace_id = 0;
  core::Id survey_id = 0;
  std::string name;
  int reminder_after_days = 0;  // wait after the last mail before a reminder
  int max_reminders = 0;        // 0 = no reminders
  core::TimeMs created_at = 0;
};

// Counts of a send's invitations by what happened to them.
struct SendCounts {
  std::int64_t invited = 0;
  std::int64_t queued = 0;
  std::int64_t sent = 0;  // delivered to the mail server (and not bounced later)
  std::int64_t bounced = 0;
  std::int64_t failed = 0;
  std::int64_t unsubscribed = 0;
  std::int64_t opened = 0;
  std::int64_t responded = 0;
  std::int64_t reminders = 0;  // reminder mails sent
};

struct InvitationPage {
  std::vector<InvitationRow> invitations;
  std::optional<core::Id> next_after_id;
};

class InvitationRepo {
 public:
  explicit InvitationRepo(Connection& db) : db_(db) {}

  Status Insert(const InvitationRow& invitation);
  Result<std::optional<InvitationRow>> FindByTokenHash(const std::string& token_hash);
  Result<std::optional<InvitationRow>> Get(core::Id workspace_id, core::Id invitation_id);
  // Sets opened_at the first time only.
  Status MarkOpened(core::Id invitation_id, core::TimeMs at);
  Status MarkResponded(core::Id invitation_id, core::Id response_id, core::TimeMs at);
  // Writes status, attempts, reminders_sent, last_error, sent_at and last_sent_at.
  Status UpdateDelivery(const InvitationRow& invitation);

  Status InsertSend(const SendRow& send);
  Result<std::optional<SendRow>> GetSend(core::Id workspace_id, core::Id send_id);
  // The survey's sends, newest first.
  Result<std::vector<SendRow>> ListSends(core::Id survey_id);
  Result<SendCounts> Counts(core::Id send_id);
  // A send's invitations in id order after `after_id`.
  Result<InvitationPage> ListBySend(core::Id send_id, std::optional<core::Id> after_id, int limit);
  // Invitations of the send due a reminder: delivered (status sent), not answered, fewer than
  // the send's max_reminders reminders, last mailed at or before `last_sent_before`.
  Result<std::vector<InvitationRow>> DueReminders(core::Id send_id, core::TimeMs last_sent_before);
  // Sends with reminders whose survey is active (the periodic reminder job walks them).
  Result<std::vector<SendRow>> SendsWithReminders();

  // The suppression list: addresses (as blind-index hashes) never mailed again.
  Result<bool> IsSuppressed(core::Id workspace_id, const std::string& email_hash);
  // Adds the address; a second suppression keeps the first reason.
  Status Suppress(core::Id workspace_id, const std::string& email_hash, const std::string& reason,
                  core::TimeMs at);

 private:
  Connection& db_;
};

}  // namespace voxloop::store
