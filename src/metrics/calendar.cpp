#include "metrics/calendar.hpp"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <map>
#include <memory>
#include <mutex>

#include <unicode/basictz.h>
#include <unicode/timezone.h>
#include <unicode/tztrans.h>
#include <unicode/unistr.h>

namespace voxloop::metrics {
namespace {

constexpr std::int64_t kDayMs = 86'400'000;
constexpr double kTableEndMs = 4'102'444'800'000.0;  // 2100-01-01T00:00:00Z

std::int64_t FloorDiv(std::int64_t value, std::int64_t divisor) {
  std::int64_t quotient = value / divisor;
  if ((value % divisor != 0) && ((value < 0) != (divisor < 0))) --quotient;
  return quotient;
}

std::int64_t TotalOffset(const icu::TimeZoneRule* rule) {
  return static_cast<std::int64_t>(rule->getRawOffset()) + rule->getDSTSavings();
}

}  // namespace

ZoneCalendar::ZoneCalendar(const std::string& time_zone) : time_zone_(time_zone) {
  std::unique_ptr<icu::TimeZone> zone(
      icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(time_zone)));
  icu::UnicodeString id;
  zone->getID(id);
  if (id == icu::UnicodeString("Etc/Unknown")) {
    transitions_.push_back({std::numeric_limits<core::TimeMs>::min(), 0});
    time_zone_ = "UTC";
    return;
  }
  // The offset before the first transition we look at, then every transition up to 2100.
  UErrorCode status = U_ZERO_ERROR;
  std::int32_t raw = 0, dst = 0;
  zone->getOffset(0.0, false, raw, dst, status);
  transitions_.push_back({std::numeric_limits<core::TimeMs>::min(),
                          U_SUCCESS(status) ? static_cast<std::int64_t>(raw) + dst : 0});
  auto* basic = dynamic_cast<icu::BasicTimeZone*>(zone.get());
  if (basic == nullptr) return;
  icu::TimeZoneTransition transition;
  double from = 0.0;
  while (basic->getNextTransition(from, false, transition) && transition.getTime() < kTableEndMs) {
    from = transition.getTime();
    const std::int64_t offset = TotalOffset(transition.getTo());
    if (offset != transitions_.back().offset) {
      transitions_.push_back({static_cast<core::TimeMs>(from), offset});
    }
  }
}

std::shared_ptr<const ZoneCalendar> ZoneCalendar::Shared(const std::string& time_zone) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const ZoneCalendar>> calendars;  // guarded by mutex
  std::lock_guard lock(mutex);
  auto& calendar = calendars[time_zone];
  if (!calendar) calendar = std::make_shared<const ZoneCalendar>(time_zone);
  return calendar;
}

std::int64_t ZoneCalendar::OffsetAt(core::TimeMs instant) const {
  // The last transition at or before `instant`.
  auto next = std::upper_bound(transitions_.begin(), transitions_.end(), instant,
                               [](core::TimeMs at, const Transition& t) { return at < t.at; });
  return std::prev(next)->offset;
}

std::int32_t ZoneCalendar::LocalDay(core::TimeMs instant) const {
  return static_cast<std::int32_t>(FloorDiv(instant + OffsetAt(instant), kDayMs));
}

core::TimeMs ZoneCalendar::TimeOfDay(core::TimeMs instant) const {
  return instant + OffsetAt(instant) - static_cast<core::TimeMs>(LocalDay(instant)) * kDayMs;
}

core::TimeMs ZoneCalendar::AtLocalTime(std::int32_t local_day, core::TimeMs local_ms) const {
  const core::TimeMs wall = static_cast<core::TimeMs>(local_day) * kDayMs + local_ms;
  const core::TimeMs guess = wall - OffsetAt(DayStart(local_day));
  return wall - OffsetAt(guess);
}

core::TimeMs ZoneCalendar::DayStart(std::int32_t local_day) const {
  // Local midnight as if it were UTC, corrected by the offset in force then. Around a
  // transition the offset before and after may differ; take the earliest instant that is on
  // or after local midnight.
  const core::TimeMs wall = static_cast<core::TimeMs>(local_day) * kDayMs;
  core::TimeMs best = std::numeric_limits<core::TimeMs>::max();
  for (core::TimeMs probe : {wall - OffsetAt(wall - kDayMs / 2), wall - OffsetAt(wall + kDayMs / 2)}) {
    const core::TimeMs candidate = wall - OffsetAt(probe);
    if (LocalDay(candidate) == local_day && candidate < best) best = candidate;
  }
  if (best != std::numeric_limits<core::TimeMs>::max()) return best;
  return wall - OffsetAt(wall);  // midnight skipped: the day starts at the transition
}

std::int32_t ZoneCalendar::BucketStart(std::int32_t local_day, Interval interval) {
  int year = 0;
  unsigned month = 0, day = 0;
  switch (interval) {
    case Interval::kDay:
      return local_day;
    case Interval::kWeek:
      // 1970-01-01 was a Thursday: the Monday-based weekday is (days + 3) mod 7.
      return local_day - static_cast<std::int32_t>(
                             (local_day + 3) - FloorDiv(local_day + 3, 7) * 7);
    case Interval::kMonth:
      core::CivilFromDays(local_day, year, month, day);
      return static_cast<std::int32_t>(core::DaysFromCivil(year, month, 1));
    case Interval::kQuarter:
      core::CivilFromDays(local_day, year, month, day);
      return static_cast<std::int32_t>(core::DaysFromCivil(year, (month - 1) / 3 * 3 + 1, 1));
    case Interval::kYear:
      core::CivilFromDays(local_day, year, month, day);
      return static_cast<std::int32_t>(core::DaysFromCivil(year, 1, 1));
  }
  return local_day;
}

std::int32_t ZoneCalendar::ShiftBuckets(std::int32_t bucket_start, Interval interval, int count) {
  if (interval == Interval::kDay) return bucket_start + count;
  if (interval == Interval::kWeek) return bucket_start + 7 * count;
  int year = 0;
  unsigned month = 0, day = 0;
  core::CivilFromDays(bucket_start, year, month, day);
  const int months_per_bucket = interval == Interval::kMonth ? 1 : interval == Interval::kQuarter ? 3 : 12;
  const std::int64_t month_index = static_cast<std::int64_t>(year) * 12 + (month - 1) +
                                   static_cast<std::int64_t>(months_per_bucket) * count;
  return static_cast<std::int32_t>(core::DaysFromCivil(static_cast<int>(FloorDiv(month_index, 12)),
                                                       static_cast<unsigned>(month_index - FloorDiv(month_index, 12) * 12) + 1,
                                                       1));
}

std::int32_t ZoneCalendar::NextBucketStart(std::int32_t bucket_start, Interval interval) {
  return ShiftBuckets(bucket_start, interval, 1);
}

std::string FormatLocalDay(std::int32_t local_day) {
  int year = 0;
  unsigned month = 0, day = 0;
  core::CivilFromDays(local_day, year, month, day);
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", year, month, day);
  return text;
}

}  // namespace voxloop::metrics
