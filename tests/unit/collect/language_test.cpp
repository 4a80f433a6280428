#include "collect/language.hpp"

#include <gtest/gtest.h>

namespace voxloop::collect {
namespace {

const std::vector<std::string> kEnViZh{"en", "vi", "zh"};

TEST(LanguageTest, CanonicalisesCaseAndSeparators) {
  EXPECT_EQ(CanonicalLanguageTag("VI"), "vi");
  EXPECT_EQ(CanonicalLanguageTag("zh_tw"), "zh-TW");
  EXPECT_EQ(CanonicalLanguageTag("ZH-hant-hk"), "zh-Hant-HK");
  EXPECT_EQ(CanonicalLanguageTag("es-419"), "es-419");
}

TEST(LanguageTest, RejectsMalformedTags) {
  for (const char* tag : {"", "*", "e", "english", "en-", "en-US-x-private", "zh-TW-Hant", "v1"}) {
    EXPECT_EQ(CanonicalLanguageTag(tag), std::nullopt) << tag;
  }
}

TEST(LanguageTest, OrdersAcceptLanguageByQuality) {
  const auto preferences = ParseAcceptLanguage("en;q=0.5, vi-VN, zh-CN;q=0.8, fr;q=0, *;q=0.1");
  ASSERT_EQ(preferences.size(), 3u);
  EXPECT_EQ(preferences[0].tag, "vi-VN");
  EXPECT_EQ(preferences[1].tag, "zh-CN");
  EXPECT_EQ(preferences[2].tag, "en");
}

TEST(LanguageTest, SkipsMalformedAcceptLanguageEntries) {
  const auto preferences = ParseAcceptLanguage(";;,vi;q=2,en;q=abc,zh;q=0.300,,");
  ASSERT_EQ(preferences.size(), 1u);
  EXPECT_EQ(preferences[0].tag, "zh");
  EXPECT_DOUBLE_EQ(preferences[0].quality, 0.3);
}

TEST(LanguageTest, PrefersUrlParameterOverBrowser) {
  EXPECT_EQ(ResolveLanguage("zh", "vi-VN,vi;q=0.9", kEnViZh, "en"), "zh");
}

TEST(LanguageTest, UsesBrowserLanguageWhenUrlHasNone) {
  EXPECT_EQ(ResolveLanguage("", "vi-VN,vi;q=0.9,en;q=0.8", kEnViZh, "en"), "vi");
}

TEST(LanguageTest, IgnoresUrlLanguageTheSurveyLacks) {
  EXPECT_EQ(ResolveLanguage("fr", "zh-CN", kEnViZh, "en"), "zh");
}

TEST(LanguageTest, FallsBackToSurveyDefault) {
  EXPECT_EQ(ResolveLanguage("", "fr-FR,de;q=0.5", kEnViZh, "vi"), "vi");
  EXPECT_EQ(ResolveLanguage("<script>", "\xff\xfe", kEnViZh, "en"), "en");
}

TEST(LanguageTest, MapsTraditionalChineseRequestsToTraditionalWhenOffered) {
  const std::vector<std::string> both{"zh", "zh-Hant", "en"};
  EXPECT_EQ(MatchLanguage("zh-TW", both), "zh-Hant");
  EXPECT_EQ(MatchLanguage("zh-Hant-HK", both), "zh-Hant");
  EXPECT_EQ(MatchLanguage("zh-CN", both), "zh");
  EXPECT_EQ(MatchLanguage("zh-Hans", both), "zh");
}

TEST(LanguageTest, MapsTraditionalChineseToSimplifiedWhenOnlyThatIsOffered) {
  EXPECT_EQ(MatchLanguage("zh-TW", kEnViZh), "zh");
}

TEST(LanguageTest, NamesLanguagesInThemselves) {
  EXPECT_EQ(LanguageNativeName("vi"), "Tiếng Việt");
  EXPECT_EQ(LanguageNativeName("zh-Hant"), "繁體中文");
  EXPECT_EQ(LanguageNativeName("en-GB"), "English");
  EXPECT_EQ(LanguageNativeName("xx"), "xx");
}

}  // namespace
}  // namespace voxloop::collect
