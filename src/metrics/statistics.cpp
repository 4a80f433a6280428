#include "metrics/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace voxloop::metrics {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kZ975 = 1.959963984540054;

Estimate Empty() { return {kNaN, 0, kNaN, kNaN, kNaN}; }

}  // namespace

double NormalCdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

double StudentT975(std::int64_t degrees) {
  static constexpr double kTable[] = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306,
                                      2.262,  2.228, 2.201, 2.179, 2.160, 2.145, 2.131, 2.120,
                                      2.110,  2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064,
                                      2.060,  2.056, 2.052, 2.048, 2.045, 2.042};
  if (degrees <= 0) return kNaN;
  if (degrees <= 30) return kTable[degrees - 1];
  // Cornish-Fisher expansion of the t quantile around the normal one.
  const double z = kZ975, v = static_cast<double>(degrees);
  const double z3 = z * z * z, z5 = z3 * z * z;
  return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v);
}

// NPS = 100(p − d); SE = 100·sqrt((p + d − (p − d)²)/n); CI = NPS ± 1.96·SE within ±100.
Estimate NpsEstimate(const NpsCounts& counts) {
  const std::int64_t n = counts.Total();
  if (n <= 0) return Empty();
  const double p = static_cast<double>(counts.promoters) / n, d = static_cast<double>(counts.detractors) / n;
  const double value = 100.0 * (p - d);
  const double se = 100.0 * std::sqrt(std::max(0.0, (p + d - (p - d) * (p - d)) / n));
  return {value, n, std::max(-100.0, value - kZ975 * se), std::min(100.0, value + kZ975 * se), se};
}

// Wilson: (p + z²/2n ± z·sqrt(p(1−p)/n + z²/4n²)) / (1 + z²/n), in percent.
Estimate ProportionEstimate(std::int64_t successes, std::int64_t n) {
  if (n <= 0) return Empty();
  const double p = static_cast<double>(successes) / n, z2 = kZ975 * kZ975, nn = static_cast<double>(n);
  const double centre = (p + z2 / (2 * nn)) / (1 + z2 / nn);
  const double half = kZ975 * std::sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn)) / (1 + z2 / nn);
  return {100.0 * p, n, 100.0 * std::max(0.0, centre - half), 100.0 * std::min(1.0, centre + half),
          100.0 * std::sqrt(p * (1 - p) / nn)};
}

// Mean ± t(0.975, n−1)·s/√n, s² = (Σx² − (Σx)²/n)/(n − 1).
Estimate MeanEstimate(double sum, double sum_of_squares, std::int64_t n) {
  if (n <= 0) return Empty();
  const double mean = sum / n;
  if (n == 1) return {mean, 1, mean, mean, 0.0};
  const double variance = std::max(0.0, (sum_of_squares - sum * sum / n) / (n - 1));
  const double se = std::sqrt(variance / n), t = StudentT975(n - 1);
  return {mean, n, mean - t * se, mean + t * se, se};
}

// z = (current − previous)/sqrt(se₁² + se₂²); two-sided p = 2(1 − Φ(|z|)).
ChangeTest CompareEstimates(const Estimate& current, const Estimate& previous) {
  ChangeTest test;
  if (current.n <= 0 || previous.n <= 0) {
    test.change = current.n > 0 && previous.n > 0 ? current.value - previous.value : kNaN;
    return test;
  }
  test.change = current.value - previous.value;
  const double se = std::sqrt(current.std_error * current.std_error + previous.std_error * previous.std_error);
  if (!(se > 0)) {
    test.p_value = test.change == 0 ? 1.0 : 0.0;
    test.significant = test.change != 0;
    return test;
  }
  test.z = test.change / se;
  test.p_value = 2.0 * (1.0 - NormalCdf(std::fabs(test.z)));
  test.significant = test.p_value < 0.05;
  return test;
}

// Given N = current + baseline, current ~ Binomial(N, q), q = e₁/(e₁ + e₀) under "no rise";
// p = P(X ≥ current), exact up to N = 1000, normal with continuity correction above.
RateRiseTest RateRise(std::int64_t current, double current_exposure, std::int64_t baseline,
                      double baseline_exposure) {
  RateRiseTest test;
  if (!(current_exposure > 0) || !(baseline_exposure > 0) || current < 0 || baseline < 0) return test;
  const double base_rate = baseline > 0 ? baseline / baseline_exposure : 0.5 / baseline_exposure;
  test.ratio = (current / current_exposure) / base_rate;
  const std::int64_t total = current + baseline;
  if (total == 0) return test;
  const double q = current_exposure / (current_exposure + baseline_exposure);
  if (total <= 1000) {
    double p = 0.0;
    for (std::int64_t k = current; k <= total; ++k) {
      p += std::exp(std::lgamma(total + 1.0) - std::lgamma(k + 1.0) - std::lgamma(total - k + 1.0) +
                    k * std::log(q) + (total - k) * std::log1p(-q));
    }
    test.p_value = std::min(1.0, p);
  } else {
    const double mean = total * q, sd = std::sqrt(total * q * (1 - q));
    test.p_value = 1.0 - NormalCdf((current - 0.5 - mean) / sd);
  }
  test.significant = test.p_value < 0.05 && current >= 3;
  return test;
}

}  // namespace voxloop::metrics
