#include "metrics/query.hpp"

#include <algorithm>
#include <charconv>

#include <boost/json.hpp>

#include "core/id.hpp"

namespace voxloop::metrics {
namespace {

namespace json = boost::json;
using core::Error;

struct MetricName {
  std::string_view name;
  MetricKind kind;
};
constexpr MetricName kMetricNames[] = {
    {"nps", MetricKind::kNps},
    {"csat", MetricKind::kCsat},
    {"ces", MetricKind::kCes},
    {"rating", MetricKind::kRating},
    {"count", MetricKind::kCount},
    {"topic_volume", MetricKind::kCount},
    {"sentiment", MetricKind::kSentiment},
    {"topic_sentiment", MetricKind::kSentiment},
    {"negative_share", MetricKind::kNegativeShare},
    {"neutral_share", MetricKind::kNeutralShare},
    {"positive_share", MetricKind::kPositiveShare},
    {"drivers", MetricKind::kDrivers},
    {"emerging_topics", MetricKind::kEmergingTopics},
    {"response_rate", MetricKind::kResponseRate},
};

std::optional<MetricKind> ParseMetric(std::string_view name) {
  for (const MetricName& metric : kMetricNames) {
    if (metric.name == name) return metric.kind;
  }
  return std::nullopt;
}

std::optional<Interval> ParseInterval(std::string_view name) {
  if (name == "day") return Interval::kDay;
  if (name == "week") return Interval::kWeek;
  if (name == "month") return Interval::kMonth;
  if (name == "quarter") return Interval::kQuarter;
  if (name == "year") return Interval::kYear;
  return std::nullopt;
}

std::optional<Dimension> ParseDimension(std::string_view name) {
  Dimension dimension;
  dimension.name = std::string(name);
  if (name == "time") dimension.kind = DimensionKind::kTime;
  else if (name == "channel") dimension.kind = DimensionKind::kChannel;
  else if (name == "survey") dimension.kind = DimensionKind::kSurvey;
  else if (name == "language") dimension.kind = DimensionKind::kLanguage;
  else if (name == "topic") dimension.kind = DimensionKind::kTopic;
  else if (name == "sentiment") dimension.kind = DimensionKind::kSentiment;
  else if (name == "segment") {
    dimension.kind = DimensionKind::kAttribute;
    dimension.attribute = "segment";
  } else if (name.starts_with("customer.") && name.size() > 9 && name.size() <= 73) {
    dimension.kind = DimensionKind::kAttribute;
    dimension.attribute = std::string(name.substr(9));
  } else {
    return std::nullopt;
  }
  return dimension;
}

bool IsDate(std::string_view text) {
  return text.size() == 10 && text[4] == '-' && text[7] == '-' && core::ParseRfc3339(text);
}

core::Status ParseRange(const json::value& value, RangeSpec& range) {
  const json::object* object = value.if_object();
  if (object == nullptr) return Error::Field("range", "invalid_type", "range must be an object");
  if (const json::value* last = object->if_contains("last")) {
    const json::string* text = last->if_string();
    int count = 0;
    if (text == nullptr || text->size() < 2 ||
        std::from_chars(text->data(), text->data() + text->size() - 1, count).ptr !=
            text->data() + text->size() - 1 ||
        count < 1 || count > 1000) {
      return Error::Field("range.last", "invalid", "range.last is like \"30d\", \"12w\", \"12m\", \"4q\" or \"2y\"");
    }
    const char unit = text->back();
    const std::optional<Interval> interval = unit == 'd' ? Interval::kDay : unit == 'w' ? Interval::kWeek
                                             : unit == 'm' ? Interval::kMonth : unit == 'q' ? Interval::kQuarter
                                             : unit == 'y' ? std::optional<Interval>(Interval::kYear)
                                                           : std::nullopt;
    if (!interval) return Error::Field("range.last", "invalid", "range.last ends in d, w, m, q or y");
    range.last_count = count;
    range.last_unit = *interval;
    return core::Ok();
  }
  for (const char* key : {"from", "to"}) {
    const json::value* bound = object->if_contains(key);
    if (bound == nullptr || bound->is_null()) continue;
    const json::string* text = bound->if_string();
    const std::string field = std::string("range.") + key;
    if (text == nullptr) return Error::Field(field, "invalid_type", field + " must be a date or an RFC 3339 time");
    if (IsDate(*text)) {
      (std::string_view(key) == "from" ? range.from_date : range.to_date) = std::string(*text);
    } else if (auto instant = core::ParseRfc3339(*text)) {
      (std::string_view(key) == "from" ? range.from : range.to) = *instant;
    } else {
      return Error::Field(field, "invalid", field + " must be a date (YYYY-MM-DD) or an RFC 3339 time");
    }
  }
  return core::Ok();
}

core::Result<std::vector<std::string>> StringList(const json::value& value, const std::string& field) {
  std::vector<std::string> values;
  auto add = [&](const json::value& item) -> core::Status {
    if (const json::string* text = item.if_string()) {
      values.emplace_back(*text);
    } else if (item.is_null()) {
      values.emplace_back();  // the "no value" group
    } else if (item.is_number()) {
      values.push_back(json::serialize(item));
    } else {
      return Error::Field(field, "invalid_type", field + " takes a string or a list of strings");
    }
    return core::Ok();
  };
  if (const json::array* list = value.if_array()) {
    if (list->empty() || list->size() > 1000) {
      return Error::Field(field, "invalid", field + " takes 1 to 1000 values");
    }
    for (const json::value& item : *list) VOXLOOP_TRY(add(item));
  } else {
    VOXLOOP_TRY(add(value));
  }
  return values;
}

core::Status ParseMetrics(const json::object& body, Query& query) {
  std::vector<std::string> names;
  if (const json::value* metric = body.if_contains("metric")) {
    if (!metric->is_string()) return Error::Field("metric", "invalid_type", "metric must be a string");
    names.emplace_back(metric->get_string());
  } else if (const json::value* metrics = body.if_contains("metrics")) {
    const json::array* list = metrics->if_array();
    if (list == nullptr || list->empty() || list->size() > 8) {
      return Error::Field("metrics", "invalid", "metrics must be a list of 1 to 8 metric names");
    }
    for (const json::value& item : *list) {
      if (!item.is_string()) return Error::Field("metrics", "invalid_type", "metrics must be strings");
      names.emplace_back(item.get_string());
    }
  } else {
    return Error::Field("metric", "required", "metric is required");
  }
  for (const std::string& name : names) {
    auto kind = ParseMetric(name);
    if (!kind) return Error::Field("metric", "unknown", "Unknown metric: " + name);
    if ((*kind == MetricKind::kDrivers || *kind == MetricKind::kEmergingTopics ||
         *kind == MetricKind::kResponseRate) &&
        names.size() > 1) {
      return Error::Field("metrics", "invalid", name + " cannot be combined with other metrics");
    }
    query.metrics.push_back(*kind);
    query.metric_names.push_back(name);
    if (name == "topic_volume" || name == "topic_sentiment") {
      if (std::none_of(query.group_by.begin(), query.group_by.end(),
                       [](const Dimension& d) { return d.kind == DimensionKind::kTopic; })) {
        query.group_by.push_back(*ParseDimension("topic"));
      }
    }
  }
  return core::Ok();
}

core::Status ParseGrouping(const json::object& body, Query& query) {
  if (const json::value* group_by = body.if_contains("group_by")) {
    const json::array* list = group_by->if_array();
    if (list == nullptr) return Error::Field("group_by", "invalid_type", "group_by must be a list");
    std::vector<Dimension> dimensions;
    for (const json::value& item : *list) {
      const json::string* name = item.if_string();
      auto dimension = name ? ParseDimension(*name) : std::nullopt;
      if (!dimension) {
        return Error::Field("group_by", "unknown",
                            "group_by takes time, channel, survey, language, topic, sentiment, "
                            "segment or customer.<attribute>");
      }
      dimensions.push_back(*dimension);
    }
    for (Dimension& implied : query.group_by) {
      if (std::none_of(dimensions.begin(), dimensions.end(),
                       [&](const Dimension& d) { return d.name == implied.name; })) {
        dimensions.push_back(implied);
      }
    }
    query.group_by = std::move(dimensions);
  }
  if (const json::value* interval = body.if_contains("interval")) {
    const json::string* name = interval->if_string();
    query.interval = name ? ParseInterval(*name) : std::nullopt;
    if (!query.interval) {
      return Error::Field("interval", "invalid", "interval is day, week, month, quarter or year");
    }
  }
  const bool has_time = std::any_of(query.group_by.begin(), query.group_by.end(),
                                    [](const Dimension& d) { return d.kind == DimensionKind::kTime; });
  if (query.interval && !has_time) query.group_by.insert(query.group_by.begin(), *ParseDimension("time"));
  if (has_time && !query.interval) {
    return Error::Field("interval", "required", "grouping by time needs an interval");
  }
  if (query.group_by.size() > 3) return Error::Field("group_by", "invalid", "group_by takes at most 3 dimensions");
  for (std::size_t idx = 0; idx < query.group_by.size(); ++idx) {
    for (std::size_t other = idx + 1; other < query.group_by.size(); ++other) {
      if (query.group_by[idx].name == query.group_by[other].name) {
        return Error::Field("group_by", "invalid", "group_by names a dimension twice");
      }
    }
  }
  return core::Ok();
}

core::Status ParseFilters(const json::object& body, Query& query) {
  const json::value* filters = body.if_contains("filters");
  if (filters == nullptr || filters->is_null()) return core::Ok();
  const json::object* object = filters->if_object();
  if (object == nullptr) return Error::Field("filters", "invalid_type", "filters must be an object");
  for (const auto& [key, value] : *object) {
    const std::string field = "filters." + std::string(key);
    auto dimension = ParseDimension(key);
    if (!dimension || dimension->kind == DimensionKind::kTime) {
      return Error::Field(field, "unknown", "Unknown filter: " + std::string(key));
    }
    VOXLOOP_ASSIGN_OR_RETURN(auto values, StringList(value, field));
    query.filters.push_back({*dimension, std::move(values)});
  }
  return core::Ok();
}

core::Status ParseOptions(const json::object& body, Query& query) {
  if (const json::value* survey = body.if_contains("survey"); survey && !survey->is_null()) {
    const json::string* text = survey->if_string();
    if (text == nullptr || !core::ParseId(*text)) return Error::Field("survey", "invalid", "survey must be a survey id");
    query.survey = std::string(*text);
  }
  if (const json::value* question = body.if_contains("question"); question && !question->is_null()) {
    const json::string* text = question->if_string();
    if (text == nullptr || text->empty() || text->size() > 64) {
      return Error::Field("question", "invalid", "question must be a question id");
    }
    if (query.survey.empty()) return Error::Field("question", "invalid", "question needs a survey");
    query.question = std::string(*text);
  }
  if (const json::value* of = body.if_contains("of"); of && !of->is_null()) {
    auto kind = of->is_string() ? ParseMetric(of->get_string()) : std::nullopt;
    if (!kind || (*kind != MetricKind::kNps && *kind != MetricKind::kCsat && *kind != MetricKind::kCes)) {
      return Error::Field("of", "invalid", "of is nps, csat or ces");
    }
    query.driver_of = *kind;
  }
  if (const json::value* range = body.if_contains("range"); range && !range->is_null()) {
    VOXLOOP_TRY(ParseRange(*range, query.range));
  }
  if (const json::value* compare = body.if_contains("compare"); compare && !compare->is_null()) {
    if (compare->is_bool()) {
      query.compare = compare->get_bool();
    } else if (compare->is_string() && compare->get_string() == "previous_period") {
      query.compare = true;
    } else {
      return Error::Field("compare", "invalid", "compare is \"previous_period\"");
    }
  }
  if (const json::value* limit = body.if_contains("limit"); limit && !limit->is_null()) {
    if (!limit->is_int64() || limit->get_int64() < 1 || limit->get_int64() > 10000) {
      return Error::Field("limit", "invalid", "limit is 1 to 10000");
    }
    query.limit = static_cast<std::size_t>(limit->get_int64());
  }
  return core::Ok();
}

}  // namespace

core::Result<Query> ParseQuery(const json::value& body) {
  const json::object* object = body.if_object();
  if (object == nullptr) return Error::InvalidArgument("The query must be a JSON object");
  static constexpr std::string_view kKnown[] = {"metric", "metrics", "survey", "question", "of",
                                                "group_by", "interval", "filters", "range",
                                                "compare", "limit", "group", "cursor"};
  for (const auto& member : *object) {
    if (std::find(std::begin(kKnown), std::end(kKnown), member.key()) == std::end(kKnown)) {
      return Error::Field(std::string(member.key()), "unknown", "Unknown query field");
    }
  }
  Query query;
  VOXLOOP_TRY(ParseMetrics(*object, query));
  VOXLOOP_TRY(ParseGrouping(*object, query));
  VOXLOOP_TRY(ParseFilters(*object, query));
  VOXLOOP_TRY(ParseOptions(*object, query));
  if (query.metrics.front() == MetricKind::kResponseRate) {
    if (query.survey.empty()) return Error::Field("survey", "required", "response_rate needs a survey");
    if (!query.group_by.empty() || !query.filters.empty() || query.compare) {
      return Error::Field("metric", "invalid", "response_rate takes a survey and a range only");
    }
  }
  return query;
}

}  // namespace voxloop::metrics
