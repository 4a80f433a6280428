// Internals of the query engine shared by its parts (query_engine.cpp: metric rows;
// query_insights.cpp: drivers, emerging topics, drill-down, dimensions). Not for other code.
#pragma once

#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "metrics/query.hpp"
#include "metrics/statistics.hpp"

namespace voxloop::metrics::detail {

inline constexpr std::size_t kMaxGroups = 4'000'000;
inline constexpr std::size_t kParallelRows = 400'000;
inline constexpr std::string_view kSentimentNames[] = {"", "negative", "neutral", "positive"};

// Sums over the responses of one group: n, the three class counts (NPS: promoters, passives,
// detractors; proportions: successes in `a`) and the sums for means.
struct Accumulator {
  std::int64_t n = 0, a = 0, b = 0, c = 0;
  double sum = 0.0, sum_sq = 0.0;
  void Add(const Accumulator& other) {
    n += other.n; a += other.a; b += other.b; c += other.c;
    sum += other.sum; sum_sq += other.sum_sq;
  }
  Accumulator Minus(const Accumulator& other) const {
    return {n - other.n, a - other.a, b - other.b, c - other.c, sum - other.sum, sum_sq - other.sum_sq};
  }
  bool operator==(const Accumulator&) const = default;
};

struct TimeSpan {
  core::TimeMs from = std::numeric_limits<core::TimeMs>::min();
  core::TimeMs to = std::numeric_limits<core::TimeMs>::max();  // exclusive
};

// The metric's value of a row, if it has one, folded into an accumulator.
class MetricReader {
 public:
  MetricReader(MetricKind kind, const Columns& columns, std::optional<std::uint32_t> question)
      : kind_(kind), c_(columns), question_(question) {}

  MetricKind kind() const { return kind_; }

  // False when the row has no value for the metric.
  bool Add(std::size_t row, Accumulator& acc) const {
    switch (kind_) {
      case MetricKind::kNps: return AddScore(kind_, Score(row, c_.nps, ScoreKind::kNps), acc);
      case MetricKind::kCsat: return AddScore(kind_, Score(row, c_.csat, ScoreKind::kCsat), acc);
      case MetricKind::kCes: return AddScore(kind_, Score(row, c_.ces, ScoreKind::kCes), acc);
      case MetricKind::kRating: {
        double value = c_.rating[row];
        if (question_) value = Score(row, c_.nps, ScoreKind::kRating, true);
        if (std::isnan(value) || (question_ && value < -100)) return false;
        AddValue(acc, value);
        return true;
      }
      case MetricKind::kSentiment:
        if (c_.sentiment[row] == 0) return false;
        AddValue(acc, c_.sentiment_score[row]);
        return true;
      case MetricKind::kNegativeShare:
      case MetricKind::kNeutralShare:
      case MetricKind::kPositiveShare:
        return AddSentiment(kind_, c_.sentiment[row], acc);
      case MetricKind::kCount:
      case MetricKind::kDrivers:
      case MetricKind::kEmergingTopics:
        ++acc.n;
        return true;
      case MetricKind::kResponseRate:  // from invitations, not from rows
        return false;
    }
    return false;
  }

  // How one NPS, CSAT or CES answer `score` counts (false: it is no valid answer).
  static bool AddScore(MetricKind kind, int score, Accumulator& acc) {
    switch (kind) {
      case MetricKind::kNps:
        if (score < 0 || score > 10) return false;
        ++acc.n;
        if (score >= 9) ++acc.a; else if (score >= 7) ++acc.b; else ++acc.c;
        return true;
      case MetricKind::kCsat:
        if (score < 1) return false;
        ++acc.n;
        if (score >= 4) ++acc.a;
        return true;
      case MetricKind::kCes:
        if (score < 1) return false;
        AddValue(acc, score);
        return true;
      default: return false;
    }
  }
  // How a sentiment code (0 none, 1 negative, 2 neutral, 3 positive) counts in a share.
  static bool AddSentiment(MetricKind kind, int code, Accumulator& acc) {
    if (code == 0) return false;
    ++acc.n;
    const int wanted = kind == MetricKind::kNegativeShare ? 1 : kind == MetricKind::kNeutralShare ? 2 : 3;
    if (code == wanted) ++acc.a;
    return true;
  }

 private:
  static void AddValue(Accumulator& acc, double value) {
    ++acc.n;
    acc.sum += value;
    acc.sum_sq += value * value;
  }
  // The row's score of this kind: the question's when one is asked for, else the column's.
  int Score(std::size_t row, const std::vector<std::int8_t>& column, ScoreKind kind, bool any_kind = false) const {
    if (!question_) return column[row];
    const std::uint32_t begin = c_.score_begin[row];
    for (std::uint32_t idx = begin; idx < begin + c_.score_count[row]; ++idx) {
      const PackedScore& score = c_.score_pool[idx];
      if (score.question == *question_ && (any_kind || score.kind == kind)) return score.value;
    }
    return any_kind ? -1000 : -1;
  }

