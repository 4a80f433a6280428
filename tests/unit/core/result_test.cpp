#include "core/result.hpp"

#include <gtest/gtest.h>

#include <string>

namespace voxloop::core {
namespace {

Result<int> Half(int value) {
  if (value % 2 != 0) return Error::Field("value", "invalid", "must be even");
  return value / 2;
}

Result<int> Quarter(int value) {
  VOXLOOP_ASSIGN_OR_RETURN(int half, Half(value));
  return Half(half);
}

TEST(ResultTest, PropagatesTheFirstError) {
  EXPECT_EQ(*Quarter(8), 2);
  const Result<int> odd = Quarter(6);
  ASSERT_FALSE(odd);
  EXPECT_EQ(odd.error().code, ErrorCode::kInvalidArgument);
  ASSERT_EQ(odd.error().fields.size(), 1u);
  EXPECT_EQ(odd.error().fields[0].field, "value");
}

TEST(ResultTest, StatusCarriesOnlySuccessOrError) {
  Status ok = Ok();
  EXPECT_TRUE(ok);
  Status failed = Error::NotFound("no such workspace");
  ASSERT_FALSE(failed);
  EXPECT_EQ(ErrorCodeName(failed.error().code), "not_found");
}

}  // namespace
}  // namespace voxloop::core
