#include "analysis/key_phrases.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace voxloop::analysis {
namespace {

std::vector<std::string> Phrases(std::string_view text, std::string_view language) {
  return ExtractKeyPhrases(Segment(text, language));
}

bool Has(const std::vector<std::string>& phrases, const std::string& phrase) {
  return std::find(phrases.begin(), phrases.end(), phrase) != phrases.end();
}

TEST(KeyPhrasesTest, FindsMultiWordPhrasesInEachLanguage) {
  const auto vi = Phrases("Nhân viên rất nhiệt tình nhưng giao hàng chậm", "vi");
  EXPECT_TRUE(Has(vi, "nhân viên")) << vi.size();
  EXPECT_TRUE(std::any_of(vi.begin(), vi.end(), [](const std::string& p) { return p.find("giao hàng") == 0; }));
  const auto en = Phrases("The customer service was slow and my lost luggage never came back", "en");
  EXPECT_TRUE(std::any_of(en.begin(), en.end(), [](const std::string& p) { return p.find("customer service") != std::string::npos; }));
  EXPECT_TRUE(std::any_of(en.begin(), en.end(), [](const std::string& p) { return p.find("lost luggage") != std::string::npos; }));
  const auto zh = Phrases("送餐速度太慢，味道还可以", "zh");
  EXPECT_FALSE(zh.empty());
  for (const std::string& phrase : zh) EXPECT_EQ(phrase.find(' '), std::string::npos) << phrase;
}

TEST(KeyPhrasesTest, DropsStopWordsNumbersAndEmoji) {
  for (const std::string& phrase : Phrases("the and of 12345 😡 :) is it", "en")) {
    ADD_FAILURE() << "unexpected phrase " << phrase;
  }
  EXPECT_TRUE(Phrases("", "vi").empty());
  EXPECT_TRUE(Phrases("👍👍👍", "vi").empty());
}

TEST(KeyPhrasesTest, IsBoundedAndWithoutDuplicates) {
  std::string text;
  for (int idx = 0; idx < 20000; ++idx) text += "giao hàng chậm, nhân viên tốt. ";
  const auto phrases = ExtractKeyPhrases(Segment(text, "vi"), 5);
  EXPECT_LE(phrases.size(), 5u);
  std::vector<std::string> sorted = phrases;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(std::adjacent_find(sorted.begin(), sorted.end()), sorted.end());
}

TEST(KeyPhrasesTest, TallyCountsEachTextOnceAndBreaksTiesAlphabetically) {
  PhraseTally tally;
  tally.Add({"giao hàng", "nhân viên", "giao hàng"});
  tally.Add({"nhân viên"});
  tally.Add({"đóng gói"});
  tally.Add({"bao bì"});
  const auto top = tally.Top(3);
  ASSERT_EQ(top.size(), 3u);
  EXPECT_EQ(top[0], (std::pair<std::string, int>{"nhân viên", 2}));
  EXPECT_EQ(top[1], (std::pair<std::string, int>{"bao bì", 1}));
  EXPECT_EQ(top[2], (std::pair<std::string, int>{"giao hàng", 1}));
}

}  // namespace
}  // namespace voxloop::analysis
