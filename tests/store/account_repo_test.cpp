#include "store/account_repo.hpp"

#include "core/id.hpp"
#include "store/audit_repo.hpp"
#include "store/workspace_repo.hpp"
#include "tests/store/store_fixture.hpp"

namespace voxloop::store {
namespace {

class AccountRepoTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    workspace_id_ = core::NewId();
    user_ = User{core::NewId(), "owner@example.com", "Owner", "hash", "vi", 1, false};
    Write([this](WriteContext& context) -> Status {
      VOXLOOP_TRY(WorkspaceRepo(context.db).Insert({workspace_id_, "Shop", "UTC", "en", "{}", 1}));
      VOXLOOP_TRY(UserRepo(context.db).Insert(user_));
      return MembershipRepo(context.db).Upsert({workspace_id_, user_.id, "owner", 1, "", ""});
    });
  }
  core::Id workspace_id_ = 0;
  User user_;
};

TEST_P(AccountRepoTest, RefusesADuplicateEmail) {
  User twin = user_;
  twin.id = core::NewId();
  const Status status =
      db_->writer().Run([&](WriteContext& context) { return UserRepo(context.db).Insert(twin); });
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, core::ErrorCode::kConflict);
}

TEST_P(AccountRepoTest, ChangesARoleInPlace) {
  Write([&](WriteContext& context) {
    return MembershipRepo(context.db).Upsert({workspace_id_, user_.id, "viewer", 2, "", ""});
  });
  auto members = Read<std::vector<Membership>>(
      [&](Connection& db) { return MembershipRepo(db).ListMembers(workspace_id_); });
  ASSERT_EQ(members.size(), 1u);
  EXPECT_EQ(members[0].role, "viewer");
  EXPECT_EQ(members[0].email, "owner@example.com");
}

TEST_P(AccountRepoTest, FindsOnlyActiveTokensAndLiveSessions) {
  ApiToken token{core::NewId(), workspace_id_, "ci", "agent", "h1", "vxl_ab", user_.id, 1, {}};
  Write([&](WriteContext& context) -> Status {
    VOXLOOP_TRY(ApiTokenRepo(context.db).Insert(token));
    return SessionRepo(context.db).Insert({"s1", user_.id, "csrf", 1, 1000});
  });
  EXPECT_TRUE(Read<std::optional<ApiToken>>(
      [](Connection& db) { return ApiTokenRepo(db).FindActiveByHash("h1"); }));
  Write([&](WriteContext& context) {
    return ApiTokenRepo(context.db).Revoke(workspace_id_, token.id, 5);
  });
  EXPECT_FALSE(Read<std::optional<ApiToken>>(
      [](Connection& db) { return ApiTokenRepo(db).FindActiveByHash("h1"); }));
  EXPECT_TRUE(Read<std::optional<Session>>(
      [](Connection& db) { return SessionRepo(db).Find("s1", 999); }));
  EXPECT_FALSE(Read<std::optional<Session>>(
      [](Connection& db) { return SessionRepo(db).Find("s1", 1000); }));
}

TEST_P(AccountRepoTest, RecordsIdempotencyKeysOncePerWorkspace) {
  IdempotencyRecord record{workspace_id_, "key-1", "hash", 201, {11, 12}, 5};
  Write([&](WriteContext& context) { return IdempotencyRepo(context.db).Insert(record); });
  const Status again = db_->writer().Run(
      [&](WriteContext& context) { return IdempotencyRepo(context.db).Insert(record); });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, core::ErrorCode::kConflict);
  auto found = Read<std::optional<IdempotencyRecord>>(
      [&](Connection& db) { return IdempotencyRepo(db).Find(workspace_id_, "key-1"); });
  ASSERT_TRUE(found);
  EXPECT_EQ(found->resource_ids, (std::vector<core::Id>{11, 12}));
}

TEST_P(AccountRepoTest, ListsAuditEntriesNewestFirst) {
  for (int i = 0; i < 3; ++i) {
    Write([&, i](WriteContext& context) {
      return AuditRepo(context.db).Append({core::NewId(), workspace_id_, "user", user_.id,
                                           "feedback.create", "feedback", std::to_string(i), "{}",
                                           "127.0.0.1", i});
    });
  }
  auto entries = Read<std::vector<AuditEntry>>(
      [&](Connection& db) { return AuditRepo(db).List(workspace_id_, std::nullopt, 2); });
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].target_id, "2");
  EXPECT_EQ(entries[1].target_id, "1");
}

VOXLOOP_INSTANTIATE_STORE_SUITE(AccountRepoTest);

}  // namespace
}  // namespace voxloop::store
