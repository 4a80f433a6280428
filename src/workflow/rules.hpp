// Rules: "when this happens, do that", evaluated on every committed feedback item and every
// completed survey response, inside the transaction that commits it (so what a rule does
// commits with its cause, exactly once). The texts of a survey response are judged once,
// together with its scores, as the response — not one by one as items.
//
// A rule is {"name", "enabled"?, "when": <condition, see conditions.hpp>, "then": [actions],
// "throttle_minutes"?, "quiet_hours"?: {"start": "22:00", "end": "07:00"}}. Actions:
//   {"type": "create_case", "title"?, "team"?}   a case for the customer; the items go to the
//                                                customer's open case when there is one
//   {"type": "assign", "user_id"?, "team"?}      the case's assignee and/or team
//   {"type": "set_priority", "priority"}         the case's priority, set by hand
//   {"type": "tag", "tags": [...]}               tags on the items (and the case, if any)
//   {"type": "notify_webhook", "url"?}           alert.fired to the webhook subscriptions, or
//                                                with a URL a Slack/Teams incoming-webhook post
//   {"type": "notify_email", "to": [...]}        an e-mail alert
//   {"type": "notify_in_app", "user_ids"?: [...]} a dashboard notification, pushed live, to
//                                                these members (default: every member who
//                                                may read cases; metrics, for metric rules)
// assign and set_priority imply a case.
//
// Two more kinds, judged by the watch job (workflow/watch.hpp) every few minutes:
//   "kind": "metric" — "when": {"metric": "nps", "filters": {"segment": "enterprise"},
//       "window_days": 7, "op": "lt", "value": 30, "min_n": 10}: the metric over the last
//       window is below (above…) a threshold; or {"metric": "topic_volume", "topic":
//       "delivery", "window_days": 1, "spike": {"factor": 2, "baseline_windows": 4},
//       "min_n": 10}: the topic's volume is at least factor × its mean over the windows before.
//       It alerts when the condition starts to hold, not again until it has cleared.
//       Actions: notify_webhook, notify_email, notify_in_app.
//   "kind": "sla_breach" — "when": {"sla": "first_response" | "resolution" | "any",
//       "priority"?: [...], "team"?: "…"}: a case missed a due time (escalation). Actions:
//       assign, set_priority, tag (the case), notify_webhook, notify_email, notify_in_app. Notifications are de-duplicated: within
// throttle_minutes of the rule's last notification a firing notifies nobody (it is counted,
// and the next alert says how many were kept quiet); in the quiet hours (the workspace's time
// zone) e-mail and chat alerts wait for the end of them. Cases, tags and webhook events are
// never held back.
//
// Thread-safety: every method may be called from any thread; Apply on the writer thread
// inside a write job. Each workspace's rules are cached, parsed, until one changes.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "auth/principal.hpp"
#include "collect/response_observer.hpp"
#include "core/feedback.hpp"
#include "core/result.hpp"
#include "store/case_repo.hpp"
#include "store/database.hpp"
#include "workflow/cases.hpp"
#include "workflow/conditions.hpp"
#include "workflow/notifications.hpp"
#include "workflow/notifier.hpp"
#include "workflow/webhooks.hpp"
#include "workflow/workspace_cache.hpp"

