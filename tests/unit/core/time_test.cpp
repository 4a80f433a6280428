#include "core/time.hpp"

#include <gtest/gtest.h>

namespace voxloop::core {
namespace {

TEST(TimeTest, FormatsEpochAndLeapDay) {
  EXPECT_EQ(FormatRfc3339(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatRfc3339(951782400123), "2000-02-29T00:00:00.123Z");
  EXPECT_EQ(FormatRfc3339(-1), "1969-12-31T23:59:59.999Z");
}

TEST(TimeTest, ParsesOffsetsToUtc) {
  EXPECT_EQ(ParseRfc3339("2026-11-24T09:32:41Z"), 1795512761000);
  EXPECT_EQ(ParseRfc3339("2026-11-24T16:32:41+07:00"), 1795512761000);
  EXPECT_EQ(ParseRfc3339("2026-11-24T09:32:41.5Z"), 1795512761500);
  EXPECT_EQ(ParseRfc3339("2026-11-24"), 1795478400000);
}

TEST(TimeTest, RoundTripsFormattedTimes) {
  for (TimeMs ms : {0LL, 1795512761123LL, 4102444800000LL, 946684799999LL}) {
    EXPECT_EQ(ParseRfc3339(FormatRfc3339(ms)), ms);
  }
}

TEST(TimeTest, RejectsInvalidDates) {
  for (const char* text : {"", "2026-13-01", "2026-02-29", "2026-11-24T25:00:00Z",
                           "2026-11-24T09:32:41", "2026-11-24T09:32:41+0700", "yesterday",
                           "2026-11-24T09:32:41Zjunk", "2026-11-24T09:32:41.Z"}) {
    EXPECT_FALSE(ParseRfc3339(text).has_value()) << text;
  }
}

}  // namespace
}  // namespace voxloop::core
