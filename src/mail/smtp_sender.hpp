// Sending e-mail. MailSender is the interface the rest of Voxloop depends on (invitations,
// case replies, alerts), so tests and other transports can stand in; SmtpSender hands each
// message to an SMTP relay with libcurl.
//
//   VOXLOOP_ASSIGN_OR_RETURN(SmtpConfig config, ParseSmtpUrl("smtp://user:pass@127.0.0.1:2525"));
//   SmtpSender sender(std::move(config));
//   core::Status sent = sender.Send(message);
//   if (!sent && sent.error().code == core::ErrorCode::kUnavailable) { /* retry later */ }
//
// Errors of Send, so that callers can tell a bounce from a retry:
//   kInvalidArgument — the message is malformed (see ComposeMime), or the server refused it
//     for good (5xx): a refused recipient is named in a field error "to/N/email" with code
//     "rejected"; a refused sender is "from/email"; refused content is "message".
//     Nothing was delivered to anyone: send again without the refused recipient.
//   kUnavailable — could not connect, timed out, TLS could not be had when required, the
//     server refused the credentials, or it answered 4xx (deferred): retry later.
//   kInternal — anything else (e.g. libcurl out of memory).
// No error text or log line carries the password or the message body.
//
// Thread-safety: SmtpSender is immutable after construction; Send may be called from many
// threads at once (one libcurl easy handle and one connection per call).
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"
#include "mail/message.hpp"

namespace voxloop::mail {

class MailSender {
 public:
  virtual ~MailSender() = default;
  // Delivers `message` to every address in `message.to`, or to none; see the errors above.
  virtual core::Status Send(const MailMessage& message) = 0;
};

struct SmtpConfig {
  // "smtp://host:port" (STARTTLS when require_tls) or "smtps://host:port" (TLS from the
  // start); an optional path names the host in EHLO ("smtp://relay:587/voxloop.example").
  // No credentials here: they go in username and password.
  std::string url;
  std::string username;
  std::string password;
  bool require_tls = false;  // STARTTLS must succeed, else kUnavailable; true for smtps
  long timeout_ms = 30000;   // for the whole exchange, connection included
};

// A config from one URL: "smtp[s]://[user[:password]@]host[:port][/ehlo-name]" with
// percent-encoded user and password, and optional query parameters require_tls=true|false and
// timeout_ms=N (1–600000), e.g. "smtp://mailer:s3cr%40t@127.0.0.1:2525?require_tls=false".
// Errors: kInvalidArgument (field "smtp_url") for anything else, e.g. another scheme, no
// host, an unknown parameter. The message never repeats the URL (it may hold a password).
core::Result<SmtpConfig> ParseSmtpUrl(std::string_view url);

class SmtpSender : public MailSender {
 public:
  // Requires: `config` as ParseSmtpUrl makes it (a bad URL makes every Send fail).
  explicit SmtpSender(SmtpConfig config);

  core::Status Send(const MailMessage& message) override;

 private:
  const SmtpConfig config_;
};

}  // namespace voxloop::mail
