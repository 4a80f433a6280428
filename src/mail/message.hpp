// An outbound e-mail and its composition into an RFC 5322 / MIME message (UTF-8, CRLF line
// ends, bodies quoted-printable or base64, non-ASCII header text as RFC 2047 encoded-words).
// Composition validates everything that reaches a header, so no caller input can inject a
// header or a recipient. Plain values and pure functions; thread-safe.
//
//   MailMessage message{.from = {"survey@phothin.vn", "Phở Thìn"},
//                       .to = {{"lan@example.vn", "Nguyễn Thị Lan"}},
//                       .subject = "Khảo sát của Phở Thìn", .text = "...", .html = "..."};
//   auto mime = ComposeMime(message, core::NowMs());
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"

namespace voxloop::mail {

struct MailAddress {
  std::string email;  // addr-spec, ASCII ("lan@example.vn"); IDN domains in punycode
  std::string name;   // display name, any UTF-8 without line breaks; may be empty
};

struct MailMessage {
  MailAddress from;
  std::vector<MailAddress> to;  // at least one; all of them are also the SMTP recipients
  std::string subject;          // UTF-8, not empty, no line breaks
  std::string text;             // text/plain body, UTF-8; text or html (or both) must be given
  std::string html;             // text/html body, UTF-8
  // Extra header fields in order, e.g. {"List-Unsubscribe", "<https://…>"},
  // {"List-Unsubscribe-Post", "List-Unsubscribe=One-Click"}, {"Reply-To", FormatMailbox(…)}.
  // Values are printable ASCII; the fields ComposeMime writes itself are refused here.
  std::vector<std::pair<std::string, std::string>> headers;
  // "<id@domain>" (angle brackets optional); empty: ComposeMime makes a random one at the
  // domain of `from`.
  std::string message_id;
};

// True when `email` looks like an ASCII addr-spec: a dot-atom local part of at most 64
// characters, '@', and a domain of at least two dot-separated labels of letters, digits and
// inner hyphens; 254 characters at most.
bool IsValidEmail(std::string_view email);

// `address` as a header value, "=?UTF-8?B?…?= <lan@example.vn>" or "lan@example.vn": ASCII
// only, so it may go into MailMessage::headers (Reply-To).
// Errors: kInvalidArgument for a bad e-mail, a name with line breaks or invalid UTF-8.
core::Result<std::string> FormatMailbox(const MailAddress& address);

// The whole message, headers and body, ready for SMTP DATA: Date (from `now`), From, To,
// Subject, Message-ID, MIME-Version, the extra headers, then multipart/alternative with a
// text/plain and a text/html part (or the one part given). Lines end with CRLF and hold at
// most 78 characters, except a header token that cannot be split (at most 998).
// Errors: kInvalidArgument, with one field error per problem ("from/email", "to/0/name",
// "subject", "headers/1/value", ...), for a bad or missing address, a line break (CR or LF)
// in any header text, invalid UTF-8, an empty subject, no body, a reserved or malformed
// header name, a non-ASCII or over-long header value, or a malformed message_id.
core::Result<std::string> ComposeMime(const MailMessage& message, core::TimeMs now);

// `now` as an RFC 5322 date in UTC: "Tue, 24 Nov 2026 09:32:41 +0000".
std::string FormatMailDate(core::TimeMs now);

}  // namespace voxloop::mail
