#include <gtest/gtest.h>

#include "workflow/case_mail.hpp"

namespace voxloop::workflow {
namespace {

TEST(CaseMail, CutsTheQuotedHistoryOfAReply) {
  EXPECT_EQ(WithoutQuotedHistory("Still broken.\r\n\r\nOn Mon, 7 Dec 2026 at 10:00, Shop <a@b.vn> wrote:\r\n> Hello\r\n"),
            "Still broken.");
  EXPECT_EQ(WithoutQuotedHistory("Vẫn lỗi.\nVào Th 2, 7 thg 12, 2026 Shop đã viết:\n> Chào"), "Vẫn lỗi.");
  EXPECT_EQ(WithoutQuotedHistory("还是不行\n2026年12月7日 客服 写道：\n> 您好"), "还是不行");
  EXPECT_EQ(WithoutQuotedHistory("Top\n> quoted line\nafter\n-----Original Message-----\nold"), "Top\nafter");
  EXPECT_EQ(WithoutQuotedHistory("Just text"), "Just text");
}

TEST(CaseMail, FindsTheTokenOfAReplyAddress) {
  const std::string token = "0123456789abcdef0123456789abcdef";
  EXPECT_EQ(ReplyTokenOf("reply+" + token + "@reply.shop.vn"), token);
  EXPECT_EQ(ReplyTokenOf("Shop <REPLY+0123456789ABCDEF0123456789ABCDEF@reply.shop.vn>"), token);
  EXPECT_EQ(ReplyTokenOf("support@shop.vn"), "");
  EXPECT_EQ(ReplyTokenOf("reply+short@shop.vn"), "");
  EXPECT_EQ(ReplyTokenOf("reply+" + token.substr(0, 31) + "z@shop.vn"), "");
  EXPECT_EQ(ReplyTokenOf("x@reply+" + token), "") << "the token sits before the @";
}

TEST(FollowupPage, EscapesTheCaseTitleAndSpeaksTheWorkspacesLanguage) {
  FollowupView view;
  view.title = "<script>alert(1)</script> & \"quotes\"";
  view.language = "vi";
  const std::string page = RenderFollowupPage(view, "/f/abc", false);
  EXPECT_EQ(page.find("<script>"), std::string::npos);
  EXPECT_NE(page.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"), std::string::npos);
  EXPECT_NE(page.find("Vấn đề của bạn đã được giải quyết chưa?"), std::string::npos);
  EXPECT_NE(page.find("value=\"no\" checked=\"checked\""), std::string::npos);
  EXPECT_NE(page.find("action=\"/f/abc\""), std::string::npos);
  view.answered = true;
  EXPECT_EQ(RenderFollowupPage(view, "/f/abc", std::nullopt).find("<form"), std::string::npos);
  view.language = "zh";
  view.solved = false;
  EXPECT_NE(RenderFollowupThanks(view).find("重新打开"), std::string::npos);
  EXPECT_NE(RenderFollowupInvalid("fr").find("This link is not valid."), std::string::npos);
}

}  // namespace
}  // namespace voxloop::workflow
