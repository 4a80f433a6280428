#include "mail/smtp_sender.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <thread>

#include "parsed_mail.hpp"
#include "smtp_sink_process.hpp"

namespace voxloop::mail {
namespace {

using testing::ParseMail;
using testing::RefusingPort;
using testing::SilentPort;
using testing::SmtpSinkProcess;

MailMessage Invitation() {
  MailMessage message;
  message.from = {"survey@phothin.vn", "Phở Thìn"};
  message.to = {{"lan@example.vn", "Nguyễn Thị Lan"}};
  message.subject = "Khảo sát của Phở Thìn — 您的反馈";
  message.text = "Chào chị Lan,\n.\nBạn có hài lòng không? 请告诉我们。\n";
  message.html = "<p>Chào chị Lan,</p><p>Bạn có hài lòng không? 请告诉我们。</p>";
  message.headers = {{"List-Unsubscribe", "<https://phothin.vn/u/abc>"},
                     {"List-Unsubscribe-Post", "List-Unsubscribe=One-Click"}};
  return message;
}

SmtpConfig ConfigFor(const std::string& url) {
  auto config = ParseSmtpUrl(url);
  EXPECT_TRUE(config.ok());
  return config ? *config : SmtpConfig{};
}

std::string WithCrlf(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

TEST(MailSmtpSenderTest, DeliversVietnameseAndChineseMessageIntact) {
  SmtpSinkProcess sink;
  SmtpSender sender(ConfigFor(sink.Url()));
  const MailMessage message = Invitation();
  const core::Status sent = sender.Send(message);
  ASSERT_TRUE(sent.ok()) << sent.error().message << " / " << sent.error().internal;
  ASSERT_EQ(sink.MessageCount(), 1);
  const auto parsed = ParseMail(sink.Message(1));
  ASSERT_TRUE(parsed.ok);
  EXPECT_EQ(parsed.subject, message.subject);
  EXPECT_EQ(parsed.from.at(0).name, "Phở Thìn");
  EXPECT_EQ(parsed.to.at(0).name, "Nguyễn Thị Lan");
  EXPECT_EQ(parsed.text, WithCrlf(message.text));
  EXPECT_EQ(parsed.html, message.html);
  EXPECT_EQ(parsed.Header("List-Unsubscribe-Post"), " List-Unsubscribe=One-Click\r\n");
  const auto envelope = boost::json::parse(sink.Envelope(1)).as_object();
  EXPECT_EQ(envelope.at("mail_from").as_string(), "survey@phothin.vn");
  EXPECT_EQ(envelope.at("rcpt_tos").as_array(), boost::json::array({"lan@example.vn"}));
}

TEST(MailSmtpSenderTest, DeliversToEveryRecipient) {
  SmtpSinkProcess sink;
  SmtpSender sender(ConfigFor(sink.Url()));
  MailMessage message = Invitation();
  message.to.push_back({"minh@example.vn", ""});
  ASSERT_TRUE(sender.Send(message).ok());
  const auto envelope = boost::json::parse(sink.Envelope(1)).as_object();
  EXPECT_EQ(envelope.at("rcpt_tos").as_array(),
            boost::json::array({"lan@example.vn", "minh@example.vn"}));
}

TEST(MailSmtpSenderTest, RejectedRecipientGivesInvalidArgumentNamingIt) {
  SmtpSinkProcess sink({"--reject", "gone@example.vn"});
  SmtpSender sender(ConfigFor(sink.Url()));
  MailMessage message = Invitation();
  message.to.push_back({"gone@example.vn", "Old Customer"});
  const core::Status sent = sender.Send(message);
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.error().code, core::ErrorCode::kInvalidArgument);
  ASSERT_EQ(sent.error().fields.size(), 1u);
  EXPECT_EQ(sent.error().fields[0].field, "to/1/email");
  EXPECT_EQ(sent.error().fields[0].code, "rejected");
  EXPECT_NE(sent.error().message.find("gone@example.vn"), std::string::npos);
  EXPECT_NE(sent.error().internal.find("550"), std::string::npos) << sent.error().internal;
  EXPECT_EQ(sink.MessageCount(), 0);
}

TEST(MailSmtpSenderTest, ClosedPortGivesUnavailable) {
  RefusingPort closed;
  SmtpSender sender(ConfigFor("smtp://127.0.0.1:" + std::to_string(closed.port())));
  const core::Status sent = sender.Send(Invitation());
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.error().code, core::ErrorCode::kUnavailable);
}

TEST(MailSmtpSenderTest, SilentServerTimesOutAsUnavailable) {
  SilentPort silent;
  SmtpSender sender(
      ConfigFor("smtp://127.0.0.1:" + std::to_string(silent.port()) + "?timeout_ms=300"));
  const auto started = std::chrono::steady_clock::now();
  const core::Status sent = sender.Send(Invitation());
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.error().code, core::ErrorCode::kUnavailable);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
}

