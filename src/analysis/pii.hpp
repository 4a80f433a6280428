// PII detection and redaction: e-mail addresses, phone numbers (Vietnamese, Chinese and
// international formats), payment card numbers (Luhn-checked), Vietnamese CCCD/CMND and
// Chinese resident identity numbers (ISO 7064 checksum). Pure; thread-safe.
//
//   auto found = FindPii("call 0912 345 678 or a@b.vn");
//   RedactPii("call 0912 345 678 or a@b.vn", found) == "call [PHONE] or [EMAIL]"
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace voxloop::analysis {

enum class PiiKind { kEmail, kPhone, kPaymentCard, kNationalIdVn, kNationalIdCn };

// "email", "phone", "payment_card", "national_id_vn", "national_id_cn".
std::string_view PiiKindName(PiiKind kind);

struct PiiMatch {
  PiiKind kind = PiiKind::kEmail;
  std::size_t begin = 0;  // byte offsets into the searched text, [begin, end)
  std::size_t end = 0;
};

// Every PII span in `text`, sorted by position, non-overlapping.
std::vector<PiiMatch> FindPii(std::string_view text);

// `text` with each match replaced by its placeholder: [EMAIL], [PHONE], [CARD], [ID].
// Requires: `matches` came from FindPii(text).
std::string RedactPii(std::string_view text, const std::vector<PiiMatch>& matches);

}  // namespace voxloop::analysis
