#include "collect/assets.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "collect/ui_text.hpp"

namespace voxloop::collect {
namespace {

using ::testing::HasSubstr;

TEST(AssetsTest, ServesWidgetWithLogicIncluded) {
  const auto widget = FindPublicAsset("widget.js");
  ASSERT_TRUE(widget.has_value());
  EXPECT_EQ(widget->content_type, "text/javascript; charset=utf-8");
  EXPECT_THAT(std::string(widget->body), HasSubstr("VoxloopLogic"));
  EXPECT_THAT(std::string(widget->body), HasSubstr("attachShadow"));
  EXPECT_LT(widget->body.find("root.VoxloopLogic"), widget->body.find("attachShadow"));
}

TEST(AssetsTest, GivesStableQuotedEtags) {
  const auto css = FindPublicAsset("survey.css");
  ASSERT_TRUE(css.has_value());
  EXPECT_EQ(css->etag, FindPublicAsset("survey.css")->etag);
  EXPECT_NE(css->etag, FindPublicAsset("survey.js")->etag);
  EXPECT_EQ(css->etag.front(), '"');
  EXPECT_EQ(css->etag.size(), 18u);
}

TEST(AssetsTest, KnowsOnlyItsOwnAssets) {
  EXPECT_FALSE(FindPublicAsset("../ui_strings.json").has_value());
  EXPECT_FALSE(FindPublicAsset("templates/nps.json").has_value());
  for (auto name : PublicAssetNames()) EXPECT_FALSE(FindPublicAsset(name)->body.empty()) << name;
}

TEST(UiTextTest, HasEveryTextInEveryUiLanguage) {
  const auto keys = UiTextKeys();
  ASSERT_GT(keys.size(), 40u);
  for (const auto& language : UiLanguages()) {
    for (const auto& key : keys) {
      EXPECT_NE(UiText(language, key), key) << language << " lacks " << key;
    }
  }
  EXPECT_EQ(UiLanguages(), (std::vector<std::string>{"en", "vi", "zh", "zh-Hant"}));
}

TEST(UiTextTest, MapsSurveyLanguagesToUiLanguages) {
  EXPECT_EQ(UiText("vi", "next"), "Tiếp tục");
  EXPECT_EQ(UiText("zh-TW", "submit"), "送出");
  EXPECT_EQ(UiText("zh", "submit"), "提交");
  EXPECT_EQ(UiText("fr", "next"), "Next");
}

TEST(UiTextTest, FillsPlaceholders) {
  EXPECT_EQ(UiTextFormat("zh", "progress", {{"n", "2"}, {"total", "5"}}), "第 2 题，共 5 题");
  EXPECT_EQ(UiTextFormat("en", "progress", {{"n", "2"}}), "Question 2 of {total}");
}

}  // namespace
}  // namespace voxloop::collect
