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

 private:
  Connection& db_;
};

}  // namespace voxloop::store
