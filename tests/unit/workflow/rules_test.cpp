#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "workflow/cases.hpp"
#include "workflow/rules.hpp"

namespace voxloop::workflow {
namespace {

namespace json = boost::json;

core::TimeMs At(const char* text) { return *core::ParseRfc3339(text); }

json::object Body(std::string_view text) { return json::parse(text).as_object(); }

std::string FirstField(const core::Error& error) { return error.fields.empty() ? "" : error.fields.front().field; }

TEST(RuleDefinition, ParsesEveryAction) {
  auto parsed = ParseRuleDefinition(Body(R"({
    "when": {"all": [{"field": "nps", "op": "lte", "value": 6}]},
    "then": [{"type": "create_case", "title": "Detractor", "team": "support"},
             {"type": "assign", "user_id": "42"},
             {"type": "set_priority", "priority": "urgent"},
             {"type": "tag", "tags": ["detractor", "vip"]},
             {"type": "notify_webhook"},
             {"type": "notify_webhook", "url": "https://hooks.slack.com/services/T/B/X"},
             {"type": "notify_email", "to": ["lead@shop.vn"]},
             {"type": "notify_in_app"},
             {"type": "notify_in_app", "user_ids": ["7", "8"]}],
    "throttle_minutes": 15,
    "quiet_hours": {"start": "22:30", "end": "06:00"}})"));
  ASSERT_TRUE(parsed) << parsed.error().message;
  ASSERT_EQ(parsed->then.size(), 9u);
  EXPECT_EQ(parsed->then[0].type, ActionType::kCreateCase);
  EXPECT_EQ(parsed->then[0].team, "support");
  EXPECT_EQ(parsed->then[1].user_id, core::Id{42});
  EXPECT_EQ(parsed->then[2].priority, "urgent");
  EXPECT_EQ(parsed->then[3].tags, (std::vector<std::string>{"detractor", "vip"}));
  EXPECT_TRUE(parsed->then[4].url.empty());
  EXPECT_EQ(parsed->then[5].url, "https://hooks.slack.com/services/T/B/X");
  EXPECT_EQ(parsed->then[6].to, (std::vector<std::string>{"lead@shop.vn"}));
  EXPECT_EQ(parsed->then[7].type, ActionType::kNotifyInApp);
  EXPECT_TRUE(parsed->then[7].user_ids.empty());
  EXPECT_EQ(parsed->then[8].user_ids, (std::vector<core::Id>{7, 8}));
  EXPECT_TRUE(Notifies(*parsed));
  EXPECT_EQ(parsed->throttle_minutes, 15);
  ASSERT_TRUE(parsed->quiet_hours);
  EXPECT_EQ(parsed->quiet_hours->start_minute, 22 * 60 + 30);
  EXPECT_EQ(parsed->quiet_hours->end_minute, 6 * 60);
}

TEST(RuleDefinition, ErrorsNameTheField) {
  const std::string when = R"("when": {"all": [{"field": "rating", "op": "lte", "value": 2}]})";
  const std::pair<std::string, std::string> cases[] = {
      {R"({"then": [{"type": "create_case"}]})", "when"},
      {"{" + when + "}", "then"},
      {"{" + when + R"(, "then": []})", "then"},
      {"{" + when + R"(, "then": [{"title": "x"}]})", "then/0/type"},
      {"{" + when + R"(, "then": [{"type": "create_case"}, {"type": "tag", "tags": []}]})", "then/1/tags"},
      {"{" + when + R"(, "then": [{"type": "tag", "tags": ["ok", 3]}]})", "then/0/tags/1"},
      {"{" + when + R"(, "then": [{"type": "notify_email", "to": ["a@b.vn", "nope"]}]})", "then/0/to/1"},
      {"{" + when + R"(, "then": [{"type": "assign", "user_id": "abc"}]})", "then/0/user_id"},
      {"{" + when + R"(, "then": [{"type": "notify_in_app", "user_ids": ["1", "x"]}]})", "then/0/user_ids/1"},
      {"{" + when + R"(, "then": [{"type": "notify_in_app", "user_ids": []}]})", "then/0/user_ids"},
      {"{" + when + R"(, "then": [{"type": "notify_in_app", "to": ["a@b.vn"]}]})", "then/0/to"},
      {"{" + when + R"(, "then": [{"type": "create_case", "colour": 1}]})", "then/0/colour"},
      {"{" + when + R"(, "then": [{"type": "create_case"}], "throttle_minutes": 1.5})", "throttle_minutes"},
      {"{" + when + R"(, "then": [{"type": "create_case"}], "quiet_hours": {"start": "7", "end": "08:00"}})",
       "quiet_hours/start"},
      {"{" + when + R"(, "then": [{"type": "create_case"}], "quiet_hours": {"start": "08:00", "end": "08:00"}})",
       "quiet_hours/end"},
      {R"({"when": {"all": [{"field": "nps", "op": "contains", "value": 3}]}, "then": [{"type": "create_case"}]})",
       "when/all/0/op"},
  };
  for (const auto& [text, field] : cases) {
    auto parsed = ParseRuleDefinition(Body(text));
    ASSERT_FALSE(parsed) << text;
    EXPECT_EQ(FirstField(parsed.error()), field) << text;
  }
}

TEST(QuietHours, OvernightSpanInTheWorkspaceZone) {
  const QuietHours night{22 * 60, 7 * 60};
  // Asia/Ho_Chi_Minh is UTC+7: 23:00 local is 16:00 UTC; the quiet hours end at 07:00 local
  // the next morning, 00:00 UTC.
  EXPECT_EQ(AfterQuietHours(At("2026-12-07T16:00:00Z"), night, "Asia/Ho_Chi_Minh"), At("2026-12-08T00:00:00Z"));
  // 03:00 local (20:00 UTC the day before): the same morning's 07:00.
  EXPECT_EQ(AfterQuietHours(At("2026-12-07T20:00:00Z"), night, "Asia/Ho_Chi_Minh"), At("2026-12-08T00:00:00Z"));
  // 12:00 local: not quiet.
  EXPECT_EQ(AfterQuietHours(At("2026-12-08T05:00:00Z"), night, "Asia/Ho_Chi_Minh"), At("2026-12-08T05:00:00Z"));
  // The end itself is not quiet; the start is.
  EXPECT_EQ(AfterQuietHours(At("2026-12-08T07:00:00Z"), night, "UTC"), At("2026-12-08T07:00:00Z"));
  EXPECT_EQ(AfterQuietHours(At("2026-12-08T22:00:00Z"), night, "UTC"), At("2026-12-09T07:00:00Z"));
  // A daytime span (lunch).
  const QuietHours lunch{12 * 60, 13 * 60};
  EXPECT_EQ(AfterQuietHours(At("2026-12-08T12:15:00Z"), lunch, "UTC"), At("2026-12-08T13:00:00Z"));
  EXPECT_EQ(AfterQuietHours(At("2026-12-08T13:15:00Z"), lunch, "UTC"), At("2026-12-08T13:15:00Z"));
}

TEST(QuietHours, EndAtTheLocalTimeOnDaysTheClocksChange) {
  const QuietHours night{22 * 60, 7 * 60};
  // New York springs forward on 2026-03-08 (02:00 EST → 03:00 EDT): midnight is UTC−5, 07:00
  // is UTC−4, so the quiet hours end at 11:00 UTC, not 12:00.
  EXPECT_EQ(AfterQuietHours(At("2026-03-08T05:00:00Z"), night, "America/New_York"), At("2026-03-08T11:00:00Z"));
  // From 23:00 the evening before, the same end.
  EXPECT_EQ(AfterQuietHours(At("2026-03-08T04:00:00Z"), night, "America/New_York"), At("2026-03-08T11:00:00Z"));
  // It falls back on 2026-11-01 (02:00 EDT → 01:00 EST): 07:00 is UTC−5, 12:00 UTC.
  EXPECT_EQ(AfterQuietHours(At("2026-11-01T04:30:00Z"), night, "America/New_York"), At("2026-11-01T12:00:00Z"));
  // 08:00 local on the changing day is outside the quiet hours.
  EXPECT_EQ(AfterQuietHours(At("2026-03-08T12:00:00Z"), night, "America/New_York"), At("2026-03-08T12:00:00Z"));
}

TEST(RuleSubject, AnItemAsFacts) {
  core::FeedbackItem item;
  item.id = 7;
  item.workspace_id = 1;
  item.channel = core::Channel::kChat;
  item.text = "Gọi tôi ở 0912 345 678, giao hàng QUÁ chậm";
  item.rating = 2;
  item.customer_id = 99;
  item.received_at = At("2026-12-01T00:00:00Z");
  item.analysis.language = "vi";
  item.analysis.sentiment = core::SentimentLabel::kNegative;
  item.analysis.sentiment_score = -0.7;
  item.analysis.topics = {"delivery/late"};
  item.analysis.pii_kinds = {"phone"};
  item.analysis.redacted_text = "Gọi tôi ở [PHONE], giao hàng QUÁ chậm";
  const RuleSubject subject = ItemSubject(item);
  EXPECT_EQ(subject.facts.channel, "chat");
  EXPECT_EQ(subject.facts.text_folded, "goi toi o 0912 345 678, giao hang qua cham");
  EXPECT_EQ(subject.facts.rating, 2.0);
  EXPECT_EQ(subject.facts.sentiment_label, "negative");
  EXPECT_EQ(subject.customer_id, core::Id{99});
  EXPECT_EQ(subject.feedback_ids, std::vector<core::Id>{7});
  EXPECT_EQ(subject.excerpt.find("0912"), std::string::npos) << "alerts carry the masked text";
  EXPECT_EQ(subject.title, "Gọi tôi ở [PHONE], giao hàng QUÁ chậm");
  EXPECT_EQ(subject.priority.rating, 2.0);
  EXPECT_EQ(subject.summary, "feedback on chat rated 2") << "numbers as people write them";
  item.text = "Line one\r\nline two";
  item.analysis = {};
  EXPECT_EQ(ItemSubject(item).title, "Line one") << "a title is one line";
}

TEST(RuleSubject, AResponseIsJudgedOnceWithItsScoresAndTexts) {
  collect::CompletedResponse completed;
  completed.response.id = 5;
  completed.response.workspace_id = 1;
  completed.response.survey_id = 3;
  completed.response.language = "en";
  completed.response.customer_id = 8;
  completed.scores = {{"q1", collect::QuestionType::kNps, 3, 0, 10}, {"q2", collect::QuestionType::kCsat, 2, 1, 5}};
  core::FeedbackItem calm;
  calm.id = 11;
  calm.text = "Staff were kind";
  calm.analysis.sentiment = core::SentimentLabel::kPositive;
  calm.analysis.sentiment_score = 0.6;
  calm.analysis.topics = {"staff"};
  core::FeedbackItem angry;
  angry.id = 12;
  angry.text = "But the refund never came";
  angry.analysis.sentiment = core::SentimentLabel::kNegative;
  angry.analysis.sentiment_score = -0.8;
  angry.analysis.topics = {"refund", "staff"};
  completed.feedback = {calm, angry};
  const RuleSubject subject = ResponseSubject(completed);
  EXPECT_EQ(subject.facts.channel, "survey");
  EXPECT_EQ(subject.facts.nps, 3.0);
  EXPECT_EQ(subject.facts.csat, 2.0);
  EXPECT_FALSE(subject.facts.ces);
  EXPECT_EQ(subject.facts.survey, "3");
  EXPECT_EQ(subject.facts.sentiment_label, "negative") << "the most negative text speaks for the response";
  EXPECT_EQ(subject.facts.topics, (std::vector<std::string>{"staff", "refund"}));
  EXPECT_NE(subject.facts.text_folded.find("refund never came"), std::string::npos);
  EXPECT_EQ(subject.feedback_ids, (std::vector<core::Id>{11, 12}));
  EXPECT_EQ(subject.response_id, core::Id{5});
  EXPECT_EQ(subject.summary, "an NPS of 3 on a survey response");
  EXPECT_EQ(subject.priority.nps, 3.0);

  Condition detractor = *ParseCondition(json::parse(R"({"all": [{"field": "nps", "op": "lte", "value": 6},
      {"field": "text", "op": "contains", "value": "REFUND"}]})"));
  EXPECT_TRUE(Evaluate(detractor, subject.facts));
}

TEST(CaseStatus, Transitions) {
  EXPECT_TRUE(CheckTransition("new", "open"));
  EXPECT_TRUE(CheckTransition("new", "resolved"));
  EXPECT_TRUE(CheckTransition("open", "waiting_on_customer"));
  EXPECT_TRUE(CheckTransition("reopened", "closed"));
  EXPECT_TRUE(CheckTransition("resolved", "reopened"));
  EXPECT_TRUE(CheckTransition("resolved", "closed"));
  EXPECT_TRUE(CheckTransition("closed", "reopened"));
  EXPECT_TRUE(CheckTransition("closed", "closed"));
  EXPECT_FALSE(CheckTransition("open", "new"));
  EXPECT_FALSE(CheckTransition("open", "reopened"));
  EXPECT_FALSE(CheckTransition("resolved", "open"));
  EXPECT_FALSE(CheckTransition("closed", "resolved"));
  auto unknown = CheckTransition("open", "lost");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().fields.front().code, "invalid");
}

}  // namespace
}  // namespace voxloop::workflow
