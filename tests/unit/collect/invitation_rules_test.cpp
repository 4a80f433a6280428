#include "collect/invitation_rules.hpp"

#include <boost/json.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

namespace voxloop::collect {
namespace {

using ::testing::ElementsAre;

boost::json::value Json(std::string_view text) { return boost::json::parse(text); }

bool HasField(const core::Error& error, std::string_view field, std::string_view code) {
  return std::any_of(error.fields.begin(), error.fields.end(), [&](const core::FieldError& each) {
    return each.field == field && each.code == code;
  });
}

TEST(ParseRecipientsTest, ReadsAddressesAndObjectsNormalisingAddresses) {
  auto list = ParseRecipients(Json(
      R"([" Lan@Example.VN ", {"customer_id": "42"}, {"email": "wei@example.cn", "name": "王伟", "language": "ZH_cn"}])"));
  ASSERT_TRUE(list.ok()) << list.error().message;
  ASSERT_EQ(list->recipients.size(), 3u);
  EXPECT_EQ(list->recipients[0].email, "lan@example.vn");
  EXPECT_FALSE(list->recipients[0].customer_id);
  EXPECT_EQ(list->recipients[1].customer_id, core::Id{42});
  EXPECT_EQ(list->recipients[2].name, "王伟");
  EXPECT_EQ(list->recipients[2].language, "zh-CN");
  EXPECT_EQ(list->duplicates, 0);
}

TEST(ParseRecipientsTest, LeavesOutRepeatedAddressesAndCustomersAndCountsThem) {
  auto list = ParseRecipients(Json(
      R"(["lan@example.vn", "LAN@example.vn", {"customer_id": "7"}, {"customer_id": "7"}, "ava@example.com"])"));
  ASSERT_TRUE(list.ok()) << list.error().message;
  ASSERT_EQ(list->recipients.size(), 3u);
  EXPECT_EQ(list->duplicates, 2);
  EXPECT_EQ(list->recipients[2].email, "ava@example.com");
}

TEST(ParseRecipientsTest, RefusesAnEmptyListOrNotAList) {
  auto empty = ParseRecipients(Json("[]"));
  ASSERT_FALSE(empty.ok());
  EXPECT_TRUE(HasField(empty.error(), "recipients", "required"));
  auto object = ParseRecipients(Json(R"({"email": "lan@example.vn"})"));
  ASSERT_FALSE(object.ok());
  EXPECT_TRUE(HasField(object.error(), "recipients", "type"));
}

TEST(ParseRecipientsTest, NamesEveryBadEntryByItsIndex) {
  auto list = ParseRecipients(Json(
      R"(["not an address", 7, {"name": "No address"}, {"customer_id": "x"}, {"email": "a@b.vn", "colour": "red"},
         {"email": "a@b.vn", "language": "not a tag!"}, {"email": 5}])"));
  ASSERT_FALSE(list.ok());
  const core::Error& error = list.error();
  EXPECT_EQ(error.code, core::ErrorCode::kInvalidArgument);
  EXPECT_TRUE(HasField(error, "recipients/0", "invalid_email"));
  EXPECT_TRUE(HasField(error, "recipients/1", "type"));
  EXPECT_TRUE(HasField(error, "recipients/2/email", "required"));
  EXPECT_TRUE(HasField(error, "recipients/3/customer_id", "invalid"));
  EXPECT_TRUE(HasField(error, "recipients/4/colour", "unknown"));
  EXPECT_TRUE(HasField(error, "recipients/5/language", "invalid"));
  EXPECT_TRUE(HasField(error, "recipients/6/email", "type"));
}

TEST(ParseRecipientsTest, RefusesAHeaderInjectionInAnAddress) {
  auto list = ParseRecipients(Json(R"(["lan@example.vn\r\nBcc: all@example.vn"])"));
  ASSERT_FALSE(list.ok());
  EXPECT_TRUE(HasField(list.error(), "recipients/0", "invalid_email"));
}

TEST(ParseRecipientsTest, RefusesMoreThanTheLimit) {
  boost::json::array many;
  for (std::size_t idx = 0; idx <= kMaxRecipientsPerSend; ++idx) {
    many.emplace_back("c" + std::to_string(idx) + "@example.vn");
  }
  auto list = ParseRecipients(many);
  ASSERT_FALSE(list.ok());
  EXPECT_TRUE(HasField(list.error(), "recipients", "too_many"));
}

TEST(ParseNewSendTest, ReadsTheSendWithDefaults) {
  auto send = ParseNewSend(Json(R"({"recipients": ["lan@example.vn", "lan@example.vn"]})"));
  ASSERT_TRUE(send.ok()) << send.error().message;
  EXPECT_EQ(send->name, "");
  EXPECT_EQ(send->recipients.size(), 1u);
  EXPECT_EQ(send->duplicates, 1);
  EXPECT_EQ(send->reminder_after_days, 3);
  EXPECT_EQ(send->max_reminders, 0);
}

TEST(ParseNewSendTest, ReadsNameAndReminderSettings) {
  auto send = ParseNewSend(
      Json(R"({"name": "Quý 3", "recipients": ["lan@example.vn"], "reminder_after_days": 5, "max_reminders": 2})"));
  ASSERT_TRUE(send.ok()) << send.error().message;
  EXPECT_EQ(send->name, "Quý 3");
  EXPECT_EQ(send->reminder_after_days, 5);
  EXPECT_EQ(send->max_reminders, 2);
}

TEST(ParseNewSendTest, NamesEveryBadField) {
  auto send = ParseNewSend(Json(
      R"({"name": 3, "reminder_after_days": 999, "max_reminders": "two", "colour": "red", "recipients": ["x"]})"));
  ASSERT_FALSE(send.ok());
  const core::Error& error = send.error();
  EXPECT_TRUE(HasField(error, "name", "type"));
  EXPECT_TRUE(HasField(error, "reminder_after_days", "range"));
  EXPECT_TRUE(HasField(error, "max_reminders", "type"));
  EXPECT_TRUE(HasField(error, "colour", "unknown"));
  EXPECT_TRUE(HasField(error, "recipients/0", "invalid_email"));
}

TEST(ParseNewSendTest, RequiresRecipients) {
  auto send = ParseNewSend(Json("{}"));
  ASSERT_FALSE(send.ok());
  EXPECT_TRUE(HasField(send.error(), "recipients", "required"));
  EXPECT_FALSE(ParseNewSend(Json("[]")).ok());
}

TEST(ParseMailFromTest, ReadsAPlainAddressANamedOneAndAQuotedName) {
  auto plain = ParseMailFrom("survey@phothin.vn");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->email, "survey@phothin.vn");
  EXPECT_EQ(plain->name, "");
  auto named = ParseMailFrom(" Phở Thìn <survey@phothin.vn> ");
  ASSERT_TRUE(named.ok());
  EXPECT_EQ(named->email, "survey@phothin.vn");
  EXPECT_EQ(named->name, "Phở Thìn");
  auto quoted = ParseMailFrom(R"("Shop, Inc" <shop@example.vn>)");
  ASSERT_TRUE(quoted.ok());
  EXPECT_EQ(quoted->name, "Shop, Inc");
}

TEST(ParseMailFromTest, RefusesWhatIsNotAMailbox) {
  for (const std::string_view bad : {"", "Shop", "Shop <>", "Shop <not an address>",
                                     "Sh\nop <shop@example.vn>", "<shop@example.vn"}) {
    auto parsed = ParseMailFrom(bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_TRUE(HasField(parsed.error(), "mail_from", "invalid")) << bad;
  }
}

TEST(RatesOfTest, DividesDeliveryByInvitedAndOpensAndResponsesBySent) {
  store::SendCounts counts;
  counts.invited = 4;
  counts.sent = 3;
  counts.bounced = 1;
  counts.opened = 2;
  counts.responded = 1;
  const SendRates rates = RatesOf(counts);
  EXPECT_DOUBLE_EQ(*rates.delivery, 0.75);
  EXPECT_DOUBLE_EQ(*rates.open, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(*rates.response, 1.0 / 3.0);
}

TEST(RatesOfTest, HasNoRateWhenNothingWasInvitedOrSent) {
  store::SendCounts counts;
  EXPECT_FALSE(RatesOf(counts).delivery);
  counts.invited = 2;
  counts.bounced = 2;
  const SendRates rates = RatesOf(counts);
  EXPECT_DOUBLE_EQ(*rates.delivery, 0.0);
  EXPECT_FALSE(rates.open);
  EXPECT_FALSE(rates.response);
}

class ReminderDueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    send_.max_reminders = 2;
    send_.reminder_after_days = 3;
    invitation_.status = "sent";
    invitation_.sent_at = kSentAt;
    invitation_.last_sent_at = kSentAt;
  }
  static constexpr core::TimeMs kSentAt = 1'800'000'000'000;
  static constexpr core::TimeMs kWait = 3 * kDayMs;
  store::SendRow send_;
  store::InvitationRow invitation_;
};

TEST_F(ReminderDueTest, IsDueOnceTheWaitHasPassedSinceTheLastMail) {
  EXPECT_FALSE(ReminderDue(invitation_, send_, kSentAt + kWait - 1, kWait));
  EXPECT_TRUE(ReminderDue(invitation_, send_, kSentAt + kWait, kWait));
  invitation_.last_sent_at = kSentAt + kWait;
  invitation_.reminders_sent = 1;
  EXPECT_FALSE(ReminderDue(invitation_, send_, kSentAt + kWait + 1, kWait));
  EXPECT_TRUE(ReminderDue(invitation_, send_, kSentAt + 2 * kWait, kWait));
}

TEST_F(ReminderDueTest, IsNotDueAfterMaxReminders) {
  invitation_.reminders_sent = 2;
  EXPECT_FALSE(ReminderDue(invitation_, send_, kSentAt + 10 * kWait, kWait));
  send_.max_reminders = 0;
  invitation_.reminders_sent = 0;
  EXPECT_FALSE(ReminderDue(invitation_, send_, kSentAt + 10 * kWait, kWait));
}

TEST_F(ReminderDueTest, IsNotDueForRespondersOrUndeliveredInvitations) {
  invitation_.responded_at = kSentAt + 1;
  EXPECT_FALSE(ReminderDue(invitation_, send_, kSentAt + kWait, kWait));
  invitation_.responded_at.reset();
  for (const std::string status : {"queued", "bounced", "failed", "unsubscribed"}) {
    invitation_.status = status;
    EXPECT_FALSE(ReminderDue(invitation_, send_, kSentAt + kWait, kWait)) << status;
  }
}

TEST_F(ReminderDueTest, HonoursAShorterWaitGivenForTests) {
  EXPECT_TRUE(ReminderDue(invitation_, send_, kSentAt, 0));
}

}  // namespace
}  // namespace voxloop::collect
