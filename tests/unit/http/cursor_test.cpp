#include "http/cursor.hpp"

#include <gtest/gtest.h>

#include "http/cookies.hpp"
#include "http/middleware/authenticate.hpp"
#include "http/middleware/rate_limiter.hpp"

namespace voxloop::http {
namespace {

TEST(CursorTest, RoundTripsNumbers) {
  const std::vector<std::int64_t> numbers{1795512761000, 383558666969677993};
  EXPECT_EQ(DecodeCursor(EncodeCursor(numbers), 2), numbers);
}

TEST(CursorTest, RejectsTamperedOrMisshapenCursors) {
  EXPECT_FALSE(DecodeCursor("", 1));
  EXPECT_FALSE(DecodeCursor("!!!", 1));
  EXPECT_FALSE(DecodeCursor(EncodeCursor({1, 2}), 1));
  EXPECT_FALSE(DecodeCursor(EncodeCursor({1}), 2));
  EXPECT_FALSE(DecodeCursor(std::string(500, 'A'), 1));
}

TEST(CookieTest, FindsTheNamedCookieAmongOthers) {
  EXPECT_EQ(CookieValue("a=1; vxl_session=abc; b=2", "vxl_session"), "abc");
  EXPECT_EQ(CookieValue("vxl_session=xyz", "vxl_session"), "xyz");
  EXPECT_EQ(CookieValue("vxl_sessionx=1; other=2", "vxl_session"), "");
  EXPECT_EQ(CookieValue("", "vxl_session"), "");
}

TEST(RateLimiterTest, AllowsABurstThenRefuses) {
  RateLimiter limiter(3, 0.001);
  EXPECT_TRUE(limiter.Allow("ip"));
  EXPECT_TRUE(limiter.Allow("ip"));
  EXPECT_TRUE(limiter.Allow("ip"));
  EXPECT_FALSE(limiter.Allow("ip"));
  EXPECT_TRUE(limiter.Allow("another ip"));
}

}  // namespace
}  // namespace voxloop::http
