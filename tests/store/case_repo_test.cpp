#include "store/case_repo.hpp"

#include "core/id.hpp"
#include "store/workspace_repo.hpp"
#include "tests/store/store_fixture.hpp"

namespace voxloop::store {
namespace {

class CaseRepoTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    workspace_id_ = InsertWorkspace();
  }

  CaseRow NewCase(const std::string& title, std::optional<core::Id> customer, std::string status = "new") {
    CaseRow row;
    row.id = core::NewId();
    row.workspace_id = workspace_id_;
    row.title = title;
    row.status = std::move(status);
    row.priority = "high";
    row.priority_score = 55;
    row.customer_id = customer;
    row.tags = {"vip", "giao hàng"};
    row.first_response_due_at = 1000;
    row.resolution_due_at = 5000;
    row.created_at = row.updated_at = 10;
    Write([&](WriteContext& context) { return CaseRepo(context.db).Insert(row); });
    return row;
  }

  std::vector<std::string> Titles(const CaseFilter& filter) {
    auto rows = Read<std::vector<CaseRow>>([&](Connection& db) { return CaseRepo(db).List(workspace_id_, filter); });
    std::vector<std::string> titles;
    for (const CaseRow& row : rows) titles.push_back(row.title);
    return titles;
  }

  core::Id workspace_id_ = 0;
};

TEST_P(CaseRepoTest, StoresEveryFieldAndUpdatesOnlyTheExpectedVersion) {
  CaseRow row = NewCase("Giao hàng chậm", 77);
  auto stored = Read<std::optional<CaseRow>>([&](Connection& db) { return CaseRepo(db).Get(workspace_id_, row.id); });
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->title, "Giao hàng chậm");
  EXPECT_EQ(stored->priority_score, 55);
  EXPECT_EQ(stored->customer_id, std::optional<core::Id>(77));
  EXPECT_EQ(stored->tags, (std::vector<std::string>{"vip", "giao hàng"}));
  EXPECT_EQ(stored->resolution_due_at, std::optional<core::TimeMs>(5000));
  EXPECT_FALSE(stored->assignee_id);
  EXPECT_EQ(stored->version, 1);

  stored->status = "open";
  stored->assignee_id = 5;
  stored->first_responded_at = 20;
  Write([&](WriteContext& context) { return CaseRepo(context.db).Update(*stored, 1); });
  auto again = Read<std::optional<CaseRow>>([&](Connection& db) { return CaseRepo(db).Get(workspace_id_, row.id); });
  EXPECT_EQ(again->status, "open");
  EXPECT_EQ(again->assignee_id, std::optional<core::Id>(5));
  EXPECT_EQ(again->version, 2);
  // A writer that read version 1 loses.
  Status stale = db_->writer().Run([&](WriteContext& context) { return CaseRepo(context.db).Update(*stored, 1); });
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, core::ErrorCode::kConflict);
  CaseRow missing = *stored;
  missing.id = core::NewId();
  Status gone = db_->writer().Run([&](WriteContext& context) { return CaseRepo(context.db).Update(missing, 1); });
  EXPECT_EQ(gone.error().code, core::ErrorCode::kNotFound);
}

TEST_P(CaseRepoTest, ListsByStatusAssigneePriorityAndDueTimeNewestFirst) {
  NewCase("a", 1);
  CaseRow b = NewCase("b", 2, "open");
  NewCase("c", 3, "resolved");
  b.assignee_id = 9;
  b.resolution_due_at = 100;
  Write([&](WriteContext& context) { return CaseRepo(context.db).Update(b, 1); });
  EXPECT_EQ(Titles({}), (std::vector<std::string>{"c", "b", "a"}));
  EXPECT_EQ(Titles({.status = "active"}), (std::vector<std::string>{"b", "a"}));
  EXPECT_EQ(Titles({.status = "resolved"}), (std::vector<std::string>{"c"}));
  EXPECT_EQ(Titles({.assignee_id = 9}), (std::vector<std::string>{"b"}));
  EXPECT_EQ(Titles({.unassigned = true}), (std::vector<std::string>{"c", "a"}));
  EXPECT_EQ(Titles({.priority = "low"}), std::vector<std::string>{});
  EXPECT_EQ(Titles({.due_before = 1000}), (std::vector<std::string>{"b"}));  // resolved c is not overdue
  EXPECT_EQ(Titles({.limit = 2}), (std::vector<std::string>{"c", "b"}));
}

