// What counts as what: feedback items and survey responses as rows of the metrics index.
#include <gtest/gtest.h>

#include "insights/records.hpp"

namespace voxloop::insights {
namespace {

core::FeedbackItem Item() {
  core::FeedbackItem item;
  item.id = 101;
  item.workspace_id = 1;
  item.channel = core::Channel::kReview;
  item.received_at = 1'700'000'000'000;
  item.customer_id = 55;
  item.analysis.language = "vi";
  item.analysis.sentiment = core::SentimentLabel::kNegative;
  item.analysis.sentiment_score = -0.8;
  item.analysis.topics = {"delivery/late"};
  item.analysis.key_phrases = {"giao hàng chậm"};
  return item;
}

std::vector<metrics::ScoreKind> Kinds(const metrics::ResponseRecord& record) {
  std::vector<metrics::ScoreKind> kinds;
  for (const auto& score : record.scores) kinds.push_back(score.kind);
  return kinds;
}

TEST(RatingAsNps, OnlyWholeNumbersFromZeroToTen) {
  EXPECT_EQ(RatingAsNps(0.0), 0);
  EXPECT_EQ(RatingAsNps(10.0), 10);
  EXPECT_EQ(RatingAsNps(7.0), 7);
  EXPECT_FALSE(RatingAsNps(3.5));
  EXPECT_FALSE(RatingAsNps(11.0));
  EXPECT_FALSE(RatingAsNps(-1.0));
  EXPECT_FALSE(RatingAsNps(std::nullopt));
  EXPECT_FALSE(RatingAsNps(std::nan("")));
}

TEST(RecordFromItem, AnItemOutsideAResponseIsAWholeRowKeyedByItsId) {
  core::FeedbackItem item = Item();
  item.rating = 9;
  const auto record = RecordFromItem(item);
  EXPECT_EQ(record.key, 101);
  EXPECT_TRUE(record.has_response);
  EXPECT_TRUE(record.has_text);
  EXPECT_EQ(record.item_id, 101);
  EXPECT_EQ(record.at, item.received_at);
  EXPECT_EQ(record.channel, "review");
  EXPECT_EQ(record.customer_id, 55);
  EXPECT_EQ(record.sentiment, core::SentimentLabel::kNegative);
  EXPECT_EQ(record.topics, std::vector<std::string>{"delivery/late"});
  EXPECT_EQ(record.key_phrases, std::vector<std::string>{"giao hàng chậm"});
  EXPECT_EQ(Kinds(record), (std::vector{metrics::ScoreKind::kRating, metrics::ScoreKind::kNps}));
}

TEST(RecordFromItem, AFractionalRatingIsARatingButNoNpsAnswer) {
  core::FeedbackItem item = Item();
  item.rating = 4.5;
  EXPECT_EQ(Kinds(RecordFromItem(item)), std::vector{metrics::ScoreKind::kRating});
  item.rating.reset();
  EXPECT_TRUE(RecordFromItem(item).scores.empty());
}

TEST(RecordFromItem, ASurveyAnswersItemIsTheTextPartOfItsResponse) {
  core::FeedbackItem item = Item();
  item.channel = core::Channel::kSurvey;
  item.response_id = 900;
  item.survey_id = 800;
  item.rating = 3;  // the response's score, counted from the response, not again here
  const auto record = RecordFromItem(item);
  EXPECT_EQ(record.key, 900);
  EXPECT_FALSE(record.has_response);
  EXPECT_TRUE(record.has_text);
  EXPECT_EQ(record.item_id, 101);
  EXPECT_TRUE(record.scores.empty());
}

TEST(RecordFromResponse, ScoresByQuestionTypeUnderTheSurveyChannel) {
  const std::vector<collect::ScoreAnswer> scores = {
      {"nps", collect::QuestionType::kNps, 9, 0, 10},
      {"csat", collect::QuestionType::kCsat, 4, 1, 5},
      {"effort", collect::QuestionType::kCes, 2, 1, 7},
      {"stars", collect::QuestionType::kRating, 5, 1, 5},
  };
  const auto record = RecordFromResponse(900, 800, "zh", 55, 1'700'000'000'000, scores);
  EXPECT_EQ(record.key, 900);
  EXPECT_TRUE(record.has_response);
  EXPECT_FALSE(record.has_text);
  EXPECT_EQ(record.channel, "survey");
  EXPECT_EQ(record.survey_id, 800);
  EXPECT_EQ(record.language, "zh");
  ASSERT_EQ(record.scores.size(), 4u);
  EXPECT_EQ(record.scores[0].question, "nps");
  EXPECT_EQ(Kinds(record), (std::vector{metrics::ScoreKind::kNps, metrics::ScoreKind::kCsat,
                                        metrics::ScoreKind::kCes, metrics::ScoreKind::kRating}));
  EXPECT_EQ(record.scores[1].value, 4);
}

TEST(ParseAttributes, StringsNumbersAndBooleansNothingNested) {
  const auto attributes =
      ParseAttributes(R"({"segment":"smb","seats":25,"vip":true,"tags":["a"],"x":null,"nested":{"a":1}})");
  EXPECT_EQ(attributes, (metrics::CustomerAttributes{{"segment", "smb"}, {"seats", "25"}, {"vip", "true"}}));
  EXPECT_TRUE(ParseAttributes("{}").empty());
  EXPECT_TRUE(ParseAttributes("not json").empty());
  EXPECT_TRUE(ParseAttributes("[1]").empty());
}

}  // namespace
}  // namespace voxloop::insights
