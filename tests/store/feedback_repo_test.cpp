#include "store/feedback_repo.hpp"

#include "core/id.hpp"
#include "store/customer_repo.hpp"
#include "store/workspace_repo.hpp"
#include "tests/store/store_fixture.hpp"

namespace voxloop::store {
namespace {

class FeedbackRepoTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    workspace_ = core::Workspace{core::NewId(), "Phở Việt", "Asia/Ho_Chi_Minh", "vi", "{}", 1};
    Write([this](WriteContext& context) { return WorkspaceRepo(context.db).Insert(workspace_); });
  }

  core::FeedbackItem Item(std::string text, core::Channel channel, core::TimeMs received_at) {
    core::FeedbackItem item;
    item.id = core::NewId();
    item.workspace_id = workspace_.id;
    item.channel = channel;
    item.text = std::move(text);
    item.received_at = received_at;
    item.created_at = received_at;
    item.analysis.search_text = item.text;
    return item;
  }

  void Insert(const core::FeedbackItem& item) {
    Write([item](WriteContext& context) { return FeedbackRepo(context.db).Insert(item); });
  }

  FeedbackPage List(const FeedbackFilter& filter) {
    return Read<FeedbackPage>([filter](Connection& db) { return FeedbackRepo(db).List(filter); });
  }

  core::Workspace workspace_;
};

TEST_P(FeedbackRepoTest, StoresAndReadsBackEveryField) {
  core::FeedbackItem item = Item("Giao hàng quá chậm 😡", core::Channel::kChat, 1000);
  item.rating = 2.5;
  item.external_id = "chat-42";
  item.metadata_json = R"({"agent":"Lan"})";
  item.tags = {"vip"};
  item.analysis.language = "vi";
  item.analysis.sentiment = core::SentimentLabel::kNegative;
  item.analysis.sentiment_score = -0.75;
  item.analysis.topics = {"delivery/late", "delivery"};
  item.analysis.key_phrases = {"giao hàng"};
  item.analysis.pii_kinds = {};
  Insert(item);
  auto stored = Read<std::optional<core::FeedbackItem>>(
      [&](Connection& db) { return FeedbackRepo(db).Get(workspace_.id, item.id); });
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->text, item.text);
  EXPECT_EQ(stored->channel, core::Channel::kChat);
  EXPECT_DOUBLE_EQ(*stored->rating, 2.5);
  EXPECT_EQ(stored->external_id, "chat-42");
  EXPECT_EQ(stored->metadata_json, item.metadata_json);
  EXPECT_EQ(stored->tags, item.tags);
  EXPECT_EQ(stored->analysis.sentiment, core::SentimentLabel::kNegative);
  EXPECT_DOUBLE_EQ(stored->analysis.sentiment_score, -0.75);
  EXPECT_EQ(stored->analysis.topics, item.analysis.topics);
  EXPECT_FALSE(stored->customer_id.has_value());
}

TEST_P(FeedbackRepoTest, RefusesASecondItemWithTheSameExternalId) {
  core::FeedbackItem first = Item("one", core::Channel::kApi, 1);
  first.external_id = "x-1";
  Insert(first);
  core::FeedbackItem second = Item("two", core::Channel::kApi, 2);
  second.external_id = "x-1";
  const Status status =
      db_->writer().Run([&](WriteContext& context) { return FeedbackRepo(context.db).Insert(second); });
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, core::ErrorCode::kConflict);
}

TEST_P(FeedbackRepoTest, PagesNewestFirstWithoutGapsOrRepeats) {
  std::vector<core::Id> expected;
  for (int i = 0; i < 25; ++i) {
    // Several items share a received_at, so the cursor must break ties by id.
    core::FeedbackItem item = Item("item " + std::to_string(i), core::Channel::kEmail, 1000 + i / 3);
    Insert(item);
    expected.insert(expected.begin(), item.id);
  }
  std::sort(expected.begin(), expected.end(), [](core::Id a, core::Id b) { return a > b; });
  std::vector<core::Id> seen;
  FeedbackFilter filter{.workspace_id = workspace_.id, .limit = 7};
  for (;;) {
    FeedbackPage page = List(filter);
    for (const auto& item : page.items) seen.push_back(item.id);
    if (!page.next) break;
    filter.after = page.next;
  }
  ASSERT_EQ(seen.size(), expected.size());
  std::vector<core::Id> sorted_seen = seen;
  std::sort(sorted_seen.begin(), sorted_seen.end());
  EXPECT_EQ(std::adjacent_find(sorted_seen.begin(), sorted_seen.end()), sorted_seen.end());
}

