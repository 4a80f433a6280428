// The rules the watch job judges: metric rules (a threshold on a metric over a window, or a
// topic's volume spiking against its usual level) and sla_breach rules (escalation). Part of
// workflow::Rules; see rules.hpp for the contract.
#include <boost/json.hpp>
#include <cmath>

#include "store/case_repo.hpp"
#include "workflow/rules.hpp"

namespace voxloop::workflow {
namespace {

namespace json = boost::json;

constexpr core::TimeMs kDayMs = 86'400'000;
constexpr std::string_view kThresholdMetrics[] = {"nps", "csat", "ces", "rating", "sentiment",
                                                   "negative_share", "positive_share", "count"};

core::Error WhenError(const std::string& field, std::string code, std::string message) {
  return core::Error::Field("when/" + field, std::move(code), std::move(message));
}

core::Result<double> Number(const json::object& object, std::string_view key, double min, double max, double fallback,
                            bool required = false) {
  const json::value* value = object.if_contains(key);
  if (value == nullptr || value->is_null()) {
    if (required) return WhenError(std::string(key), "required", "This field is required");
    return fallback;
  }
  if (!value->is_number()) return WhenError(std::string(key), "type", "A number");
  const double number = value->to_number<double>();
  if (number < min || number > max) {
    return WhenError(std::string(key), "invalid", "From " + json::serialize(json::value(min)) + " to " +
                                                      json::serialize(json::value(max)));
  }
  return number;
}

std::string Describe(const MetricCondition& metric) {
  std::string filters;
  for (const auto& [key, value] : metric.filters) {
    filters += (filters.empty() ? "" : ", ") + std::string(key) + " = " +
               (value.is_string() ? std::string(value.as_string()) : json::serialize(value));
  }
  const std::string window = std::to_string(metric.window_days) + (metric.window_days == 1 ? " day" : " days");
  return (metric.spike ? "topic " + metric.topic : metric.metric) + " over the last " + window +
         (filters.empty() ? "" : " (" + filters + ")");
}

std::string Format(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  return text;
}

}  // namespace

core::Result<MetricCondition> ParseMetricCondition(const json::value& when) {
  if (!when.is_object()) return core::Error::Field("when", "type", "An object: the metric, its window and threshold");
  const json::object& object = when.as_object();
  VOXLOOP_TRY(CheckKeys(object, {"metric", "filters", "window_days", "op", "value", "min_n", "topic", "spike"}, "when"));
  MetricCondition metric;
  const json::value* name = object.if_contains("metric");
  if (name == nullptr || !name->is_string()) return WhenError("metric", "required", "The metric to watch");
  metric.metric = std::string(name->as_string());
  if (const json::value* filters = object.if_contains("filters"); filters != nullptr && !filters->is_null()) {
    if (!filters->is_object()) return WhenError("filters", "type", "An object of dimension → value(s), as in the query API");
    metric.filters = filters->as_object();
  }
  VOXLOOP_ASSIGN_OR_RETURN(double window, Number(object, "window_days", 1, 90, 7));
  metric.window_days = static_cast<int>(window);
  VOXLOOP_ASSIGN_OR_RETURN(double min_n, Number(object, "min_n", 1, 1e9, 10));
  metric.min_n = static_cast<int>(min_n);
  if (metric.metric == "topic_volume") {
    metric.spike = true;
    const json::value* topic = object.if_contains("topic");
    if (topic == nullptr || !topic->is_string() || topic->as_string().empty()) {
      return WhenError("topic", "required", "The topic whose volume is watched");
    }
    metric.topic = std::string(topic->as_string());
    const json::value* spike = object.if_contains("spike");
    const json::object empty;
    const json::object& settings = spike != nullptr && spike->is_object() ? spike->as_object() : empty;
    if (spike != nullptr && !spike->is_object()) return WhenError("spike", "type", R"({"factor": 2, "baseline_windows": 4})");
    VOXLOOP_TRY(CheckKeys(settings, {"factor", "baseline_windows"}, "when/spike"));
    auto factor = Number(settings, "factor", 1.1, 100, 2);
    if (!factor) return core::Error::Field("when/spike/factor", "invalid", "From 1.1 to 100");
    auto windows = Number(settings, "baseline_windows", 1, 12, 4);
    if (!windows) return core::Error::Field("when/spike/baseline_windows", "invalid", "From 1 to 12");
    metric.factor = *factor;
    metric.baseline_windows = static_cast<int>(*windows);
    return metric;
  }
  if (std::find(std::begin(kThresholdMetrics), std::end(kThresholdMetrics), metric.metric) == std::end(kThresholdMetrics)) {
    return WhenError("metric", "invalid", "One of nps, csat, ces, rating, sentiment, negative_share, positive_share, count, topic_volume");
  }
  const json::value* op = object.if_contains("op");
  const std::string_view op_name = op != nullptr && op->is_string() ? std::string_view(op->as_string()) : "";
  if (op_name == "lt") metric.op = ConditionOp::kLt;
  else if (op_name == "lte") metric.op = ConditionOp::kLte;
  else if (op_name == "gt") metric.op = ConditionOp::kGt;
  else if (op_name == "gte") metric.op = ConditionOp::kGte;
  else return WhenError("op", "invalid", "One of lt, lte, gt, gte");
  VOXLOOP_ASSIGN_OR_RETURN(metric.value, Number(object, "value", -1e9, 1e9, 0, /*required=*/true));
  return metric;
}

core::Result<SlaCondition> ParseSlaCondition(const json::value& when) {
  if (!when.is_object()) return core::Error::Field("when", "type", R"(An object: {"sla": "any"})");
  const json::object& object = when.as_object();
  VOXLOOP_TRY(CheckKeys(object, {"sla", "priority", "team"}, "when"));
  SlaCondition sla;
  if (const json::value* which = object.if_contains("sla"); which != nullptr) {
    if (!which->is_string() || (which->as_string() != "any" && which->as_string() != "first_response" &&
                                which->as_string() != "resolution")) {
      return WhenError("sla", "invalid", "One of first_response, resolution, any");
    }
    sla.which = std::string(which->as_string());
  }
  if (const json::value* priority = object.if_contains("priority"); priority != nullptr) {
    const json::array single{*priority};
    const json::array& levels = priority->is_array() ? priority->as_array() : single;
    for (std::size_t idx = 0; idx < levels.size(); ++idx) {
      if (!levels[idx].is_string() || !IsPriorityLevel(std::string(levels[idx].as_string()))) {
        return WhenError("priority" + (priority->is_array() ? "/" + std::to_string(idx) : ""), "invalid",
                         "low, normal, high or urgent");
      }
      sla.priorities.emplace_back(levels[idx].as_string());
    }
  }
  if (const json::value* team = object.if_contains("team"); team != nullptr) {
    if (!team->is_string()) return WhenError("team", "type", "A team name");
    sla.team = std::string(team->as_string());
  }
  return sla;
}

core::Result<std::pair<bool, RuleSubject>> Rules::JudgeMetric(const Compiled& rule, core::TimeMs now) {
  if (!metric_source_) return core::Error::Unavailable("metric rules need the metrics index");
  const MetricCondition& metric = rule.definition.metric;
  const core::TimeMs window = metric.window_days * kDayMs;
  // One query: the metric's value and n over [from, to).
  auto measure = [&](const std::string& name, const json::object& filters, core::TimeMs from,
                     core::TimeMs to) -> core::Result<std::pair<std::optional<double>, std::int64_t>> {
    json::value body = {{"metric", name},
                        {"filters", filters},
                        {"range", {{"from", core::FormatRfc3339(from)}, {"to", core::FormatRfc3339(to)}}}};
    VOXLOOP_ASSIGN_OR_RETURN(json::object answer, metric_source_(rule.row.workspace_id, body));
    const json::value* rows = answer.if_contains("rows");
    if (rows == nullptr || !rows->is_array() || rows->as_array().empty() || !rows->as_array()[0].is_object()) {
      return std::pair<std::optional<double>, std::int64_t>{std::nullopt, 0};
    }
    const json::object& row = rows->as_array()[0].as_object();
    std::optional<double> value;
    if (const json::value* v = row.if_contains("value"); v != nullptr && v->is_number()) value = v->to_number<double>();
    std::int64_t n = 0;
    if (const json::value* count = row.if_contains("n"); count != nullptr && count->is_int64()) n = count->as_int64();
    return std::pair{value, n};
  };
  RuleSubject subject;
  subject.workspace_id = rule.row.workspace_id;
  bool holds = false;
  if (metric.spike) {
    json::object filters = metric.filters;
    filters["topic"] = metric.topic;
    VOXLOOP_ASSIGN_OR_RETURN(auto current, measure("count", filters, now - window, now));
    double baseline = 0;
    for (int k = 1; k <= metric.baseline_windows; ++k) {
      VOXLOOP_ASSIGN_OR_RETURN(auto before, measure("count", filters, now - (k + 1) * window, now - k * window));
      baseline += static_cast<double>(before.second);
    }
    baseline /= metric.baseline_windows;
    const double count = static_cast<double>(current.second);
    holds = current.second >= metric.min_n && count >= metric.factor * baseline;
    subject.summary = Describe(metric) + ": " + std::to_string(current.second) + " against " + Format(baseline) +
                      " usually (the " + std::to_string(metric.baseline_windows) + " windows before)" +
                      (baseline > 0 ? ", " + Format(count / baseline) + "×" : "");
    subject.alert_data = {{"metric", {{"name", "topic_volume"},
                                      {"topic", metric.topic},
                                      {"count", current.second},
                                      {"baseline", baseline},
                                      {"factor", metric.factor},
                                      {"window_days", metric.window_days}}}};
  } else {
    VOXLOOP_ASSIGN_OR_RETURN(auto current, measure(metric.metric, metric.filters, now - window, now));
    const auto& [value, n] = current;
    if (value && n >= metric.min_n) {
      switch (metric.op) {
        case ConditionOp::kLt: holds = *value < metric.value; break;
        case ConditionOp::kLte: holds = *value <= metric.value; break;
        case ConditionOp::kGt: holds = *value > metric.value; break;
        default: holds = *value >= metric.value; break;
      }
    }
    const char* relation = metric.op == ConditionOp::kLt || metric.op == ConditionOp::kLte ? "below" : "above";
    subject.summary = Describe(metric) + ": " + (value ? Format(*value) : std::string("no value")) + " from " +
                      std::to_string(n) + " (" + relation + " " + Format(metric.value) + " is the alert)";
    subject.alert_data = {{"metric", {{"name", metric.metric},
                                      {"value", value ? json::value(*value) : json::value(nullptr)},
                                      {"n", n},
                                      {"threshold", metric.value},
                                      {"window_days", metric.window_days}}}};
  }
  return std::pair{holds, std::move(subject)};
}

core::Result<int> Rules::WatchMetrics(core::Id workspace_id, core::TimeMs now) {
  VOXLOOP_ASSIGN_OR_RETURN(auto rules, database_.Read<std::vector<Compiled>>([&](store::Connection& db) {
                             return RulesOfKind(db, workspace_id, RuleKind::kMetric);
                           }));
  int alerted = 0;
  for (const Compiled& rule : rules) {
    VOXLOOP_ASSIGN_OR_RETURN(auto judged, JudgeMetric(rule, now));
    auto& [holds, subject] = judged;
    bool alert = false;
    VOXLOOP_TRY(database_.writer().Run([&](store::WriteContext& context) -> core::Status {
      alert = false;
      store::RuleRepo repo(context.db);
      VOXLOOP_ASSIGN_OR_RETURN(auto current, repo.Get(workspace_id, rule.row.id));
      if (!current || !current->enabled) return core::Ok();
      boost::system::error_code error;
      json::value state = json::parse(current->state_json, error);
      const bool held = !error && state.is_object() && state.as_object().if_contains("holds") != nullptr &&
                        state.as_object().at("holds").is_bool() && state.as_object().at("holds").as_bool();
      json::object next{{"holds", holds}, {"checked_at", core::FormatRfc3339(now)}, {"summary", subject.summary}};
      if (holds) {
        next["since"] = held && state.as_object().if_contains("since") ? state.as_object().at("since")
                                                                       : json::value(core::FormatRfc3339(now));
      }
      VOXLOOP_TRY(repo.UpdateState(workspace_id, rule.row.id, json::serialize(next)));
      if (!holds || held) return core::Ok();  // alert on the start only
      VOXLOOP_TRY(repo.CountFiring(workspace_id, rule.row.id, now));
      alert = true;
      return Notify(context, rule, subject, std::nullopt);
    }));
    if (alert) ++alerted;
  }
  return alerted;
}

core::Status Rules::ApplySlaBreach(store::WriteContext& context, const store::CaseRow& row, const std::string& which) {
  VOXLOOP_ASSIGN_OR_RETURN(auto rules, RulesOfKind(context.db, row.workspace_id, RuleKind::kSlaBreach));
  for (const Compiled& rule : rules) {
    const SlaCondition& sla = rule.definition.sla;
    if (sla.which != "any" && sla.which != which) continue;
    if (!sla.priorities.empty() &&
        std::find(sla.priorities.begin(), sla.priorities.end(), row.priority) == sla.priorities.end()) {
      continue;
    }
    if (!sla.team.empty() && sla.team != row.team) continue;
    VOXLOOP_TRY(store::RuleRepo(context.db).CountFiring(row.workspace_id, rule.row.id, core::NowMs()));
    CasePatch patch;
    for (const RuleAction& action : rule.definition.then) {
      if (action.type == ActionType::kAssign) {
        if (action.user_id) patch.assignee_id = action.user_id;
        if (!action.team.empty()) patch.team = action.team;
      } else if (action.type == ActionType::kSetPriority) {
        patch.priority = action.priority;
      } else if (action.type == ActionType::kTag) {
        for (const std::string& tag : action.tags) patch.add_tags.push_back(tag);
      }
    }
    VOXLOOP_ASSIGN_OR_RETURN(store::CaseRow changed, cases_.UpdateIn(context, row.workspace_id, row.id, patch,
                                                                      RuleActor(rule.row.id)));
    RuleSubject subject;
    subject.workspace_id = row.workspace_id;
    subject.customer_id = row.customer_id;
    subject.summary = "the case \"" + changed.title + "\" (" + changed.priority + "), which missed its " +
                      (which == "first_response" ? "first-response" : "resolution") + " time";
    subject.alert_data = {{"sla", which}};
    if (Notifies(rule.definition)) VOXLOOP_TRY(Notify(context, rule, subject, changed));
  }
  return core::Ok();
}

}  // namespace voxloop::workflow
