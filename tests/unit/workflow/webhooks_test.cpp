#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "workflow/events.hpp"
#include "workflow/webhooks.hpp"

namespace voxloop::workflow {
namespace {

// The example of the Standard Webhooks specification.
TEST(SignWebhook, MatchesTheStandardWebhooksExample) {
  auto signature = SignWebhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                               1614265330, R"({"test": 2432232314})");
  ASSERT_TRUE(signature);
  EXPECT_EQ(*signature, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
}

TEST(SignWebhook, AnyChangeChangesTheSignature) {
  const std::string secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  const std::string reference = *SignWebhook(secret, "msg_1", 100, "{}");
  EXPECT_NE(*SignWebhook(secret, "msg_2", 100, "{}"), reference);
  EXPECT_NE(*SignWebhook(secret, "msg_1", 101, "{}"), reference);
  EXPECT_NE(*SignWebhook(secret, "msg_1", 100, "{ }"), reference);
  EXPECT_NE(*SignWebhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSx", "msg_1", 100, "{}"), reference);
}

TEST(SignWebhook, MalformedSecretsAreErrors) {
  EXPECT_FALSE(SignWebhook("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_1", 1, "{}"));
  EXPECT_FALSE(SignWebhook("whsec_***not base64***", "msg_1", 1, "{}"));
}

TEST(WebhookEvents, KnownTypesOnly) {
  EXPECT_TRUE(IsEventType("feedback.created"));
  EXPECT_TRUE(IsEventType("response.completed"));
  EXPECT_FALSE(IsEventType("*"));
  EXPECT_FALSE(IsEventType("feedback.Created"));
  EXPECT_FALSE(IsEventType(""));
}

TEST(WebhookEvents, FeedbackDataMasksPiiAndNamesTheCustomerById) {
  core::FeedbackItem item;
  item.id = 42;
  item.workspace_id = 7;
  item.channel = core::Channel::kEmail;
  item.text = "Call me at 0912 345 678";
  item.customer_id = 9;
  item.rating = 2;
  item.analysis.redacted_text = "Call me at [PHONE]";
  item.analysis.pii_kinds = {"phone"};
  item.analysis.sentiment = core::SentimentLabel::kNegative;
  item.analysis.topics = {"support/contact"};
  const boost::json::object data = FeedbackEventData(item);
  EXPECT_EQ(data.at("id").as_string(), "42");
  EXPECT_EQ(data.at("text").as_string(), "Call me at [PHONE]");
  EXPECT_TRUE(data.at("pii_masked").as_bool());
  EXPECT_EQ(data.at("customer_id").as_string(), "9");
  EXPECT_EQ(data.at("channel").as_string(), "email");
  EXPECT_EQ(data.at("analysis").at("sentiment").at("label").as_string(), "negative");
  EXPECT_EQ(data.at("analysis").at("topics").as_array().at(0).as_string(), "support/contact");

  item.analysis.pii_kinds.clear();
  item.analysis.redacted_text.clear();
  item.text = "All good";
  EXPECT_EQ(FeedbackEventData(item).at("text").as_string(), "All good");
  EXPECT_FALSE(FeedbackEventData(item).at("pii_masked").as_bool());
}

}  // namespace
}  // namespace voxloop::workflow
