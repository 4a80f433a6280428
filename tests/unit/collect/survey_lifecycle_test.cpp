#include "collect/survey_lifecycle.hpp"

#include <gtest/gtest.h>

namespace voxloop::collect {
namespace {

constexpr core::TimeMs kNow = 1795512761000;

TEST(SurveyLifecycleTest, AllowsPublishPauseResumeAndClose) {
  EXPECT_TRUE(CheckTransition(SurveyStatus::kDraft, SurveyStatus::kActive).ok());
  EXPECT_TRUE(CheckTransition(SurveyStatus::kActive, SurveyStatus::kPaused).ok());
  EXPECT_TRUE(CheckTransition(SurveyStatus::kPaused, SurveyStatus::kActive).ok());
  EXPECT_TRUE(CheckTransition(SurveyStatus::kActive, SurveyStatus::kClosed).ok());
}

TEST(SurveyLifecycleTest, RefusesToReopenClosedSurvey) {
  auto status = CheckTransition(SurveyStatus::kClosed, SurveyStatus::kActive);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, core::ErrorCode::kConflict);
  EXPECT_FALSE(CheckTransition(SurveyStatus::kDraft, SurveyStatus::kPaused).ok());
}

TEST(SurveyLifecycleTest, VersionsEditsOfPublishedSurveysOnly) {
  EXPECT_FALSE(EditCreatesVersion(SurveyStatus::kDraft));
  EXPECT_TRUE(EditCreatesVersion(SurveyStatus::kActive));
  EXPECT_TRUE(EditCreatesVersion(SurveyStatus::kPaused));
}

TEST(SurveyLifecycleTest, TakesResponsesOnlyWhenActiveInDatesAndUnderLimit) {
  SurveySettings settings;
  settings.starts_at = kNow - 1000;
  settings.ends_at = kNow + 1000;
  settings.response_limit = 10;
  EXPECT_TRUE(CheckAcceptsResponses(SurveyStatus::kActive, settings, kNow, 9).ok());
  EXPECT_FALSE(CheckAcceptsResponses(SurveyStatus::kActive, settings, kNow, 10).ok());
  EXPECT_FALSE(CheckAcceptsResponses(SurveyStatus::kPaused, settings, kNow, 0).ok());
  EXPECT_FALSE(CheckAcceptsResponses(SurveyStatus::kActive, settings, kNow - 2000, 0).ok());
  EXPECT_FALSE(CheckAcceptsResponses(SurveyStatus::kActive, settings, kNow + 1000, 0).ok());
}

TEST(SurveyLifecycleTest, ParsesStatusNames) {
  EXPECT_EQ(ParseSurveyStatus("paused"), SurveyStatus::kPaused);
  EXPECT_EQ(ParseSurveyStatus("archived"), std::nullopt);
}

}  // namespace
}  // namespace voxloop::collect