  MetricKind kind_;
  const Columns& c_;
  std::optional<std::uint32_t> question_;
};

// One group dimension or filter compiled to per-row codes in [0, cardinality).
struct CompiledDimension {
  DimensionKind kind;
  const std::vector<std::uint32_t>* attribute = nullptr;  // customer attribute column
  // The attribute column in one byte per customer when its values fit (they mostly do: a
  // segment, a plan, a region), so that the per-row lookups stay in cache.
  std::vector<std::uint8_t> attribute_bytes;
  std::size_t cardinality = 1;
  // kTime: bucket of a local day (day - first_day); the bucket start days.
  std::int32_t first_day = 0;
  std::vector<std::uint32_t> bucket_of_day;
  std::vector<std::int32_t> bucket_starts;

  std::uint32_t Code(const Columns& c, std::size_t row) const {
    switch (kind) {
      case DimensionKind::kTime: return bucket_of_day[static_cast<std::size_t>(c.day[row] - first_day)];
      case DimensionKind::kChannel: return c.channel[row];
      case DimensionKind::kSurvey: return c.survey[row];
      case DimensionKind::kLanguage: return c.language[row];
      case DimensionKind::kSentiment: return c.sentiment[row];
      case DimensionKind::kAttribute:
        return attribute == nullptr || c.customer[row] == kNone32 ? 0 : (*attribute)[c.customer[row]];
      case DimensionKind::kTopic: return 0;  // multi-valued: see TopicCodes
    }
    return 0;
  }
  std::string Label(const Columns& c, const Dimension& dimension, std::uint32_t code) const {
    switch (kind) {
      case DimensionKind::kTime: return FormatLocalDay(bucket_starts[code]);
      case DimensionKind::kChannel: return c.channels.Value(code);
      case DimensionKind::kSurvey: return c.surveys.Value(code);
      case DimensionKind::kLanguage: return c.languages.Value(code);
      case DimensionKind::kSentiment: return std::string(kSentimentNames[code]);
      case DimensionKind::kTopic: return code == 0 ? "" : c.topics.Value(code - 1);
      case DimensionKind::kAttribute: {
        auto key = c.attribute_keys.Find(dimension.attribute);
        return code == 0 || !key ? "" : c.attribute_dictionaries[*key].Value(code - 1);
      }
    }
    return "";
  }
};

// A filter compiled to the set of codes it accepts.
struct CompiledFilter {
  CompiledDimension dimension;
  std::vector<bool> accepted;  // by code (kTopic: by topic code + 1)

  bool Accepts(const Columns& c, std::size_t row) const {
    if (dimension.kind != DimensionKind::kTopic) return accepted[dimension.Code(c, row)];
    const std::uint32_t begin = c.topic_begin[row];
    if (c.topic_count[row] == 0) return accepted[0];
    for (std::uint32_t idx = begin; idx < begin + c.topic_count[row]; ++idx) {
      if (accepted[c.topic_pool[idx] + 1U]) return true;
    }
    return false;
  }
};

// Everything a scan needs, compiled once per query.
struct Plan {
  TimeSpan span;
  std::vector<CompiledFilter> filters;
  std::vector<CompiledDimension> dimensions;  // group_by order
  std::size_t groups = 1;
  std::optional<std::uint32_t> question;
  bool survey_unknown = false;
  const ZoneCalendar* calendar = nullptr;  // the index's, alive while the plan is used
};

TimeSpan ResolveRange(const RangeSpec& range, const ZoneCalendar& calendar, core::TimeMs now);
TimeSpan PreviousSpan(const TimeSpan& span);
CompiledDimension CompileDimension(const Dimension& dimension, const Columns& c);
CompiledFilter CompileFilter(const Filter& filter, const Columns& c);
core::Result<Plan> MakePlan(const Query& query, const Columns& c, const ZoneCalendar& calendar, TimeSpan span);
std::vector<Accumulator> Aggregate(const Plan& plan, const MetricReader& reader, const Columns& c);
Estimate EstimateOf(MetricKind kind, const Accumulator& acc);
boost::json::value Number(double value);
void PutEstimate(boost::json::object& out, const Estimate& estimate, MetricKind kind);

core::Status RunDrivers(const Query& query, const Columns& c, const ZoneCalendar& calendar,
                        const TimeSpan& span, boost::json::array& rows);
core::Status RunEmerging(const Query& query, const Columns& c, const ZoneCalendar& calendar,
                         const TimeSpan& span, boost::json::array& rows);

}  // namespace voxloop::metrics::detail
