#include "store/survey_repo.hpp"

#include "core/id.hpp"
#include "store/customer_repo.hpp"
#include "store/invitation_repo.hpp"
#include "store/workspace_repo.hpp"
#include "tests/store/store_fixture.hpp"

namespace voxloop::store {
namespace {

class SurveyRepoTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    workspace_id_ = InsertWorkspace();
    survey_ = SurveyRow{.id = core::NewId(), .workspace_id = workspace_id_, .name = "NPS",
                        .status = "draft", .template_id = "nps", .created_at = 10, .updated_at = 10};
    Write([this](WriteContext& context) -> Status {
      SurveyRepo repo(context.db);
      VOXLOOP_TRY(repo.Insert(survey_));
      return repo.InsertVersion({survey_.id, 1, R"({"v":1})", 10});
    });
  }

  SurveyResponseRow Response(const std::string& status, std::optional<std::string> session = {}) {
    SurveyResponseRow response{.id = core::NewId(), .workspace_id = workspace_id_,
                               .survey_id = survey_.id, .status = status, .channel = "widget",
                               .language = "vi", .session_hash = std::move(session),
                               .answers_json = R"({"nps":9})", .client_hash = "c1",
                               .answers_hash = "h1", .started_at = 20, .updated_at = 20};
    if (status == "completed") response.completed_at = 30;
    return response;
  }

  void Insert(const SurveyResponseRow& response) {
    Write([&](WriteContext& context) { return SurveyResponseRepo(context.db).Insert(response); });
  }

  core::Id workspace_id_ = 0;
  SurveyRow survey_;
};

TEST_P(SurveyRepoTest, KeepsEveryVersionAndFindsTheSurveyWithoutItsWorkspace) {
  Write([this](WriteContext& context) {
    return SurveyRepo(context.db).InsertVersion({survey_.id, 2, R"({"v":2})", 11});
  });
  auto versions = Read<std::vector<SurveyVersionRow>>(
      [&](Connection& db) { return SurveyRepo(db).ListVersions(survey_.id); });
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0].version, 2);
  EXPECT_EQ(versions[1].definition_json, R"({"v":1})");
  auto found = Read<std::optional<SurveyRow>>([&](Connection& db) { return SurveyRepo(db).Find(survey_.id); });
  ASSERT_TRUE(found);
  EXPECT_EQ(found->template_id, "nps");
  auto elsewhere = Read<std::optional<SurveyRow>>(
      [&](Connection& db) { return SurveyRepo(db).Get(workspace_id_ + 1, survey_.id); });
  EXPECT_FALSE(elsewhere);
}

TEST_P(SurveyRepoTest, RefusesAStaleRevisionWhenUpdating) {
  SurveyRow changed = survey_;
  changed.status = "active";
  changed.published_at = 12;
  Write([&](WriteContext& context) { return SurveyRepo(context.db).Update(changed, 1); });
  Status stale = db_->writer().Run(
      [&](WriteContext& context) { return SurveyRepo(context.db).Update(changed, 1); });
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, core::ErrorCode::kConflict);
  auto stored = Read<std::optional<SurveyRow>>([&](Connection& db) { return SurveyRepo(db).Find(survey_.id); });
  EXPECT_EQ(stored->revision, 2);
  EXPECT_EQ(stored->status, "active");
  EXPECT_EQ(stored->published_at, std::optional<core::TimeMs>(12));
}

TEST_P(SurveyRepoTest, CountsResponsesAndListsThemNewestFirstByStatus) {
  for (int response_idx = 0; response_idx < 3; ++response_idx) {
    Insert(Response("completed"));
    Write([&](WriteContext& context) { return SurveyRepo(context.db).CountResponse(survey_.id); });
  }
  Insert(Response("partial", "session-1"));
  auto completed = Read<SurveyResponsePage>([&](Connection& db) {
    return SurveyResponseRepo(db).List(survey_.id, "completed", std::nullopt, 2);
  });
  ASSERT_EQ(completed.responses.size(), 2u);
  EXPECT_GT(completed.responses[0].id, completed.responses[1].id);
  ASSERT_TRUE(completed.next_after_id);
  auto rest = Read<SurveyResponsePage>([&](Connection& db) {
    return SurveyResponseRepo(db).List(survey_.id, "completed", completed.next_after_id, 2);
  });
  EXPECT_EQ(rest.responses.size(), 1u);
  EXPECT_FALSE(rest.next_after_id);
  auto all = Read<SurveyResponsePage>([&](Connection& db) {
    return SurveyResponseRepo(db).List(survey_.id, "", std::nullopt, 50);
  });
  EXPECT_EQ(all.responses.size(), 4u);
  auto row = Read<std::optional<SurveyRow>>([&](Connection& db) { return SurveyRepo(db).Find(survey_.id); });
  EXPECT_EQ(row->response_count, 3);
}

TEST_P(SurveyRepoTest, CompletesAPartialResponseFoundBySession) {
  SurveyResponseRow partial = Response("partial", "session-abc");
  Insert(partial);
  auto found = Read<std::optional<SurveyResponseRow>>(
      [&](Connection& db) { return SurveyResponseRepo(db).FindBySession("session-abc"); });
  ASSERT_TRUE(found);
  EXPECT_EQ(found->status, "partial");
  found->status = "completed";
  found->answers_json = R"({"nps":3,"reason":"chậm"})";
  found->completed_at = 40;
  Write([&](WriteContext& context) { return SurveyResponseRepo(context.db).Update(*found); });
  auto done = Read<std::optional<SurveyResponseRow>>(
      [&](Connection& db) { return SurveyResponseRepo(db).Get(workspace_id_, partial.id); });
  EXPECT_EQ(done->status, "completed");
  EXPECT_EQ(done->answers_json, R"({"nps":3,"reason":"chậm"})");
  EXPECT_EQ(done->completed_at, std::optional<core::TimeMs>(40));
}

