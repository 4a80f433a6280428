#include "core/id.hpp"

#include <gtest/gtest.h>

#include <set>

#include "core/time.hpp"

namespace voxloop::core {
namespace {

TEST(IdTest, NewIdIsStrictlyIncreasing) {
  Id previous = NewId();
  for (int i = 0; i < 100000; ++i) {
    const Id next = NewId();
    ASSERT_GT(next, previous);
    previous = next;
  }
}

TEST(IdTest, EmbedsCreationTime) {
  const TimeMs before = NowMs();
  const Id id = NewId();
  const TimeMs after = NowMs();
  EXPECT_GE(IdTimeMs(id), before);
  EXPECT_LE(IdTimeMs(id), after + 1000);  // sequence overflow may borrow future ms
}

TEST(IdTest, RoundTripsThroughString) {
  const Id id = NewId();
  EXPECT_EQ(ParseId(IdToString(id)), id);
}

TEST(IdTest, ParseRejectsMalformedText) {
  for (const char* text : {"", "0", "-5", "+5", " 5", "5 ", "12a", "007", "99999999999999999999"}) {
    EXPECT_FALSE(ParseId(text).has_value()) << text;
  }
}

}  // namespace
}  // namespace voxloop::core
