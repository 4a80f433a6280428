#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "workflow/conditions.hpp"

namespace voxloop::workflow {
namespace {

Condition Parse(const char* text) {
  auto parsed = ParseCondition(boost::json::parse(text));
  EXPECT_TRUE(parsed) << text << ": " << (parsed ? "" : parsed.error().message);
  return parsed ? *parsed : Condition{};
}

Facts Detractor() {
  Facts facts;
  facts.channel = "survey";
  facts.text_folded = "giao hang cham qua";
  facts.rating = 3;
  facts.nps = 3;
  facts.language = "vi";
  facts.sentiment_label = "negative";
  facts.sentiment_score = -0.7;
  facts.topics = {"delivery/late", "price"};
  facts.survey = "123";
  facts.customer = std::map<std::string, std::string>{{"plan", "enterprise"}, {"region", "Hà Nội"}};
  return facts;
}

TEST(Conditions, TheIssueExampleMatchesADetractorOnTheEnterprisePlan) {
  const Condition rule = Parse(R"({"all": [{"field": "nps", "op": "lte", "value": 6},
                                          {"field": "customer.plan", "op": "eq", "value": "enterprise"}]})");
  Facts facts = Detractor();
  EXPECT_TRUE(Evaluate(rule, facts));
  facts.nps = 7;
  EXPECT_FALSE(Evaluate(rule, facts));
  facts.nps = 6;
  facts.customer->at("plan") = "smb";
  EXPECT_FALSE(Evaluate(rule, facts));
  facts.customer.reset();
  EXPECT_FALSE(Evaluate(rule, facts));
}

TEST(Conditions, EveryOpOnEveryKindOfField) {
  const Facts facts = Detractor();
  const std::vector<std::pair<const char*, bool>> cases = {
      {R"({"field": "channel", "op": "eq", "value": "survey"})", true},
      {R"({"field": "channel", "op": "ne", "value": "survey"})", false},
      {R"({"field": "channel", "op": "in", "value": ["chat", "survey"]})", true},
      {R"({"field": "channel", "op": "in", "value": ["chat", "email"]})", false},
      {R"({"field": "text", "op": "contains", "value": "Giao HÀNG chậm"})", true},
      {R"({"field": "text", "op": "contains", "value": "nhanh"})", false},
      {R"({"field": "rating", "op": "lt", "value": 3})", false},
      {R"({"field": "rating", "op": "lte", "value": 3})", true},
      {R"({"field": "rating", "op": "gt", "value": 2.5})", true},
      {R"({"field": "rating", "op": "gte", "value": 4})", false},
      {R"({"field": "rating", "op": "in", "value": [1, 2, 3]})", true},
      {R"({"field": "sentiment.label", "op": "eq", "value": "negative"})", true},
      {R"({"field": "sentiment.score", "op": "lt", "value": -0.5})", true},
      {R"({"field": "topics", "op": "eq", "value": "delivery"})", false},
      {R"({"field": "topics", "op": "contains", "value": "delivery"})", true},
      {R"({"field": "topics", "op": "contains", "value": "deliv"})", false},
      {R"({"field": "topics", "op": "in", "value": ["price", "staff"]})", true},
      {R"({"field": "topics", "op": "ne", "value": "staff"})", true},
      {R"({"field": "topics", "op": "exists", "value": true})", true},
      {R"({"field": "survey", "op": "eq", "value": "123"})", true},
      {R"({"field": "language", "op": "in", "value": ["zh", "en"]})", false},
      {R"({"field": "customer.region", "op": "contains", "value": "ha noi"})", true},
      {R"({"field": "customer.tier", "op": "exists", "value": false})", true},
      {R"({"field": "customer.tier", "op": "ne", "value": "gold"})", true},
      {R"({"field": "csat", "op": "lte", "value": 2})", false},
      {R"({"field": "csat", "op": "exists", "value": false})", true},
      {R"({"not": {"field": "channel", "op": "eq", "value": "chat"}})", true},
      {R"({"any": [{"field": "channel", "op": "eq", "value": "chat"},
                   {"all": [{"field": "nps", "op": "lte", "value": 6}, {"not": {"field": "language", "op": "eq", "value": "en"}}]}]})",
       true},
  };
  for (const auto& [text, expected] : cases) EXPECT_EQ(Evaluate(Parse(text), facts), expected) << text;
}

TEST(Conditions, BadConditionsNameThePlace) {
  const std::vector<std::pair<const char*, const char*>> cases = {
      {R"([])", "when"},
      {R"({"field": "colour", "op": "eq", "value": "red"})", "when/field"},
      {R"({"field": "channel", "op": "like", "value": "x"})", "when/op"},
      {R"({"field": "channel", "op": "eq"})", "when/value"},
      {R"({"field": "channel", "op": "lt", "value": "x"})", "when/op"},
      {R"({"field": "rating", "op": "contains", "value": 3})", "when/op"},
      {R"({"field": "rating", "op": "eq", "value": "3"})", "when/value"},
      {R"({"field": "channel", "op": "in", "value": "chat"})", "when/value"},
      {R"({"field": "channel", "op": "in", "value": ["chat", 3]})", "when/value/1"},
      {R"({"field": "text", "op": "eq", "value": "x"})", "when/op"},
      {R"({"all": []})", "when/all"},
      {R"({"all": [{"field": "channel", "op": "eq", "value": "x"}, {"any": [{"op": "eq"}]}]})", "when/all/1/any/0/field"},
      {R"({"all": [], "any": []})", "when"},
      {R"({"field": "channel", "op": "eq", "value": "x", "extra": 1})", "when/extra"},
      {R"({"field": "topics", "op": "exists", "value": "yes"})", "when/value"},
  };
  for (const auto& [text, field] : cases) {
    auto parsed = ParseCondition(boost::json::parse(text));
    ASSERT_FALSE(parsed) << text;
    ASSERT_FALSE(parsed.error().fields.empty()) << text;
    EXPECT_EQ(parsed.error().fields.front().field, field) << text;
  }
  // Nesting deeper than 8 is refused, not recursed into without end.
  std::string deep = R"({"field": "channel", "op": "eq", "value": "x"})";
  for (int level = 0; level < 10; ++level) deep = R"({"not": )" + deep + "}";
  EXPECT_FALSE(ParseCondition(boost::json::parse(deep)));
}

TEST(Conditions, ReadsCustomerOnlyWhenAFieldNeedsIt) {
  EXPECT_FALSE(ReadsCustomer(Parse(R"({"all": [{"field": "nps", "op": "lte", "value": 6}]})")));
  EXPECT_TRUE(ReadsCustomer(Parse(R"({"any": [{"field": "nps", "op": "lte", "value": 6},
                                              {"not": {"field": "customer.plan", "op": "eq", "value": "x"}}]})")));
}

}  // namespace
}  // namespace voxloop::workflow