TEST_P(SurveyRepoTest, RefusesASecondResponseForTheSameSessionOrInvitation) {
  Insert(Response("partial", "same-session"));
  Status again = db_->writer().Run([&](WriteContext& context) {
    return SurveyResponseRepo(context.db).Insert(Response("partial", "same-session"));
  });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, core::ErrorCode::kConflict);
  SurveyResponseRow first = Response("completed");
  first.invitation_id = 77;
  Insert(first);
  SurveyResponseRow second = Response("completed");
  second.invitation_id = 77;
  Status twice = db_->writer().Run(
      [&](WriteContext& context) { return SurveyResponseRepo(context.db).Insert(second); });
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, core::ErrorCode::kConflict);
}

TEST_P(SurveyRepoTest, FindsADuplicateOnlyWithinTheWindowAndForTheSameClient) {
  SurveyResponseRow response = Response("completed");
  Insert(response);
  auto duplicate = [&](const std::string& client, core::TimeMs since) {
    return Read<std::optional<core::Id>>([&](Connection& db) {
      return SurveyResponseRepo(db).FindDuplicate(survey_.id, "h1", client, since);
    });
  };
  EXPECT_EQ(duplicate("c1", 25), std::optional<core::Id>(response.id));
  EXPECT_FALSE(duplicate("c1", 31));
  EXPECT_FALSE(duplicate("c2", 25));
}

TEST_P(SurveyRepoTest, ExportsCompletedResponsesInIdOrderAfterACursor) {
  std::vector<core::Id> ids;
  for (int response_idx = 0; response_idx < 3; ++response_idx) {
    SurveyResponseRow response = Response("completed");
    ids.push_back(response.id);
    Insert(response);
  }
  Insert(Response("partial", "unfinished"));
  auto page = Read<std::vector<SurveyResponseRow>>(
      [&](Connection& db) { return SurveyResponseRepo(db).CompletedAfter(survey_.id, ids[0], 10); });
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[0].id, ids[1]);
  EXPECT_EQ(page[1].id, ids[2]);
}

TEST_P(SurveyRepoTest, ErasesACustomersResponsesAndUnlinksTheirInvitations) {
  core::Customer customer;
  Write([&](WriteContext& context) -> Status {
    VOXLOOP_ASSIGN_OR_RETURN(customer, CustomerRepo(context.db, vault_)
                                           .Upsert(workspace_id_, {.email = "lan@example.vn"}, 5));
    return core::Ok();
  });
  InvitationRow invitation{.id = core::NewId(), .workspace_id = workspace_id_, .survey_id = survey_.id,
                           .customer_id = customer.id, .token_hash = "t1", .status = "sent",
                           .created_at = 5};
  Write([&](WriteContext& context) { return InvitationRepo(context.db).Insert(invitation); });
  SurveyResponseRow theirs = Response("completed");
  theirs.customer_id = customer.id;
  theirs.invitation_id = invitation.id;
  Insert(theirs);
  SurveyResponseRow anonymous = Response("completed");
  Insert(anonymous);
  Write([&](WriteContext& context) -> Status {
    VOXLOOP_TRY(SurveyResponseRepo(context.db).DeleteForCustomer(workspace_id_, customer.id));
    return CustomerRepo(context.db, vault_).Delete(workspace_id_, customer.id);
  });
  auto all = Read<SurveyResponsePage>([&](Connection& db) {
    return SurveyResponseRepo(db).List(survey_.id, "", std::nullopt, 50);
  });
  ASSERT_EQ(all.responses.size(), 1u);
  EXPECT_EQ(all.responses[0].id, anonymous.id);
  auto kept = Read<std::optional<InvitationRow>>(
      [&](Connection& db) { return InvitationRepo(db).FindByTokenHash("t1"); });
  ASSERT_TRUE(kept);
  EXPECT_FALSE(kept->customer_id);
}

TEST_P(SurveyRepoTest, MarksAnInvitationOpenedOnceAndRespondedWithItsResponse) {
  InvitationRow invitation{.id = core::NewId(), .workspace_id = workspace_id_, .survey_id = survey_.id,
                           .token_hash = "t2", .status = "sent", .created_at = 5};
  Write([&](WriteContext& context) -> Status {
    InvitationRepo repo(context.db);
    VOXLOOP_TRY(repo.Insert(invitation));
    VOXLOOP_TRY(repo.MarkOpened(invitation.id, 50));
    VOXLOOP_TRY(repo.MarkOpened(invitation.id, 60));
    return repo.MarkResponded(invitation.id, 999, 70);
  });
  auto stored = Read<std::optional<InvitationRow>>(
      [&](Connection& db) { return InvitationRepo(db).Get(workspace_id_, invitation.id); });
  EXPECT_EQ(stored->opened_at, std::optional<core::TimeMs>(50));
  EXPECT_EQ(stored->responded_at, std::optional<core::TimeMs>(70));
  EXPECT_EQ(stored->response_id, std::optional<core::Id>(999));
}

VOXLOOP_INSTANTIATE_STORE_SUITE(SurveyRepoTest);

}  // namespace
}  // namespace voxloop::store
