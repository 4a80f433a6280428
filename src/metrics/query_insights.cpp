// Drivers, emerging topics, drill-down and the dimension lists: the query API's answers that
// are not plain metric rows. Formulas are documented in docs/api.md.
#include <algorithm>

#include "metrics/query_plan.hpp"

namespace voxloop::metrics {
namespace detail {
namespace {

namespace json = boost::json;

// Calls `visit(row)` for each live row in the plan's span passing its filters.
template <typename Visit>
void ForEachRow(const Plan& plan, const Columns& c, Visit&& visit) {
  for (std::size_t block = 0; block < c.block_min_at.size(); ++block) {
    if (c.block_max_at[block] < plan.span.from || c.block_min_at[block] >= plan.span.to) continue;
    const std::size_t end = std::min(c.rows(), (block + 1) * kBlockRows);
    for (std::size_t row = block * kBlockRows; row < end; ++row) {
      if (c.at[row] < plan.span.from || c.at[row] >= plan.span.to || (c.flags[row] & kFlagErased) != 0) continue;
      bool accepted = true;
      for (const CompiledFilter& filter : plan.filters) {
        if (!filter.Accepts(c, row)) { accepted = false; break; }
      }
      if (accepted) visit(row);
    }
  }
}

Query WithoutGrouping(const Query& query) {
  Query plain = query;
  plain.group_by.clear();
  plain.interval.reset();
  return plain;
}

}  // namespace

// Impact of topic t = metric(all − responses mentioning t negatively) − metric(all).
core::Status RunDrivers(const Query& query, const Columns& c, const ZoneCalendar& calendar,
                        const TimeSpan& span, json::array& rows) {
  VOXLOOP_ASSIGN_OR_RETURN(Plan plan, MakePlan(WithoutGrouping(query), c, calendar, span));
  const MetricReader reader(query.driver_of, c, plan.question);
  Accumulator total;
  std::vector<Accumulator> with(c.topics.size()), negative(c.topics.size());
  ForEachRow(plan, c, [&](std::size_t row) {
    Accumulator one;
    if (!reader.Add(row, one)) return;
    total.Add(one);
    const std::uint32_t begin = c.topic_begin[row];
    for (std::uint32_t idx = begin; idx < begin + c.topic_count[row]; ++idx) {
      with[c.topic_pool[idx]].Add(one);
      if (c.sentiment[row] == 1) negative[c.topic_pool[idx]].Add(one);
    }
  });
  const Estimate overall = EstimateOf(query.driver_of, total);
  std::vector<json::object> out;
  for (std::uint32_t topic = 0; topic < c.topics.size(); ++topic) {
    if (with[topic].n == 0) continue;
    json::object row;
    row["metric"] = "drivers";
    row["group"] = {{"topic", c.topics.Value(topic)}};
    const Estimate without_negative = EstimateOf(query.driver_of, total.Minus(negative[topic]));
    row["value"] = Number(without_negative.value - overall.value);
    row["n"] = with[topic].n;
    row["ci_low"] = nullptr;
    row["ci_high"] = nullptr;
    row["negative"] = negative[topic].n;
    row["score_with"] = Number(EstimateOf(query.driver_of, with[topic]).value);
    row["score_without"] = Number(EstimateOf(query.driver_of, total.Minus(with[topic])).value);
    row["overall"] = Number(overall.value);
    out.push_back(std::move(row));
  }
  std::stable_sort(out.begin(), out.end(), [](const json::object& a, const json::object& b) {
    const double left = a.at("value").is_double() ? a.at("value").as_double() : -1e300;
    const double right = b.at("value").is_double() ? b.at("value").as_double() : -1e300;
    return left > right;
  });
  for (json::object& row : out) {
    if (rows.size() >= query.limit) break;
    rows.push_back(std::move(row));
  }
  return core::Ok();
}

// Each topic's and key phrase's count in the range against the previous period of the same
// length, exposure = analysed responses in each period; RateRise decides "significant".
core::Status RunEmerging(const Query& query, const Columns& c, const ZoneCalendar& calendar,
                         const TimeSpan& span, json::array& rows) {
  TimeSpan current = span;
  if (current.from == std::numeric_limits<core::TimeMs>::min()) {
    return core::Error::Field("range", "required", "emerging_topics needs a range");
  }
  if (current.to == std::numeric_limits<core::TimeMs>::max()) current.to = core::NowMs() + 1;
  const TimeSpan previous = PreviousSpan(current);
  struct Counts {
    std::vector<std::int64_t> topics, phrases;
    std::int64_t exposure = 0;
  };
  auto count = [&](const TimeSpan& window) -> core::Result<Counts> {
    VOXLOOP_ASSIGN_OR_RETURN(Plan plan, MakePlan(WithoutGrouping(query), c, calendar, window));
    Counts counts{std::vector<std::int64_t>(c.topics.size()), std::vector<std::int64_t>(c.phrases.size()), 0};
    ForEachRow(plan, c, [&](std::size_t row) {
      if ((c.flags[row] & kFlagHasText) == 0) return;
      ++counts.exposure;
      for (std::uint32_t idx = c.topic_begin[row]; idx < c.topic_begin[row] + c.topic_count[row]; ++idx) {
        ++counts.topics[c.topic_pool[idx]];
      }
      for (std::uint32_t idx = c.phrase_begin[row]; idx < c.phrase_begin[row] + c.phrase_count[row]; ++idx) {
        ++counts.phrases[c.phrase_pool[idx]];
      }
    });
    return counts;
  };
  VOXLOOP_ASSIGN_OR_RETURN(Counts now_counts, count(current));
  VOXLOOP_ASSIGN_OR_RETURN(Counts before_counts, count(previous));
  struct Candidate {
    json::object row;
    double p_value;
  };
  std::vector<Candidate> out;
  auto consider = [&](const char* kind, const std::string& label, std::int64_t now_n, std::int64_t before_n) {
    const RateRiseTest test = RateRise(now_n, static_cast<double>(now_counts.exposure), before_n,
                                       static_cast<double>(before_counts.exposure));
    if (!test.significant) return;
    json::object row;
    row["metric"] = "emerging_topics";
    row["group"] = {{kind, label}};
    row["value"] = Number(test.ratio);
    row["n"] = now_n;
    row["ci_low"] = nullptr;
    row["ci_high"] = nullptr;
    row["previous"] = {{"n", before_n}};
    row["p_value"] = Number(test.p_value);
    row["significant"] = true;
    out.push_back({std::move(row), test.p_value});
  };
  for (std::uint32_t topic = 0; topic < c.topics.size(); ++topic) {
    consider("topic", c.topics.Value(topic), now_counts.topics[topic], before_counts.topics[topic]);
  }
  for (std::uint32_t phrase = 0; phrase < c.phrases.size(); ++phrase) {
    if (now_counts.phrases[phrase] < 3) continue;
    consider("phrase", c.phrases.Value(phrase), now_counts.phrases[phrase], before_counts.phrases[phrase]);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Candidate& a, const Candidate& b) { return a.p_value < b.p_value; });
  for (Candidate& candidate : out) {
    if (rows.size() >= query.limit) break;
    rows.push_back(std::move(candidate.row));
  }
  return core::Ok();
}

}  // namespace detail

