// Statistics of customer-feedback scores: NPS, CSAT and CES estimates with 95% confidence
// intervals, tests of whether a change against an earlier period is real, and the rate test
// behind emerging topics. Pure functions over counts and sums; thread-safe.
//
// Conventions: every estimate carries `n` (how many responses it rests on). With n == 0 the
// value and interval are NaN (an empty group has no score, which is not a score of 0). All
// intervals are two-sided 95%.
#pragma once

#include <cstdint>

namespace voxloop::metrics {

// A point estimate with its 95% confidence interval and standard error (same unit as value).
struct Estimate {
  double value = 0.0;
  std::int64_t n = 0;
  double ci_low = 0.0;
  double ci_high = 0.0;
  double std_error = 0.0;
};

// Answers on the 0–10 "how likely are you to recommend" scale, counted by class:
// promoters 9–10, passives 7–8, detractors 0–6.
struct NpsCounts {
  std::int64_t promoters = 0;
  std::int64_t passives = 0;
  std::int64_t detractors = 0;
  std::int64_t Total() const { return promoters + passives + detractors; }
};

// NPS = 100 × (promoters − detractors) / n, on −100…100.
// Interval: normal approximation of the difference of two multinomial shares,
// Var(NPS/100) = (p + d − (p − d)²) / n, clamped to [−100, 100]. With every answer in one class
// the variance is 0 and the interval collapses to the value.
Estimate NpsEstimate(const NpsCounts& counts);

// Share of successes in percent (0–100) with the Wilson score interval, which stays inside
// 0–100 and behaves for small n and for 0% or 100%. Used for CSAT (% answering 4–5 on 1–5),
// response rate and sentiment shares. Requires: 0 <= successes <= n.
Estimate ProportionEstimate(std::int64_t successes, std::int64_t n);

// Mean with a Student-t interval from the sum and sum of squares (CES, ratings, sentiment
// score). With n == 1 the interval is the value itself (no spread can be estimated).
Estimate MeanEstimate(double sum, double sum_of_squares, std::int64_t n);

// Whether the current estimate differs from the previous one by more than chance: a two-sided
// z-test on the difference using both standard errors (independent samples; Welch-style for
// means). p_value is 1 and significant is false when either side has n == 0 or both standard
// errors are 0 and the values are equal; when both are 0 and values differ, p_value is 0.
struct ChangeTest {
  double change = 0.0;  // current − previous, in the metric's unit (NPS points, % points …)
  double z = 0.0;
  double p_value = 1.0;
  bool significant = false;  // p_value < 0.05
};
ChangeTest CompareEstimates(const Estimate& current, const Estimate& previous);

// Whether an event count rose against its baseline: the current period has `current` events
// over `current_exposure` (e.g. responses), the baseline `baseline` events over
// `baseline_exposure`. Conditional binomial test of the Poisson rates (exact for small counts
// through the normal approximation with continuity correction past 30 events), one-sided
// "rose". ratio is (current / current_exposure) / (baseline / baseline_exposure), with the
// baseline rate taken as 0.5 / baseline_exposure when baseline == 0 (so a topic new this
// period has a finite ratio). significant is p_value < 0.05 and current >= 3.
struct RateRiseTest {
  double ratio = 0.0;
  double p_value = 1.0;
  bool significant = false;
};
RateRiseTest RateRise(std::int64_t current, double current_exposure, std::int64_t baseline,
                      double baseline_exposure);

// Standard normal distribution function and the two-sided 95% t quantile for `degrees` degrees
// of freedom (1.96 for large values). Exposed for tests.
double NormalCdf(double z);
double StudentT975(std::int64_t degrees);

}  // namespace voxloop::metrics
