#include "collect/step_flow.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "html_page.hpp"
#include "sample_surveys.hpp"

namespace voxloop::collect {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;
using testing::BranchingSurvey;

// A respondent without JavaScript: reads the step page, posts its form, and so on.
class NoScriptRespondent {
 public:
  NoScriptRespondent(SurveyDefinition definition, std::string language)
      : definition_(std::move(definition)), language_(std::move(language)) {
    current_ = *FirstQuestion(definition_, answers_);
  }

  // Answers the current step and returns the outcome; the next page is then rendered.
  StepOutcome Answer(const std::vector<std::string>& values, std::string_view nav = "next") {
    auto page = testing::Step(definition_, language_, answers_, current_);
    visited_.push_back(current_);
    const std::string body = testing::EncodeForm(testing::FormSubmission(*page, nav, values));
    const StepSubmission submission = ReadStepForm(DecodeFormBody(body), "website");
    StepOutcome outcome = SubmitStep(definition_, answers_, submission);
    answers_.answers = outcome.answers;
    if (!outcome.finished) current_ = outcome.question_id;
    return outcome;
  }

  const std::string& current() const { return current_; }
  const AnswerSet& answers() const { return answers_; }
  const std::vector<std::string>& visited() const { return visited_; }

 private:
  SurveyDefinition definition_;
  std::string language_;
  AnswerSet answers_;
  std::string current_;
  std::vector<std::string> visited_;
};

TEST(StepFlowTest, DecodesFormBodies) {
  EXPECT_THAT(DecodeFormBody("a.q1=Giao+h%C3%A0ng&&_nav=next&bad=%ZZ%4&flag"),
              ElementsAre(Pair("a.q1", "Giao hàng"), Pair("_nav", "next"), Pair("bad", "%ZZ%4"),
                          Pair("flag", "")));
}

TEST(StepFlowTest, TakesDetractorThroughFollowUpToEarlyEndInVietnamese) {
  NoScriptRespondent respondent(BranchingSurvey(), "vi");
  EXPECT_EQ(respondent.Answer({"2"}).question_id, "q_low");
  const StepOutcome last = respondent.Answer({"Giao hàng chậm, nhân viên không nghe máy"});
  ASSERT_TRUE(last.finished);
  EXPECT_EQ(last.thank_you_id, "detractor");
  EXPECT_EQ(last.answers.at("q_low"), "Giao hàng chậm, nhân viên không nghe máy");
  const auto page = testing::Parse(RenderThankYouPage(BranchingSurvey(), testing::Context("vi"),
                                                      last.thank_you_id));
  EXPECT_EQ(testing::Text(*page, "//h1"), "Rất tiếc vì điều này");
}

TEST(StepFlowTest, TakesPromoterThroughEveryBranchInChinese) {
  NoScriptRespondent respondent(BranchingSurvey(), "zh");
  respondent.Answer({"10"});
  respondent.Answer({"服务很周到，发货也快"});
  respondent.Answer({"speed", "staff"});
  respondent.Answer({"yes"});
  const StepOutcome last = respondent.Answer({"wang.fang@example.cn"});
  ASSERT_TRUE(last.finished);
  EXPECT_EQ(last.thank_you_id, "promoter");
  EXPECT_THAT(respondent.visited(),
              ElementsAre("q_score", "q_high", "q_topic", "q_contact", "q_email"));
  EXPECT_EQ(last.answers.at("q_topic"), (boost::json::array{"speed", "staff"}));
}

TEST(StepFlowTest, KeepsStepWithErrorWhenRequiredAnswerIsMissing) {
  NoScriptRespondent respondent(BranchingSurvey(), "en");
  const StepOutcome outcome = respondent.Answer({});
  EXPECT_FALSE(outcome.finished);
  EXPECT_EQ(outcome.question_id, "q_score");
  ASSERT_EQ(outcome.errors.size(), 1u);
  EXPECT_EQ(outcome.errors[0].field, "answers.q_score");
  EXPECT_EQ(outcome.errors[0].code, "required");
}

TEST(StepFlowTest, RecordsSkippedOptionalQuestionAsNull) {
  NoScriptRespondent respondent(BranchingSurvey(), "en");
  respondent.Answer({"7"});
  EXPECT_EQ(respondent.Answer({}).question_id, "q_contact");
  EXPECT_TRUE(respondent.answers().answers.at("q_topic").is_null());
}

TEST(StepFlowTest, GoesBackToPreviousQuestionOnTheWay) {
  NoScriptRespondent respondent(BranchingSurvey(), "en");
  respondent.Answer({"9"});
  EXPECT_EQ(respondent.current(), "q_high");
  EXPECT_EQ(respondent.Answer({"Great"}, "back").question_id, "q_score");
  EXPECT_EQ(respondent.answers().answers.at("q_high"), "Great");
}

TEST(StepFlowTest, ResumesWhenFormNamesAStepOffTheWay) {
  const auto definition = BranchingSurvey();
  AnswerSet so_far{{{"q_score", 8}}, {}};
  StepSubmission tampered;
  tampered.step = "q_email";  // only shown after consent
  tampered.values = {"x@example.com"};
  const StepOutcome outcome = SubmitStep(definition, so_far, tampered);
  EXPECT_EQ(outcome.question_id, "q_topic");
  EXPECT_FALSE(outcome.answers.contains("q_email"));
}

TEST(StepFlowTest, AppliesOneClickAnswerFromEmail) {
  const auto definition = BranchingSurvey();
  StepSubmission click;
  click.step = "q_score";
  click.values = {"10"};
  const StepOutcome outcome = SubmitStep(definition, {}, click);
  EXPECT_EQ(outcome.question_id, "q_high");
  EXPECT_EQ(outcome.answers.at("q_score"), 10);
}

TEST(StepFlowTest, RefusesToFinishWhileRequiredConsentIsRefused) {
  auto definition = BranchingSurvey();
  definition.questions[4].required = true;
  AnswerSet so_far{{{"q_score", 8}, {"q_topic", nullptr}}, {}};
  StepSubmission unticked;
  unticked.step = "q_contact";
  const StepOutcome outcome = SubmitStep(definition, so_far, unticked);
  EXPECT_FALSE(outcome.finished);
  ASSERT_EQ(outcome.errors.size(), 1u);
  EXPECT_EQ(outcome.errors[0].code, "consent_required");
}

}  // namespace
}  // namespace voxloop::collect