core::Result<DrillDownPage> DrillDown(const Query& query, const boost::json::object& group,
                                      const ResponseIndex& index, core::TimeMs now, std::size_t limit,
                                      std::optional<std::pair<core::TimeMs, core::Id>> before) {
  namespace json = boost::json;
  using namespace detail;
  Query narrowed = query;
  narrowed.group_by.clear();
  narrowed.interval.reset();
  std::optional<std::string> bucket_day;
  for (const auto& [key, value] : group) {
    if (key == "time") {
      if (!value.is_string() || !core::ParseRfc3339(value.get_string()) || !query.interval) {
        return core::Error::Field("group.time", "invalid", "group.time is a bucket's first day and needs interval");
      }
      bucket_day = std::string(value.get_string());
      continue;
    }
    Filter filter;
    json::object probe{{"metric", "count"}, {"group_by", json::array{key}}};
    auto parsed = ParseQuery(probe);
    if (!parsed) return core::Error::Field("group." + std::string(key), "unknown", "Unknown group dimension");
    filter.dimension = parsed->group_by.front();
    filter.values.push_back(value.is_string() ? std::string(value.get_string()) : std::string());
    narrowed.filters.push_back(std::move(filter));
  }
  return index.Read([&](const Columns& c, const ZoneCalendar& calendar) -> core::Result<DrillDownPage> {
    TimeSpan span = ResolveRange(query.range, calendar, now);
    if (bucket_day) {
      const auto day = static_cast<std::int32_t>(core::DaysFromCivil(
          std::stoi(bucket_day->substr(0, 4)), static_cast<unsigned>(std::stoi(bucket_day->substr(5, 2))),
          static_cast<unsigned>(std::stoi(bucket_day->substr(8, 2)))));
      span.from = std::max(span.from, calendar.DayStart(day));
      span.to = std::min(span.to, calendar.DayStart(ZoneCalendar::NextBucketStart(day, *query.interval)));
    }
    VOXLOOP_ASSIGN_OR_RETURN(Plan plan, MakePlan(narrowed, c, calendar, span));
    const MetricReader reader(query.metrics.front(), c, plan.question);
    std::vector<std::size_t> found_rows;
    ForEachRow(plan, c, [&](std::size_t row) {
      if (c.item[row] == 0) return;
      Accumulator probe;
      if (!reader.Add(row, probe)) return;
      const std::pair<core::TimeMs, core::Id> position(c.at[row], c.key[row]);
      if (before && !(position < *before)) return;
      found_rows.push_back(row);
    });
    std::sort(found_rows.begin(), found_rows.end(), [&](std::size_t a, std::size_t b) {
      return std::pair(c.at[a], c.key[a]) > std::pair(c.at[b], c.key[b]);
    });
    DrillDownPage page;
    for (std::size_t idx = 0; idx < found_rows.size() && idx < limit; ++idx) {
      page.item_ids.push_back(c.item[found_rows[idx]]);
    }
    if (found_rows.size() > limit) {
      const std::size_t last = found_rows[limit - 1];
      page.next = std::pair(c.at[last], c.key[last]);
    }
    return page;
  });
}

boost::json::object Dimensions(const ResponseIndex& index) {
  namespace json = boost::json;
  return index.Read([](const Columns& c, const ZoneCalendar& calendar) {
    auto list = [](const Dictionary& dictionary) {
      json::array values;
      for (const std::string& value : dictionary.values()) {
        if (!value.empty()) values.emplace_back(value);
      }
      return values;
    };
    json::object answer;
    answer["channels"] = list(c.channels);
    answer["languages"] = list(c.languages);
    answer["surveys"] = list(c.surveys);
    answer["topics"] = list(c.topics);
    answer["sentiments"] = json::array{"negative", "neutral", "positive"};
    json::object attributes;
    for (std::uint32_t key = 0; key < c.attribute_keys.size(); ++key) {
      json::array values = list(c.attribute_dictionaries[key]);
      if (values.size() <= 500) attributes[c.attribute_keys.Value(key)] = std::move(values);
    }
    answer["segments"] = attributes.contains("segment") ? attributes["segment"] : json::array();
    answer["attributes"] = std::move(attributes);
    answer["time_zone"] = calendar.time_zone();
    answer["responses"] = c.rows();
    return answer;
  });
}

}  // namespace voxloop::metrics
