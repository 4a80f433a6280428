#include "collect/survey_logic.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sample_surveys.hpp"

namespace voxloop::collect {
namespace {

using ::testing::ElementsAre;
using testing::BranchingSurvey;

AnswerSet With(boost::json::object answers, boost::json::object hidden = {}) {
  return AnswerSet{std::move(answers), std::move(hidden)};
}

Condition Compare(std::string question_id, ConditionOp op, boost::json::value value = nullptr) {
  Condition condition;
  condition.question_id = std::move(question_id);
  condition.op = op;
  condition.value = std::move(value);
  return condition;
}

TEST(SurveyLogicTest, ShowsPromoterFollowUpWhenScoreIsHigh) {
  const auto definition = BranchingSurvey();
  EXPECT_EQ(NextQuestion(definition, With({{"q_score", 10}}), "q_score"), "q_high");
}

TEST(SurveyLogicTest, SkipsPromoterFollowUpWhenScoreIsPassive) {
  const auto definition = BranchingSurvey();
  EXPECT_EQ(NextQuestion(definition, With({{"q_score", 7}}), "q_score"), "q_topic");
}

TEST(SurveyLogicTest, JumpsPastOtherQuestionsWhenScoreIsVeryLow) {
  const auto definition = BranchingSurvey();
  const auto answers = With({{"q_score", 2}, {"q_low", "Chậm quá"}});
  EXPECT_EQ(NextQuestion(definition, answers, "q_score"), "q_low");
  EXPECT_EQ(NextQuestion(definition, answers, "q_low"), std::nullopt);  // ends early
}

TEST(SurveyLogicTest, TreatsConditionsOnUnansweredQuestionsAsFalse) {
  const auto definition = BranchingSurvey();
  EXPECT_THAT(QuestionPath(definition, {}), ElementsAre("q_score", "q_topic", "q_contact"));
}

TEST(SurveyLogicTest, FollowsShowIfOnConsentToAskForEmail) {
  const auto definition = BranchingSurvey();
  const auto answers = With({{"q_score", 9}, {"q_contact", true}});
  EXPECT_THAT(QuestionPath(definition, answers),
              ElementsAre("q_score", "q_high", "q_topic", "q_contact", "q_email"));
}

TEST(SurveyLogicTest, FindsPreviousQuestionAlongTheRespondentsWay) {
  const auto definition = BranchingSurvey();
  const auto answers = With({{"q_score", 5}, {"q_low", nullptr}});
  EXPECT_EQ(PreviousQuestion(definition, answers, "q_topic"), "q_low");
  EXPECT_EQ(PreviousQuestion(definition, answers, "q_score"), std::nullopt);
  EXPECT_EQ(PreviousQuestion(definition, answers, "q_high"), std::nullopt);  // off the path
}

TEST(SurveyLogicTest, ResumesAtFirstQuestionNotPassedYet) {
  const auto definition = BranchingSurvey();
  EXPECT_EQ(ResumeQuestion(definition, With({{"q_score", 6}, {"q_low", nullptr}})), "q_topic");
  EXPECT_EQ(ResumeQuestion(definition, With({{"q_score", 1}, {"q_low", "x"}})), std::nullopt);
}

TEST(SurveyLogicTest, ListsMissingRequiredQuestionsOnThePathOnly) {
  const auto definition = BranchingSurvey();
  EXPECT_THAT(MissingRequired(definition, {}), ElementsAre("q_score"));
  EXPECT_THAT(MissingRequired(definition, With({{"q_score", 8}, {"q_contact", true}})),
              ElementsAre("q_email"));
  EXPECT_TRUE(MissingRequired(definition, With({{"q_score", 8}, {"q_contact", false}})).empty());
}

TEST(SurveyLogicTest, SelectsThankYouScreenByScore) {
  const auto definition = BranchingSurvey();
  EXPECT_EQ(SelectThankYou(definition, With({{"q_score", 10}}))->id, "promoter");
  EXPECT_EQ(SelectThankYou(definition, With({{"q_score", 4}}))->id, "detractor");
  EXPECT_EQ(SelectThankYou(definition, With({{"q_score", 8}}))->id, "default");
}

TEST(SurveyLogicTest, ReturnsNoThankYouScreenWhenNoneApplies) {
  auto definition = BranchingSurvey();
  definition.thank_you.pop_back();
  EXPECT_EQ(SelectThankYou(definition, With({{"q_score", 8}})), nullptr);
}

TEST(SurveyLogicTest, EvaluatesCombinationsAndHiddenFields) {
  Condition plan;
  plan.hidden_field = "plan";
  plan.op = ConditionOp::kIn;
  plan.value = boost::json::array{"pro", "enterprise"};
  Condition all;
  all.kind = Condition::Kind::kAll;
  all.children = {plan, Compare("q_score", ConditionOp::kLte, 6)};
  Condition negated;
  negated.kind = Condition::Kind::kNot;
  negated.children = {all};
  const auto pro_detractor = With({{"q_score", 3}}, {{"plan", "pro"}});
  const auto free_detractor = With({{"q_score", 3}}, {{"plan", "free"}});
  EXPECT_TRUE(EvaluateCondition(all, pro_detractor));
  EXPECT_FALSE(EvaluateCondition(all, free_detractor));
  EXPECT_TRUE(EvaluateCondition(negated, free_detractor));
}

TEST(SurveyLogicTest, EvaluatesChoiceOperators) {
  const auto answers = With({{"q_topic", boost::json::array{"price", "staff"}}, {"q_one", "b"}});
  EXPECT_TRUE(EvaluateCondition(Compare("q_topic", ConditionOp::kIncludes, "staff"), answers));
  EXPECT_TRUE(EvaluateCondition(Compare("q_topic", ConditionOp::kExcludes, "speed"), answers));
  EXPECT_TRUE(EvaluateCondition(Compare("q_one", ConditionOp::kIn, {"a", "b"}), answers));
  EXPECT_FALSE(EvaluateCondition(Compare("q_one", ConditionOp::kNotIn, {"a", "b"}), answers));
  EXPECT_TRUE(EvaluateCondition(Compare("q_none", ConditionOp::kNotAnswered), answers));
  EXPECT_FALSE(EvaluateCondition(Compare("q_none", ConditionOp::kNeq, "a"), answers));
}

TEST(SurveyLogicTest, IgnoresBackwardJumpInUnvalidatedDefinition) {
  auto definition = BranchingSurvey();
  definition.questions[3].jumps = {JumpRule{std::nullopt, "q_score"}};
  const auto path = QuestionPath(definition, With({{"q_score", 7}}));
  EXPECT_THAT(path, ElementsAre("q_score", "q_topic", "q_contact"));
}

TEST(SurveyLogicTest, ReportsProgressAlongThePath) {
  const auto definition = BranchingSurvey();
  const auto progress = ProgressOf(definition, With({{"q_score", 10}}), "q_topic");
  EXPECT_EQ(progress.number, 3);
  EXPECT_EQ(progress.total, 4);
}

}  // namespace
}  // namespace voxloop::collect
