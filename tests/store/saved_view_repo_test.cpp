#include "store/saved_view_repo.hpp"

#include "core/id.hpp"
#include "store/workspace_repo.hpp"
#include "tests/store/store_fixture.hpp"

namespace voxloop::store {
namespace {

class SavedViewRepoTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    workspace_id_ = InsertWorkspace();
  }

  SavedView Save(const std::string& name, core::Id owner_id, bool shared) {
    SavedView view{.id = core::NewId(), .workspace_id = workspace_id_, .owner_type = "user",
                   .owner_id = owner_id, .name = name, .page = "explorer",
                   .filters_json = R"({"channel":"chat"})", .shared = shared,
                   .created_at = 5, .updated_at = 5};
    Write([&](WriteContext& context) { return SavedViewRepo(context.db).Insert(view); });
    return view;
  }

  std::vector<std::string> VisibleNames(core::Id owner_id) {
    auto page = Read<SavedViewPage>([&](Connection& db) {
      return SavedViewRepo(db).ListVisible(workspace_id_, "user", owner_id, std::nullopt, 50);
    });
    std::vector<std::string> names;
    for (const auto& view : page.views) names.push_back(view.name);
    return names;
  }

  core::Id workspace_id_ = 0;
  const core::Id lan_ = 101;
  const core::Id wei_ = 202;
};

TEST_P(SavedViewRepoTest, ListsOwnAndSharedViewsNewestFirstWhenListingVisible) {
  Save("lan private", lan_, false);
  Save("wei private", wei_, false);
  Save("wei shared", wei_, true);
  EXPECT_EQ(VisibleNames(lan_), (std::vector<std::string>{"wei shared", "lan private"}));
  EXPECT_EQ(VisibleNames(wei_), (std::vector<std::string>{"wei shared", "wei private"}));
}

TEST_P(SavedViewRepoTest, DoesNotShowATokensViewsToAUserWithTheSameIdWhenListing) {
  SavedView token_view{.id = core::NewId(), .workspace_id = workspace_id_, .owner_type = "token",
                       .owner_id = lan_, .name = "token's", .page = "overview"};
  Write([&](WriteContext& context) { return SavedViewRepo(context.db).Insert(token_view); });
  EXPECT_TRUE(VisibleNames(lan_).empty());
}

TEST_P(SavedViewRepoTest, PagesWithAfterIdWhenMoreViewsThanTheLimit) {
  for (int view_idx = 0; view_idx < 5; ++view_idx) Save("v" + std::to_string(view_idx), lan_, false);
  auto first = Read<SavedViewPage>([&](Connection& db) {
    return SavedViewRepo(db).ListVisible(workspace_id_, "user", lan_, std::nullopt, 3);
  });
  ASSERT_EQ(first.views.size(), 3u);
  ASSERT_TRUE(first.next_after_id);
  auto second = Read<SavedViewPage>([&](Connection& db) {
    return SavedViewRepo(db).ListVisible(workspace_id_, "user", lan_, first.next_after_id, 3);
  });
  ASSERT_EQ(second.views.size(), 2u);
  EXPECT_EQ(second.views.back().name, "v0");
  EXPECT_FALSE(second.next_after_id);
}

TEST_P(SavedViewRepoTest, StoresEveryFieldAndBumpsTheVersionWhenUpdated) {
  SavedView view = Save("Late deliveries", lan_, false);
  view.name = "Giao hàng chậm";
  view.filters_json = R"({"topic":"delivery"})";
  view.shared = true;
  view.updated_at = 9;
  Write([&](WriteContext& context) { return SavedViewRepo(context.db).Update(view, 1); });
  auto stored = Read<std::optional<SavedView>>(
      [&](Connection& db) { return SavedViewRepo(db).Get(workspace_id_, view.id); });
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->name, "Giao hàng chậm");
  EXPECT_EQ(stored->filters_json, R"({"topic":"delivery"})");
  EXPECT_TRUE(stored->shared);
  EXPECT_EQ(stored->version, 2);
  EXPECT_EQ(stored->updated_at, 9);
  EXPECT_EQ(stored->created_at, 5);
}

TEST_P(SavedViewRepoTest, RefusesAStaleVersionWithConflictWhenUpdating) {
  SavedView view = Save("v", lan_, false);
  Write([&](WriteContext& context) { return SavedViewRepo(context.db).Update(view, 1); });
  Status stale = db_->writer().Run(
      [&](WriteContext& context) { return SavedViewRepo(context.db).Update(view, 1); });
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, core::ErrorCode::kConflict);
}

TEST_P(SavedViewRepoTest, ReportsNotFoundWhenDeletingTwice) {
  SavedView view = Save("v", lan_, false);
  Write([&](WriteContext& context) { return SavedViewRepo(context.db).Delete(workspace_id_, view.id); });
  Status again = db_->writer().Run(
      [&](WriteContext& context) { return SavedViewRepo(context.db).Delete(workspace_id_, view.id); });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, core::ErrorCode::kNotFound);
  EXPECT_TRUE(VisibleNames(lan_).empty());
}

TEST_P(SavedViewRepoTest, DoesNotFindAViewFromAnotherWorkspace) {
  SavedView view = Save("v", lan_, true);
  auto stored = Read<std::optional<SavedView>>(
      [&](Connection& db) { return SavedViewRepo(db).Get(workspace_id_ + 1, view.id); });
  EXPECT_FALSE(stored);
}

VOXLOOP_INSTANTIATE_STORE_SUITE(SavedViewRepoTest);

}  // namespace
}  // namespace voxloop::store
