#include "collect/page_render.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <pugixml.hpp>

#include "collect/step_flow.hpp"
#include "collect/survey_templates.hpp"
#include "html_page.hpp"
#include "sample_surveys.hpp"

namespace voxloop::collect {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::BranchingSurvey;
using testing::Context;
using testing::FormSubmission;
using testing::Page;
using testing::Parse;
using testing::Step;
using testing::Text;

TEST(PageRenderTest, RendersStepInRespondentsLanguage) {
  const auto page = Step(BranchingSurvey(), "vi", {}, "q_score");
  EXPECT_STREQ(page->document.child("html").attribute("lang").value(), "vi");
  EXPECT_EQ(Text(*page, "//h1"), "Chúng tôi làm tốt chứ?");
  EXPECT_THAT(Text(*page, "//legend"), HasSubstr("Bạn có sẵn lòng giới thiệu"));
  EXPECT_EQ(page->document.select_nodes("//input[@type='radio']").size(), 11u);
  EXPECT_THAT(page->html, HasSubstr("Hoàn toàn không có khả năng"));
}

TEST(PageRenderTest, EscapesSurveyTitleWithMarkup) {
  auto definition = BranchingSurvey();
  definition.title.by_language["en"] = "<img src=x onerror=alert(1)>";
  const auto page = Step(definition, "en", {}, "q_score");
  EXPECT_THAT(page->html, HasSubstr("&lt;img src=x onerror=alert(1)&gt;"));
  EXPECT_THAT(page->html, Not(HasSubstr("<img")));
  EXPECT_TRUE(page->document.select_nodes("//img").empty());
  EXPECT_EQ(Text(*page, "//h1"), "<img src=x onerror=alert(1)>");
}

TEST(PageRenderTest, EscapesRespondentTextShownAgainWithError) {
  auto definition = BranchingSurvey();
  const std::string typed = "\"><script>alert(1)</script>";
  const core::FieldError error{"answers.q_email", "invalid_email", "Not an e-mail address"};
  const auto page = Parse(RenderStepPage(definition, Context("en"), {{{"q_contact", true}}, {}},
                                         "q_email", {error}, {typed}));
  EXPECT_TRUE(page->document.select_nodes("//script[not(@src)]").empty());
  EXPECT_EQ(std::string(page->document.select_node("//input[@type='email']").node().attribute("value").value()),
            typed);
}

TEST(PageRenderTest, GivesEveryInputALabelOnEveryStepOfEveryTemplate) {
  for (std::string_view template_id : SurveyTemplateIds()) {
    const auto definition = *SurveyFromTemplate(template_id, "");
    for (const auto& question : definition.questions) {
      for (const char* language : {"en", "vi", "zh"}) {
        const auto page = Step(definition, language, {}, question.id);
        for (const auto& node : page->document.select_nodes("//input[not(@type='hidden')] | //textarea")) {
          const std::string id = node.node().attribute("id").value();
          ASSERT_FALSE(id.empty()) << question.id;
          const std::string xpath = "//label[@for='" + id + "']";
          const auto label = page->document.select_node(xpath.c_str()).node();
          ASSERT_TRUE(label) << template_id << "/" << question.id << ": no label for " << id;
          EXPECT_FALSE(std::string(label.child_value()).empty() && !label.first_child())
              << "empty label for " << id;
        }
        for (const auto& node : page->document.select_nodes("//fieldset")) {
          EXPECT_TRUE(node.node().child("legend")) << question.id;
        }
      }
    }
  }
}

TEST(PageRenderTest, UsesNoInlineScriptStyleOrHandlers) {
  const auto page = Step(BranchingSurvey(), "en", {{{"q_score", 9}}, {}}, "q_topic");
  EXPECT_TRUE(page->document.select_nodes("//script[not(@src)]").empty());
  EXPECT_TRUE(page->document.select_nodes("//style").empty());
  EXPECT_TRUE(page->document.select_nodes("//*[@style]").empty());
  for (const auto& node : page->document.select_nodes("//*")) {
    for (const auto& attribute : node.node().attributes()) {
      EXPECT_FALSE(std::string_view(attribute.name()).starts_with("on")) << attribute.name();
    }
  }
}

TEST(PageRenderTest, LinksEveryLanguageAndMarksTheCurrentOne) {
  const auto page = Step(BranchingSurvey(), "zh", {}, "q_score");
  const auto links = page->document.select_nodes("//nav//a");
  ASSERT_EQ(links.size(), 3u);
  EXPECT_STREQ(links[1].node().attribute("href").value(), "/s/77?t=tok&lang=vi");
  EXPECT_STREQ(links[1].node().attribute("lang").value(), "vi");
  EXPECT_STREQ(links[1].node().text().as_string(), "Tiếng Việt");
  EXPECT_STREQ(links[2].node().attribute("aria-current").value(), "page");
}

TEST(PageRenderTest, ShowsLocalizedErrorSummaryLinkedToTheQuestion) {
  const core::FieldError error{"answers.q_score", "required", "This question is required"};
  const auto page =
      Parse(RenderStepPage(BranchingSurvey(), Context("zh"), {}, "q_score", {error}));
  EXPECT_EQ(Text(*page, "//div[@role='alert']//a"), "请回答此问题。");
  EXPECT_STREQ(page->document.select_node("//div[@role='alert']//a").node().attribute("href").value(),
               "#vx-q-q_score");
  EXPECT_STREQ(page->document.select_node("//fieldset").node().attribute("aria-describedby").value(),
               "vx-q-q_score-ends vx-q-q_score-error");
  EXPECT_FALSE(page->document.select_nodes("//input[@aria-invalid='true']").empty());
}

TEST(PageRenderTest, OffersBackOnlyAfterTheFirstStepAndSubmitOnTheLast) {
  const auto definition = BranchingSurvey();
  const auto first = Step(definition, "en", {}, "q_score");
  EXPECT_TRUE(first->document.select_nodes("//button[@value='back']").empty());
  const AnswerSet answers{{{"q_score", 2}}, {}};
  const auto last = Step(definition, "en", answers, "q_low");
  EXPECT_FALSE(last->document.select_nodes("//button[@value='back']").empty());
  EXPECT_EQ(Text(*last, "//button[@value='next']"), "Submit");
}

TEST(PageRenderTest, RendersStarRatingWithSpokenLabels) {
  const auto definition = *SurveyFromTemplate("product", "");
  const auto page = Step(definition, "vi", {{{"rating", 4}}, {}}, "rating");
  EXPECT_EQ(page->document.select_nodes("//div[@class='vx-stars']/input").size(), 5u);
  EXPECT_THAT(page->html, HasSubstr("4/5 sao"));
  EXPECT_STREQ(page->document.select_node("//input[@checked]").node().attribute("value").value(), "4");
}

TEST(PageRenderTest, IncludesHoneypotThatReadStepFormDetects) {
  const auto page = Step(BranchingSurvey(), "en", {}, "q_score");
  const auto honeypot = page->document.select_node("//input[@name='website']").node();
  ASSERT_TRUE(honeypot);
  EXPECT_STREQ(honeypot.attribute("tabindex").value(), "-1");
  auto fields = FormSubmission(*page, "next", {"9"});
  EXPECT_FALSE(ReadStepForm(fields, "website").honeypot_filled);
  fields.emplace_back("website", "http://spam.example");
  EXPECT_TRUE(ReadStepForm(fields, "website").honeypot_filled);
}

TEST(PageRenderTest, KioskThankYouPageReturnsToFirstQuestion) {
  PageContext context = Context("vi");
  context.kiosk = true;
  context.page_url = "/s/77?kiosk=1";
  const auto page = Parse(RenderThankYouPage(BranchingSurvey(), context, "promoter"));
  EXPECT_STREQ(page->document.select_node("//meta[@http-equiv='refresh']").node().attribute("content").value(),
               "8;url=/s/77?kiosk=1&lang=vi");
  EXPECT_THAT(page->html, HasSubstr("vx-kiosk"));
  EXPECT_EQ(Text(*page, "//h1"), "Cảm ơn bạn!");
  EXPECT_STREQ(page->document.select_node("//section//a[@target]").node().attribute("href").value(),
               "https://g.page/r/example/review");
}

TEST(PageRenderTest, UsesBuiltInThankYouWhenScreenIsUnknown) {
  const auto page = Parse(RenderThankYouPage(BranchingSurvey(), Context("zh"), ""));
  EXPECT_EQ(Text(*page, "//h1"), "感谢您的反馈！");
}

TEST(PageRenderTest, ExplainsWhyTheSurveyIsUnavailable) {
  const auto page = Parse(
      RenderUnavailablePage(BranchingSurvey(), Context("vi"), UnavailableReason::kAlreadyAnswered));
  EXPECT_EQ(Text(*page, "//h1"), "Bạn đã trả lời khảo sát này");
}

TEST(PageRenderTest, RejectsUnknownStep) {
  auto page = RenderStepPage(BranchingSurvey(), Context("en"), {}, "q_nope");
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().code, core::ErrorCode::kNotFound);
}

}  // namespace
}  // namespace voxloop::collect
