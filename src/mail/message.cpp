#include "mail/message.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <random>

#include "core/text.hpp"
#include "mail/mime_encoding.hpp"

namespace voxloop::mail {
namespace {

using core::FieldError;

constexpr std::size_t kMaxEmailBytes = 254;
constexpr std::size_t kMaxLocalPartBytes = 64;
constexpr std::size_t kMaxDomainLabelBytes = 63;
constexpr std::size_t kMaxHeaderNameBytes = 76;
// A header token longer than this would push its line past the 998-character limit.
constexpr std::size_t kMaxHeaderTokenBytes = 900;
constexpr std::size_t kMaxQuotedNameBytes = 60;
constexpr std::size_t kMaxMessageIdBytes = 250;

// Fields ComposeMime writes itself (lower case); MailMessage::headers may not repeat them.
constexpr std::array<std::string_view, 11> kReservedHeaders = {
    "date",    "from",       "to",           "cc",           "bcc",
    "subject", "message-id", "mime-version", "content-type", "content-transfer-encoding",
    "sender"};

bool IsAtext(char c) {
  const auto byte = static_cast<unsigned char>(c);
  if (byte >= 0x80) return false;
  return std::isalnum(byte) != 0 ||
         std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

bool IsDotAtom(std::string_view text) {
  if (text.empty() || text.front() == '.' || text.back() == '.') return false;
  if (text.find("..") != std::string_view::npos) return false;
  return std::all_of(text.begin(), text.end(), [](char c) { return c == '.' || IsAtext(c); });
}

bool IsDomainLabel(std::string_view label) {
  if (label.empty() || label.size() > kMaxDomainLabelBytes) return false;
  if (label.front() == '-' || label.back() == '-') return false;
  return std::all_of(label.begin(), label.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x80 && (std::isalnum(byte) != 0 || c == '-');
  });
}

bool HasLineBreak(std::string_view text) {
  return text.find_first_of("\r\n") != std::string_view::npos;
}

std::string ToLower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

std::string RandomHex(std::size_t bytes) {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  constexpr std::string_view kHex = "0123456789abcdef";
  std::string out;
  for (std::size_t byte_idx = 0; byte_idx < bytes; ++byte_idx) {
    const auto byte = static_cast<unsigned>(generator() & 0xFF);
    out += kHex[byte >> 4];
    out += kHex[byte & 15];
  }
  return out;
}

// Checks a display name; appends field errors under `field`.
void CheckName(std::string_view name, const std::string& field, std::vector<FieldError>& errors) {
  if (HasLineBreak(name)) {
    errors.push_back({field, "invalid", "Must not contain line breaks"});
  } else if (!core::IsValidUtf8(name)) {
    errors.push_back({field, "invalid", "Must be valid UTF-8"});
  }
}

void CheckAddress(const MailAddress& address, const std::string& field,
                  std::vector<FieldError>& errors) {
  if (address.email.empty()) {
    errors.push_back({field + "/email", "required", "Give an e-mail address"});
  } else if (!IsValidEmail(address.email)) {
    errors.push_back({field + "/email", "invalid", "Not an e-mail address"});
  }
  CheckName(address.name, field + "/name", errors);
}

void CheckHeader(const std::pair<std::string, std::string>& header, const std::string& field,
                 std::vector<FieldError>& errors) {
  const auto& [name, value] = header;
  const bool name_ok = !name.empty() && name.size() <= kMaxHeaderNameBytes &&
                       std::all_of(name.begin(), name.end(), [](char c) {
                         const auto byte = static_cast<unsigned char>(c);
                         return byte >= 33 && byte <= 126 && c != ':';
                       });
  if (!name_ok) {
    errors.push_back({field + "/name", "invalid", "Not a header field name"});
  } else if (std::find(kReservedHeaders.begin(), kReservedHeaders.end(), ToLower(name)) !=
             kReservedHeaders.end()) {
    errors.push_back({field + "/name", "invalid", "This header is written by the composer"});
  }
  if (HasLineBreak(value)) {
    errors.push_back({field + "/value", "invalid", "Must not contain line breaks"});
  } else if (!IsPrintableAscii(value)) {
    errors.push_back({field + "/value", "invalid", "Must be printable ASCII"});
  } else {
    for (const std::string& token : SplitAtSpaces(value)) {
      if (token.size() > kMaxHeaderTokenBytes) {
        errors.push_back({field + "/value", "too_long", "A word of the value is too long"});
        break;
      }
    }
  }
}

// The message id without angle brackets, or empty when `message_id` is malformed.
std::string BareMessageId(std::string_view message_id) {
  if (message_id.size() >= 2 && message_id.front() == '<' && message_id.back() == '>') {
    message_id = message_id.substr(1, message_id.size() - 2);
  }
  const std::size_t at = message_id.find('@');
  if (message_id.size() > kMaxMessageIdBytes || at == 0 || at == std::string_view::npos ||
      at + 1 == message_id.size() || message_id.find('@', at + 1) != std::string_view::npos) {
    return {};
  }
  const bool chars_ok = std::all_of(message_id.begin(), message_id.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte >= 33 && byte <= 126 &&
           std::string_view("<>\"(),;:\\[]").find(c) == std::string_view::npos;
  });
  return chars_ok ? std::string(message_id) : std::string();
}

std::vector<FieldError> CheckMessage(const MailMessage& message) {
  std::vector<FieldError> errors;
  CheckAddress(message.from, "from", errors);
  if (message.to.empty()) errors.push_back({"to", "required", "Give at least one recipient"});
  for (std::size_t to_idx = 0; to_idx < message.to.size(); ++to_idx) {
    CheckAddress(message.to[to_idx], "to/" + std::to_string(to_idx), errors);
  }
  if (message.subject.empty()) {
    errors.push_back({"subject", "required", "Give a subject"});
  } else {
    CheckName(message.subject, "subject", errors);
  }
  if (message.text.empty() && message.html.empty()) {
    errors.push_back({"text", "required", "Give a text or an HTML body"});
  }
  if (!core::IsValidUtf8(message.text)) errors.push_back({"text", "invalid", "Must be UTF-8"});
  if (!core::IsValidUtf8(message.html)) errors.push_back({"html", "invalid", "Must be UTF-8"});
  for (std::size_t header_idx = 0; header_idx < message.headers.size(); ++header_idx) {
    CheckHeader(message.headers[header_idx], "headers/" + std::to_string(header_idx), errors);
  }
  if (!message.message_id.empty() && BareMessageId(message.message_id).empty()) {
    errors.push_back({"message_id", "invalid", "Must look like <id@domain>"});
  }
  return errors;
}

// The tokens of a display name: atoms as they are, other ASCII as one quoted-string, the
// rest (non-ASCII, or too long to quote on one line) as encoded-words.
std::vector<std::string> NameTokens(std::string_view name) {
  const bool atoms =
      std::all_of(name.begin(), name.end(), [](char c) { return c == ' ' || IsAtext(c); }) &&
      name.find("=?") == std::string_view::npos;
  if (atoms) return SplitAtSpaces(name);
  const bool quotable = IsPrintableAscii(name) && name.find('\t') == std::string_view::npos &&
                        name.size() <= kMaxQuotedNameBytes;
  if (!quotable) return EncodedWords(name);
  std::string quoted = "\"";
  for (const char c : name) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  quoted += '"';
  return {quoted};
}

std::vector<std::string> MailboxTokens(const MailAddress& address) {
  if (address.name.empty()) return {address.email};
  std::vector<std::string> tokens = NameTokens(address.name);
  tokens.push_back("<" + address.email + ">");
  return tokens;
}

std::vector<std::string> SubjectTokens(std::string_view subject) {
  if (IsPrintableAscii(subject) && subject.find("=?") == std::string_view::npos) {
    std::vector<std::string> tokens = SplitAtSpaces(subject);
    if (std::all_of(tokens.begin(), tokens.end(), [](const std::string& token) {
          return token.size() <= kMaxHeaderTokenBytes;
        })) {
      return tokens;
    }
  }
  return EncodedWords(subject);
}

std::string NormalizeLineEnds(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  for (std::size_t byte_idx = 0; byte_idx < text.size(); ++byte_idx) {
    const char c = text[byte_idx];
    if (c == '\r' || c == '\n') {
      out += "\r\n";
      if (c == '\r' && byte_idx + 1 < text.size() && text[byte_idx + 1] == '\n') ++byte_idx;
    } else {
      out += c;
    }
  }
  return out;
}

// One body part's header and encoded content: base64 when more than a third of the bytes are
// non-ASCII (Chinese, say), where quoted-printable would triple them; quoted-printable else.
std::string BodyPart(std::string_view subtype, std::string_view content) {
  const auto non_ascii = std::count_if(
      content.begin(), content.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
  const bool base64 = static_cast<std::size_t>(non_ascii) * 3 > content.size();
  std::string part = "Content-Type: text/";
  part += subtype;
  part += "; charset=UTF-8\r\nContent-Transfer-Encoding: ";
  part += base64 ? "base64\r\n\r\n" : "quoted-printable\r\n\r\n";
  part += base64 ? Base64Body(NormalizeLineEnds(content)) : QuotedPrintableBody(content);
  return part;
}

std::string Body(const MailMessage& message) {
  if (message.html.empty()) return BodyPart("plain", message.text);
  if (message.text.empty()) return BodyPart("html", message.html);
  // "=_" never occurs in quoted-printable or base64 text, so no part can contain it.
  const std::string boundary = "=_voxloop_" + RandomHex(12);
  std::string body =
      FoldHeader("Content-Type", {"multipart/alternative;", "boundary=\"" + boundary + "\""});
  body += "\r\n";
  body += "--" + boundary + "\r\n" + BodyPart("plain", message.text);
  body += "--" + boundary + "\r\n" + BodyPart("html", message.html);
  body += "--" + boundary + "--\r\n";
  return body;
}

}  // namespace

bool IsValidEmail(std::string_view email) {
  if (email.size() > kMaxEmailBytes) return false;
  const std::size_t at = email.rfind('@');
  if (at == std::string_view::npos || at > kMaxLocalPartBytes) return false;
  if (!IsDotAtom(email.substr(0, at))) return false;
  std::string_view domain = email.substr(at + 1);
  std::size_t labels = 0;
  while (true) {
    const std::size_t dot = domain.find('.');
    if (!IsDomainLabel(domain.substr(0, dot))) return false;
    ++labels;
    if (dot == std::string_view::npos) break;
    domain.remove_prefix(dot + 1);
  }
  return labels >= 2;
}

core::Result<std::string> FormatMailbox(const MailAddress& address) {
  std::vector<FieldError> errors;
  CheckAddress(address, "address", errors);
  if (!errors.empty())
    return core::Error::InvalidArgument("Not a valid address", std::move(errors));
  std::string out;
  for (const std::string& token : MailboxTokens(address)) {
    if (!out.empty()) out += ' ';
    out += token;
  }
  return out;
}

std::string FormatMailDate(core::TimeMs now) {
  constexpr core::TimeMs kDayMs = 86'400'000;
  constexpr std::array<std::string_view, 7> kWeekdays = {"Sun", "Mon", "Tue", "Wed",
                                                         "Thu", "Fri", "Sat"};
  constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const core::TimeMs days = now >= 0 ? now / kDayMs : (now - kDayMs + 1) / kDayMs;
  const core::TimeMs seconds_of_day = (now - days * kDayMs) / 1000;
  int year = 0;
  unsigned month = 0;
  unsigned day = 0;
  core::CivilFromDays(days, year, month, day);
  const auto weekday = static_cast<std::size_t>(((days % 7) + 7 + 4) % 7);  // 1970-01-01: Thu
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%s, %02u %s %04d %02d:%02d:%02d +0000",
                kWeekdays[weekday].data(), day, kMonths[month - 1].data(), year,
                static_cast<int>(seconds_of_day / 3600), static_cast<int>(seconds_of_day / 60 % 60),
                static_cast<int>(seconds_of_day % 60));
  return buffer;
}

