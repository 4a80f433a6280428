// Query: a metrics question as the query API takes it (docs/api.md "Metrics: the query API"),
// parsed and validated, and its execution against a ResponseIndex. Parse errors are
// invalid_argument with the field named. Execution is a scan of the index's columns in
// blocks, skipping blocks outside the time range; thread-safe (reads under the index's lock).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "core/result.hpp"
#include "core/time.hpp"
#include "metrics/calendar.hpp"
#include "metrics/response_index.hpp"

namespace voxloop::metrics {

enum class MetricKind {
  kNps, kCsat, kCes, kRating, kCount, kSentiment, kNegativeShare, kNeutralShare, kPositiveShare,
  kDrivers, kEmergingTopics, kResponseRate
};

enum class DimensionKind { kTime, kChannel, kSurvey, kLanguage, kTopic, kSentiment, kAttribute };

struct Dimension {
  DimensionKind kind = DimensionKind::kChannel;
  std::string attribute;  // kAttribute: the customer attribute ("segment" for `segment`)
  std::string name;       // as in the request: "channel", "segment", "customer.plan" …
};

struct Filter {
  Dimension dimension;
  std::vector<std::string> values;  // any of
};

// A range as given: instants, or "last N units" resolved against the calendar at execution.
struct RangeSpec {
  std::optional<core::TimeMs> from, to;             // instants (dates resolved at execution)
  std::optional<std::string> from_date, to_date;    // "YYYY-MM-DD", local midnight
  int last_count = 0;                               // > 0 for {"last": "12m"}
  Interval last_unit = Interval::kMonth;
};

struct Query {
  std::vector<MetricKind> metrics;
  std::vector<std::string> metric_names;
  MetricKind driver_of = MetricKind::kNps;  // for kDrivers
  std::string survey;    // decimal id or ""
  std::string question;  // question id or ""
  std::vector<Dimension> group_by;
  std::optional<Interval> interval;
  std::vector<Filter> filters;
  RangeSpec range;
  bool compare = false;
  std::size_t limit = 1000;
};

core::Result<Query> ParseQuery(const boost::json::value& body);

// E-mail invitations of the query's survey sent in [from, to) and how many of them were
// answered, for `response_rate` (the index holds responses, not invitations: the caller
// counts them in the store).
struct InvitationCounts {
  std::int64_t sent = 0;
  std::int64_t answered = 0;
};
using InvitationCounter =
    std::function<core::Result<InvitationCounts>(core::Id survey_id, core::TimeMs from, core::TimeMs to)>;

// Executes `query` against the index; the answer is the API's JSON body ({"rows": […], …}).
// `invitations` answers response_rate (without it, response_rate is kUnavailable).
core::Result<boost::json::object> RunQuery(const Query& query, const ResponseIndex& index,
                                           core::TimeMs now, const InvitationCounter& invitations = {});

// The feedback item ids behind `group` (a row's group object) under the query's filters and
// range, newest first: at most `limit`, after `before` (the previous page's last (at, key)).
struct DrillDownPage {
  std::vector<core::Id> item_ids;
  std::optional<std::pair<core::TimeMs, core::Id>> next;
};
core::Result<DrillDownPage> DrillDown(const Query& query, const boost::json::object& group,
                                      const ResponseIndex& index, core::TimeMs now,
                                      std::size_t limit,
                                      std::optional<std::pair<core::TimeMs, core::Id>> before);

// The values each dimension takes ({"channels": […], "topics": […], "attributes": {…}}).
boost::json::object Dimensions(const ResponseIndex& index);

}  // namespace voxloop::metrics
