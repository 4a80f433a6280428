// Execution of a parsed Query over a ResponseIndex: resolve the range in the workspace's time
// zone, compile filters and group dimensions into per-row codes, scan the blocks in range
// (two threads for large scans), and turn the accumulated counts into estimates.
#include <algorithm>
#include <cmath>
#include <limits>
#include <thread>

#include <boost/json.hpp>

#include "metrics/query_plan.hpp"

namespace voxloop::metrics {
namespace detail {

namespace json = boost::json;

TimeSpan ResolveRange(const RangeSpec& range, const ZoneCalendar& calendar, core::TimeMs now) {
  TimeSpan span;
  if (range.last_count > 0) {
    const std::int32_t current = ZoneCalendar::BucketStart(calendar.LocalDay(now), range.last_unit);
    span.from = calendar.DayStart(ZoneCalendar::ShiftBuckets(current, range.last_unit, 1 - range.last_count));
    span.to = calendar.DayStart(ZoneCalendar::NextBucketStart(current, range.last_unit));
    return span;
  }
  auto local_day = [](const std::string& date) {
    int year = std::stoi(date.substr(0, 4));
    return static_cast<std::int32_t>(core::DaysFromCivil(year, static_cast<unsigned>(std::stoi(date.substr(5, 2))),
                                                         static_cast<unsigned>(std::stoi(date.substr(8, 2)))));
  };
  if (range.from) span.from = *range.from;
  if (range.from_date) span.from = calendar.DayStart(local_day(*range.from_date));
  if (range.to) span.to = *range.to;
  if (range.to_date) span.to = calendar.DayStart(local_day(*range.to_date));
  return span;
}

CompiledDimension CompileDimension(const Dimension& dimension, const Columns& c) {
  CompiledDimension compiled{dimension.kind};
  switch (dimension.kind) {
    case DimensionKind::kTime: break;  // CompileTime
    case DimensionKind::kChannel: compiled.cardinality = c.channels.size(); break;
    case DimensionKind::kSurvey: compiled.cardinality = c.surveys.size(); break;
    case DimensionKind::kLanguage: compiled.cardinality = c.languages.size(); break;
    case DimensionKind::kSentiment: compiled.cardinality = 4; break;
    case DimensionKind::kTopic: compiled.cardinality = c.topics.size() + 1; break;  // 0 = no topic
    case DimensionKind::kAttribute: {
      compiled.attribute = c.AttributeColumn(dimension.attribute);
      auto key = c.attribute_keys.Find(dimension.attribute);
      compiled.cardinality = key ? c.attribute_dictionaries[*key].size() + 1 : 1;
      break;
    }
  }
  return compiled;
}

void CompileTime(CompiledDimension& time, Interval interval, std::int32_t first_day, std::int32_t last_day) {
  time.first_day = ZoneCalendar::BucketStart(first_day, interval);
  for (std::int32_t start = time.first_day; start <= last_day;
       start = ZoneCalendar::NextBucketStart(start, interval)) {
    const std::int32_t next = ZoneCalendar::NextBucketStart(start, interval);
    for (std::int32_t day = start; day < next; ++day) {
      time.bucket_of_day.push_back(static_cast<std::uint32_t>(time.bucket_starts.size()));
    }
    time.bucket_starts.push_back(start);
  }
  time.cardinality = std::max<std::size_t>(time.bucket_starts.size(), 1);
}

CompiledFilter CompileFilter(const Filter& filter, const Columns& c) {
  CompiledFilter compiled{CompileDimension(filter.dimension, c), {}};
  compiled.accepted.assign(compiled.dimension.cardinality, false);
  for (const std::string& value : filter.values) {
    for (std::uint32_t code = 0; code < compiled.dimension.cardinality; ++code) {
      const std::string label = compiled.dimension.Label(c, filter.dimension, code);
      const bool matches = label == value ||
                           (filter.dimension.kind == DimensionKind::kTopic && !value.empty() &&
                            label.size() > value.size() && label.starts_with(value) &&
                            label[value.size()] == '/');
      if (matches) compiled.accepted[code] = true;
    }
  }
  return compiled;
}

core::Result<Plan> MakePlan(const Query& query, const Columns& c, const ZoneCalendar& calendar,
                            TimeSpan span) {
  Plan plan;
  plan.span = span;
  std::vector<Filter> filters = query.filters;
  if (!query.survey.empty()) filters.push_back({{DimensionKind::kSurvey, "", "survey"}, {query.survey}});
  for (const Filter& filter : filters) plan.filters.push_back(CompileFilter(filter, c));
  if (!query.question.empty()) {
    plan.question = c.questions.Find(query.question);
    if (!plan.question) plan.question = kNone32;  // no answers to it: every row lacks a value
  }
  for (const Dimension& dimension : query.group_by) {
    CompiledDimension compiled = CompileDimension(dimension, c);
    if (dimension.kind == DimensionKind::kTime) {
      std::int32_t first = 0, last = -1;
      if (c.rows() > 0) {
        const auto [lowest, highest] = std::minmax_element(c.at.begin(), c.at.end());
        first = calendar.LocalDay(std::max(span.from, *lowest));
        last = calendar.LocalDay(std::min(span.to - 1, *highest));
        if (span.from != std::numeric_limits<core::TimeMs>::min()) first = calendar.LocalDay(span.from);
        if (span.to != std::numeric_limits<core::TimeMs>::max()) last = calendar.LocalDay(span.to - 1);
      }
      if (last < first) last = first - 1;
      if (last - first > 40000) return core::Error::Field("interval", "invalid", "Too many time buckets");
      CompileTime(compiled, *query.interval, first, last);
    }
    plan.groups *= compiled.cardinality;
    if (plan.groups > kMaxGroups) {
      return core::Error::Field("group_by", "invalid", "Too many groups: narrow the range or the dimensions");
    }
    plan.dimensions.push_back(std::move(compiled));
  }
  return plan;
}

// Scans rows [begin_block, end_block) into `groups` accumulators (index = mixed-radix key).
void ScanBlocks(const Plan& plan, const MetricReader& reader, const Columns& c, std::size_t begin_block,
                std::size_t end_block, std::vector<Accumulator>& groups) {
  std::vector<std::uint32_t> selected;
  std::vector<std::uint32_t> keys;
  selected.reserve(kBlockRows);
  keys.reserve(kBlockRows);
  const bool single_key = plan.dimensions.empty();
  for (std::size_t block = begin_block; block < end_block; ++block) {
    if (c.block_max_at[block] < plan.span.from || c.block_min_at[block] >= plan.span.to) continue;
    const std::size_t begin = block * kBlockRows;
    const std::size_t end = std::min(c.rows(), begin + kBlockRows);
    selected.clear();
    for (std::size_t row = begin; row < end; ++row) {
      const bool in = c.at[row] >= plan.span.from && c.at[row] < plan.span.to &&
                      (c.flags[row] & kFlagErased) == 0;
      if (in) selected.push_back(static_cast<std::uint32_t>(row));
    }
    for (const CompiledFilter& filter : plan.filters) {
      std::erase_if(selected, [&](std::uint32_t row) { return !filter.Accepts(c, row); });
    }
    if (single_key) {
      for (std::uint32_t row : selected) reader.Add(row, groups[0]);
      continue;
    }
    keys.assign(selected.size(), 0);
    std::size_t topic_dimension = plan.dimensions.size();
    for (std::size_t dim = 0; dim < plan.dimensions.size(); ++dim) {
      const CompiledDimension& dimension = plan.dimensions[dim];
      if (dimension.kind == DimensionKind::kTopic) topic_dimension = dim;
      const auto cardinality = static_cast<std::uint32_t>(dimension.cardinality);
      for (std::size_t idx = 0; idx < selected.size(); ++idx) {
        keys[idx] = keys[idx] * cardinality + dimension.Code(c, selected[idx]);
      }
    }
    if (topic_dimension == plan.dimensions.size()) {
      for (std::size_t idx = 0; idx < selected.size(); ++idx) reader.Add(selected[idx], groups[keys[idx]]);
      continue;
    }
    // A row counts once in each of its topics (or under "no topic").
    std::uint32_t stride = 1;
    for (std::size_t dim = topic_dimension + 1; dim < plan.dimensions.size(); ++dim) {
      stride *= static_cast<std::uint32_t>(plan.dimensions[dim].cardinality);
    }
    for (std::size_t idx = 0; idx < selected.size(); ++idx) {
      const std::uint32_t row = selected[idx];
      Accumulator one;
      if (!reader.Add(row, one)) continue;
      const std::uint32_t begin_topic = c.topic_begin[row];
      if (c.topic_count[row] == 0) {
        groups[keys[idx]].Add(one);
        continue;
      }
      for (std::uint32_t topic = begin_topic; topic < begin_topic + c.topic_count[row]; ++topic) {
        groups[keys[idx] + (c.topic_pool[topic] + 1U) * stride].Add(one);
      }
    }
  }
}

std::vector<Accumulator> Aggregate(const Plan& plan, const MetricReader& reader, const Columns& c) {
  std::vector<Accumulator> groups(plan.groups);
  const std::size_t blocks = c.block_min_at.size();
  if (c.rows() < kParallelRows || blocks < 2) {
    ScanBlocks(plan, reader, c, 0, blocks, groups);
    return groups;
  }
  std::vector<Accumulator> other(plan.groups);
  std::thread helper([&] { ScanBlocks(plan, reader, c, blocks / 2, blocks, other); });
  ScanBlocks(plan, reader, c, 0, blocks / 2, groups);
  helper.join();
  for (std::size_t key = 0; key < groups.size(); ++key) groups[key].Add(other[key]);
  return groups;
}

Estimate EstimateOf(MetricKind kind, const Accumulator& acc) {
  switch (kind) {
    case MetricKind::kNps: return NpsEstimate({acc.a, acc.b, acc.c});
    case MetricKind::kCsat:
    case MetricKind::kNegativeShare:
    case MetricKind::kNeutralShare:
    case MetricKind::kPositiveShare:
      return ProportionEstimate(acc.a, acc.n);
    case MetricKind::kCes:
    case MetricKind::kRating:
    case MetricKind::kSentiment:
      return MeanEstimate(acc.sum, acc.sum_sq, acc.n);
    default: {
      Estimate count;
      count.value = static_cast<double>(acc.n);
      count.n = acc.n;
      count.ci_low = count.ci_high = count.value;
      return count;
    }
  }
}

json::value Number(double value) {
  if (std::isnan(value) || std::isinf(value)) return nullptr;
  return std::round(value * 1e6) / 1e6;
}

void PutEstimate(json::object& out, const Estimate& estimate, MetricKind kind) {
  out["value"] = Number(estimate.value);
  out["n"] = estimate.n;
  const bool interval = kind != MetricKind::kCount;
  out["ci_low"] = interval ? Number(estimate.ci_low) : json::value(nullptr);
  out["ci_high"] = interval ? Number(estimate.ci_high) : json::value(nullptr);
}

json::object RowFor(MetricKind kind, const std::string& name, json::object group, const Accumulator& acc,
                    const Accumulator* previous) {
  json::object row;
  row["metric"] = name;
  row["group"] = std::move(group);
  const Estimate estimate = EstimateOf(kind, acc);
  PutEstimate(row, estimate, kind);
  if (kind == MetricKind::kNps) {
    row["breakdown"] = {{"promoters", acc.a}, {"passives", acc.b}, {"detractors", acc.c}};
  }
  if (previous != nullptr) {
    const Estimate before = EstimateOf(kind, *previous);
    json::object prior;
    PutEstimate(prior, before, kind);
    row["previous"] = std::move(prior);
    Estimate current_for_test = estimate, before_for_test = before;
    if (kind == MetricKind::kCount) {  // Poisson: the variance of a count is the count
      current_for_test.std_error = std::sqrt(static_cast<double>(acc.n));
      before_for_test.std_error = std::sqrt(static_cast<double>(previous->n));
    }
    const ChangeTest test = CompareEstimates(current_for_test, before_for_test);
    row["change"] = Number(test.change);
    row["p_value"] = Number(test.p_value);
    row["significant"] = test.significant;
  }
  return row;
}

json::object GroupObject(const Plan& plan, const Query& query, const Columns& c, std::size_t key) {
  json::object group;
  std::vector<std::uint32_t> codes(plan.dimensions.size());
  for (std::size_t dim = plan.dimensions.size(); dim-- > 0;) {
    codes[dim] = static_cast<std::uint32_t>(key % plan.dimensions[dim].cardinality);
    key /= plan.dimensions[dim].cardinality;
  }
  for (std::size_t dim = 0; dim < plan.dimensions.size(); ++dim) {
    const std::string label = plan.dimensions[dim].Label(c, query.group_by[dim], codes[dim]);
    group[query.group_by[dim].name] = label.empty() ? json::value(nullptr) : json::value(label);
  }
  return group;
}

TimeSpan PreviousSpan(const TimeSpan& span) {
  TimeSpan previous;
  if (span.from == std::numeric_limits<core::TimeMs>::min() || span.to == std::numeric_limits<core::TimeMs>::max()) {
    previous.from = previous.to = 0;  // all time has no previous period
    return previous;
  }
  previous.to = span.from;
  previous.from = span.from - (span.to - span.from);
  return previous;
}

core::Status RunMetric(const Query& query, std::size_t metric_idx, const Columns& c,
                       const ZoneCalendar& calendar, const TimeSpan& span, json::array& rows) {
  const MetricKind kind = query.metrics[metric_idx];
  const std::string& name = query.metric_names[metric_idx];
  const auto time_dim = std::find_if(query.group_by.begin(), query.group_by.end(),
                                     [](const Dimension& d) { return d.kind == DimensionKind::kTime; });
  const bool by_time = time_dim != query.group_by.end();
  TimeSpan scan_span = span;
  if (by_time && query.compare && span.from != std::numeric_limits<core::TimeMs>::min()) {
    // One bucket earlier, so that the first bucket has a previous one.
    scan_span.from = calendar.DayStart(ZoneCalendar::ShiftBuckets(
        ZoneCalendar::BucketStart(calendar.LocalDay(span.from), *query.interval), *query.interval, -1));
  }
  VOXLOOP_ASSIGN_OR_RETURN(auto plan_value, MakePlan(query, c, calendar, scan_span));
  const Plan* plan = &plan_value;
  std::optional<std::uint32_t> question = plan->question;
  const MetricReader reader(kind, c, question);
  const std::vector<Accumulator> groups = Aggregate(*plan, reader, c);
  std::vector<Accumulator> previous_groups;
  if (query.compare && !by_time) {
    Plan previous = *plan;
    previous.span = PreviousSpan(span);
    previous_groups = Aggregate(previous, reader, c);
  }
  std::size_t time_pos = by_time ? static_cast<std::size_t>(time_dim - query.group_by.begin()) : 0;
  std::size_t time_stride = 1;
  for (std::size_t dim = time_pos + 1; by_time && dim < plan->dimensions.size(); ++dim) {
    time_stride *= plan->dimensions[dim].cardinality;
  }
  const std::size_t time_cardinality = by_time ? plan->dimensions[time_pos].cardinality : 1;
  const bool skip_first_bucket = by_time && scan_span.from != span.from;
  // With time grouping every bucket of a series that has data anywhere is listed.
  std::vector<bool> series_seen(by_time ? plan->groups / time_cardinality : 0, false);
  auto series_of = [&](std::size_t key) {
    return (key / (time_stride * time_cardinality)) * time_stride + key % time_stride;
  };
  if (by_time) {
    for (std::size_t key = 0; key < groups.size(); ++key) {
      if (groups[key].n > 0) series_seen[series_of(key)] = true;
    }
  }
  std::vector<json::object> out;
  for (std::size_t key = 0; key < groups.size(); ++key) {
    if (by_time) {
      const std::size_t bucket = (key / time_stride) % time_cardinality;
      if (!series_seen[series_of(key)] || (skip_first_bucket && bucket == 0)) continue;
      const Accumulator* previous = query.compare && bucket > 0 ? &groups[key - time_stride] : nullptr;
      Accumulator empty;
      if (query.compare && bucket == 0) previous = &empty;
      out.push_back(RowFor(kind, name, GroupObject(*plan, query, c, key), groups[key], previous));
      continue;
    }
    if (groups[key].n == 0 && !(plan->dimensions.empty())) continue;
    out.push_back(RowFor(kind, name, GroupObject(*plan, query, c, key), groups[key],
                         query.compare ? &previous_groups[key] : nullptr));
  }
  const bool by_topic = std::any_of(query.group_by.begin(), query.group_by.end(),
                                    [](const Dimension& d) { return d.kind == DimensionKind::kTopic; });
  if (by_topic && !by_time) {
    std::stable_sort(out.begin(), out.end(), [](const json::object& a, const json::object& b) {
      return a.at("n").as_int64() > b.at("n").as_int64();
    });
  }
  for (json::object& row : out) {
    if (rows.size() >= query.limit) break;
    rows.push_back(std::move(row));
  }
  return core::Ok();
}

}  // namespace detail

core::Result<boost::json::object> RunQuery(const Query& query, const ResponseIndex& index,
                                           core::TimeMs now, const InvitationCounter& invitations) {
  namespace json = boost::json;
  using namespace detail;
  return index.Read([&](const Columns& c, const ZoneCalendar& calendar) -> core::Result<json::object> {
    json::object answer;
    json::array rows;
    const TimeSpan span = ResolveRange(query.range, calendar, now);
    if (query.metrics.front() == MetricKind::kDrivers) {
      VOXLOOP_TRY(RunDrivers(query, c, calendar, span, rows));
    } else if (query.metrics.front() == MetricKind::kEmergingTopics) {
      VOXLOOP_TRY(RunEmerging(query, c, calendar, span, rows));
    } else if (query.metrics.front() == MetricKind::kResponseRate) {
      if (!invitations) return core::Error::Unavailable("Response rates are not available here");
      VOXLOOP_ASSIGN_OR_RETURN(InvitationCounts counts,
                               invitations(*core::ParseId(query.survey), span.from, span.to));
      json::object row;
      row["metric"] = "response_rate";
      row["group"] = json::object();
      PutEstimate(row, ProportionEstimate(std::min(counts.answered, counts.sent), counts.sent),
                  MetricKind::kResponseRate);
      if (counts.sent == 0) row["value"] = row["ci_low"] = row["ci_high"] = nullptr;
      row["answered"] = counts.answered;
      rows.push_back(std::move(row));
    } else {
      for (std::size_t idx = 0; idx < query.metrics.size(); ++idx) {
        VOXLOOP_TRY(RunMetric(query, idx, c, calendar, span, rows));
      }
    }
    answer["rows"] = std::move(rows);
    json::object range;
    range["from"] = span.from == std::numeric_limits<core::TimeMs>::min() ? json::value(nullptr)
                                                                          : json::value(core::FormatRfc3339(span.from));
    range["to"] = span.to == std::numeric_limits<core::TimeMs>::max() ? json::value(nullptr)
                                                                      : json::value(core::FormatRfc3339(span.to));
    answer["range"] = std::move(range);
    answer["time_zone"] = calendar.time_zone();
    return answer;
  });
}

}  // namespace voxloop::metrics
