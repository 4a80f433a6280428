#include "store/invitation_repo.hpp"

namespace voxloop::store {
namespace {

constexpr std::string_view kSelect =
    "SELECT id, workspace_id, survey_id, send_id, customer_id, token_hash, language, status, "
    "attempts, reminders_sent, last_error, created_at, sent_at, last_sent_at, opened_at, "
    "responded_at, response_id FROM survey_invitations ";

InvitationRow FromRow(const RowView& row) {
  InvitationRow invitation;
  invitation.id = row.Int(0);
  invitation.workspace_id = row.Int(1);
  invitation.survey_id = row.Int(2);
  invitation.send_id = row.OptInt(3);
  invitation.customer_id = row.OptInt(4);
  invitation.token_hash = row.String(5);
  invitation.language = row.String(6);
  invitation.status = row.String(7);
  invitation.attempts = static_cast<int>(row.Int(8));
  invitation.reminders_sent = static_cast<int>(row.Int(9));
  invitation.last_error = row.String(10);
  invitation.created_at = row.Int(11);
  invitation.sent_at = row.OptInt(12);
  invitation.last_sent_at = row.OptInt(13);
  invitation.opened_at = row.OptInt(14);
  invitation.responded_at = row.OptInt(15);
  invitation.response_id = row.OptInt(16);
  return invitation;
}

Status OneRow(Result<std::int64_t> changed) {
  if (!changed) return std::move(changed).error();
  if (*changed == 0) return core::Error::NotFound("No such invitation");
  return core::Ok();
}

}  // namespace

Status InvitationRepo::Insert(const InvitationRow& invitation) {
  auto inserted = db_.Execute(
      "INSERT INTO survey_invitations (id, workspace_id, survey_id, send_id, customer_id, "
      "token_hash, language, status, attempts, reminders_sent, last_error, created_at, sent_at, "
      "last_sent_at, opened_at, responded_at, response_id) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {invitation.id, invitation.workspace_id, invitation.survey_id, Optional(invitation.send_id),
       Optional(invitation.customer_id), invitation.token_hash, invitation.language,
       invitation.status, std::int64_t{invitation.attempts}, std::int64_t{invitation.reminders_sent},
       invitation.last_error, invitation.created_at, Optional(invitation.sent_at),
       Optional(invitation.last_sent_at), Optional(invitation.opened_at),
       Optional(invitation.responded_at), Optional(invitation.response_id)});
  if (!inserted) return std::move(inserted).error();
  return core::Ok();
}

Result<std::optional<InvitationRow>> InvitationRepo::FindByTokenHash(const std::string& token_hash) {
  std::optional<InvitationRow> found;
  VOXLOOP_TRY(db_.ForEach(std::string(kSelect) + "WHERE token_hash = ?", {token_hash},
                          [&](const RowView& row) { found = FromRow(row); }));
  return found;
}

Result<std::optional<InvitationRow>> InvitationRepo::Get(core::Id workspace_id,
                                                         core::Id invitation_id) {
  std::optional<InvitationRow> found;
  VOXLOOP_TRY(db_.ForEach(std::string(kSelect) + "WHERE workspace_id = ? AND id = ?",
                          {workspace_id, invitation_id},
                          [&](const RowView& row) { found = FromRow(row); }));
  return found;
}

Status InvitationRepo::MarkOpened(core::Id invitation_id, core::TimeMs at) {
  VOXLOOP_TRY(db_.Execute("UPDATE survey_invitations SET opened_at = ? WHERE id = ? AND "
                          "opened_at IS NULL",
                          {at, invitation_id}));
  return core::Ok();
}

Status InvitationRepo::MarkResponded(core::Id invitation_id, core::Id response_id,
                                     core::TimeMs at) {
  return OneRow(db_.Execute(
      "UPDATE survey_invitations SET responded_at = ?, response_id = ?, "
      "opened_at = COALESCE(opened_at, ?) WHERE id = ?",
      {at, response_id, at, invitation_id}));
}

Status InvitationRepo::UpdateDelivery(const InvitationRow& invitation) {
  return OneRow(db_.Execute(
      "UPDATE survey_invitations SET status = ?, attempts = ?, reminders_sent = ?, last_error = ?, "
      "sent_at = ?, last_sent_at = ? WHERE id = ?",
      {invitation.status, std::int64_t{invitation.attempts}, std::int64_t{invitation.reminders_sent},
       invitation.last_error, Optional(invitation.sent_at), Optional(invitation.last_sent_at),
       invitation.id}));
}

namespace {

constexpr std::string_view kSendSelect =
    "SELECT id, workspace_id, survey_id, name, reminder_after_days, max_reminders, created_at "
    "FROM survey_sends ";

SendRow SendFromRow(const RowView& row) {
  return SendRow{row.Int(0),
                 row.Int(1),
                 row.Int(2),
                 row.String(3),
                 static_cast<int>(row.Int(4)),
                 static_cast<int>(row.Int(5)),
                 row.Int(6)};
}

}  // namespace