core::Result<std::string> ComposeMime(const MailMessage& message, core::TimeMs now) {
  std::vector<FieldError> errors = CheckMessage(message);
  if (!errors.empty()) {
    return core::Error::InvalidArgument("The e-mail is not valid", std::move(errors));
  }
  std::string mime = "Date: " + FormatMailDate(now) + "\r\n";
  mime += FoldHeader("From", MailboxTokens(message.from));
  std::vector<std::string> to_tokens;
  for (std::size_t to_idx = 0; to_idx < message.to.size(); ++to_idx) {
    std::vector<std::string> mailbox = MailboxTokens(message.to[to_idx]);
    if (to_idx + 1 < message.to.size()) mailbox.back() += ',';
    to_tokens.insert(to_tokens.end(), mailbox.begin(), mailbox.end());
  }
  mime += FoldHeader("To", to_tokens);
  mime += FoldHeader("Subject", SubjectTokens(message.subject));
  const std::string domain = message.from.email.substr(message.from.email.rfind('@') + 1);
  const std::string message_id =
      message.message_id.empty() ? RandomHex(16) + "@" + domain : BareMessageId(message.message_id);
  mime += "Message-ID: <" + message_id + ">\r\n";
  mime += "MIME-Version: 1.0\r\n";
  for (const auto& [name, value] : message.headers) mime += FoldHeader(name, SplitAtSpaces(value));
  mime += Body(message);
  return mime;
}

}  // namespace voxloop::mail
