#include "analysis/language.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <string>

namespace voxloop::analysis {
namespace {

TEST(LanguageTest, RecognisesTheFirstClassLanguages) {
  EXPECT_EQ(DetectLanguage("Giao hàng nhanh, đóng gói cẩn thận, sẽ ủng hộ shop lần sau").code, "vi");
  EXPECT_EQ(DetectLanguage("外卖送得很快，味道也不错，下次还会再点").code, "zh");
  EXPECT_EQ(DetectLanguage("這家餐廳的服務很好，菜也很好吃").code, "zh");  // traditional
  EXPECT_EQ(DetectLanguage("The delivery was late and the driver was rude to me").code, "en");
}

TEST(LanguageTest, ShortTextsAreDecidedByTheirScript) {
  EXPECT_EQ(DetectLanguage("tốt").code, "vi");
  EXPECT_EQ(DetectLanguage("好").code, "zh");
  EXPECT_EQ(DetectLanguage("hàng đẹp").code, "vi");
  EXPECT_EQ(DetectLanguage("美味しいです").code, "ja");
  EXPECT_EQ(DetectLanguage("정말 좋아요").code, "ko");
}

TEST(LanguageTest, RecognisesVietnameseWithoutDiacritics) {
  EXPECT_EQ(DetectLanguage("san pham rat tot").code, "vi");
  EXPECT_EQ(DetectLanguage("giao hang qua cham, khong hai long").code, "vi");
  EXPECT_EQ(DetectLanguage("nhan vien nhiet tinh").code, "vi");
}

TEST(LanguageTest, PassesOtherLanguagesThrough) {
  EXPECT_EQ(DetectLanguage("Le service était vraiment excellent, merci beaucoup à toute l'équipe").code, "fr");
  EXPECT_EQ(DetectLanguage("Der Kundenservice war leider sehr unfreundlich und langsam").code, "de");
  EXPECT_EQ(DetectLanguage("บริการดีมาก อาหารอร่อย").code, "th");
}

TEST(LanguageTest, ReportsMixedText) {
  const LanguageGuess guess = DetectLanguage(
      "Sản phẩm dùng rất tốt, đóng gói cẩn thận. But the delivery was very slow and nobody called me back");
  EXPECT_TRUE(guess.mixed);
  ASSERT_GE(guess.shares.size(), 2u);
  EXPECT_GE(guess.shares[0].second, guess.shares[1].second);
  EXPECT_GT(guess.confidence, 0.0);
  EXPECT_LE(guess.confidence, 1.0);
}

TEST(LanguageTest, NothingToSayIsUnd) {
  EXPECT_EQ(DetectLanguage("").code, "und");
  EXPECT_EQ(DetectLanguage("😡😡👍").code, "und");
  EXPECT_EQ(DetectLanguage("12345 !!! ...").code, "und");
}

TEST(LanguageTest, SurvivesInvalidAndHugeInput) {
  EXPECT_EQ(DetectLanguage(std::string("\xff\xfe\xc3 giao hàng nhanh \xe2\x82")).code, "vi");
  std::string huge;
  while (huge.size() < 1024 * 1024) huge += "The staff were friendly and helpful. ";
  EXPECT_EQ(DetectLanguage(huge).code, "en");
}

// The language of every line of each dev split (when ../shared/datasets is there).
TEST(LanguageTest, QualityOnTheDevelopmentSets) {
  const std::string root = std::string(VOXLOOP_SOURCE_DIR) + "/../shared/datasets/";
  const std::pair<const char*, const char*> sets[] = {
      {"uit-vsfc", "vi"}, {"waimai-10k", "zh"}, {"online-shopping-10cats", "zh"}, {"airline-tweets", "en"}};
  for (const auto& [set, language] : sets) {
    std::ifstream file(root + set + "/dev.tsv");
    if (!file) GTEST_SKIP() << "no datasets at " << root;
    int lines = 0;
    int right = 0;
    for (std::string line; std::getline(file, line);) {
      ++lines;
      right += DetectLanguage(line.substr(0, line.find('\t'))).code == language ? 1 : 0;
    }
    const double share = static_cast<double>(right) / lines;
    std::cout << set << ": " << right << "/" << lines << " = " << share << "\n";
    EXPECT_GE(share, 0.95) << set;
  }
}

}  // namespace
}  // namespace voxloop::analysis
