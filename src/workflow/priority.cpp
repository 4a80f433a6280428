#include "workflow/priority.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>

#include "metrics/calendar.hpp"

namespace voxloop::workflow {
namespace {

constexpr core::TimeMs kDayMs = 86'400'000;
constexpr core::TimeMs kMinuteMs = 60'000;
constexpr std::array<std::string_view, 4> kValueAttributes = {"tier", "plan", "segment", "value"};
constexpr std::array<std::string_view, 6> kValuableTiers = {"enterprise", "vip", "premium", "gold", "platinum", "key"};
constexpr std::array<std::string_view, 9> kUrgentTopics = {"billing", "payment", "refund", "cancel", "security",
                                                           "safety", "legal", "privacy", "fraud"};

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool IsUrgentTopic(const std::string& topic) {
  const std::string head = Lower(topic.substr(0, topic.find('/')));
  return std::find(kUrgentTopics.begin(), kUrgentTopics.end(), head) != kUrgentTopics.end();
}

int IsoWeekday(std::int32_t local_day) { return ((local_day % 7) + 7 + 3) % 7 + 1; }  // 1970-01-01: Thursday

}  // namespace

int PriorityScore(const PriorityInputs& in) {
  double score = 0;
  if (in.sentiment_label == "negative") score += 35.0 * (0.5 + std::min(1.0, std::fabs(in.sentiment_score)) / 2.0);
  else if (in.sentiment_label == "neutral") score += 5;
  if (in.nps) {
    score += *in.nps <= 3 ? 30 : *in.nps <= 6 ? 20 : *in.nps <= 8 ? 5 : 0;
  } else if (in.rating && *in.rating >= 1 && *in.rating <= 5) {
    score += *in.rating < 2 ? 30 : *in.rating < 3 ? 20 : *in.rating < 4 ? 5 : 0;
  }
  for (std::string_view key : kValueAttributes) {
    auto found = in.customer.find(std::string(key));
    if (found == in.customer.end()) continue;
    const std::string value = Lower(found->second);
    if (std::find(kValuableTiers.begin(), kValuableTiers.end(), value) != kValuableTiers.end()) {
      score += 20;
      break;
    }
  }
  if (std::any_of(in.topics.begin(), in.topics.end(), IsUrgentTopic)) score += 15;
  if (in.now > in.given_at && in.given_at > 0) score += std::min<core::TimeMs>(10, (in.now - in.given_at) / kDayMs);
  return static_cast<int>(std::clamp(std::lround(score), 0L, 100L));
}

std::string PriorityLevel(int score) {
  if (score >= 70) return "urgent";
  if (score >= 45) return "high";
  if (score >= 20) return "normal";
  return "low";
}

bool IsPriorityLevel(const std::string& level) {
  return level == "low" || level == "normal" || level == "high" || level == "urgent";
}

core::TimeMs AddBusinessMinutes(core::TimeMs from, long minutes, const BusinessHours& hours) {
  const metrics::ZoneCalendar& calendar = *metrics::ZoneCalendar::Shared(hours.time_zone);
  std::int32_t day = calendar.LocalDay(from);
  const core::TimeMs local = calendar.TimeOfDay(from);
  long minute = static_cast<long>(local / kMinuteMs);
  const core::TimeMs sub_minute = local % kMinuteMs;
  bool first = true;
  for (int guard = 0; guard < 3660; ++guard, ++day, minute = 0, first = false) {
    const bool working = std::find(hours.days.begin(), hours.days.end(), IsoWeekday(day)) != hours.days.end();
    if (!working || minute >= hours.end_minute) continue;
    const long start = std::max<long>(minute, hours.start_minute);
    const long available = hours.end_minute - start;
    if (minutes <= available) {
      const core::TimeMs extra = first && start == minute ? sub_minute : 0;
      return calendar.AtLocalTime(day, (start + minutes) * kMinuteMs) + extra;
    }
    minutes -= available;
  }
  return from + minutes * kMinuteMs;  // no working time configured: calendar time
}

SlaTargets SlaFor(const std::string& level) {
  if (level == "urgent") return {60, 8 * 60};
  if (level == "high") return {4 * 60, 24 * 60};
  if (level == "low") return {24 * 60, 120 * 60};
  return {8 * 60, 72 * 60};
}

}  // namespace voxloop::workflow
