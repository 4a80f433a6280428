#include "analysis/classifier.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

namespace voxloop::analysis {
namespace {

// A few dozen short reviews in the three languages; each label has its own vocabulary.
std::vector<LabelledText> TrainingExamples() {
  const std::vector<std::string> negative = {
      "giao hàng chậm quá", "sản phẩm tệ lắm", "nhân viên thái độ tệ", "hàng bị hỏng thất vọng",
      "chậm và tệ", "thất vọng về chất lượng", "đóng gói tệ hàng hỏng", "giao chậm thất vọng",
      "送货太慢了", "质量很差", "非常失望", "东西坏了很差", "太慢了失望", "服务很差",
      "terrible service", "very slow delivery", "bad quality broken", "awful and slow",
      "disappointed terrible", "broken on arrival awful",
  };
  const std::vector<std::string> positive = {
      "giao hàng nhanh lắm", "sản phẩm tốt tuyệt vời", "nhân viên nhiệt tình", "hàng đẹp rất tốt",
      "nhanh và tốt", "tuyệt vời hài lòng", "đóng gói đẹp chất lượng tốt", "rất hài lòng",
      "送货很快", "质量很好", "非常满意", "东西很好很满意", "很快很好", "服务很好",
      "great service", "very fast delivery", "excellent quality", "amazing and fast",
      "happy great", "excellent fast friendly",
  };
  std::vector<LabelledText> examples;
  for (const auto& text : negative) examples.push_back({text, "negative"});
  for (const auto& text : positive) examples.push_back({text, "positive"});
  return examples;
}

TrainOptions FastOptions() {
  TrainOptions options;
  options.epochs = 50;
  options.learning_rate = 0.5;
  options.dimension = 16;
  return options;
}

TextClassifier TrainedModel() {
  auto model = TextClassifier::Train(TrainingExamples(), FastOptions());
  EXPECT_TRUE(model.ok()) << (model.ok() ? "" : model.error().internal);
  return std::move(model).value();
}

std::string TopLabel(const TextClassifier& model, std::string_view text) {
  const auto predictions = model.Predict(text, 1);
  return predictions.empty() ? std::string() : predictions.front().label;
}

TEST(TextClassifierTest, PredictsHeldOutTextsInEveryLanguage) {
  const TextClassifier model = TrainedModel();
  EXPECT_EQ(TopLabel(model, "hàng tệ giao chậm"), "negative");
  EXPECT_EQ(TopLabel(model, "nhân viên rất nhiệt tình, hài lòng"), "positive");
  EXPECT_EQ(TopLabel(model, "质量太差了"), "negative");
  EXPECT_EQ(TopLabel(model, "很满意"), "positive");
  EXPECT_EQ(TopLabel(model, "Terrible, slow and broken"), "negative");
  EXPECT_EQ(TopLabel(model, "Excellent, great and fast!"), "positive");
}

TEST(TextClassifierTest, ReturnsKLabelsMostLikelyFirstWithProbabilities) {
  const TextClassifier model = TrainedModel();
  const auto predictions = model.Predict("great", 5);
  ASSERT_EQ(predictions.size(), 2u);
  EXPECT_EQ(predictions[0].label, "positive");
  EXPECT_GE(predictions[0].probability, predictions[1].probability);
  EXPECT_NEAR(predictions[0].probability + predictions[1].probability, 1.0, 0.01);
  EXPECT_TRUE(model.Predict("great", 0).empty());
}

TEST(TextClassifierTest, AnswersEmptyAndUnknownTextWithoutCrashing) {
  const TextClassifier model = TrainedModel();
  EXPECT_EQ(model.Predict("", 1).size(), 1u);
  EXPECT_EQ(model.Predict("🙂🙂", 1).size(), 1u);
  EXPECT_EQ(model.Predict("__label__positive \n\t\r", 1).size(), 1u);
  EXPECT_EQ(model.Predict(std::string("\xff\xfe broken \xc3", 11), 1).size(), 1u);
}

TEST(TextClassifierTest, ListsItsLabels) {
  EXPECT_EQ(TrainedModel().Labels(), (std::vector<std::string>{"negative", "positive"}));
}

TEST(TextClassifierTest, IsDeterministicForASeed) {
  const TextClassifier first = TrainedModel();
  const TextClassifier second = TrainedModel();
  EXPECT_EQ(first.Bytes(), second.Bytes());
  EXPECT_EQ(first.Predict("giao hàng", 2)[0].probability, second.Predict("giao hàng", 2)[0].probability);
}

TEST(TextClassifierTest, RoundTripsThroughBytesAndFiles) {
  const TextClassifier model = TrainedModel();
  const std::string bytes = model.Bytes();
  ASSERT_FALSE(bytes.empty());
  auto from_bytes = TextClassifier::LoadBytes(bytes);
  ASSERT_TRUE(from_bytes.ok()) << from_bytes.error().message;

  const std::string path =
      (std::filesystem::temp_directory_path() / ("classifier_test_" + std::to_string(::getpid()) + ".bin"))
          .string();
  ASSERT_TRUE(model.SaveFile(path).ok());
  auto from_file = TextClassifier::LoadFile(path);
  std::filesystem::remove(path);
  ASSERT_TRUE(from_file.ok()) << from_file.error().message;

  for (const char* text : {"thất vọng", "很好", "slow delivery"}) {
    const auto expected = model.Predict(text, 2);
    EXPECT_EQ(from_bytes->Predict(text, 2)[0].label, expected[0].label);
    EXPECT_EQ(from_bytes->Predict(text, 2)[0].probability, expected[0].probability);
    EXPECT_EQ(from_file->Predict(text, 2)[0].probability, expected[0].probability);
  }
  EXPECT_EQ(from_bytes->Bytes(), bytes);
}

TEST(TextClassifierTest, RejectsCorruptModelBytesWithAnError) {
  const std::string bytes = TrainedModel().Bytes();
  ASSERT_GT(bytes.size(), 200u);
  std::vector<std::string> corrupt = {
      "", "not a model", std::string(64, '\0'), bytes.substr(0, 7), bytes.substr(0, 100),
      bytes.substr(0, bytes.size() / 2), bytes.substr(0, bytes.size() - 1), bytes + "x",
  };
  std::string wrong_magic = bytes;
  wrong_magic[0] ^= 0x55;
  corrupt.push_back(wrong_magic);
  std::string wrong_version = bytes;
  wrong_version[4] = 99;
  corrupt.push_back(wrong_version);
  std::string huge_dimension = bytes;
  const std::int32_t dim = 1 << 30;
  std::memcpy(huge_dimension.data() + 8, &dim, sizeof(dim));
  corrupt.push_back(huge_dimension);
  for (std::size_t case_idx = 0; case_idx < corrupt.size(); ++case_idx) {
    auto model = TextClassifier::LoadBytes(corrupt[case_idx]);
    ASSERT_FALSE(model.ok()) << "case " << case_idx;
    EXPECT_EQ(model.error().code, core::ErrorCode::kInvalidArgument) << "case " << case_idx;
  }
}

TEST(TextClassifierTest, ReportsAMissingFileAsNotFound) {
  auto model = TextClassifier::LoadFile("/nonexistent/voxloop/model.bin");
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(model.error().code, core::ErrorCode::kNotFound);
}

TEST(TextClassifierTest, RejectsFewerThanTwoLabels) {
  auto none = TextClassifier::Train({}, TrainOptions{});
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, core::ErrorCode::kInvalidArgument);
  auto one = TextClassifier::Train({{"good", "positive"}, {"great", "positive"}}, TrainOptions{});
  ASSERT_FALSE(one.ok());
  EXPECT_EQ(one.error().code, core::ErrorCode::kInvalidArgument);
}

TEST(TextClassifierTest, RejectsALabelWithSpaces) {
  auto model = TextClassifier::Train({{"good", "very positive"}, {"bad", "negative"}}, TrainOptions{});
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(model.error().code, core::ErrorCode::kInvalidArgument);
}

TEST(TextClassifierTest, KeepsTaxonomyPathsAsLabels) {
  auto model = TextClassifier::Train({{"giao hàng chậm", "delivery/late"},
                                      {"late delivery", "delivery/late"},
                                      {"nhân viên thô lỗ", "service/staff"},
                                      {"rude staff", "service/staff"}},
                                     FastOptions());
  ASSERT_TRUE(model.ok());
  EXPECT_EQ(model->Labels(), (std::vector<std::string>{"delivery/late", "service/staff"}));
  EXPECT_EQ(TopLabel(*model, "rude staff"), "service/staff");
}

TEST(TextClassifierTest, LearnsARareLabelWhenBalancing) {
  std::vector<LabelledText> examples;
  for (int copy = 0; copy < 60; ++copy) examples.push_back({"the food was fine " + std::to_string(copy), "positive"});
  examples.push_back({"refund refund refund", "billing"});
  examples.push_back({"charged twice refund", "billing"});
  auto model = TextClassifier::Train(examples, FastOptions());
  ASSERT_TRUE(model.ok());
  EXPECT_EQ(TopLabel(*model, "refund please"), "billing");
}

TEST(TextClassifierTest, PredictsConcurrentlyFromOneModel) {
  const TextClassifier model = TrainedModel();
  const std::string expected = TopLabel(model, "rất hài lòng");
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int thread_idx = 0; thread_idx < 4; ++thread_idx) {
    threads.emplace_back([&, thread_idx] {
      for (int call = 0; call < 200; ++call) {
        if (TopLabel(model, "rất hài lòng") != expected) ++mismatches[thread_idx];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

TEST(TextClassifierTest, AnswersNothingWhenDefaultConstructed) {
  const TextClassifier empty;
  EXPECT_TRUE(empty.Predict("good", 1).empty());
  EXPECT_TRUE(empty.Labels().empty());
  EXPECT_TRUE(empty.Bytes().empty());
}

TEST(EvaluatePredictionsTest, ComputesAccuracyAndMacroF1ByHand) {
  // a: TP 1, FN 1 → F1 2/3; b: TP 2, FP 1 → 4/5; c: FN 1 → 0; d: FP 1 → 0.
  const QualityReport report =
      EvaluatePredictions({"a", "a", "b", "b", "c"}, {"a", "b", "b", "b", "d"});
  EXPECT_EQ(report.examples, 5);
  EXPECT_DOUBLE_EQ(report.accuracy, 0.6);
  EXPECT_NEAR(report.macro_f1, (2.0 / 3.0 + 0.8) / 4.0, 1e-12);
  ASSERT_EQ(report.f1_by_label.size(), 4u);
  EXPECT_EQ(report.f1_by_label[0].first, "a");
  EXPECT_NEAR(report.f1_by_label[0].second, 2.0 / 3.0, 1e-12);
  EXPECT_EQ(report.f1_by_label[1].first, "b");
  EXPECT_NEAR(report.f1_by_label[1].second, 0.8, 1e-12);
  EXPECT_EQ(report.f1_by_label[2], (std::pair<std::string, double>{"c", 0.0}));
  EXPECT_EQ(report.f1_by_label[3], (std::pair<std::string, double>{"d", 0.0}));
}

TEST(EvaluatePredictionsTest, IsPerfectWhenEverythingMatches) {
  const QualityReport report = EvaluatePredictions({"x", "y"}, {"x", "y"});
  EXPECT_DOUBLE_EQ(report.accuracy, 1.0);
  EXPECT_DOUBLE_EQ(report.macro_f1, 1.0);
}

TEST(EvaluatePredictionsTest, IsZeroForNoExamples) {
  const QualityReport report = EvaluatePredictions({}, {});
  EXPECT_EQ(report.examples, 0);
  EXPECT_EQ(report.accuracy, 0.0);
  EXPECT_TRUE(report.f1_by_label.empty());
}

}  // namespace
}  // namespace voxloop::analysis
