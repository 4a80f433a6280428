#include "store/invitation_repo.hpp"

#include <algorithm>

#include "core/id.hpp"
#include "store/survey_repo.hpp"
#include "store/workspace_repo.hpp"
#include "tests/store/store_fixture.hpp"

namespace voxloop::store {
namespace {

class InvitationRepoTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    workspace_id_ = InsertWorkspace();
    survey_ = SurveyRow{.id = core::NewId(), .workspace_id = workspace_id_, .name = "NPS",
                        .status = "active", .template_id = "nps", .created_at = 10, .updated_at = 10};
    Write([this](WriteContext& context) { return SurveyRepo(context.db).Insert(survey_); });
    send_ = SendRow{core::NewId(), workspace_id_, survey_.id, "Quarterly", 3, 2, 100};
    Write([this](WriteContext& context) { return InvitationRepo(context.db).InsertSend(send_); });
  }

  // An invitation of `send_` in `status`, last mailed at `last_sent_at` (when given).
  InvitationRow Invitation(const std::string& status, std::optional<core::TimeMs> last_sent_at = {}) {
    InvitationRow invitation{.id = core::NewId(), .workspace_id = workspace_id_, .survey_id = survey_.id,
                             .send_id = send_.id, .token_hash = "tok-" + std::to_string(++tokens_),
                             .language = "vi", .status = status, .created_at = 100,
                             .sent_at = last_sent_at, .last_sent_at = last_sent_at};
    Write([&](WriteContext& context) { return InvitationRepo(context.db).Insert(invitation); });
    return invitation;
  }

  SendCounts Counts() {
    return Read<SendCounts>([&](Connection& db) { return InvitationRepo(db).Counts(send_.id); });
  }

  core::Id workspace_id_ = 0;
  SurveyRow survey_;
  SendRow send_;
  int tokens_ = 0;
};

TEST_P(InvitationRepoTest, StoresASendAndFindsItOnlyInItsWorkspace) {
  auto found = Read<std::optional<SendRow>>(
      [&](Connection& db) { return InvitationRepo(db).GetSend(workspace_id_, send_.id); });
  ASSERT_TRUE(found);
  EXPECT_EQ(found->survey_id, survey_.id);
  EXPECT_EQ(found->name, "Quarterly");
  EXPECT_EQ(found->reminder_after_days, 3);
  EXPECT_EQ(found->max_reminders, 2);
  EXPECT_EQ(found->created_at, 100);
  auto elsewhere = Read<std::optional<SendRow>>(
      [&](Connection& db) { return InvitationRepo(db).GetSend(workspace_id_ + 1, send_.id); });
  EXPECT_FALSE(elsewhere);
}

TEST_P(InvitationRepoTest, ListsASurveysSendsNewestFirst) {
  SendRow later{core::NewId(), workspace_id_, survey_.id, "Reminder wave", 1, 0, 200};
  Write([&](WriteContext& context) { return InvitationRepo(context.db).InsertSend(later); });
  auto sends = Read<std::vector<SendRow>>(
      [&](Connection& db) { return InvitationRepo(db).ListSends(survey_.id); });
  ASSERT_EQ(sends.size(), 2u);
  EXPECT_EQ(sends[0].id, later.id);
  EXPECT_EQ(sends[1].id, send_.id);
  auto none = Read<std::vector<SendRow>>(
      [&](Connection& db) { return InvitationRepo(db).ListSends(survey_.id + 1); });
  EXPECT_TRUE(none.empty());
}

TEST_P(InvitationRepoTest, CountsInvitationsByWhatHappenedToThem) {
  EXPECT_EQ(Counts().invited, 0);
  Invitation("queued");
  InvitationRow opened = Invitation("sent", 150);
  InvitationRow answered = Invitation("sent", 150);
  Invitation("bounced");
  Invitation("failed");
  Invitation("unsubscribed", 150);  // mailed, then unsubscribed: still delivered
  Write([&](WriteContext& context) -> Status {
    InvitationRepo repo(context.db);
    VOXLOOP_TRY(repo.MarkOpened(opened.id, 160));
    VOXLOOP_TRY(repo.MarkOpened(answered.id, 161));
    answered.reminders_sent = 1;
    VOXLOOP_TRY(repo.UpdateDelivery(answered));
    return repo.MarkResponded(answered.id, 999, 170);
  });
  const SendCounts counts = Counts();
  EXPECT_EQ(counts.invited, 6);
  EXPECT_EQ(counts.queued, 1);
  EXPECT_EQ(counts.sent, 3);
  EXPECT_EQ(counts.bounced, 1);
  EXPECT_EQ(counts.failed, 1);
  EXPECT_EQ(counts.unsubscribed, 1);
  EXPECT_EQ(counts.opened, 2);
  EXPECT_EQ(counts.responded, 1);
  EXPECT_EQ(counts.reminders, 1);
}

TEST_P(InvitationRepoTest, PagesASendsInvitationsInIdOrder) {
  std::vector<core::Id> ids;
  for (int idx = 0; idx < 5; ++idx) ids.push_back(Invitation("queued").id);
  std::sort(ids.begin(), ids.end());
  auto first = Read<InvitationPage>(
      [&](Connection& db) { return InvitationRepo(db).ListBySend(send_.id, std::nullopt, 3); });
  ASSERT_EQ(first.invitations.size(), 3u);
  EXPECT_EQ(first.invitations[0].id, ids[0]);
  EXPECT_EQ(first.invitations[2].id, ids[2]);
  ASSERT_TRUE(first.next_after_id);
  auto second = Read<InvitationPage>(
      [&](Connection& db) { return InvitationRepo(db).ListBySend(send_.id, first.next_after_id, 3); });
  ASSERT_EQ(second.invitations.size(), 2u);
  EXPECT_EQ(second.invitations[0].id, ids[3]);
  EXPECT_EQ(second.invitations[1].id, ids[4]);
  EXPECT_FALSE(second.next_after_id);
  EXPECT_EQ(second.invitations[0].language, "vi");
}

