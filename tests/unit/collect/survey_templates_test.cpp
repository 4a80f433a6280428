#include "collect/survey_templates.hpp"

#include <gtest/gtest.h>

#include "collect/survey_json.hpp"
#include "collect/survey_logic.hpp"

namespace voxloop::collect {
namespace {

class SurveyTemplateTest : public ::testing::TestWithParam<std::string_view> {};

TEST_P(SurveyTemplateTest, IsValidAndFullyTranslatedInEnglishVietnameseAndChinese) {
  auto definition = SurveyFromTemplate(GetParam(), "");
  ASSERT_TRUE(definition.ok()) << definition.error().message;
  EXPECT_EQ(definition->languages, (std::vector<std::string>{"en", "vi", "zh"}));
  EXPECT_TRUE(ValidateSurveyDefinition(*definition).empty());
  for (const auto& gap : MissingTranslations(*definition)) ADD_FAILURE() << gap.field;
  EXPECT_FALSE(definition->name.empty());
}

TEST_P(SurveyTemplateTest, StartsWithRequiredScoreQuestion) {
  auto definition = SurveyFromTemplate(GetParam(), "Mine");
  ASSERT_TRUE(definition.ok());
  EXPECT_EQ(definition->name, "Mine");
  EXPECT_TRUE(IsScoreType(definition->questions.front().type));
  EXPECT_TRUE(definition->questions.front().required);
}

INSTANTIATE_TEST_SUITE_P(AllTemplates, SurveyTemplateTest,
                         ::testing::Values("nps", "csat", "ces", "product"));

TEST(SurveyTemplatesTest, NpsTemplateAsksDetractorsForConsentAndThanksByGroup) {
  auto definition = SurveyFromTemplate("nps", "Q4 NPS");
  ASSERT_TRUE(definition.ok());
  const AnswerSet detractor{{{"nps", 4}}, {}};
  const AnswerSet promoter{{{"nps", 10}}, {}};
  EXPECT_EQ(QuestionPath(*definition, detractor),
            (std::vector<std::string>{"nps", "reason", "improve", "contact"}));
  EXPECT_EQ(QuestionPath(*definition, promoter), (std::vector<std::string>{"nps", "reason"}));
  EXPECT_EQ(SelectThankYou(*definition, detractor)->id, "detractor");
  EXPECT_EQ(SelectThankYou(*definition, promoter)->id, "promoter");
  EXPECT_EQ(definition->questions[1].text.Get("vi", "en"),
            "Lý do chính khiến bạn chọn điểm số này là gì?");
}

TEST(SurveyTemplatesTest, MakesRequestedLanguageTheDefault) {
  auto definition = SurveyFromTemplate("csat", "", "vi");
  ASSERT_TRUE(definition.ok());
  EXPECT_EQ(definition->default_language, "vi");
  EXPECT_EQ(definition->languages.front(), "vi");
}

TEST(SurveyTemplatesTest, RejectsUnknownTemplateAndLanguage) {
  auto unknown = SurveyFromTemplate("wizard", "");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().fields[0].field, "template");
  auto french = SurveyFromTemplate("nps", "", "fr");
  ASSERT_FALSE(french.ok());
  EXPECT_EQ(french.error().fields[0].field, "default_language");
}

}  // namespace
}  // namespace voxloop::collect
