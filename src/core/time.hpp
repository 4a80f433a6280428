// Time in Voxloop is an int64 count of milliseconds since the Unix epoch, UTC (TimeMs).
// Stored as such in both databases; rendered as RFC 3339 ("2026-11-24T09:32:41.123Z") in the
// API. Time zones matter only for grouping (metrics) and business hours (workflow), which
// use ICU. Free functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace voxloop::core {

using TimeMs = std::int64_t;

TimeMs NowMs();

// "YYYY-MM-DDTHH:MM:SS.mmmZ" in UTC.
std::string FormatRfc3339(TimeMs ms);

// Parses RFC 3339 date-times ("2026-11-24T09:32:41Z", with optional fraction and numeric
// offset such as "+07:00") and plain dates ("2026-11-24", taken as midnight UTC).
// nullopt for anything else, including out-of-range fields (month 13, Feb 30).
std::optional<TimeMs> ParseRfc3339(std::string_view text);

// Days since 1970-01-01 for a civil date, and back (proleptic Gregorian).
std::int64_t DaysFromCivil(int year, unsigned month, unsigned day);
void CivilFromDays(std::int64_t days, int& year, unsigned& month, unsigned& day);

}  // namespace voxloop::core