TEST_P(InvitationRepoTest, FindsRemindersDueOnlyForDeliveredUnansweredInvitationsUnderTheLimit) {
  InvitationRow due = Invitation("sent", 1000);
  Invitation("sent", 5000);  // mailed too recently
  InvitationRow answered = Invitation("sent", 1000);
  InvitationRow exhausted = Invitation("sent", 1000);
  Invitation("bounced", 1000);
  Invitation("unsubscribed", 1000);
  Invitation("queued");
  Write([&](WriteContext& context) -> Status {
    InvitationRepo repo(context.db);
    VOXLOOP_TRY(repo.MarkResponded(answered.id, 1, 1100));
    exhausted.reminders_sent = 2;
    return repo.UpdateDelivery(exhausted);
  });
  auto reminders = Read<std::vector<InvitationRow>>(
      [&](Connection& db) { return InvitationRepo(db).DueReminders(send_.id, 2000); });
  ASSERT_EQ(reminders.size(), 1u);
  EXPECT_EQ(reminders[0].id, due.id);
  auto boundary = Read<std::vector<InvitationRow>>(
      [&](Connection& db) { return InvitationRepo(db).DueReminders(send_.id, 1000); });
  EXPECT_EQ(boundary.size(), 1u) << "last mailed exactly at the cut-off is due";
}

TEST_P(InvitationRepoTest, ListsSendsWithRemindersOfActiveSurveysOnly) {
  SendRow no_reminders{core::NewId(), workspace_id_, survey_.id, "Once", 3, 0, 110};
  SurveyRow closed = survey_;
  closed.id = core::NewId();
  closed.status = "closed";
  SendRow of_closed{core::NewId(), workspace_id_, closed.id, "Old", 3, 2, 120};
  Write([&](WriteContext& context) -> Status {
    VOXLOOP_TRY(SurveyRepo(context.db).Insert(closed));
    InvitationRepo repo(context.db);
    VOXLOOP_TRY(repo.InsertSend(no_reminders));
    return repo.InsertSend(of_closed);
  });
  auto sends = Read<std::vector<SendRow>>(
      [&](Connection& db) { return InvitationRepo(db).SendsWithReminders(); });
  ASSERT_EQ(sends.size(), 1u);
  EXPECT_EQ(sends[0].id, send_.id);
}

TEST_P(InvitationRepoTest, SuppressesAnAddressPerWorkspaceKeepingTheFirstReason) {
  const std::string hash = vault_.BlindIndex("email", "lan@example.vn");
  auto suppressed = [&](core::Id workspace_id) {
    return Read<bool>([&](Connection& db) { return InvitationRepo(db).IsSuppressed(workspace_id, hash); });
  };
  EXPECT_FALSE(suppressed(workspace_id_));
  Write([&](WriteContext& context) -> Status {
    InvitationRepo repo(context.db);
    VOXLOOP_TRY(repo.Suppress(workspace_id_, hash, "bounced", 10));
    return repo.Suppress(workspace_id_, hash, "unsubscribed", 20);  // again: no error
  });
  EXPECT_TRUE(suppressed(workspace_id_));
  const core::Id other_workspace = core::NewId();
  Write([&](WriteContext& context) {
    return WorkspaceRepo(context.db).Insert({other_workspace, "Other", "UTC", "en", "{}", 1});
  });
  EXPECT_FALSE(suppressed(other_workspace));
  auto reason = Read<std::string>([&](Connection& db) -> Result<std::string> {
    VOXLOOP_ASSIGN_OR_RETURN(auto row, db.QueryOne("SELECT reason FROM email_suppressions WHERE "
                                                   "workspace_id = ? AND email_hash = ?",
                                                   {workspace_id_, hash}));
    return row ? row->String(0) : std::string();
  });
  EXPECT_EQ(reason, "bounced");
}

TEST_P(InvitationRepoTest, RecordsDeliveryStateAndFindsTheInvitationByItsTokenHash) {
  InvitationRow invitation = Invitation("queued");
  invitation.status = "sent";
  invitation.attempts = 2;
  invitation.sent_at = 300;
  invitation.last_sent_at = 400;
  invitation.reminders_sent = 1;
  invitation.last_error = "";
  Write([&](WriteContext& context) { return InvitationRepo(context.db).UpdateDelivery(invitation); });
  auto found = Read<std::optional<InvitationRow>>(
      [&](Connection& db) { return InvitationRepo(db).FindByTokenHash(invitation.token_hash); });
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, invitation.id);
  EXPECT_EQ(found->status, "sent");
  EXPECT_EQ(found->attempts, 2);
  EXPECT_EQ(found->sent_at, std::optional<core::TimeMs>(300));
  EXPECT_EQ(found->last_sent_at, std::optional<core::TimeMs>(400));
  EXPECT_EQ(found->reminders_sent, 1);
  EXPECT_EQ(found->send_id, std::optional<core::Id>(send_.id));
}

VOXLOOP_INSTANTIATE_STORE_SUITE(InvitationRepoTest);

}  // namespace
}  // namespace voxloop::store
