// mail_send_sample URL RECIPIENT: sends one fixed invitation-like message (Vietnamese and
// Chinese, text and HTML, List-Unsubscribe) with SmtpSender, so the Node test of
// tests/e2e/lib/smtp_sink.mjs reads what Voxloop really sends. Prints "sent", or
// "error <code> <field>" and exits 2. Test-only.
#include <cstdio>

#include "mail/smtp_sender.hpp"

int main(int argc, char** argv) {
  using namespace voxloop;
  if (argc != 3) {
    std::fprintf(stderr, "usage: mail_send_sample URL RECIPIENT\n");
    return 1;
  }
  auto config = mail::ParseSmtpUrl(argv[1]);
  if (!config) {
    std::printf("error %s smtp_url\n", core::ErrorCodeName(config.error().code).data());
    return 2;
  }
  mail::MailMessage message;
  message.from = {"survey@phothin.vn", "Phở Thìn"};
  message.to = {{argv[2], "Nguyễn Thị Lan"}};
  message.subject = "Khảo sát của Phở Thìn — 您的反馈";
  message.text = "Chào chị Lan,\nBạn có hài lòng không? 请告诉我们。\n";
  message.html = "<p>Chào chị Lan,</p>\n<p>Bạn có hài lòng không? 请告诉我们。</p>";
  message.headers = {{"List-Unsubscribe", "<https://phothin.vn/u/abc>"},
                     {"List-Unsubscribe-Post", "List-Unsubscribe=One-Click"}};
  mail::SmtpSender sender(std::move(*config));
  const core::Status sent = sender.Send(message);
  if (sent) {
    std::printf("sent\n");
    return 0;
  }
  const auto& error = sent.error();
  std::printf("error %s %s\n", core::ErrorCodeName(error.code).data(),
              error.fields.empty() ? "-" : error.fields.front().field.c_str());
  return 2;
}
