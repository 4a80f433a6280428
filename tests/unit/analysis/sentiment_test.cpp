#include "analysis/sentiment.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <map>
#include <string>

#include "analysis/classifier.hpp"

namespace voxloop::analysis {
namespace {

using core::SentimentLabel;

SentimentScore Score(std::string_view text, std::string_view language) {
  return ScoreSentiment(Segment(text, language));
}
SentimentLabel Label(std::string_view text, std::string_view language) {
  return Score(text, language).label;
}

TEST(SentimentTest, ReadsPlainPolarity) {
  EXPECT_EQ(Label("Sản phẩm rất tốt, giao hàng nhanh", "vi"), SentimentLabel::kPositive);
  EXPECT_EQ(Label("Nhân viên thái độ tệ", "vi"), SentimentLabel::kNegative);
  EXPECT_EQ(Label("非常满意，味道很好", "zh"), SentimentLabel::kPositive);
  EXPECT_EQ(Label("送餐太慢了，饭都凉了", "zh"), SentimentLabel::kNegative);
  EXPECT_EQ(Label("Great service, thank you!", "en"), SentimentLabel::kPositive);
  EXPECT_EQ(Label("My bag was lost and nobody helped", "en"), SentimentLabel::kNegative);
}

TEST(SentimentTest, HandlesNegation) {
  EXPECT_EQ(Label("không tốt", "vi"), SentimentLabel::kNegative);
  EXPECT_EQ(Label("chẳng ngon chút nào", "vi"), SentimentLabel::kNegative);
  EXPECT_EQ(Label("不好吃", "zh"), SentimentLabel::kNegative);
  EXPECT_EQ(Label("not good", "en"), SentimentLabel::kNegative);
  EXPECT_EQ(Label("not bad at all", "en"), SentimentLabel::kPositive);
  EXPECT_EQ(Label("never again", "en"), SentimentLabel::kNegative);
}

TEST(SentimentTest, WeighsTheClauseAfterAContrast) {
  EXPECT_EQ(Label("đồ ăn ngon nhưng giao hàng chậm", "vi"), SentimentLabel::kNegative);
  EXPECT_EQ(Label("the food was good but the service was terrible", "en"), SentimentLabel::kNegative);
  EXPECT_EQ(Label("味道不错，但是送餐太慢", "zh"), SentimentLabel::kNegative);
  EXPECT_EQ(Label("giá hơi cao nhưng chất lượng tuyệt vời", "vi"), SentimentLabel::kPositive);
}

TEST(SentimentTest, IntensifiersAndElongationStrengthen) {
  EXPECT_LT(Score("rất tệ", "vi").score, Score("tệ", "vi").score);
  EXPECT_LT(Score("chậm quá", "vi").score, Score("chậm", "vi").score);
  EXPECT_LT(Score("quá tệẹẹẹ", "vi").score, Score("quá tệ", "vi").score);
  EXPECT_GT(Score("goooood", "en").score, 0.0);
  EXPECT_GT(Score("very good", "en").score, Score("good", "en").score);
  EXPECT_LT(Score("a bit slow", "en").score, 0.0);
  EXPECT_GT(Score("a bit slow", "en").score, Score("slow", "en").score);
}

TEST(SentimentTest, ReadsEmojiAndEmoticons) {
  EXPECT_EQ(Label("😡😡", "und"), SentimentLabel::kNegative);
  EXPECT_EQ(Label("👍", "und"), SentimentLabel::kPositive);
  EXPECT_EQ(Label("hay quá :))", "vi"), SentimentLabel::kPositive);
  EXPECT_EQ(Label("giảng viên dạy hay colonsmile", "vi"), SentimentLabel::kPositive);
  EXPECT_EQ(Label("shop giao thiếu hàng :(", "vi"), SentimentLabel::kNegative);
}

TEST(SentimentTest, ReadsVietnameseWithoutDiacriticsAndTraditionalChinese) {
  EXPECT_EQ(Label("san pham rat tot", "vi"), SentimentLabel::kPositive);
  EXPECT_EQ(Label("giao hang qua cham", "vi"), SentimentLabel::kNegative);
  EXPECT_EQ(Label("khong hai long", "vi"), SentimentLabel::kNegative);
  EXPECT_EQ(Label("服務很差", "zh"), SentimentLabel::kNegative);
  EXPECT_EQ(Label("非常滿意", "zh"), SentimentLabel::kPositive);
}

TEST(SentimentTest, CatchesCommonSarcasm) {
  EXPECT_EQ(Label("thanks for nothing", "en"), SentimentLabel::kNegative);
  EXPECT_EQ(Label("great, another delay. yeah right", "en"), SentimentLabel::kNegative);
}

TEST(SentimentTest, NoSignalIsNeutralAndScoresStayInRange) {
  EXPECT_EQ(Label("", "en"), SentimentLabel::kNeutral);
  EXPECT_EQ(Score("", "en").score, 0.0);
  EXPECT_EQ(Label("tôi đặt đơn lúc 8 giờ", "vi"), SentimentLabel::kNeutral);
  std::string long_text;
  for (int idx = 0; idx < 50000; ++idx) long_text += "tệ tệ ";
  const SentimentScore score = Score(long_text, "vi");
  EXPECT_GE(score.score, -1.0);
  EXPECT_LT(score.score, -0.9);
}

TEST(SentimentTest, ReadsRequestsForMoreAsComplaints) {
  EXPECT_EQ(Label("giảng viên cần nhiệt tình hơn", "vi"), SentimentLabel::kNegative);
  EXPECT_EQ(Label("mong shop giao hàng nhanh hơn", "vi"), SentimentLabel::kNegative);
  EXPECT_EQ(Label("thầy dạy hơi nhanh", "vi"), SentimentLabel::kNegative);
  EXPECT_EQ(Label("希望送餐能快一点", "zh"), SentimentLabel::kNegative);
  EXPECT_EQ(Label("有点慢", "zh"), SentimentLabel::kNegative);
  EXPECT_EQ(Label("I wish the staff had been more helpful", "en"), SentimentLabel::kNegative);
}

TEST(SentimentTest, DoesNotReadNeutralLookalikesAsPolarity) {
  // "dung" in "nội dung" is not a bare "đừng"; "toi" is "tôi" (I) as often as "tồi".
  EXPECT_EQ(Label("nội dung hay", "vi"), SentimentLabel::kPositive);
  EXPECT_EQ(Label("toi dat hang hom qua", "vi"), SentimentLabel::kNeutral);
  EXPECT_EQ(Label("价格差不多", "zh"), SentimentLabel::kNeutral);
  EXPECT_NE(Label("没有问题", "zh"), SentimentLabel::kNegative);
  EXPECT_EQ(Label("my flight leaves at 9 from gate 4", "en"), SentimentLabel::kNeutral);
}

TEST(SentimentTest, DiscountsPraiseNextToAStrongComplaint) {
  EXPECT_EQ(Label("thanks for sending my bag to the wrong city, the trip is ruined", "en"),
            SentimentLabel::kNegative);
  EXPECT_EQ(Label("快递很快，但是饭菜难吃，失望", "zh"), SentimentLabel::kNegative);
}

TEST(SentimentTest, ScoresStayInRangeForEveryKindOfText) {
  for (std::string_view text : {"😡😡😡😡😡😡😡😡", "👍👍👍👍👍👍👍👍 tuyệt vời tuyệt vời", "không không không",
                                "not not not good", "很很很很好", "but but but", "nhưng", "!!!", "???",
                                "rất", "very very very very very very very very very good"}) {
    const SentimentScore score = Score(text, "vi");
    EXPECT_GE(score.score, -1.0) << text;
    EXPECT_LE(score.score, 1.0) << text;
  }
}

TEST(SentimentTest, ScoresAHundredThousandTokensQuickly) {
  std::string long_text;
  for (int idx = 0; idx < 25000; ++idx) long_text += "the food was good but delivery was slow. ";
  const Segmented segmented = Segment(long_text, "en");
  ASSERT_GE(segmented.tokens.size(), 100000u);
  const auto start = std::chrono::steady_clock::now();
  const SentimentScore score = ScoreSentiment(segmented);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_GE(score.score, -1.0);
  EXPECT_LE(score.score, 1.0);
  // Generous for sanitizer builds; about 0.2 s in Release on one core.
  EXPECT_LT(elapsed, std::chrono::seconds(2));
}

struct SetQuality {
  QualityReport report;
  std::map<std::string, std::map<std::string, int>> confusion;  // gold → predicted → count
};

// Scores `split` ("dev", "train") of a dataset with the built-in model, segmenting as the
// set's known language. With VOXLOOP_SENTIMENT_DUMP=<dir> set, writes every prediction as
// gold<TAB>predicted<TAB>score<TAB>text to <dir>/<set>.<split>.tsv (for tuning the lexicons).
std::optional<SetQuality> EvaluateSet(const std::string& root, const std::string& set,
                                      std::string_view language, const std::string& split) {
  std::ifstream file(root + set + "/" + split + ".tsv");
  if (!file) return std::nullopt;
  std::ofstream dump;
  if (const char* dir = std::getenv("VOXLOOP_SENTIMENT_DUMP")) {
    dump.open(std::string(dir) + "/" + set + "." + split + ".tsv");
  }
  SetQuality quality;
  std::vector<std::string> gold;
  std::vector<std::string> predicted;
  for (std::string line; std::getline(file, line);) {
    const std::size_t tab = line.rfind('\t');
    if (tab == std::string::npos) continue;
    const std::string text = line.substr(0, tab);
    const SentimentScore score = ScoreSentiment(Segment(text, language));
    gold.push_back(line.substr(tab + 1));
    predicted.emplace_back(core::SentimentLabelName(score.label));
    ++quality.confusion[gold.back()][predicted.back()];
    if (dump) dump << gold.back() << '\t' << predicted.back() << '\t' << score.score << '\t' << text << '\n';
  }
  quality.report = EvaluatePredictions(gold, predicted);
  return quality;
}

std::string DatasetRoot() {
  if (const char* root = std::getenv("VOXLOOP_DATASETS")) return std::string(root) + "/";
  return std::string(VOXLOOP_SOURCE_DIR) + "/../shared/datasets/";
}

// Accuracy and macro-F1 of the built-in model on each dev split, with no training.
// (VOXLOOP_SENTIMENT_SPLIT=train scores the train splits instead, which the lexicons were
// tuned on; the floors hold for dev.) Macro-F1 counts every label gold or predicted, so on the
// two-class sets a neutral answer (no lexicon signal) costs F1 of a third class.
TEST(SentimentTest, QualityOnTheDevelopmentSets) {
  const std::string root = DatasetRoot();
  const char* split_override = std::getenv("VOXLOOP_SENTIMENT_SPLIT");
  const std::string split = split_override ? split_override : "dev";
  struct Floor {
    std::string set;
    std::string_view language;
    double accuracy;
    double macro_f1;
  };
  // A little under what was measured; the majority class is 51 %, 66 %, 50 % and 64 %.
  // Measured on dev: 81.0 % / 0.665, 80.7 % / 0.548, 83.9 % / 0.570, 72.8 % / 0.655.
  const std::vector<Floor> floors{{"uit-vsfc", "vi", 0.79, 0.64},
                                  {"waimai-10k", "zh", 0.79, 0.53},
                                  {"online-shopping-10cats", "zh", 0.82, 0.55},
                                  {"airline-tweets", "en", 0.71, 0.63}};
  for (const Floor& floor : floors) {
    const std::optional<SetQuality> quality = EvaluateSet(root, floor.set, floor.language, split);
    if (!quality) GTEST_SKIP() << "no datasets at " << root;
    const QualityReport& report = quality->report;
    int majority = 0;
    for (const auto& [gold, row] : quality->confusion) {
      int count = 0;
      for (const auto& [predicted, cell] : row) count += cell;
      majority = std::max(majority, count);
    }
    std::cout << floor.set << " (" << split << ", " << report.examples << "): accuracy "
              << report.accuracy << ", macro-F1 " << report.macro_f1 << ", majority class "
              << static_cast<double>(majority) / report.examples << "; gold→predicted";
    for (const auto& [gold, row] : quality->confusion) {
      for (const auto& [predicted, count] : row) std::cout << ' ' << gold << "→" << predicted << ' ' << count;
    }
    std::cout << "\n";
    if (split != "dev") continue;
    EXPECT_GE(report.accuracy, floor.accuracy) << floor.set;
    EXPECT_GE(report.macro_f1, floor.macro_f1) << floor.set;
  }
}

}  // namespace
}  // namespace voxloop::analysis
