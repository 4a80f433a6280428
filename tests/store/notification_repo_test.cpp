#include "store/notification_repo.hpp"

#include "core/id.hpp"
#include "tests/store/store_fixture.hpp"

namespace voxloop::store {
namespace {

class NotificationRepoTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    workspace_id_ = InsertWorkspace();
  }

  NotificationRow Send(core::Id user_id, const std::string& title) {
    NotificationRow row{.id = core::NewId(), .workspace_id = workspace_id_, .user_id = user_id,
                        .kind = "case.assigned", .title = title, .body = "Priority: high",
                        .link = "/app/w/1/cases/2", .created_at = 5};
    Write([&](WriteContext& context) { return NotificationRepo(context.db).Insert(row); });
    return row;
  }

  NotificationPage List(core::Id user_id, bool unread_only, std::optional<core::Id> before = std::nullopt,
                        int limit = 50) {
    return Read<NotificationPage>([&](Connection& db) {
      return NotificationRepo(db).List(workspace_id_, user_id, unread_only, before, limit);
    });
  }

  std::int64_t Unread(core::Id user_id) {
    return Read<std::int64_t>([&](Connection& db) { return NotificationRepo(db).UnreadCount(workspace_id_, user_id); });
  }

  std::int64_t MarkRead(core::Id user_id, core::Id id, core::TimeMs at) {
    std::int64_t changed = 0;
    Write([&](WriteContext& context) -> Status {
      VOXLOOP_ASSIGN_OR_RETURN(changed, NotificationRepo(context.db).MarkRead(workspace_id_, user_id, id, at));
      return core::Ok();
    });
    return changed;
  }

  core::Id workspace_id_ = 0;
  const core::Id lan_ = 101;
  const core::Id wei_ = 202;
};

TEST_P(NotificationRepoTest, ListsAMembersOwnNewestFirstWithTheUnreadCount) {
  const auto first = Send(lan_, "một");
  Send(wei_, "not Lan's");
  const auto second = Send(lan_, "二");
  auto page = List(lan_, false);
  ASSERT_EQ(page.rows.size(), 2u);
  EXPECT_EQ(page.rows[0].id, second.id);
  EXPECT_EQ(page.rows[1].id, first.id);
  EXPECT_EQ(page.rows[1].title, "một");
  EXPECT_EQ(page.rows[1].link, "/app/w/1/cases/2");
  EXPECT_FALSE(page.rows[1].read_at);
  EXPECT_FALSE(page.next_before_id);
  EXPECT_EQ(Unread(lan_), 2);
  EXPECT_EQ(Unread(wei_), 1);
}

TEST_P(NotificationRepoTest, MarksReadOnceAndOnlyTheMembersOwn) {
  const auto mine = Send(lan_, "a");
  EXPECT_EQ(MarkRead(wei_, mine.id, 10), 0);  // not Wei's
  EXPECT_EQ(MarkRead(lan_, mine.id, 10), 1);
  EXPECT_EQ(MarkRead(lan_, mine.id, 20), 0);  // the first time counts
  auto stored = Read<std::optional<NotificationRow>>(
      [&](Connection& db) { return NotificationRepo(db).Get(workspace_id_, lan_, mine.id); });
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->read_at, core::TimeMs{10});
  auto other = Read<std::optional<NotificationRow>>(
      [&](Connection& db) { return NotificationRepo(db).Get(workspace_id_, wei_, mine.id); });
  EXPECT_FALSE(other);
  EXPECT_EQ(Unread(lan_), 0);
}

TEST_P(NotificationRepoTest, FiltersUnreadPagesAndMarksAllRead) {
  std::vector<core::Id> ids;
  for (int idx = 0; idx < 5; ++idx) ids.push_back(Send(lan_, "n" + std::to_string(idx)).id);
  Send(wei_, "wei");
  MarkRead(lan_, ids[4], 10);
  auto unread = List(lan_, true);
  ASSERT_EQ(unread.rows.size(), 4u);
  EXPECT_EQ(unread.rows[0].id, ids[3]);
  auto first = List(lan_, false, std::nullopt, 2);
  ASSERT_EQ(first.rows.size(), 2u);
  ASSERT_TRUE(first.next_before_id);
  auto second = List(lan_, false, first.next_before_id, 2);
  ASSERT_EQ(second.rows.size(), 2u);
  EXPECT_EQ(second.rows[0].id, ids[2]);
  std::int64_t marked = 0;
  Write([&](WriteContext& context) -> Status {
    VOXLOOP_ASSIGN_OR_RETURN(marked, NotificationRepo(context.db).MarkAllRead(workspace_id_, lan_, 30));
    return core::Ok();
  });
  EXPECT_EQ(marked, 4);
  EXPECT_EQ(Unread(lan_), 0);
  EXPECT_EQ(Unread(wei_), 1);
}

TEST_P(NotificationRepoTest, DeletesReadOnesAfterTheirRetentionAndAnyAfterTheLongerOne) {
  auto insert = [&](core::Id user_id, const std::string& title, core::TimeMs created_at,
                    std::optional<core::TimeMs> read_at) {
    NotificationRow row{.id = core::NewId(), .workspace_id = workspace_id_, .user_id = user_id,
                        .kind = "rule.alert", .title = title, .created_at = created_at};
    Write([&](WriteContext& context) -> Status {
      VOXLOOP_TRY(NotificationRepo(context.db).Insert(row));
      if (read_at) VOXLOOP_TRY(NotificationRepo(context.db).MarkRead(workspace_id_, user_id, row.id, *read_at));
      return core::Ok();
    });
  };
  insert(lan_, "read, old", 100, 150);
  insert(lan_, "unread, old", 100, std::nullopt);
  insert(wei_, "read, recent", 1000, 1100);
  insert(wei_, "unread, ancient", 50, std::nullopt);
  auto delete_old = [&](core::TimeMs read_cutoff, core::TimeMs any_cutoff, int limit) {
    std::int64_t deleted = 0;
    Write([&](WriteContext& context) -> Status {
      VOXLOOP_ASSIGN_OR_RETURN(deleted, NotificationRepo(context.db).DeleteOld(read_cutoff, any_cutoff, limit));
      return core::Ok();
    });
    return deleted;
  };
  EXPECT_EQ(delete_old(500, 60, 100), 2);
  auto titles = [&](core::Id user_id) {
    std::vector<std::string> out;
    for (const auto& row : List(user_id, false).rows) out.push_back(row.title);
    return out;
  };
  EXPECT_EQ(titles(lan_), std::vector<std::string>{"unread, old"});
  EXPECT_EQ(titles(wei_), std::vector<std::string>{"read, recent"});
  // At most `limit` a call.
  for (int idx = 0; idx < 3; ++idx) insert(lan_, "read " + std::to_string(idx), 200, 300);
  EXPECT_EQ(delete_old(500, 60, 2), 2);
  EXPECT_EQ(delete_old(500, 60, 2), 1);
  EXPECT_EQ(delete_old(500, 60, 2), 0);
  EXPECT_EQ(titles(lan_), std::vector<std::string>{"unread, old"});
}

VOXLOOP_INSTANTIATE_STORE_SUITE(NotificationRepoTest);

}  // namespace
}  // namespace voxloop::store