namespace voxloop::workflow {

enum class ActionType { kCreateCase, kAssign, kSetPriority, kTag, kNotifyWebhook, kNotifyEmail, kNotifyInApp };

struct RuleAction {
  ActionType type = ActionType::kCreateCase;
  std::string title;                // create_case ("" → from the feedback)
  std::string team;                 // create_case, assign
  std::optional<core::Id> user_id;  // assign
  std::string priority;             // set_priority
  std::vector<std::string> tags;    // tag
  std::vector<std::string> to;      // notify_email
  std::vector<core::Id> user_ids;   // notify_in_app ("": the members who may read cases)
  std::string url;                  // notify_webhook: a chat incoming webhook
};

struct QuietHours {
  int start_minute = 22 * 60;  // local minute of the day; may be after end (over midnight)
  int end_minute = 7 * 60;
};

enum class RuleKind { kItem, kMetric, kSlaBreach };

struct MetricCondition {
  std::string metric = "nps";   // a metric of the query API, or "topic_volume"
  boost::json::object filters;  // the query API's filters
  int window_days = 7;
  ConditionOp op = ConditionOp::kLt;  // threshold: lt, lte, gt, gte
  double value = 0;
  int min_n = 10;  // fewer answers (items) in the window: no alert
  // Spike (topic_volume): the window's count against the mean of the windows before it.
  bool spike = false;
  std::string topic;
  double factor = 2.0;
  int baseline_windows = 4;
};

struct SlaCondition {
  std::string which = "any";  // first_response | resolution | any
  std::vector<std::string> priorities;  // empty: any
  std::string team;                     // "": any
};

struct RuleDefinition {
  RuleKind kind = RuleKind::kItem;
  Condition when;  // kItem
  MetricCondition metric;  // kMetric
  SlaCondition sla;        // kSlaBreach
  std::vector<RuleAction> then;
  int throttle_minutes = 0;
  std::optional<QuietHours> quiet_hours;
};

// Parsing helpers shared by the rule kinds: an unknown key is a field error at `path` + key;
// whether a definition notifies anyone.
core::Status CheckKeys(const boost::json::object& object, std::initializer_list<std::string_view> allowed,
                       const std::string& path);
bool IsNotification(ActionType type);
bool Notifies(const RuleDefinition& definition);

// The `when` of a metric rule and of an sla_breach rule; errors name "when/…".
core::Result<MetricCondition> ParseMetricCondition(const boost::json::value& when);
core::Result<SlaCondition> ParseSlaCondition(const boost::json::value& when);

// Validates `body`'s when, then, throttle_minutes and quiet_hours (other keys are the
// caller's); field errors name the place ("then/1/to/0").
core::Result<RuleDefinition> ParseRuleDefinition(const boost::json::object& body);
// The instant the quiet hours around `at` end, or `at` when it is outside them.
core::TimeMs AfterQuietHours(core::TimeMs at, const QuietHours& quiet, const std::string& time_zone);

// What a rule judges and acts on: one feedback item, or one survey response with its texts.
struct RuleSubject {
  core::Id workspace_id = 0;
  Facts facts;  // facts.customer is filled when a rule needs it
  std::optional<core::Id> customer_id;
  std::optional<core::Id> response_id;
  std::vector<core::Id> feedback_ids;
  std::vector<std::vector<std::string>> item_tags;  // the items' tags as stored, by feedback_ids
  std::vector<std::string> added_tags;  // what the firing rules tag them with (written once, at the end)
  std::string title;    // a case's title when the rule names none
  std::string excerpt;  // the text with PII masked, for alerts
  std::string summary;  // "an NPS of 3 on a survey response", for alerts
  PriorityInputs priority;
  boost::json::object alert_data;  // more for alert.fired (a metric's value and window)
  std::optional<core::Id> case_id;  // the case an earlier rule opened or joined for it
};
RuleSubject ItemSubject(const core::FeedbackItem& item);
RuleSubject ResponseSubject(const collect::CompletedResponse& completed);

class Rules {
 public:
  Rules(store::Database& database, Cases& cases, Webhooks& webhooks, Notifier& notifier)
      : database_(database), cases_(cases), webhooks_(webhooks), notifier_(notifier) {}

  // `body` as the API takes it: name, enabled, when, then, throttle_minutes, quiet_hours.
  // Update merges: keys given replace the stored ones.
  core::Result<store::RuleRow> Create(core::Id workspace_id, const boost::json::object& body, const auth::Actor& actor);
  core::Result<std::vector<store::RuleRow>> List(core::Id workspace_id);
  core::Result<store::RuleRow> Get(core::Id workspace_id, core::Id id);
  core::Result<store::RuleRow> Update(core::Id workspace_id, core::Id id, const boost::json::object& body,
                                      const auth::Actor& actor);
  core::Status Delete(core::Id workspace_id, core::Id id, const auth::Actor& actor);

  // Inside a write job: evaluates the workspace's enabled rules on the subject `make_subject`
  // builds and acts on those that match. The subject is built only when the workspace has
  // rules: one without costs a cached lookup.
  core::Status Apply(store::WriteContext& context, core::Id workspace_id,
                     const std::function<RuleSubject()>& make_subject);

  // The query API, for metric rules: (workspace, query body) → its answer. Set at start-up.
  using MetricSource = std::function<core::Result<boost::json::object>(core::Id, const boost::json::value&)>;
  void SetMetricSource(MetricSource source) { metric_source_ = std::move(source); }
  // Set once at start-up; without it notify_in_app tells nobody.
  void SetNotifications(Notifications* notifications) { notifications_ = notifications; }
  // Judges the workspace's metric rules at `now` and alerts on those that started to hold.
  // Returns how many alerted.
  core::Result<int> WatchMetrics(core::Id workspace_id, core::TimeMs now);
  // Inside a write job: the sla_breach rules on a case that just missed a due time
  // (`which`: first_response or resolution).
  core::Status ApplySlaBreach(store::WriteContext& context, const store::CaseRow& row, const std::string& which);

 private:
  struct Compiled {
    store::RuleRow row;
    RuleDefinition definition;
    bool reads_customer = false;
  };
  using RuleSet = std::shared_ptr<const std::vector<Compiled>>;

  core::Result<RuleSet> RulesOf(store::Connection& db, core::Id workspace_id);
  void ForgetAround(store::WriteContext& context, core::Id workspace_id) { rules_.ForgetAround(context, workspace_id); }
  core::Status Fire(store::WriteContext& context, const Compiled& rule, RuleSubject& subject);
  core::Status Notify(store::WriteContext& context, const Compiled& rule, const RuleSubject& subject,
                      const std::optional<store::CaseRow>& opened);
  core::Result<std::vector<Compiled>> RulesOfKind(store::Connection& db, core::Id workspace_id, RuleKind kind);
  // The metric rule's value at `now`: whether it holds, and the alert's subject.
  core::Result<std::pair<bool, RuleSubject>> JudgeMetric(const Compiled& rule, core::TimeMs now);

  store::Database& database_;
  Cases& cases_;
  Webhooks& webhooks_;
  Notifier& notifier_;
  MetricSource metric_source_;
  Notifications* notifications_ = nullptr;

  WorkspaceCache<const std::vector<Compiled>> rules_;  // the enabled item rules
};

}  // namespace voxloop::workflow
