#include "collect/answers.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sample_surveys.hpp"

namespace voxloop::collect {
namespace {

using ::testing::ElementsAre;
using testing::BranchingSurvey;
using testing::ErrorKeys;

std::vector<std::string> FailureKeys(const SurveyDefinition& definition, const char* answers,
                                     AnswerCheck check = AnswerCheck::kPartial) {
  auto result = ValidateAnswers(definition, boost::json::parse(answers), check);
  EXPECT_FALSE(result.ok());
  return result.ok() ? std::vector<std::string>{} : ErrorKeys(result.error());
}

TEST(AnswersTest, NormalisesScoresGivenAsNumbersOrStrings) {
  const auto definition = BranchingSurvey();
  auto answers = ValidateAnswers(definition, boost::json::parse(R"({"q_score": "9"})"),
                                 AnswerCheck::kPartial);
  ASSERT_TRUE(answers.ok());
  EXPECT_EQ(answers->at("q_score"), 9);
  EXPECT_TRUE(ValidateAnswers(definition, boost::json::parse(R"({"q_score": 9.0})"),
                              AnswerCheck::kPartial)
                  .ok());
}

TEST(AnswersTest, RejectsScoreOutsideScaleNamingTheQuestion) {
  const auto definition = BranchingSurvey();
  EXPECT_THAT(FailureKeys(definition, R"({"q_score": 11})"),
              ElementsAre("answers.q_score:out_of_range"));
  EXPECT_THAT(FailureKeys(definition, R"({"q_score": 4.5})"), ElementsAre("answers.q_score:type"));
}

TEST(AnswersTest, RejectsAnswerToUnknownQuestion) {
  const auto definition = BranchingSurvey();
  EXPECT_THAT(FailureKeys(definition, R"({"q_score": 3, "q_ghost": "boo"})"),
              ElementsAre("answers.q_ghost:unknown"));
}

TEST(AnswersTest, NormalisesMultipleChoiceToDefinitionOrderWithoutRepeats) {
  const auto definition = BranchingSurvey();
  auto answers = ValidateAnswers(
      definition, boost::json::parse(R"({"q_topic": ["staff", "price", "staff"]})"),
      AnswerCheck::kPartial);
  ASSERT_TRUE(answers.ok());
  EXPECT_EQ(answers->at("q_topic"), (boost::json::array{"price", "staff"}));
}

TEST(AnswersTest, RejectsTooManyChoicesAndUnknownOptions) {
  const auto definition = BranchingSurvey();
  EXPECT_THAT(FailureKeys(definition, R"({"q_topic": ["price", "speed", "staff"]})"),
              ElementsAre("answers.q_topic:too_many"));
  EXPECT_THAT(FailureKeys(definition, R"({"q_topic": ["taste"]})"),
              ElementsAre("answers.q_topic:unknown_option"));
}

TEST(AnswersTest, CleansTextAndCountsCodePointsNotBytes) {
  auto definition = BranchingSurvey();
  definition.questions[2].max_length = 15;  // the kept text is 14 code points, 17 bytes
  auto answers = ValidateAnswers(
      definition, boost::json::parse(R"({"q_low": "  Giao hàng\r\nchậm\u0007 "})"),
      AnswerCheck::kPartial);
  ASSERT_TRUE(answers.ok()) << answers.error().message;
  EXPECT_EQ(answers->at("q_low"), "Giao hàng\nchậm");
  EXPECT_THAT(FailureKeys(definition, R"({"q_low": "Giao hàng chậm quá"})"),
              ElementsAre("answers.q_low:too_long"));
}

TEST(AnswersTest, ChecksEmailFormat) {
  const auto definition = BranchingSurvey();
  EXPECT_THAT(FailureKeys(definition, R"({"q_email": "lan at example.vn"})"),
              ElementsAre("answers.q_email:invalid_email"));
  EXPECT_TRUE(ValidateAnswers(definition, boost::json::parse(R"({"q_email": "lan@example.vn"})"),
                              AnswerCheck::kPartial)
                  .ok());
}

TEST(AnswersTest, RequiresVisibleRequiredQuestionsWhenComplete) {
  const auto definition = BranchingSurvey();
  EXPECT_THAT(FailureKeys(definition, R"({"q_contact": true})", AnswerCheck::kComplete),
              ElementsAre("answers.q_score:required", "answers.q_email:required"));
}

TEST(AnswersTest, DropsAnswersToHiddenQuestionsWhenComplete) {
  const auto definition = BranchingSurvey();
  auto answers = ValidateAnswers(
      definition,
      boost::json::parse(R"({"q_score": 10, "q_low": "stale", "q_high": "Nhân viên dễ thương"})"),
      AnswerCheck::kComplete);
  ASSERT_TRUE(answers.ok());
  EXPECT_FALSE(answers->contains("q_low"));
  EXPECT_EQ(answers->at("q_high"), "Nhân viên dễ thương");
}

TEST(AnswersTest, RequiresConsentToBeGivenWhenConsentQuestionIsRequired) {
  auto definition = BranchingSurvey();
  definition.questions[4].required = true;
  EXPECT_THAT(FailureKeys(definition, R"({"q_score": 8, "q_contact": false})",
                          AnswerCheck::kComplete),
              ElementsAre("answers.q_contact:consent_required"));
}

TEST(AnswersTest, ReadsFormValuesIncludingUntickedConsent) {
  const auto definition = BranchingSurvey();
  EXPECT_EQ(*AnswerFromForm(definition.questions[4], {}), false);
  EXPECT_EQ(*AnswerFromForm(definition.questions[4], {"yes"}), true);
  EXPECT_EQ(*AnswerFromForm(definition.questions[3], {"speed", "price"}),
            (boost::json::array{"price", "speed"}));
  EXPECT_TRUE(AnswerFromForm(definition.questions[0], {""})->is_null());
  EXPECT_FALSE(AnswerFromForm(definition.questions[0], {"3", "4"}).ok());
}

TEST(AnswersTest, RejectsInvalidUtf8FromForms) {
  const auto definition = BranchingSurvey();
  auto answer = AnswerFromForm(definition.questions[1], {"bad \xC3\x28 bytes"});
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.error().fields[0].field, "answers.q_high");
}

TEST(AnswersTest, ExtractsFreeTextsButNotContactDetails) {
  const auto definition = BranchingSurvey();
  boost::json::object answers{{"q_score", 3}, {"q_low", "Nhân viên thiếu nhiệt tình"},
                              {"q_contact", true}, {"q_email", "lan@example.vn"}};
  const auto texts = FreeTextAnswers(definition, answers);
  ASSERT_EQ(texts.size(), 1u);
  EXPECT_EQ(texts[0].question_id, "q_low");
  EXPECT_EQ(texts[0].text, "Nhân viên thiếu nhiệt tình");
}

TEST(AnswersTest, ExtractsScoresWithTheirScale) {
  const auto definition = BranchingSurvey();
  const auto scores = ScoreAnswers(definition, {{"q_score", 3}, {"q_topic", {"price"}}});
  ASSERT_EQ(scores.size(), 1u);
  EXPECT_EQ(scores[0].type, QuestionType::kNps);
  EXPECT_EQ(scores[0].value, 3);
  EXPECT_EQ(scores[0].max, 10);
}

TEST(AnswersTest, KeepsOnlyDeclaredHiddenFieldsAsText) {
  const auto definition = BranchingSurvey();
  auto hidden = ValidateHiddenValues(definition,
                                     boost::json::parse(R"({"plan": 3, "other": "dropped"})"));
  ASSERT_TRUE(hidden.ok());
  EXPECT_EQ(*hidden, (boost::json::object{{"plan", "3"}}));
  EXPECT_FALSE(ValidateHiddenValues(definition, boost::json::parse(R"({"plan": [1]})")).ok());
}

}  // namespace
}  // namespace voxloop::collect
