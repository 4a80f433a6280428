#include "metrics/statistics.hpp"

#include <cmath>

#include <gtest/gtest.h>

namespace voxloop::metrics {
namespace {

TEST(NpsEstimate, HandComputed) {
  // 5 promoters, 3 passives, 2 detractors: NPS = 100(0.5 − 0.2) = 30;
  // SE = 100·sqrt((0.5 + 0.2 − 0.09)/10) = 24.698; CI = 30 ± 1.96·24.698 = [−18.41, 78.41].
  const Estimate nps = NpsEstimate({5, 3, 2});
  EXPECT_DOUBLE_EQ(nps.value, 30.0);
  EXPECT_EQ(nps.n, 10);
  EXPECT_NEAR(nps.std_error, 24.698, 1e-3);
  EXPECT_NEAR(nps.ci_low, -18.41, 1e-2);
  EXPECT_NEAR(nps.ci_high, 78.41, 1e-2);
}

TEST(NpsEstimate, EmptyGroupHasNoScore) {
  EXPECT_TRUE(std::isnan(NpsEstimate({}).value));
  EXPECT_EQ(NpsEstimate({}).n, 0);
}

TEST(NpsEstimate, OneDetractorIsMinus100WithCollapsedInterval) {
  const Estimate nps = NpsEstimate({0, 0, 1});
  EXPECT_DOUBLE_EQ(nps.value, -100.0);
  EXPECT_DOUBLE_EQ(nps.ci_low, -100.0);
  EXPECT_DOUBLE_EQ(nps.ci_high, -100.0);
}

TEST(ProportionEstimate, WilsonTextbookValue) {
  // k = 8, n = 10: Wilson 95% = [49.02%, 94.33%].
  const Estimate csat = ProportionEstimate(8, 10);
  EXPECT_DOUBLE_EQ(csat.value, 80.0);
  EXPECT_NEAR(csat.ci_low, 49.02, 1e-2);
  EXPECT_NEAR(csat.ci_high, 94.33, 1e-2);
}

TEST(ProportionEstimate, ZeroPercentStaysInside) {
  const Estimate share = ProportionEstimate(0, 5);
  EXPECT_DOUBLE_EQ(share.ci_low, 0.0);
  EXPECT_GT(share.ci_high, 0.0);
}

TEST(MeanEstimate, StudentInterval) {
  // 1..5: mean 3, s² = 2.5, SE = sqrt(0.5) = 0.7071, t(4) = 2.776 → 3 ± 1.963.
  const Estimate ces = MeanEstimate(15, 55, 5);
  EXPECT_DOUBLE_EQ(ces.value, 3.0);
  EXPECT_NEAR(ces.ci_low, 3.0 - 2.776 * std::sqrt(0.5), 1e-9);
  EXPECT_NEAR(MeanEstimate(4, 16, 1).ci_high, 4.0, 1e-12);
}

TEST(StudentT975, TableAndLimit) {
  EXPECT_DOUBLE_EQ(StudentT975(1), 12.706);
  EXPECT_NEAR(StudentT975(100000), 1.95997, 1e-4);
  EXPECT_NEAR(StudentT975(60), 2.000, 2e-3);
}

TEST(CompareEstimates, SignificantAndNot) {
  EXPECT_TRUE(CompareEstimates(NpsEstimate({600, 200, 200}), NpsEstimate({300, 200, 500})).significant);
  EXPECT_FALSE(CompareEstimates(NpsEstimate({5, 3, 2}), NpsEstimate({4, 3, 3})).significant);
}

TEST(RateRise, ExactSmallCase) {
  // 5 now, 0 before, equal exposure: p = 0.5⁵ = 0.03125.
  const RateRiseTest rise = RateRise(5, 100, 0, 100);
  EXPECT_NEAR(rise.p_value, 0.03125, 1e-12);
  EXPECT_TRUE(rise.significant);
  EXPECT_FALSE(RateRise(11, 100, 10, 100).significant);
}

}  // namespace
}  // namespace voxloop::metrics
