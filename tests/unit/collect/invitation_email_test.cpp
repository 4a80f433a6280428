#include "collect/invitation_email.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "collect/survey_templates.hpp"
#include "sample_surveys.hpp"

namespace voxloop::collect {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

InvitationParams Params(std::string language) {
  InvitationParams params;
  params.language = std::move(language);
  params.survey_url = "https://feedback.example.vn/s/7312";
  params.token = "tok/+=1";
  params.unsubscribe_url = "https://feedback.example.vn/u/abc";
  params.customer_name = "Nguyễn Thị Lan";
  params.sender_name = "Phở Thìn";
  return params;
}

TEST(InvitationEmailTest, EmbedsOneLinkPerNpsScoreInVietnamese) {
  const auto definition = *SurveyFromTemplate("nps", "");
  auto mail = RenderInvitation(definition, Params("vi"));
  ASSERT_TRUE(mail.ok()) << mail.error().message;
  EXPECT_EQ(mail->subject, "Bạn có muốn giới thiệu chúng tôi? Chỉ một câu hỏi nhanh");
  EXPECT_THAT(mail->html, HasSubstr("<html lang=\"vi\">"));
  EXPECT_THAT(mail->html, HasSubstr("Chào Nguyễn Thị Lan,"));
  for (int score = 0; score <= 10; ++score) {
    EXPECT_THAT(mail->html, HasSubstr("t=tok%2F%2B%3D1&amp;lang=vi&amp;q=nps&amp;v=" +
                                      std::to_string(score) + "\""));
  }
  EXPECT_THAT(mail->text, HasSubstr("  10: https://feedback.example.vn/s/7312?t=tok%2F%2B%3D1&lang=vi&q=nps&v=10"));
  EXPECT_THAT(mail->html, HasSubstr("https://feedback.example.vn/u/abc"));
  EXPECT_THAT(mail->text, HasSubstr("Hủy nhận email khảo sát: https://feedback.example.vn/u/abc"));
}

TEST(InvitationEmailTest, WritesReminderInChinese) {
  const auto definition = *SurveyFromTemplate("csat", "");
  auto params = Params("zh");
  params.reminder = true;
  auto mail = RenderInvitation(definition, params);
  ASSERT_TRUE(mail.ok());
  EXPECT_EQ(mail->subject, "温馨提醒：期待您的宝贵意见");
  EXPECT_THAT(mail->text, HasSubstr("几天前，Phở Thìn邀请您参与一项简短的调查。"));
  EXPECT_THAT(mail->html, HasSubstr("v=5"));
}

TEST(InvitationEmailTest, OffersStartButtonWhenFirstQuestionIsText) {
  auto definition = *SurveyFromTemplate("product", "");
  std::swap(definition.questions[0], definition.questions[3]);  // a long text question first
  definition.questions[0].show_if.reset();
  auto mail = RenderInvitation(definition, Params("en"));
  ASSERT_TRUE(mail.ok());
  EXPECT_THAT(mail->html, HasSubstr("Start the survey"));
  EXPECT_THAT(mail->html, Not(HasSubstr("&amp;q=")));
}

TEST(InvitationEmailTest, EscapesCustomerAndSenderNames) {
  const auto definition = testing::BranchingSurvey();
  auto params = Params("en");
  params.customer_name = "<b>Eve</b>";
  params.sender_name = "A&B \"Shop\"";
  auto mail = RenderInvitation(definition, params);
  ASSERT_TRUE(mail.ok());
  EXPECT_THAT(mail->html, HasSubstr("Hi &lt;b&gt;Eve&lt;/b&gt;,"));
  EXPECT_THAT(mail->html, HasSubstr("A&amp;B &quot;Shop&quot;"));
  EXPECT_THAT(mail->html, Not(HasSubstr("<b>Eve")));
  EXPECT_THAT(mail->text, HasSubstr("Hi <b>Eve</b>,"));  // plain text stays plain
}

TEST(InvitationEmailTest, UsesInlineStylesOnly) {
  auto mail = RenderInvitation(testing::BranchingSurvey(), Params("en"));
  ASSERT_TRUE(mail.ok());
  EXPECT_THAT(mail->html, Not(HasSubstr("<style")));
  EXPECT_THAT(mail->html, Not(HasSubstr("<link")));
  EXPECT_THAT(mail->html, HasSubstr("style=\""));
}

TEST(InvitationEmailTest, RejectsRelativeOrScriptUrls) {
  auto params = Params("en");
  params.survey_url = "/s/7312";
  EXPECT_FALSE(RenderInvitation(testing::BranchingSurvey(), params).ok());
  params = Params("en");
  params.unsubscribe_url = "javascript:alert(1)";
  EXPECT_FALSE(RenderInvitation(testing::BranchingSurvey(), params).ok());
}

}  // namespace
}  // namespace voxloop::collect
