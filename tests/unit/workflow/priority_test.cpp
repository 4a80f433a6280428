#include <gtest/gtest.h>

#include "workflow/priority.hpp"

namespace voxloop::workflow {
namespace {

core::TimeMs At(const char* text) { return *core::ParseRfc3339(text); }

TEST(Priority, TheFormulaByHand) {
  PriorityInputs angry;
  angry.sentiment_label = "negative";
  angry.sentiment_score = -0.8;  // 35 × (0.5 + 0.4) = 31.5
  angry.nps = 2;                 // 30
  angry.customer = {{"plan", "Enterprise"}};  // 20
  angry.topics = {"billing/double-charge"};   // 15
  angry.given_at = At("2026-12-01T00:00:00Z");
  angry.now = At("2026-12-04T12:00:00Z");  // 3 full days
  EXPECT_EQ(PriorityScore(angry), 100);  // 99.5 → clamped at 100 after rounding
  EXPECT_EQ(PriorityLevel(PriorityScore(angry)), "urgent");

  PriorityInputs passive;
  passive.sentiment_label = "neutral";  // 5
  passive.nps = 8;                      // 5
  EXPECT_EQ(PriorityScore(passive), 10);
  EXPECT_EQ(PriorityLevel(10), "low");

  PriorityInputs unhappy;
  unhappy.sentiment_label = "negative";
  unhappy.sentiment_score = -0.2;  // 35 × 0.6 = 21
  unhappy.rating = 2;              // 20 on a 1–5 scale
  EXPECT_EQ(PriorityScore(unhappy), 41);
  EXPECT_EQ(PriorityLevel(41), "normal");
  EXPECT_EQ(PriorityLevel(45), "high");
  EXPECT_EQ(PriorityLevel(70), "urgent");
  EXPECT_EQ(PriorityLevel(19), "low");
  EXPECT_EQ(PriorityLevel(20), "normal");
}

TEST(Priority, AgeCountsAtMostTenDays) {
  PriorityInputs old;
  old.given_at = At("2026-01-01T00:00:00Z");
  old.now = At("2026-12-01T00:00:00Z");
  EXPECT_EQ(PriorityScore(old), 10);
}

TEST(BusinessHours, CountOnlyWorkingTimeInTheZone) {
  BusinessHours hours;
  hours.time_zone = "Asia/Ho_Chi_Minh";  // +07:00, 08:00–17:00 Monday to Friday
  // Friday 2026-12-04 16:00 local = 09:00Z; 4 h → 1 h on Friday, 3 h on Monday: 11:00 local.
  EXPECT_EQ(AddBusinessMinutes(At("2026-12-04T09:00:00Z"), 240, hours), At("2026-12-07T04:00:00Z"));
  // Saturday: starts Monday 08:00 local.
  EXPECT_EQ(AddBusinessMinutes(At("2026-12-05T03:00:00Z"), 60, hours), At("2026-12-07T02:00:00Z"));
  // Before opening on a Tuesday: counted from 08:00.
  EXPECT_EQ(AddBusinessMinutes(At("2026-12-08T00:00:00Z"), 30, hours), At("2026-12-08T01:30:00Z"));
  // Within the day, seconds are kept.
  EXPECT_EQ(AddBusinessMinutes(At("2026-12-08T03:00:30Z"), 10, hours), At("2026-12-08T03:10:30Z"));
  // Exactly to closing time stays on that day.
  EXPECT_EQ(AddBusinessMinutes(At("2026-12-08T09:00:00Z"), 60, hours), At("2026-12-08T10:00:00Z"));
  // 72 business hours = 8 working days.
  EXPECT_EQ(AddBusinessMinutes(At("2026-12-07T01:00:00Z"), 72 * 60, hours), At("2026-12-16T10:00:00Z"));
}

TEST(BusinessHours, AroundTheClockIsCalendarTime) {
  BusinessHours hours;
  hours.start_minute = 0;
  hours.end_minute = 24 * 60;
  hours.days = {1, 2, 3, 4, 5, 6, 7};
  EXPECT_EQ(AddBusinessMinutes(At("2026-12-05T23:30:00Z"), 120, hours), At("2026-12-06T01:30:00Z"));
}

TEST(BusinessHours, CountByTheLocalClockOnDaysTheClocksChange) {
  BusinessHours hours;
  hours.time_zone = "America/New_York";  // 09:00–17:00 every day
  hours.start_minute = 9 * 60;
  hours.days = {1, 2, 3, 4, 5, 6, 7};
  // Saturday 2026-03-07 16:30 EST (21:30Z) + 60 min: 30 on Saturday, then Sunday — the day the
  // clocks spring forward — from 09:00 EDT (13:00Z): 09:30 EDT, 13:30Z.
  EXPECT_EQ(AddBusinessMinutes(At("2026-03-07T21:30:00Z"), 60, hours), At("2026-03-08T13:30:00Z"));
  // Saturday 2026-10-31 16:30 EDT (20:30Z) + 60 min: Sunday 09:30 EST, 14:30Z.
  EXPECT_EQ(AddBusinessMinutes(At("2026-10-31T20:30:00Z"), 60, hours), At("2026-11-01T14:30:00Z"));
}

TEST(Sla, TargetsPerLevel) {
  EXPECT_EQ(SlaFor("urgent").first_response_minutes, 60);
  EXPECT_EQ(SlaFor("high").resolution_minutes, 24 * 60);
  EXPECT_EQ(SlaFor("normal").first_response_minutes, 8 * 60);
  EXPECT_EQ(SlaFor("low").resolution_minutes, 120 * 60);
}

}  // namespace
}  // namespace voxloop::workflow
