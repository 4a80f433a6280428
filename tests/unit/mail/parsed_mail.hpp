// A composed message read back by an independent MIME parser (GMime), so the tests check
// what a mail client would see rather than our own encoder's idea of it. Test-only.
#pragma once

#include <string>
#include <vector>

namespace voxloop::mail::testing {

struct ParsedMailbox {
  std::string name;  // decoded display name
  std::string email;
};

struct ParsedMail {
  bool ok = false;      // GMime parsed a message
  std::string subject;  // decoded
  std::vector<ParsedMailbox> from;
  std::vector<ParsedMailbox> to;
  std::string message_id;                             // without angle brackets
  std::string content_type;                           // of the top level, "multipart/alternative"
  std::vector<std::string> part_types;                // "text/plain", "text/html", in order
  std::string text;                                   // decoded content of the text/plain part
  std::string html;                                   // decoded content of the text/html part
  std::string Header(const std::string& name) const;  // raw value of a top-level header
  std::vector<std::pair<std::string, std::string>> headers;
};

ParsedMail ParseMail(const std::string& raw);

}  // namespace voxloop::mail::testing
