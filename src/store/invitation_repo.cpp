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

}  // namespace voxloop::store
