#include "learning/analysis_service.hpp"

#include <gtest/gtest.h>

#include "core/time.hpp"
#include "store/feedback_repo.hpp"
#include "store/workspace_repo.hpp"
#include "tests/store/store_fixture.hpp"

namespace voxloop::learning {
namespace {

class AnalysisServiceTest : public store::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    workspace_id_ = core::NewId();
    Write([&](store::WriteContext& context) {
      return store::WorkspaceRepo(context.db).Insert({workspace_id_, "Shop", "UTC", "vi", "{}", 1});
    });
    cache_ = std::make_unique<WorkspaceModelCache>(*db_);
    runner_ = std::make_unique<jobs::JobRunner>(*db_);
    service_ = std::make_unique<AnalysisService>(*db_, *cache_, *runner_);
  }

  // Stores an item the way ingestion does, or with `stale` analysis (as an old version left it).
  core::Id AddItem(const std::string& text, bool stale = false) {
    core::FeedbackItem item;
    item.id = core::NewId();
    item.workspace_id = workspace_id_;
    item.channel = core::Channel::kChat;
    item.text = text;
    item.received_at = item.created_at = core::NowMs();
    if (stale) {
      item.analysis.language = "und";
      item.analysis.redacted_text = text;
    } else {
      item.analysis = analysis::AnalyzeText(text, *cache_->Get(workspace_id_));
    }
    Write([&](store::WriteContext& context) { return store::FeedbackRepo(context.db).Insert(item); });
    return item.id;
  }

  core::FeedbackItem Item(core::Id id) {
    auto item = Read<std::optional<core::FeedbackItem>>(
        [&](store::Connection& db) { return store::FeedbackRepo(db).Get(workspace_id_, id); });
    EXPECT_TRUE(item.has_value());
    return item.value_or(core::FeedbackItem{});
  }

  core::Id workspace_id_ = 0;
  std::unique_ptr<WorkspaceModelCache> cache_;
  std::unique_ptr<jobs::JobRunner> runner_;
  std::unique_ptr<AnalysisService> service_;
};

TEST_P(AnalysisServiceTest, CorrectionsChangeTheItemAndBecomeTrainingData) {
  const core::Id id = AddItem("Sản phẩm dùng cũng được");
  auto bad = service_->Correct(workspace_id_, id, {std::nullopt, std::vector<std::string>{"nope"}},
                               {"user", 7});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().fields.at(0).field, "topics[0]");
  EXPECT_EQ(Item(id).analysis.sentiment_source, "builtin");

  auto corrected = service_->Correct(
      workspace_id_, id,
      {core::SentimentLabel::kNegative, std::vector<std::string>{"product/quality"}}, {"user", 7});
  ASSERT_TRUE(corrected) << corrected.error().message;
  const core::FeedbackItem stored = Item(id);
  EXPECT_EQ(stored.analysis.sentiment, core::SentimentLabel::kNegative);
  EXPECT_EQ(stored.analysis.sentiment_source, "manual");
  EXPECT_EQ(stored.analysis.topics, std::vector<std::string>{"product/quality"});
  EXPECT_TRUE(stored.analysis.topics_manual);
  EXPECT_EQ(service_->CountCorrections(workspace_id_, "sentiment").value(), 1);
  EXPECT_EQ(service_->CountCorrections(workspace_id_, "topic").value(), 1);
  EXPECT_EQ(service_->Correct(workspace_id_, 12345, {core::SentimentLabel::kPositive, {}}, {})
                .error()
                .code,
            core::ErrorCode::kNotFound);
}

TEST_P(AnalysisServiceTest, ATaxonomyIsValidatedVersionedAndUsed) {
  EXPECT_EQ(service_->GetTaxonomy(workspace_id_).value().version, 0);
  auto invalid = service_->SetTaxonomy(workspace_id_, R"({"categories":[{"id":"Bad Id"}]})", {});
  ASSERT_FALSE(invalid);
  EXPECT_EQ(service_->GetTaxonomy(workspace_id_).value().version, 0);
  const char* kParking =
      R"({"categories":[{"id":"parking","name":{"en":"Parking"},"keywords":{"vi":["gửi xe"]}}]})";
  auto saved = service_->SetTaxonomy(workspace_id_, kParking, {});
  ASSERT_TRUE(saved) << saved.error().message;
  EXPECT_EQ(saved->version, 1);
  EXPECT_EQ(service_->GetTaxonomy(workspace_id_).value().version, 1);
  EXPECT_TRUE(cache_->Get(workspace_id_)->taxonomy->Contains("parking"));
  EXPECT_FALSE(cache_->Get(workspace_id_)->taxonomy->Contains("delivery"));
}