Status InvitationRepo::InsertSend(const SendRow& send) {
  auto inserted = db_.Execute(
      "INSERT INTO survey_sends (id, workspace_id, survey_id, name, reminder_after_days, "
      "max_reminders, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {send.id, send.workspace_id, send.survey_id, send.name,
       std::int64_t{send.reminder_after_days}, std::int64_t{send.max_reminders}, send.created_at});
  if (!inserted) return std::move(inserted).error();
  return core::Ok();
}

Result<std::optional<SendRow>> InvitationRepo::GetSend(core::Id workspace_id, core::Id send_id) {
  std::optional<SendRow> found;
  VOXLOOP_TRY(db_.ForEach(std::string(kSendSelect) + "WHERE workspace_id = ? AND id = ?",
                          {workspace_id, send_id},
                          [&](const RowView& row) { found = SendFromRow(row); }));
  return found;
}

Result<std::vector<SendRow>> InvitationRepo::ListSends(core::Id survey_id) {
  std::vector<SendRow> sends;
  VOXLOOP_TRY(db_.ForEach(std::string(kSendSelect) + "WHERE survey_id = ? ORDER BY id DESC",
                          {survey_id},
                          [&](const RowView& row) { sends.push_back(SendFromRow(row)); }));
  return sends;
}

Result<SendCounts> InvitationRepo::Counts(core::Id send_id) {
  SendCounts counts;
  VOXLOOP_TRY(db_.ForEach(
      "SELECT COUNT(*), "
      "SUM(CASE WHEN status = 'queued' THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN status = 'sent' OR (status = 'unsubscribed' AND sent_at IS NOT NULL) "
      "    THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN status = 'bounced' THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN status = 'unsubscribed' THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN opened_at IS NOT NULL THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN responded_at IS NOT NULL THEN 1 ELSE 0 END), "
      "SUM(reminders_sent) "
      "FROM survey_invitations WHERE send_id = ?",
      {send_id}, [&](const RowView& row) {
        counts = SendCounts{row.Int(0), row.Int(1), row.Int(2), row.Int(3), row.Int(4),
                            row.Int(5), row.Int(6), row.Int(7), row.Int(8)};
      }));
  return counts;
}

Result<InvitationPage> InvitationRepo::ListBySend(core::Id send_id,
                                                  std::optional<core::Id> after_id, int limit) {
  InvitationPage page;
  VOXLOOP_TRY(db_.ForEach(std::string(kSelect) + "WHERE send_id = ? AND id > ? ORDER BY id LIMIT ?",
                          {send_id, after_id.value_or(0), std::int64_t{limit} + 1},
                          [&](const RowView& row) { page.invitations.push_back(FromRow(row)); }));
  if (static_cast<int>(page.invitations.size()) > limit) {
    page.invitations.pop_back();
    page.next_after_id = page.invitations.back().id;
  }
  return page;
}

Result<std::vector<InvitationRow>> InvitationRepo::DueReminders(core::Id send_id,
                                                                core::TimeMs last_sent_before) {
  std::vector<InvitationRow> due;
  VOXLOOP_TRY(db_.ForEach(
      std::string(kSelect) +
          "WHERE send_id = ? AND status = 'sent' AND responded_at IS NULL AND "
          "last_sent_at <= ? AND reminders_sent < (SELECT max_reminders FROM survey_sends "
          "WHERE survey_sends.id = survey_invitations.send_id) ORDER BY id",
      {send_id, last_sent_before}, [&](const RowView& row) { due.push_back(FromRow(row)); }));
  return due;
}

Result<std::vector<SendRow>> InvitationRepo::SendsWithReminders() {
  std::vector<SendRow> sends;
  VOXLOOP_TRY(db_.ForEach(
      "SELECT s.id, s.workspace_id, s.survey_id, s.name, s.reminder_after_days, s.max_reminders, "
      "s.created_at FROM survey_sends s JOIN surveys v ON v.id = s.survey_id "
      "WHERE s.max_reminders > 0 AND s.reminder_after_days > 0 AND v.status = 'active' ORDER BY "
      "s.id",
      {}, [&](const RowView& row) { sends.push_back(SendFromRow(row)); }));
  return sends;
}

Result<bool> InvitationRepo::IsSuppressed(core::Id workspace_id, const std::string& email_hash) {
  VOXLOOP_ASSIGN_OR_RETURN(auto row, db_.QueryOne("SELECT COUNT(*) FROM email_suppressions WHERE "
                                                  "workspace_id = ? AND email_hash = ?",
                                                  {workspace_id, email_hash}));
  return row && row->Int(0) > 0;
}

Status InvitationRepo::Suppress(core::Id workspace_id, const std::string& email_hash,
                                const std::string& reason, core::TimeMs at) {
  VOXLOOP_TRY(
      db_.Execute("INSERT INTO email_suppressions (workspace_id, email_hash, reason, "
                  "created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                  {workspace_id, email_hash, reason, at}));
  return core::Ok();
}

}  // namespace voxloop::store
