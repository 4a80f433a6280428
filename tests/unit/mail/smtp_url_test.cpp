#include <gtest/gtest.h>

#include "mail/smtp_sender.hpp"

namespace voxloop::mail {
namespace {

TEST(MailParseSmtpUrlTest, SplitsCredentialsFromHostAndPort) {
  auto config = ParseSmtpUrl("smtp://mailer:s3cr%40t@127.0.0.1:2525");
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->url, "smtp://127.0.0.1:2525");
  EXPECT_EQ(config->username, "mailer");
  EXPECT_EQ(config->password, "s3cr@t");
  EXPECT_FALSE(config->require_tls);
  EXPECT_EQ(config->timeout_ms, 30000);
}

TEST(MailParseSmtpUrlTest, AcceptsHostWithoutPortOrCredentials) {
  auto config = ParseSmtpUrl("smtp://relay.example.com");
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->url, "smtp://relay.example.com");
  EXPECT_TRUE(config->username.empty());
  EXPECT_TRUE(config->password.empty());
}

TEST(MailParseSmtpUrlTest, RequiresTlsForSmtps) {
  auto config = ParseSmtpUrl("smtps://user:pw@mail.example.com:465");
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->url, "smtps://mail.example.com:465");
  EXPECT_TRUE(config->require_tls);
}

TEST(MailParseSmtpUrlTest, ReadsRequireTlsTimeoutAndEhloName) {
  auto config = ParseSmtpUrl("smtp://[::1]:587/voxloop.example?require_tls=true&timeout_ms=5000");
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->url, "smtp://[::1]:587/voxloop.example");
  EXPECT_TRUE(config->require_tls);
  EXPECT_EQ(config->timeout_ms, 5000);
}

TEST(MailParseSmtpUrlTest, RefusesOtherSchemes) {
  for (const char* url : {"http://127.0.0.1:2525", "mailto:lan@example.vn", "smtp+tls://host",
                          "127.0.0.1:2525", "", "imap://host"}) {
    auto config = ParseSmtpUrl(url);
    ASSERT_FALSE(config.ok()) << url;
    EXPECT_EQ(config.error().code, core::ErrorCode::kInvalidArgument) << url;
    EXPECT_EQ(config.error().fields.at(0).field, "smtp_url") << url;
  }
}

TEST(MailParseSmtpUrlTest, RefusesMissingHostBadPortAndUnknownParameters) {
  for (const char* url :
       {"smtp://", "smtp:///x", "smtp://host:0", "smtp://host:99999", "smtp://host?tls=1",
        "smtp://host?timeout_ms=0", "smtp://host?timeout_ms=abc", "smtp://host?require_tls=yes",
        "smtp://host/a/b", "smtp://host#x", "smtp://:pw@host"}) {
    EXPECT_FALSE(ParseSmtpUrl(url).ok()) << url;
  }
}

TEST(MailParseSmtpUrlTest, NeverRepeatsThePasswordInErrors) {
  auto config = ParseSmtpUrl("smtp://user:hunter2@host?bogus=1");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.error().message.find("hunter2"), std::string::npos);
  EXPECT_EQ(config.error().internal.find("hunter2"), std::string::npos);
}

}  // namespace
}  // namespace voxloop::mail