TEST_P(AnalysisServiceTest, ReanalysisUpdatesStaleItemsAndKeepsCorrections) {
  std::vector<core::Id> stale;
  for (int item_idx = 0; item_idx < 450; ++item_idx) {
    stale.push_back(AddItem("Giao hàng quá chậm " + std::to_string(item_idx), true));
  }
  const core::Id corrected = AddItem("Giao hàng chậm", false);
  ASSERT_TRUE(service_->Correct(workspace_id_, corrected, {core::SentimentLabel::kPositive, {}}, {}));
  std::int64_t last_done = -1;
  std::int64_t last_total = -1;
  auto changed = service_->Reanalyze(workspace_id_, [&](std::int64_t done, std::int64_t total) {
    EXPECT_GE(done, last_done);
    last_done = done;
    last_total = total;
    return true;
  });
  ASSERT_TRUE(changed) << changed.error().message;
  EXPECT_EQ(*changed, 450);
  EXPECT_EQ(last_done, 451);
  EXPECT_EQ(last_total, 451);
  const core::FeedbackItem item = Item(stale[17]);
  EXPECT_EQ(item.analysis.language, "vi");
  EXPECT_EQ(item.analysis.version, analysis::kPipelineVersion);
  EXPECT_EQ(Item(corrected).analysis.sentiment, core::SentimentLabel::kPositive);
  // Nothing is stale any more, so a second run changes nothing; a stop request is honoured.
  EXPECT_EQ(service_->Reanalyze(workspace_id_, [](auto, auto) { return true; }).value(), 0);
  EXPECT_EQ(service_->Reanalyze(workspace_id_, [](auto, auto) { return false; }).value(), 0);
}

TEST_P(AnalysisServiceTest, TrainsOnCorrectionsAndReportsHeldOutQuality) {
  EXPECT_EQ(service_->Train(workspace_id_, "sentiment", {}).error().code,
            core::ErrorCode::kInvalidArgument);
  const std::vector<std::pair<std::string, core::SentimentLabel>> slang{
      {"ổn áp lắm", core::SentimentLabel::kPositive},
      {"hàng ổn áp", core::SentimentLabel::kPositive},
      {"máy toang rồi", core::SentimentLabel::kNegative},
      {"toang thật", core::SentimentLabel::kNegative}};
  for (int round = 0; round < 15; ++round) {
    for (const auto& [text, label] : slang) {
      const core::Id id = AddItem(text + " " + std::to_string(round));
      ASSERT_TRUE(service_->Correct(workspace_id_, id, {label, {}}, {"user", 1}));
    }
  }
  auto report = service_->Train(workspace_id_, "sentiment", 1);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->examples, 60);
  EXPECT_GE(report->held_out, 6);
  EXPECT_EQ(report->labels, (std::vector<std::string>{"negative", "positive"}));
  EXPECT_GE(report->model.accuracy, 0.9);
  ASSERT_TRUE(report->blend.has_value());
  // The built-in lexicon does not know this slang; the trained model does, so it serves.
  EXPECT_GT(report->model.macro_f1, report->built_in.macro_f1);
  EXPECT_NE(report->serving, "builtin");
  auto models = service_->ListModels(workspace_id_).value();
  ASSERT_EQ(models.size(), 1u);
  EXPECT_EQ(models[0].status, "active");
  EXPECT_EQ(models[0].version, report->version);
  const auto cached = cache_->Get(workspace_id_);
  ASSERT_TRUE(cached->sentiment.has_value());
  EXPECT_EQ(analysis::AnalyzeText("toang hẳn", *cached).sentiment, core::SentimentLabel::kNegative);
}

VOXLOOP_INSTANTIATE_STORE_SUITE(AnalysisServiceTest);

}  // namespace
}  // namespace voxloop::learning
