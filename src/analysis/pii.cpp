#include "analysis/pii.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <string>

namespace voxloop::analysis {
namespace {

// A CMND is only nine digits; it counts as one only with one of these words just before it.
constexpr std::array<std::string_view, 8> kIdKeywords{"cmnd", "cccd", "cmt", "căn cước",
                                                      "chứng minh", "can cuoc", "chung minh",
                                                      "身份证"};
constexpr std::size_t kKeywordWindow = 40;  // bytes before the number

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
// Whether a Latin letter (ASCII or accented, e.g. the "đ" of "500.000đ") ends at `end` or
// starts at `begin`: a number touching one is part of a word. Han characters and other
// scripts do not join numbers ("电话13800138000").
bool IsAccentedLatinLead(unsigned char lead, unsigned char next) {
  return (lead >= 0xC3 && lead <= 0xC9) || (lead == 0xE1 && next >= 0xB8 && next <= 0xBB);
}
bool LatinLetterAt(std::string_view text, std::size_t begin) {
  if (begin >= text.size()) return false;
  const auto lead = static_cast<unsigned char>(text[begin]);
  const auto next = begin + 1 < text.size() ? static_cast<unsigned char>(text[begin + 1]) : 0;
  return IsAsciiAlnum(text[begin]) || IsAccentedLatinLead(lead, next);
}
bool LatinLetterBefore(std::string_view text, std::size_t end) {
  if (end == 0) return false;
  if (IsAsciiAlnum(text[end - 1])) return true;
  std::size_t lead = end - 1;
  while (lead > 0 && end - lead < 4 && (static_cast<unsigned char>(text[lead]) & 0xC0) == 0x80) --lead;
  return lead < end - 1 && LatinLetterAt(text, lead);
}

bool IsEmailLocal(char c) {
  return IsAsciiAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}
bool IsDomainChar(char c) { return IsAsciiAlnum(c) || c == '.' || c == '-'; }

std::vector<PiiMatch> FindEmails(std::string_view text) {
  std::vector<PiiMatch> found;
  std::size_t search_from = 0;
  for (std::size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', search_from)) {
    search_from = at + 1;
    std::size_t begin = at;
    while (begin > 0 && IsEmailLocal(text[begin - 1])) --begin;
    while (begin < at && text[begin] == '.') ++begin;
    std::size_t end = at + 1;
    while (end < text.size() && IsDomainChar(text[end])) ++end;
    while (end > at + 1 && (text[end - 1] == '.' || text[end - 1] == '-')) --end;
    const std::string_view domain = text.substr(at + 1, end - at - 1);
    const std::size_t dot = domain.rfind('.');
    if (begin == at || dot == std::string_view::npos || dot == 0) continue;
    const std::string_view tld = domain.substr(dot + 1);
    if (tld.size() < 2 || !std::all_of(tld.begin(), tld.end(), [](char c) {
          return std::isalpha(static_cast<unsigned char>(c)) != 0;
        })) {
      continue;
    }
    found.push_back({PiiKind::kEmail, begin, end});
    search_from = end;
  }
  return found;
}

// A run of digits with the separators people write numbers with: "+84 912-345.678", "(028) 3822 1234".
struct NumberRun {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string digits;
  bool plus = false;
  bool separated = false;
  bool check_x = false;  // ends with the X of a Chinese resident id
};

NumberRun ReadRun(std::string_view text, std::size_t begin) {
  NumberRun run;
  run.begin = begin;
  std::size_t pos = begin;
  if (text[pos] == '+') {
    run.plus = true;
    ++pos;
  } else if (text[pos] == '(') {
    ++pos;
  }
  std::size_t last_digit_end = pos;
  while (pos < text.size()) {
    const char c = text[pos];
    if (IsDigit(c)) {
      run.digits.push_back(c);
      last_digit_end = ++pos;
      continue;
    }
    const bool separator = c == ' ' || c == '-' || c == '.' || c == '(' || c == ')';
    if (!separator || run.digits.empty()) break;
    // One separator between digit groups, or ") " after an area code.
    std::size_t next = pos + 1;
    if ((c == ')' || c == ' ') && next + 1 < text.size() && text[next] == (c == ')' ? ' ' : '(')) ++next;
    if (next >= text.size() || !IsDigit(text[next])) break;
    run.separated = true;
    pos = next;
  }
  run.end = last_digit_end;
  if (run.digits.size() == 17 && !run.separated && run.end < text.size() &&
      (text[run.end] == 'x' || text[run.end] == 'X')) {
    run.check_x = true;
    ++run.end;
  }
  return run;
}

bool PassesLuhn(const std::string& digits) {
  int sum = 0;
  bool twice = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int digit = *it - '0';
    if (twice) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    twice = !twice;
  }
  return sum % 10 == 0;
}

bool ValidDate(int year, int month, int day) {
  static constexpr std::array<int, 12> kDays{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return year >= 1900 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 &&
         day <= kDays[static_cast<std::size_t>(month - 1)];
}

int Number(const std::string& digits, std::size_t from, std::size_t count) {
  return std::stoi(digits.substr(from, count));
}

// GB 11643: 6-digit area, birth date YYYYMMDD, sequence, ISO 7064 MOD 11-2 check character.
bool IsChineseResidentId(const NumberRun& run) {
  std::string id = run.digits;
  if (run.check_x) id.push_back('X');
  if (id.size() != 18 || run.separated || id[0] == '0') return false;
  if (!ValidDate(Number(id, 6, 4), Number(id, 10, 2), Number(id, 12, 2))) return false;
  static constexpr std::array<int, 17> kWeights{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (std::size_t digit_idx = 0; digit_idx < 17; ++digit_idx) {
    sum += (id[digit_idx] - '0') * kWeights[digit_idx];
  }
  static constexpr std::string_view kCheck = "10X98765432";
  return kCheck[static_cast<std::size_t>(sum % 11)] == id[17];
}

// CCCD: 3-digit province (001–096), century/sex digit, 2-digit birth year, 6 random digits.
bool IsVietnameseCitizenId(const NumberRun& run) {
  if (run.digits.size() != 12 || run.separated || run.plus) return false;
  const int province = Number(run.digits, 0, 3);
  const int century_sex = run.digits[3] - '0';
  return province >= 1 && province <= 96 && century_sex <= 3;
}

bool HasIdKeywordBefore(std::string_view text, std::size_t begin) {
  const std::size_t from = begin > kKeywordWindow ? begin - kKeywordWindow : 0;
  std::string window(text.substr(from, begin - from));
  std::transform(window.begin(), window.end(), window.begin(), [](unsigned char c) {
    return static_cast<char>(c < 0x80 ? std::tolower(c) : c);
  });
  return std::any_of(kIdKeywords.begin(), kIdKeywords.end(), [&](std::string_view keyword) {
    return window.find(keyword) != std::string::npos;
  });
}

bool IsPhone(const NumberRun& run) {
  const std::string& d = run.digits;
  if (run.plus) return d.size() >= 8 && d.size() <= 15;
  if (d.size() >= 10 && d.size() <= 11 && d[0] == '0' && d[1] != '0') return true;  // VN, CN landline
  if (d.size() == 12 && d[0] == '0' && run.separated) return true;  // 0755-12345678
  if (d.size() == 11 && d[0] == '1' && d[1] >= '3') return true;    // CN mobile 138 0013 8000
  if (d.size() == 11 && d.compare(0, 2, "84") == 0 && d[2] != '0') return true;
  if (d.size() == 13 && d.compare(0, 2, "86") == 0 && d[2] == '1') return true;
  return false;
}

std::optional<PiiKind> Classify(std::string_view text, const NumberRun& run) {
  if (IsChineseResidentId(run)) return PiiKind::kNationalIdCn;
  if (IsVietnameseCitizenId(run) && !IsPhone(run)) return PiiKind::kNationalIdVn;
  if (run.digits.size() >= 13 && run.digits.size() <= 19 && !run.plus && PassesLuhn(run.digits)) {
    return PiiKind::kPaymentCard;
  }
  if (IsPhone(run)) return PiiKind::kPhone;
  if ((run.digits.size() == 9 || run.digits.size() == 12) && !run.separated &&
      HasIdKeywordBefore(text, run.begin)) {
    return PiiKind::kNationalIdVn;
  }
  return std::nullopt;
}

std::vector<PiiMatch> FindNumbers(std::string_view text, const std::vector<PiiMatch>& emails) {
  std::vector<PiiMatch> found;
  std::size_t email_idx = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    while (email_idx < emails.size() && emails[email_idx].end <= pos) ++email_idx;
    if (email_idx < emails.size() && emails[email_idx].begin <= pos) {
      pos = emails[email_idx].end;
      continue;
    }
    const char c = text[pos];
    const bool starts = IsDigit(c) || ((c == '+' || c == '(') && pos + 1 < text.size() &&
                                       IsDigit(text[pos + 1]));
    if (!starts || LatinLetterBefore(text, pos)) {
      // Skip the rest of a word so "DH0912345678" is not read from its middle.
      while (pos < text.size() && IsAsciiAlnum(text[pos])) ++pos;
      if (!starts) ++pos;
      continue;
    }
    const NumberRun run = ReadRun(text, pos);
    const bool bounded = !LatinLetterAt(text, run.end);
    if (bounded && (email_idx >= emails.size() || run.end <= emails[email_idx].begin)) {
      if (auto kind = Classify(text, run)) found.push_back({*kind, run.begin, run.end});
    }
    pos = std::max(run.end, pos + 1);
  }
  return found;
}

std::string_view Placeholder(PiiKind kind) {
  switch (kind) {
    case PiiKind::kEmail: return "[EMAIL]";
    case PiiKind::kPhone: return "[PHONE]";
    case PiiKind::kPaymentCard: return "[CARD]";
    case PiiKind::kNationalIdVn:
    case PiiKind::kNationalIdCn: return "[ID]";
  }
  return "[PII]";
}

}  // namespace

std::string_view PiiKindName(PiiKind kind) {
  switch (kind) {
    case PiiKind::kEmail: return "email";
    case PiiKind::kPhone: return "phone";
    case PiiKind::kPaymentCard: return "payment_card";
    case PiiKind::kNationalIdVn: return "national_id_vn";
    case PiiKind::kNationalIdCn: return "national_id_cn";
  }
  return "pii";
}

std::vector<PiiMatch> FindPii(std::string_view text) {
  std::vector<PiiMatch> matches = FindEmails(text);
  std::vector<PiiMatch> numbers = FindNumbers(text, matches);
  matches.insert(matches.end(), numbers.begin(), numbers.end());
  std::sort(matches.begin(), matches.end(),
            [](const PiiMatch& a, const PiiMatch& b) { return a.begin < b.begin; });
  return matches;
}

std::string RedactPii(std::string_view text, const std::vector<PiiMatch>& matches) {
  std::string redacted;
  redacted.reserve(text.size());
  std::size_t copied = 0;
  for (const PiiMatch& match : matches) {
    if (match.begin < copied || match.end > text.size()) continue;
    redacted.append(text.substr(copied, match.begin - copied));
    redacted.append(Placeholder(match.kind));
    copied = match.end;
  }
  redacted.append(text.substr(copied));
  return redacted;
}

}  // namespace voxloop::analysis