TEST_P(CaseRepoTest, FindsTheCustomersOpenCaseAndKeepsItemsAndHistory) {
  NewCase("old", 42, "closed");
  CaseRow open = NewCase("open", 42, "open");
  auto found = Read<std::optional<CaseRow>>([&](Connection& db) { return CaseRepo(db).OpenCaseOf(workspace_id_, 42); });
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, open.id);
  EXPECT_FALSE(Read<std::optional<CaseRow>>([&](Connection& db) { return CaseRepo(db).OpenCaseOf(workspace_id_, 43); }));

  Write([&](WriteContext& context) -> Status {
    CaseRepo repo(context.db);
    VOXLOOP_TRY(repo.AddItem(workspace_id_, open.id, 700, 2));
    VOXLOOP_TRY(repo.AddItem(workspace_id_, open.id, 600, 1));
    VOXLOOP_TRY(repo.AddItem(workspace_id_, open.id, 700, 3));  // again: kept once
    VOXLOOP_TRY(repo.AddEvent({core::NewId(), workspace_id_, open.id, 5, "rule", 3, "created", R"({"rule":"3"})"}));
    return repo.AddEvent({core::NewId(), workspace_id_, open.id, 6, "user", 8, "note", R"({"text":"Gọi lại"})"});
  });
  auto items = Read<std::vector<core::Id>>([&](Connection& db) { return CaseRepo(db).Items(workspace_id_, open.id); });
  EXPECT_EQ(items, (std::vector<core::Id>{600, 700}));
  auto pairs = Read<std::vector<std::pair<core::Id, core::Id>>>(
      [&](Connection& db) { return CaseRepo(db).ItemsOf(workspace_id_, {open.id, 1}); });
  EXPECT_EQ(pairs.size(), 2U);
  auto events = Read<std::vector<CaseEventRow>>([&](Connection& db) { return CaseRepo(db).Events(workspace_id_, open.id); });
  ASSERT_EQ(events.size(), 2U);
  EXPECT_EQ(events[0].kind, "created");
  EXPECT_EQ(events[1].data_json, R"({"text":"Gọi lại"})");
  EXPECT_EQ(events[1].actor_id, std::optional<core::Id>(8));
}

TEST_P(CaseRepoTest, RulesAreKeptInOrderCountedChangedAndDeleted) {
  RuleRow first{.id = core::NewId(), .workspace_id = workspace_id_, .name = "Detractors",
                .definition_json = R"({"when":{"field":"nps","op":"lte","value":6},"then":[]})",
                .created_at = 1, .updated_at = 1};
  RuleRow second = first;
  second.id = first.id + 1;
  second.name = "VIP";
  Write([&](WriteContext& context) -> Status {
    RuleRepo repo(context.db);
    VOXLOOP_TRY(repo.Insert(second));
    VOXLOOP_TRY(repo.Insert(first));
    VOXLOOP_TRY(repo.CountFiring(workspace_id_, first.id, 50));
    return repo.CountFiring(workspace_id_, first.id, 60);
  });
  auto rules = Read<std::vector<RuleRow>>([&](Connection& db) { return RuleRepo(db).List(workspace_id_); });
  ASSERT_EQ(rules.size(), 2U);
  EXPECT_EQ(rules[0].name, "Detractors");  // by id: the order rules are evaluated in
  EXPECT_EQ(rules[0].fired_count, 2);
  EXPECT_EQ(rules[0].last_fired_at, std::optional<core::TimeMs>(60));
  first.enabled = false;
  first.name = "Detractors (paused)";
  Write([&](WriteContext& context) { return RuleRepo(context.db).Update(first); });
  auto changed = Read<std::optional<RuleRow>>([&](Connection& db) { return RuleRepo(db).Get(workspace_id_, first.id); });
  EXPECT_FALSE(changed->enabled);
  EXPECT_EQ(changed->name, "Detractors (paused)");
  EXPECT_FALSE(Read<std::optional<RuleRow>>([&](Connection& db) { return RuleRepo(db).Get(workspace_id_ + 1, first.id); }));
  Write([&](WriteContext& context) { return RuleRepo(context.db).Delete(workspace_id_, first.id); });
  Status again = db_->writer().Run([&](WriteContext& context) { return RuleRepo(context.db).Delete(workspace_id_, first.id); });
  EXPECT_EQ(again.error().code, core::ErrorCode::kNotFound);
}

VOXLOOP_INSTANTIATE_STORE_SUITE(CaseRepoTest);

}  // namespace
}  // namespace voxloop::store