TEST(MailSmtpSenderTest, RequiredTlsWithoutStarttlsGivesUnavailable) {
  SmtpSinkProcess sink;
  SmtpSender sender(ConfigFor(sink.Url() + "?require_tls=true"));
  const core::Status sent = sender.Send(Invitation());
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.error().code, core::ErrorCode::kUnavailable);
  EXPECT_EQ(sink.MessageCount(), 0);
}

TEST(MailSmtpSenderTest, AuthenticatesWithTheConfiguredCredentials) {
  SmtpSinkProcess sink({"--auth", "mailer:s3cr@t"});
  SmtpSender sender(ConfigFor("smtp://mailer:s3cr%40t@127.0.0.1:" + std::to_string(sink.port())));
  const core::Status sent = sender.Send(Invitation());
  ASSERT_TRUE(sent.ok()) << sent.error().internal;
  EXPECT_EQ(sink.MessageCount(), 1);
}

TEST(MailSmtpSenderTest, RefusedCredentialsGiveUnavailableWithoutThePassword) {
  SmtpSinkProcess sink({"--auth", "mailer:right"});
  SmtpSender sender(ConfigFor("smtp://mailer:wrong-pw@127.0.0.1:" + std::to_string(sink.port())));
  const core::Status sent = sender.Send(Invitation());
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.error().code, core::ErrorCode::kUnavailable);
  EXPECT_EQ(sent.error().message.find("wrong-pw"), std::string::npos);
  EXPECT_EQ(sent.error().internal.find("wrong-pw"), std::string::npos) << sent.error().internal;
  EXPECT_EQ(sink.MessageCount(), 0);
}

TEST(MailSmtpSenderTest, MalformedMessageFailsBeforeConnecting) {
  RefusingPort closed;
  SmtpSender sender(ConfigFor("smtp://127.0.0.1:" + std::to_string(closed.port())));
  MailMessage message = Invitation();
  message.subject = "Hi\r\nBcc: victim@example.com";
  const core::Status sent = sender.Send(message);
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(sent.error().fields.at(0).field, "subject");
}

TEST(MailSmtpSenderTest, SendsFromSeveralThreadsAtOnce) {
  SmtpSinkProcess sink;
  SmtpSender sender(ConfigFor(sink.Url()));
  constexpr int kThreads = 4;
  constexpr int kMessagesPerThread = 3;
  std::vector<int> failures(kThreads, 0);
  std::vector<std::thread> threads;
  for (int thread_idx = 0; thread_idx < kThreads; ++thread_idx) {
    threads.emplace_back([&, thread_idx] {
      for (int message_idx = 0; message_idx < kMessagesPerThread; ++message_idx) {
        if (!sender.Send(Invitation()).ok()) ++failures[static_cast<std::size_t>(thread_idx)];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures, std::vector<int>(kThreads, 0));
  EXPECT_EQ(sink.MessageCount(), kThreads * kMessagesPerThread);
}

}  // namespace
}  // namespace voxloop::mail
