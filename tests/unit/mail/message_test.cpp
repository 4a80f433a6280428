#include "mail/message.hpp"

#include <gtest/gtest.h>

#include "parsed_mail.hpp"

namespace voxloop::mail {
namespace {

using testing::ParseMail;

constexpr core::TimeMs kNow = 1795512761000;  // 2026-11-24T09:32:41Z, a Tuesday

MailMessage Invitation() {
  MailMessage message;
  message.from = {"survey@phothin.vn", "Phở Thìn"};
  message.to = {{"lan@example.vn", "Nguyễn Thị Lan"}};
  message.subject = "Khảo sát của Phở Thìn";
  message.text = "Chào chị Lan,\nBạn có hài lòng với bữa ăn hôm nay không?\n";
  message.html = "<p>Chào chị Lan,</p><p>Bạn có hài lòng với bữa ăn hôm nay không?</p>";
  return message;
}

std::string Compose(const MailMessage& message) {
  auto mime = ComposeMime(message, kNow);
  EXPECT_TRUE(mime.ok()) << (mime ? "" : mime.error().message);
  return mime ? *mime : std::string();
}

std::string HeaderBlock(const std::string& mime) { return mime.substr(0, mime.find("\r\n\r\n")); }

std::vector<std::string> FieldNames(const core::Error& error) {
  std::vector<std::string> fields;
  for (const auto& field : error.fields) fields.push_back(field.field);
  return fields;
}

std::string WithCrlf(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

TEST(MailComposeMimeTest, WritesDateFromToSubjectMessageIdAndMimeVersion) {
  MailMessage message;
  message.from = {"survey@shop.example.com", "Corner Shop"};
  message.to = {{"ann@example.com", ""}};
  message.subject = "How did we do?";
  message.text = "Tell us.";
  message.message_id = "<invite-42@shop.example.com>";
  const std::string headers = HeaderBlock(Compose(message));
  EXPECT_TRUE(headers.starts_with("Date: Tue, 24 Nov 2026 09:32:41 +0000\r\n")) << headers;
  EXPECT_NE(headers.find("\r\nFrom: Corner Shop <survey@shop.example.com>\r\n"), std::string::npos);
  EXPECT_NE(headers.find("\r\nTo: ann@example.com\r\n"), std::string::npos);
  EXPECT_NE(headers.find("\r\nSubject: How did we do?\r\n"), std::string::npos);
  EXPECT_NE(headers.find("\r\nMessage-ID: <invite-42@shop.example.com>\r\n"), std::string::npos);
  EXPECT_NE(headers.find("\r\nMIME-Version: 1.0\r\n"), std::string::npos);
}

TEST(MailComposeMimeTest, EncodesVietnameseSubjectAndNamesAsEncodedWords) {
  const std::string mime = Compose(Invitation());
  const std::string headers = HeaderBlock(mime);
  for (const char c : headers) ASSERT_LT(static_cast<unsigned char>(c), 0x80) << headers;
  EXPECT_NE(headers.find("Subject: =?UTF-8?Q?Kh=E1=BA=A3o_s=C3=A1t_c=E1=BB=A7a_Ph=E1=BB=9F_Th?=\r\n"
                         " =?UTF-8?Q?=C3=ACn?="),
            std::string::npos)
      << headers;
  const auto parsed = ParseMail(mime);
  ASSERT_TRUE(parsed.ok);
  EXPECT_EQ(parsed.subject, "Khảo sát của Phở Thìn");
  ASSERT_EQ(parsed.from.size(), 1u);
  EXPECT_EQ(parsed.from[0].name, "Phở Thìn");
  EXPECT_EQ(parsed.from[0].email, "survey@phothin.vn");
  ASSERT_EQ(parsed.to.size(), 1u);
  EXPECT_EQ(parsed.to[0].name, "Nguyễn Thị Lan");
  EXPECT_EQ(parsed.to[0].email, "lan@example.vn");
}

TEST(MailComposeMimeTest, EncodesChineseSubjectAndBodyIntact) {
  MailMessage message = Invitation();
  message.from.name = "小笼包之家";
  message.subject = "您的反馈";
  message.text = "感谢您的光临！请告诉我们您的意见。\n";
  message.html = "<p>感谢您的光临！请告诉我们您的意见。</p>";
  const std::string mime = Compose(message);
  EXPECT_NE(mime.find("Content-Transfer-Encoding: base64"), std::string::npos);
  const auto parsed = ParseMail(mime);
  EXPECT_EQ(parsed.subject, "您的反馈");
  EXPECT_EQ(parsed.from[0].name, "小笼包之家");
  EXPECT_EQ(parsed.text, WithCrlf(message.text));
  EXPECT_EQ(parsed.html, message.html);
}

TEST(MailComposeMimeTest, HasTextAndHtmlPartsInMultipartAlternative) {
  const MailMessage message = Invitation();
  const auto parsed = ParseMail(Compose(message));
  EXPECT_EQ(parsed.content_type, "multipart/alternative");
  EXPECT_EQ(parsed.part_types, (std::vector<std::string>{"text/plain", "text/html"}));
  EXPECT_EQ(parsed.text, WithCrlf(message.text));
  EXPECT_EQ(parsed.html, message.html);
}

TEST(MailComposeMimeTest, WritesOnePartWhenOnlyTextIsGiven) {
  MailMessage message = Invitation();
  message.html.clear();
  const auto parsed = ParseMail(Compose(message));
  EXPECT_EQ(parsed.content_type, "text/plain");
  EXPECT_EQ(parsed.text, WithCrlf(message.text));
}

TEST(MailComposeMimeTest, KeepsEveryLineWithin78ColumnsWithCrlfEnds) {
  MailMessage message = Invitation();
  message.subject.clear();
  for (int repeat = 0; repeat < 8; ++repeat) message.subject += "Khảo sát của Phở Thìn 您的反馈 ";
  message.to.push_back({"minh@example.vn", "Trần Văn Minh, phòng kinh doanh khu vực miền Nam"});
  message.to.push_back({"bao@example.vn", "Lê Bảo"});
  message.html = "<table>" + std::string(3000, 'x') + "</table>";
  message.text = std::string(1000, '.') + "\n" + std::string(500, ' ') + "end";
  const std::string mime = Compose(message);
  std::size_t line_start = 0;
  for (std::size_t at = 0; at < mime.size(); ++at) {
    if (mime[at] == '\r') {
      ASSERT_EQ(mime[at + 1], '\n') << "bare CR at " << at;
    }
    if (mime[at] != '\n') continue;
    ASSERT_GT(at, 0u);
    ASSERT_EQ(mime[at - 1], '\r') << "bare LF at " << at;
    EXPECT_LE(at - 1 - line_start, 78u) << mime.substr(line_start, at - line_start);
    line_start = at + 1;
  }
  const auto parsed = ParseMail(mime);
  EXPECT_EQ(parsed.subject, message.subject);
  ASSERT_EQ(parsed.to.size(), 3u);
  EXPECT_EQ(parsed.to[1].name, "Trần Văn Minh, phòng kinh doanh khu vực miền Nam");
  EXPECT_EQ(parsed.to[2].email, "bao@example.vn");
  EXPECT_EQ(parsed.html, message.html);
  EXPECT_EQ(parsed.text, WithCrlf(message.text));
}

TEST(MailComposeMimeTest, QuotesAsciiNamesWithSpecials) {
  MailMessage message = Invitation();
  message.to = {{"lan@example.vn", "Nguyen, Lan \"Sales\""}};
  const std::string mime = Compose(message);
  EXPECT_NE(mime.find("To: \"Nguyen, Lan \\\"Sales\\\"\" <lan@example.vn>"), std::string::npos);
  EXPECT_EQ(ParseMail(mime).to[0].name, "Nguyen, Lan \"Sales\"");
}

TEST(MailComposeMimeTest, RefusesLineBreaksInSubjectAsHeaderInjection) {
  MailMessage message = Invitation();
  message.subject = "Hello\r\nBcc: victim@example.com";
  auto mime = ComposeMime(message, kNow);
  ASSERT_FALSE(mime.ok());
  EXPECT_EQ(mime.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(FieldNames(mime.error()), std::vector<std::string>{"subject"});
}

TEST(MailComposeMimeTest, RefusesLineBreaksInDisplayNamesAndHeaderValues) {
  MailMessage message = Invitation();
  message.from.name = "Shop\nBcc: victim@example.com";
  message.to[0].name = "Lan\r";
  message.headers = {{"List-Unsubscribe", "<https://x.example/u>\r\nBcc: victim@example.com"}};
  auto mime = ComposeMime(message, kNow);
  ASSERT_FALSE(mime.ok());
  EXPECT_EQ(mime.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(FieldNames(mime.error()),
            (std::vector<std::string>{"from/name", "to/0/name", "headers/0/value"}));
}

TEST(MailComposeMimeTest, RefusesReservedAndMalformedHeaderNames) {
  MailMessage message = Invitation();
  message.headers = {{"bcc", "victim@example.com"}, {"X Bad", "1"}, {"X-Ok", "tiếng Việt"}};
  auto mime = ComposeMime(message, kNow);
  ASSERT_FALSE(mime.ok());
  EXPECT_EQ(FieldNames(mime.error()),
            (std::vector<std::string>{"headers/0/name", "headers/1/name", "headers/2/value"}));
}

TEST(MailComposeMimeTest, RefusesMissingRecipientSubjectAndBody) {
  MailMessage message;
  message.from = {"survey@phothin.vn", ""};
  auto mime = ComposeMime(message, kNow);
  ASSERT_FALSE(mime.ok());
  EXPECT_EQ(FieldNames(mime.error()), (std::vector<std::string>{"to", "subject", "text"}));
}

TEST(MailComposeMimeTest, RefusesBadAddressesAndInvalidUtf8) {
  MailMessage message = Invitation();
  message.from.email = "not an address";
  message.to.push_back({"lan@example.vn>\r\nRCPT TO:<x@example.com", ""});
  message.text = "\xC3\x28";
  auto mime = ComposeMime(message, kNow);
  ASSERT_FALSE(mime.ok());
  EXPECT_EQ(FieldNames(mime.error()),
            (std::vector<std::string>{"from/email", "to/1/email", "text"}));
}

TEST(MailComposeMimeTest, WritesExtraHeadersInOrder) {
  MailMessage message = Invitation();
  message.headers = {{"List-Unsubscribe", "<https://phothin.vn/u/abc>, <mailto:u@phothin.vn>"},
                     {"List-Unsubscribe-Post", "List-Unsubscribe=One-Click"}};
  const std::string headers = HeaderBlock(Compose(message));
  const std::size_t unsubscribe =
      headers.find("\r\nList-Unsubscribe: <https://phothin.vn/u/abc>, <mailto:u@phothin.vn>\r\n");
  const std::size_t post =
      headers.find("\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n");
  ASSERT_NE(unsubscribe, std::string::npos) << headers;
  ASSERT_NE(post, std::string::npos) << headers;
  EXPECT_LT(unsubscribe, post);
}

TEST(MailComposeMimeTest, GeneratesUniqueMessageIdsAtTheSenderDomain) {
  const auto first = ParseMail(Compose(Invitation()));
  const auto second = ParseMail(Compose(Invitation()));
  EXPECT_TRUE(first.message_id.ends_with("@phothin.vn")) << first.message_id;
  EXPECT_GT(first.message_id.size(), 20u);
  EXPECT_NE(first.message_id, second.message_id);
}

TEST(MailComposeMimeTest, AcceptsMessageIdWithoutBracketsAndRefusesMalformedOnes) {
  MailMessage message = Invitation();
  message.message_id = "abc.123@phothin.vn";
  EXPECT_NE(Compose(message).find("Message-ID: <abc.123@phothin.vn>\r\n"), std::string::npos);
  for (const char* bad : {"no-at-sign", "<a@b> <c@d>", "a@b@c", "<a b@c>", "@phothin.vn"}) {
    message.message_id = bad;
    auto mime = ComposeMime(message, kNow);
    ASSERT_FALSE(mime.ok()) << bad;
    EXPECT_EQ(FieldNames(mime.error()), std::vector<std::string>{"message_id"}) << bad;
  }
}

TEST(MailComposeMimeTest, KeepsLeadingDotsFromLinesAndTrailingSpaces) {
  MailMessage message = Invitation();
  message.html.clear();
  message.text = ".\nFrom the kitchen  \n..done\r\n= 100%";
  EXPECT_EQ(ParseMail(Compose(message)).text, ".\r\nFrom the kitchen  \r\n..done\r\n= 100%\r\n");
}

TEST(MailFormatMailboxTest, MakesAnAsciiReplyToValue) {
  auto mailbox = FormatMailbox({"cskh@phothin.vn", "Chăm sóc khách hàng"});
  ASSERT_TRUE(mailbox.ok());
  MailMessage message = Invitation();
  message.headers = {{"Reply-To", *mailbox}};
  const auto parsed = ParseMail(Compose(message));
  EXPECT_NE(parsed.Header("Reply-To").find("<cskh@phothin.vn>"), std::string::npos);
  EXPECT_FALSE(FormatMailbox({"bad", "x"}).ok());
}

TEST(MailIsValidEmailTest, AcceptsOrdinaryAddresses) {
  for (const char* email : {"lan@example.vn", "first.last+tag@mail.example.co.uk",
                            "o'brien@example.ie", "x@xn--ph-3ja.vn", "a_b-c@sub-domain.example"}) {
    EXPECT_TRUE(IsValidEmail(email)) << email;
  }
}

TEST(MailIsValidEmailTest, RefusesWhatIsNotAnAddress) {
  for (const char* email :
       {"", "lan", "lan@", "@example.vn", "lan@localhost", "lan@example..vn", ".lan@example.vn",
        "la..n@example.vn", "lan@-example.vn", "lan@exa_mple.vn", "lan example@example.vn",
        "lan@example.vn ", "<lan@example.vn>", "lan@example.vn\r\n", "lân@example.vn",
        "lan@bún.vn"}) {
    EXPECT_FALSE(IsValidEmail(email)) << email;
  }
  EXPECT_FALSE(IsValidEmail(std::string(65, 'a') + "@example.vn"));
}

TEST(MailFormatMailDateTest, WritesRfc5322DatesInUtc) {
  EXPECT_EQ(FormatMailDate(kNow), "Tue, 24 Nov 2026 09:32:41 +0000");
  EXPECT_EQ(FormatMailDate(0), "Thu, 01 Jan 1970 00:00:00 +0000");
  EXPECT_EQ(FormatMailDate(-1000), "Wed, 31 Dec 1969 23:59:59 +0000");
}

}  // namespace
}  // namespace voxloop::mail
