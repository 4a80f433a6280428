#include "analysis/engine.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace voxloop::analysis {
namespace {

bool Has(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

// A workspace whose customers call a working product "ổn áp" and a broken one "toang".
TextClassifier SlangModel() {
  std::vector<LabelledText> examples;
  for (int round = 0; round < 8; ++round) {
    const std::string n = " " + std::to_string(round);
    examples.push_back({"ổn áp lắm" + n, "positive"});
    examples.push_back({"hàng ổn áp" + n, "positive"});
    examples.push_back({"máy toang rồi" + n, "negative"});
    examples.push_back({"toang thật" + n, "negative"});
  }
  return TextClassifier::Train(examples, TrainOptions{}).value();
}

TEST(EngineTest, AnalysesEveryStageOfAVietnameseComment) {
  const core::FeedbackAnalysis analysis =
      AnalyzeText("Giao hàng quá chậm 😡 liên hệ lan.nguyen@example.vn", WorkspaceModels::BuiltIn());
  EXPECT_EQ(analysis.language, "vi");
  EXPECT_EQ(analysis.sentiment, core::SentimentLabel::kNegative);
  EXPECT_LT(analysis.sentiment_score, 0.0);
  EXPECT_GE(analysis.sentiment_score, -1.0);
  EXPECT_EQ(analysis.sentiment_source, "builtin");
  EXPECT_TRUE(Has(analysis.topics, "delivery/late")) << analysis.topics.size();
  EXPECT_EQ(analysis.redacted_text, "Giao hàng quá chậm 😡 liên hệ [EMAIL]");
  EXPECT_EQ(analysis.pii_kinds, std::vector<std::string>{"email"});
  EXPECT_EQ(analysis.search_text, "giao hang qua cham 😡 lien he lan.nguyen@example.vn");
  EXPECT_EQ(analysis.version, kPipelineVersion);
  for (const std::string& phrase : analysis.key_phrases) {
    EXPECT_EQ(phrase.find("example"), std::string::npos) << phrase;  // PII never becomes a phrase
  }
}

TEST(EngineTest, AnalysesChineseAndEnglish) {
  const WorkspaceModels models = WorkspaceModels::BuiltIn();
  const core::FeedbackAnalysis zh = AnalyzeText("送餐太慢了，饭都凉了", models);
  EXPECT_EQ(zh.language, "zh");
  EXPECT_EQ(zh.sentiment, core::SentimentLabel::kNegative);
  EXPECT_TRUE(Has(zh.topics, "delivery/late"));
  const core::FeedbackAnalysis en = AnalyzeText("Great service, the staff were so helpful!", models);
  EXPECT_EQ(en.language, "en");
  EXPECT_EQ(en.sentiment, core::SentimentLabel::kPositive);
  EXPECT_FALSE(en.key_phrases.empty());
}

TEST(EngineTest, EmptyAndHugeTextsAreAnalysedSafely) {
  const WorkspaceModels models = WorkspaceModels::BuiltIn();
  const core::FeedbackAnalysis empty = AnalyzeText("", models);
  EXPECT_EQ(empty.language, "und");
  EXPECT_EQ(empty.sentiment, core::SentimentLabel::kNeutral);
  EXPECT_TRUE(empty.topics.empty());
  std::string huge;
  while (huge.size() < 2 * 1024 * 1024) huge += "hàng tốt, giao nhanh. ";
  huge += "gọi 0912 345 678";
  const core::FeedbackAnalysis big = AnalyzeText(huge, models);
  EXPECT_EQ(big.pii_kinds, std::vector<std::string>{"phone"});  // PII is found past the cap
  EXPECT_EQ(big.sentiment, core::SentimentLabel::kPositive);
  EXPECT_EQ(AnalyzeText(std::string("\xff\xfe bad \xc3", 7), models).version, kPipelineVersion);
}

TEST(EngineTest, ServesATrainedSentimentModelAsConfigured) {
  WorkspaceModels models = WorkspaceModels::BuiltIn();
  const std::string slang = "toang hẳn";
  models.sentiment = TrainedModel{SlangModel(), "abc"};
  models.sentiment_serving = SentimentServing::kBuiltIn;
  EXPECT_EQ(AnalyzeText(slang, models).sentiment_source, "builtin");
  models.sentiment_serving = SentimentServing::kModel;
  const core::FeedbackAnalysis trained = AnalyzeText(slang, models);
  EXPECT_EQ(trained.sentiment, core::SentimentLabel::kNegative);
  EXPECT_EQ(trained.sentiment_source, "model:abc");
  EXPECT_LT(trained.sentiment_score, 0.0);
  models.sentiment_serving = SentimentServing::kBlend;
  const core::FeedbackAnalysis blend = AnalyzeText(slang, models);
  EXPECT_EQ(blend.sentiment_source, "blend:abc");
  EXPECT_LT(blend.sentiment_score, 0.0);
}

TEST(EngineTest, ALearnedTopicJoinsTheRuleMatches) {
  std::vector<LabelledText> examples;
  for (int round = 0; round < 10; ++round) {
    const std::string n = " " + std::to_string(round);
    examples.push_back({"shipper gọi mãi không tới" + n, "delivery/courier"});
    examples.push_back({"shipper bom hàng" + n, "delivery/courier"});
    examples.push_back({"áo mặc bị chật" + n, "product"});
    examples.push_back({"vải áo mỏng" + n, "product"});
  }
  WorkspaceModels models = WorkspaceModels::BuiltIn();
  ASSERT_TRUE(models.taxonomy->Contains("delivery/courier"));
  models.topics = TrainedModel{TextClassifier::Train(examples, TrainOptions{}).value(), "t1"};
  const core::FeedbackAnalysis analysis = AnalyzeText("shipper bom hàng lần nữa", models);
  ASSERT_FALSE(analysis.topics.empty());
  EXPECT_EQ(analysis.topics.front(), "delivery/courier");
  EXPECT_FALSE(Has(analysis.topics, "delivery"));  // the parent is implied, not repeated
}

TEST(EngineTest, ServingNamesRoundTrip) {
  for (auto serving : {SentimentServing::kBuiltIn, SentimentServing::kBlend, SentimentServing::kModel}) {
    EXPECT_EQ(ParseSentimentServing(SentimentServingName(serving)), serving);
  }
  EXPECT_EQ(ParseSentimentServing("best"), std::nullopt);
}

}  // namespace
}  // namespace voxloop::analysis
