// ZoneCalendar: a workspace's time zone as the metrics engine needs it — which local day an
// instant falls on, and when a local day starts. Built once per zone from ICU's transition
// table (1970–2100), then pure lookups: immutable and thread-safe after construction.
//
// Local days are counted from 1970-01-01 (local), like core::DaysFromCivil. Buckets (week,
// month, quarter, year) are defined on local days, so an item at 23:30 on Jan 31 in
// Asia/Ho_Chi_Minh (16:30 UTC) counts in January, not February.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/time.hpp"

namespace voxloop::metrics {

enum class Interval { kDay, kWeek, kMonth, kQuarter, kYear };

class ZoneCalendar {
 public:
  // An unknown zone name falls back to UTC (workspace settings validate names on write).
  explicit ZoneCalendar(const std::string& time_zone);
  // The calendar of `time_zone`, built once per process and shared (building one walks ICU's
  // transitions; callers that need a zone per event use this). Thread-safe.
  static std::shared_ptr<const ZoneCalendar> Shared(const std::string& time_zone);

  const std::string& time_zone() const { return time_zone_; }
  // Offset from UTC in ms at an instant.
  std::int64_t OffsetAt(core::TimeMs instant) const;
  std::int32_t LocalDay(core::TimeMs instant) const;
  // The instant local midnight of `local_day` happens (the first instant of that local day
  // when midnight is skipped by a transition).
  core::TimeMs DayStart(std::int32_t local_day) const;
  // The wall-clock time of day at `instant`, in ms since local midnight.
  core::TimeMs TimeOfDay(core::TimeMs instant) const;
  // The instant the local clock shows `local_ms` (ms since midnight, up to a day) on
  // `local_day`, by the offset in force at that time, not at midnight: they differ on the days
  // the clocks change.
  core::TimeMs AtLocalTime(std::int32_t local_day, core::TimeMs local_ms) const;

  // The first local day of the bucket of `interval` holding `local_day` (weeks start Monday).
  static std::int32_t BucketStart(std::int32_t local_day, Interval interval);
  // The first local day of the next bucket.
  static std::int32_t NextBucketStart(std::int32_t bucket_start, Interval interval);
  // The first local day of the bucket `count` buckets before (count > 0) or after.
  static std::int32_t ShiftBuckets(std::int32_t bucket_start, Interval interval, int count);

 private:
  struct Transition {
    core::TimeMs at;      // from this instant on …
    std::int64_t offset;  // … local = UTC + offset (ms)
  };
  std::string time_zone_;
  std::vector<Transition> transitions_;  // ascending; the first starts at the minimum time
};

// "YYYY-MM-DD" of a local day.
std::string FormatLocalDay(std::int32_t local_day);

}  // namespace voxloop::metrics