TEST_P(FeedbackRepoTest, FiltersByChannelTimeTopicAndText) {
  core::FeedbackItem late = Item("giao hang cham qua", core::Channel::kChat, 100);
  late.analysis.topics = {"delivery/late"};
  Insert(late);
  core::FeedbackItem price = Item("gia hoi cao", core::Channel::kReview, 200);
  price.analysis.topics = {"price"};
  Insert(price);
  Insert(Item("100% hài lòng_", core::Channel::kChat, 300));

  EXPECT_EQ(List({.workspace_id = workspace_.id, .channel = core::Channel::kChat}).items.size(), 2u);
  EXPECT_EQ(List({.workspace_id = workspace_.id, .received_from = 150, .received_to = 300})
                .items.size(), 1u);
  auto by_parent_topic = List({.workspace_id = workspace_.id, .topic = "delivery"});
  ASSERT_EQ(by_parent_topic.items.size(), 1u);
  EXPECT_EQ(by_parent_topic.items[0].id, late.id);
  EXPECT_EQ(List({.workspace_id = workspace_.id, .topic = "deliv"}).items.size(), 0u);
  EXPECT_EQ(List({.workspace_id = workspace_.id, .search_folded = "cham"}).items.size(), 1u);
  // LIKE wildcards in the needle are literal characters.
  EXPECT_EQ(List({.workspace_id = workspace_.id, .search_folded = "100%"}).items.size(), 1u);
  EXPECT_EQ(List({.workspace_id = workspace_.id, .search_folded = "g_a"}).items.size(), 0u);
}

TEST_P(FeedbackRepoTest, UpdatesAnalysisAndTopicRows) {
  core::FeedbackItem item = Item("the app keeps crashing", core::Channel::kInApp, 5);
  item.analysis.topics = {"app"};
  Insert(item);
  core::FeedbackAnalysis corrected = item.analysis;
  corrected.sentiment = core::SentimentLabel::kNegative;
  corrected.sentiment_source = "manual";
  corrected.topics = {"app/crash"};
  corrected.topics_manual = true;
  Write([&](WriteContext& context) {
    return FeedbackRepo(context.db).UpdateAnalysis(workspace_.id, item.id, corrected, 10);
  });
  EXPECT_EQ(List({.workspace_id = workspace_.id, .topic = "app/crash"}).items.size(), 1u);
  auto page = List({.workspace_id = workspace_.id, .sentiment = core::SentimentLabel::kNegative});
  ASSERT_EQ(page.items.size(), 1u);
  EXPECT_TRUE(page.items[0].analysis.topics_manual);
  const Status missing = db_->writer().Run([&](WriteContext& context) {
    return FeedbackRepo(context.db).UpdateAnalysis(workspace_.id, core::NewId(), corrected, 10);
  });
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, core::ErrorCode::kNotFound);
}

TEST_P(FeedbackRepoTest, KeepsWorkspacesApart) {
  core::Workspace other{core::NewId(), "Other", "UTC", "en", "{}", 1};
  Write([&](WriteContext& context) { return WorkspaceRepo(context.db).Insert(other); });
  core::FeedbackItem item = Item("secret", core::Channel::kApi, 1);
  Insert(item);
  auto from_other = Read<std::optional<core::FeedbackItem>>(
      [&](Connection& db) { return FeedbackRepo(db).Get(other.id, item.id); });
  EXPECT_FALSE(from_other.has_value());
  EXPECT_TRUE(List({.workspace_id = other.id}).items.empty());
}

VOXLOOP_INSTANTIATE_STORE_SUITE(FeedbackRepoTest);

}  // namespace
}  // namespace voxloop::store
