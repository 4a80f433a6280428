#include "workflow/rules.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <boost/json.hpp>
#include <boost/url/parse.hpp>

#include "analysis/text.hpp"
#include "auth/audit.hpp"
#include "collect/survey_definition.hpp"
#include "core/text.hpp"
#include "mail/message.hpp"
#include "metrics/calendar.hpp"
#include "store/customer_repo.hpp"
#include "store/feedback_repo.hpp"
#include "store/metrics_source_repo.hpp"
#include "store/workspace_repo.hpp"

namespace voxloop::workflow {
namespace {

namespace json = boost::json;

constexpr std::size_t kMaxRulesPerWorkspace = 500;
constexpr std::size_t kMaxActions = 10;
constexpr std::size_t kMaxNameChars = 200;
constexpr std::size_t kMaxRecipients = 20;
constexpr std::size_t kMaxExcerptBytes = 600;
constexpr int kMaxThrottleMinutes = 7 * 24 * 60;
constexpr core::TimeMs kMinuteMs = 60'000;

core::Error FieldError(const std::string& path, std::string code, std::string message) {
  return core::Error::Field(path, std::move(code), std::move(message));
}

// Reads the string `key` of an action; "" when absent.
bool HasControlCharacters(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

// A number as people write it: 4, not 4E0; 1.5.
std::string FormatNumber(double value) {
  if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e15) {
    return std::to_string(static_cast<long long>(value));
  }
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

core::Result<std::string> OptionalString(const json::object& object, std::string_view key, const std::string& path,
                                         std::size_t max_chars) {
  const json::value* value = object.if_contains(key);
  if (value == nullptr || value->is_null()) return std::string();
  if (!value->is_string()) return FieldError(path + "/" + std::string(key), "type", "A string");
  std::string text(value->as_string());
  if (core::Utf8Length(text) > max_chars) {
    return FieldError(path + "/" + std::string(key), "too_long", "At most " + std::to_string(max_chars) + " characters");
  }
  if (HasControlCharacters(text)) return FieldError(path + "/" + std::string(key), "invalid", "No line breaks or control characters");
  return text;
}

core::Result<std::vector<std::string>> StringList(const json::object& object, std::string_view key,
                                                  const std::string& path, std::size_t max_items) {
  const std::string field = path + "/" + std::string(key);
  const json::value* value = object.if_contains(key);
  if (value == nullptr) return FieldError(field, "required", "This field is required");
  if (!value->is_array()) return FieldError(field, "type", "An array of strings");
  const json::array& array = value->as_array();
  if (array.empty()) return FieldError(field, "required", "At least one");
  if (array.size() > max_items) return FieldError(field, "too_long", "At most " + std::to_string(max_items));
  std::vector<std::string> out;
  for (std::size_t idx = 0; idx < array.size(); ++idx) {
    if (!array[idx].is_string() || array[idx].as_string().empty() || array[idx].as_string().size() > 254) {
      return FieldError(field + "/" + std::to_string(idx), "type", "A non-empty string");
    }
    out.emplace_back(array[idx].as_string());
  }
  return out;
}

core::Result<RuleAction> ParseAction(const json::value& value, const std::string& path) {
  if (!value.is_object()) return FieldError(path, "type", "An action is an object with a type");
  const json::object& object = value.as_object();
  const json::value* type = object.if_contains("type");
  if (type == nullptr || !type->is_string()) return FieldError(path + "/type", "required", "The action's type");
  const std::string_view name = type->as_string();
  RuleAction action;
  if (name == "create_case") {
    action.type = ActionType::kCreateCase;
    VOXLOOP_TRY(CheckKeys(object, {"type", "title", "team"}, path));
    VOXLOOP_ASSIGN_OR_RETURN(action.title, OptionalString(object, "title", path, kMaxNameChars));
    VOXLOOP_ASSIGN_OR_RETURN(action.team, OptionalString(object, "team", path, 100));
  } else if (name == "assign") {
    action.type = ActionType::kAssign;
    VOXLOOP_TRY(CheckKeys(object, {"type", "user_id", "team"}, path));
    VOXLOOP_ASSIGN_OR_RETURN(std::string user, OptionalString(object, "user_id", path, 30));
    if (!user.empty()) {
      action.user_id = core::ParseId(user);
      if (!action.user_id) return FieldError(path + "/user_id", "invalid", "A user id");
    }
    VOXLOOP_ASSIGN_OR_RETURN(action.team, OptionalString(object, "team", path, 100));
    if (!action.user_id && action.team.empty()) {
      return FieldError(path + "/user_id", "required", "Name the user_id, the team, or both");
    }
  } else if (name == "set_priority") {
    action.type = ActionType::kSetPriority;
    VOXLOOP_TRY(CheckKeys(object, {"type", "priority"}, path));
    VOXLOOP_ASSIGN_OR_RETURN(action.priority, OptionalString(object, "priority", path, 10));
    if (!IsPriorityLevel(action.priority)) {
      return FieldError(path + "/priority", "invalid", "One of low, normal, high, urgent");
    }
  } else if (name == "tag") {
    action.type = ActionType::kTag;
    VOXLOOP_TRY(CheckKeys(object, {"type", "tags"}, path));
    VOXLOOP_ASSIGN_OR_RETURN(action.tags, StringList(object, "tags", path, 20));
    for (std::size_t idx = 0; idx < action.tags.size(); ++idx) {
      if (core::Utf8Length(action.tags[idx]) > 60) {
        return FieldError(path + "/tags/" + std::to_string(idx), "too_long", "At most 60 characters");
      }
    }
  } else if (name == "notify_webhook") {
    action.type = ActionType::kNotifyWebhook;
    VOXLOOP_TRY(CheckKeys(object, {"type", "url"}, path));
    VOXLOOP_ASSIGN_OR_RETURN(action.url, OptionalString(object, "url", path, 2000));
    if (!action.url.empty()) VOXLOOP_TRY(CheckWebhookUrl(action.url, path + "/url"));
  } else if (name == "notify_email") {
    action.type = ActionType::kNotifyEmail;
    VOXLOOP_TRY(CheckKeys(object, {"type", "to"}, path));
    VOXLOOP_ASSIGN_OR_RETURN(action.to, StringList(object, "to", path, kMaxRecipients));
    for (std::size_t idx = 0; idx < action.to.size(); ++idx) {
      if (!mail::IsValidEmail(action.to[idx])) {
        return FieldError(path + "/to/" + std::to_string(idx), "invalid", "An e-mail address");
      }
    }
  } else if (name == "notify_in_app") {
    action.type = ActionType::kNotifyInApp;
    VOXLOOP_TRY(CheckKeys(object, {"type", "user_ids"}, path));
    if (object.contains("user_ids")) {
      VOXLOOP_ASSIGN_OR_RETURN(auto users, StringList(object, "user_ids", path, kMaxRecipients));
      for (std::size_t idx = 0; idx < users.size(); ++idx) {
        const auto id = core::ParseId(users[idx]);
        if (!id) return FieldError(path + "/user_ids/" + std::to_string(idx), "invalid", "A user id");
        action.user_ids.push_back(*id);
      }
    }
  } else {
    return FieldError(path + "/type", "invalid",
                      "One of create_case, assign, set_priority, tag, notify_webhook, notify_email, notify_in_app");
  }
  return action;
}

std::optional<int> ParseMinuteOfDay(const json::value* value) {
  if (value == nullptr || !value->is_string()) return std::nullopt;
  const std::string_view text = value->as_string();
  if (text.size() != 5 || text[2] != ':' || !std::isdigit(text[0]) || !std::isdigit(text[1]) ||
      !std::isdigit(text[3]) || !std::isdigit(text[4])) {
    return std::nullopt;
  }
  const int hours = (text[0] - '0') * 10 + (text[1] - '0');
  const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  if (hours > 23 || minutes > 59) return std::nullopt;
  return hours * 60 + minutes;
}

void AddMissing(std::vector<std::string>& values, const std::vector<std::string>& more) {
  for (const std::string& value : more) {
    if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(value);
  }
}

bool NeedsCase(const RuleDefinition& definition) {
  return std::any_of(definition.then.begin(), definition.then.end(), [](const RuleAction& action) {
    return action.type == ActionType::kCreateCase || action.type == ActionType::kAssign ||
           action.type == ActionType::kSetPriority;
  });
}

std::string Excerpt(const std::string& text) {
  if (text.size() <= kMaxExcerptBytes) return text;
  std::size_t cut = kMaxExcerptBytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // a UTF-8 boundary
  return text.substr(0, cut) + "…";
}

std::string TitleFrom(const std::string& excerpt, const std::string& fallback) {
  std::string title = excerpt.substr(0, std::min(excerpt.find_first_of("\r\n"), excerpt.size()));
  std::replace_if(title.begin(), title.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }, ' ');
  if (title.find_first_not_of(' ') == std::string::npos) return fallback;
  if (title.size() > 120) {
    std::size_t cut = 120;
    while (cut > 0 && (static_cast<unsigned char>(title[cut]) & 0xC0) == 0x80) --cut;
    title = title.substr(0, cut) + "…";
  }
  return title;
}

std::string MaskedText(const core::FeedbackItem& item) {
  const core::FeedbackAnalysis& analysis = item.analysis;
  return !analysis.pii_kinds.empty() && !analysis.redacted_text.empty() ? analysis.redacted_text : item.text;
}

// A customer's attributes (a JSON object) as the text values conditions compare.
std::map<std::string, std::string> AttributeMap(std::string_view attributes_json) {
  std::map<std::string, std::string> out;
  boost::system::error_code error;
  const json::value parsed = json::parse(attributes_json, error);
  if (error || !parsed.is_object()) return out;
  for (const auto& [key, value] : parsed.as_object()) {
    if (value.is_string()) out.emplace(key, std::string(value.as_string()));
    else if (value.is_bool()) out.emplace(key, value.as_bool() ? "true" : "false");
    else if (value.is_number()) out.emplace(key, FormatNumber(value.to_number<double>()));
  }
  return out;
}

json::value RuleJson(const store::RuleRow& row) {
  boost::system::error_code error;
  json::value definition = json::parse(row.definition_json, error);
  if (error || !definition.is_object()) definition = json::object();
  return definition;
}

// The stored definition: the body's definition keys, as given (validated).
json::object DefinitionOf(const json::object& body) {
  json::object definition;
  for (std::string_view key : {"kind", "when", "then", "throttle_minutes", "quiet_hours"}) {
    if (const json::value* value = body.if_contains(key); value != nullptr && !value->is_null()) {
      definition[key] = *value;
    }
  }
  return definition;
}

struct RuleHeader {
  std::optional<std::string> name;
  std::optional<bool> enabled;
};

core::Result<RuleHeader> ReadHeader(const json::object& body, bool creating) {
  VOXLOOP_TRY(CheckKeys(body, {"name", "enabled", "kind", "when", "then", "throttle_minutes", "quiet_hours"}, ""));
  RuleHeader header;
  if (const json::value* name = body.if_contains("name"); name != nullptr) {
    if (!name->is_string()) return FieldError("name", "type", "A string");
    header.name = std::string(name->as_string());
    if (header.name->empty()) return FieldError("name", "required", "A rule needs a name");
    if (core::Utf8Length(*header.name) > kMaxNameChars) return FieldError("name", "too_long", "At most 200 characters");
    if (HasControlCharacters(*header.name)) return FieldError("name", "invalid", "No line breaks or control characters");
  } else if (creating) {
    return FieldError("name", "required", "This field is required");
  }
  if (const json::value* enabled = body.if_contains("enabled"); enabled != nullptr) {
    if (!enabled->is_bool()) return FieldError("enabled", "type", "true or false");
    header.enabled = enabled->as_bool();
  }
  return header;
}

}  // namespace

core::Status CheckKeys(const json::object& object, std::initializer_list<std::string_view> allowed,
                       const std::string& path) {
  for (const auto& entry : object) {
    if (std::find(allowed.begin(), allowed.end(), entry.key()) == allowed.end()) {
      return FieldError((path.empty() ? "" : path + "/") + std::string(entry.key()), "unknown", "Unknown field");
    }
  }
  return core::Ok();
}

bool IsNotification(ActionType type) {
  return type == ActionType::kNotifyWebhook || type == ActionType::kNotifyEmail || type == ActionType::kNotifyInApp;
}

bool Notifies(const RuleDefinition& definition) {
  return std::any_of(definition.then.begin(), definition.then.end(),
                     [](const RuleAction& action) { return IsNotification(action.type); });
}

core::Result<RuleDefinition> ParseRuleDefinition(const json::object& body) {
  RuleDefinition definition;
  if (const json::value* kind = body.if_contains("kind"); kind != nullptr && !kind->is_null()) {
    const std::string_view name = kind->is_string() ? std::string_view(kind->as_string()) : std::string_view();
    if (name == "metric") definition.kind = RuleKind::kMetric;
    else if (name == "sla_breach") definition.kind = RuleKind::kSlaBreach;
    else if (name != "item") return FieldError("kind", "invalid", "One of item, metric, sla_breach");
  }
  const json::value* when = body.if_contains("when");
  if (when == nullptr) return FieldError("when", "required", "This field is required");
  if (definition.kind == RuleKind::kItem) {
    VOXLOOP_ASSIGN_OR_RETURN(definition.when, ParseCondition(*when, "when"));
  } else if (definition.kind == RuleKind::kMetric) {
    VOXLOOP_ASSIGN_OR_RETURN(definition.metric, ParseMetricCondition(*when));
  } else {
    VOXLOOP_ASSIGN_OR_RETURN(definition.sla, ParseSlaCondition(*when));
  }
  const json::value* then = body.if_contains("then");
  if (then == nullptr) return FieldError("then", "required", "This field is required");
  if (!then->is_array()) return FieldError("then", "type", "An array of actions");
  if (then->as_array().empty()) return FieldError("then", "required", "At least one action");
  if (then->as_array().size() > kMaxActions) return FieldError("then", "too_long", "At most 10 actions");
  for (std::size_t idx = 0; idx < then->as_array().size(); ++idx) {
    const std::string path = "then/" + std::to_string(idx);
    VOXLOOP_ASSIGN_OR_RETURN(RuleAction action, ParseAction(then->as_array()[idx], path));
    if (definition.kind == RuleKind::kMetric && !IsNotification(action.type)) {
      return FieldError(path + "/type", "invalid",
                        "A metric rule only notifies: notify_webhook, notify_email or notify_in_app");
    }
    if (definition.kind == RuleKind::kSlaBreach && action.type == ActionType::kCreateCase) {
      return FieldError(path + "/type", "invalid", "An sla_breach rule acts on the case that missed its time");
    }
    definition.then.push_back(std::move(action));
  }
  if (const json::value* throttle = body.if_contains("throttle_minutes"); throttle != nullptr && !throttle->is_null()) {
    if (!throttle->is_int64() || throttle->as_int64() < 0 || throttle->as_int64() > kMaxThrottleMinutes) {
      return FieldError("throttle_minutes", "invalid", "A whole number of minutes, 0–10080");
    }
    definition.throttle_minutes = static_cast<int>(throttle->as_int64());
  }
  if (const json::value* quiet = body.if_contains("quiet_hours"); quiet != nullptr && !quiet->is_null()) {
    if (!quiet->is_object()) return FieldError("quiet_hours", "type", R"({"start": "22:00", "end": "07:00"})");
    VOXLOOP_TRY(CheckKeys(quiet->as_object(), {"start", "end"}, "quiet_hours"));
    const auto start = ParseMinuteOfDay(quiet->as_object().if_contains("start"));
    const auto end = ParseMinuteOfDay(quiet->as_object().if_contains("end"));
    if (!start) return FieldError("quiet_hours/start", "invalid", "A local time HH:MM");
    if (!end) return FieldError("quiet_hours/end", "invalid", "A local time HH:MM");
    if (*start == *end) return FieldError("quiet_hours/end", "invalid", "The quiet hours must not be empty");
    definition.quiet_hours = QuietHours{*start, *end};
  }
  return definition;
}

core::TimeMs AfterQuietHours(core::TimeMs at, const QuietHours& quiet, const std::string& time_zone) {
  const metrics::ZoneCalendar& calendar = *metrics::ZoneCalendar::Shared(time_zone);
  const std::int32_t day = calendar.LocalDay(at);
  const int minute = static_cast<int>(calendar.TimeOfDay(at) / kMinuteMs);
  const core::TimeMs end = quiet.end_minute * kMinuteMs;
  const bool overnight = quiet.start_minute > quiet.end_minute;
  if (!overnight) {
    if (minute < quiet.start_minute || minute >= quiet.end_minute) return at;
    return calendar.AtLocalTime(day, end);
  }
  if (minute >= quiet.start_minute) return calendar.AtLocalTime(day + 1, end);
  if (minute < quiet.end_minute) return calendar.AtLocalTime(day, end);
  return at;
}

RuleSubject ItemSubject(const core::FeedbackItem& item) {
  RuleSubject subject;
  const core::FeedbackAnalysis& analysis = item.analysis;
  subject.workspace_id = item.workspace_id;
  Facts& facts = subject.facts;
  facts.channel = std::string(core::ChannelName(item.channel));
  // The analysis folded the text for search already (an item stored unanalysed too).
  facts.text_folded = analysis.search_text.empty() ? analysis::FoldForSearch(item.text) : analysis.search_text;
  facts.rating = item.rating;
  facts.language = analysis.language;
  facts.sentiment_label = std::string(core::SentimentLabelName(analysis.sentiment));
  if (!facts.sentiment_label.empty()) facts.sentiment_score = analysis.sentiment_score;
  facts.topics = analysis.topics;
  if (item.survey_id) facts.survey = core::IdToString(*item.survey_id);
  subject.customer_id = item.customer_id;
  subject.response_id = item.response_id;
  subject.feedback_ids = {item.id};
  subject.item_tags = {item.tags};
  subject.excerpt = Excerpt(MaskedText(item));
  subject.title = TitleFrom(subject.excerpt, "Feedback on " + facts.channel);
  subject.summary = "feedback on " + facts.channel + (item.rating ? " rated " + FormatNumber(*item.rating) : "");
  subject.priority.sentiment_label = facts.sentiment_label;
  subject.priority.sentiment_score = analysis.sentiment_score;
  subject.priority.rating = item.rating;
  subject.priority.topics = analysis.topics;
  subject.priority.given_at = item.received_at;
  subject.priority.now = core::NowMs();
  return subject;
}

RuleSubject ResponseSubject(const collect::CompletedResponse& completed) {
  const store::SurveyResponseRow& response = completed.response;
  RuleSubject subject;
  subject.workspace_id = response.workspace_id;
  Facts& facts = subject.facts;
  facts.channel = "survey";
  facts.language = response.language;
  facts.survey = core::IdToString(response.survey_id);
  std::string score_summary;
  for (const collect::ScoreAnswer& score : completed.scores) {
    std::optional<double>* slot = score.type == collect::QuestionType::kNps    ? &facts.nps
                                  : score.type == collect::QuestionType::kCsat ? &facts.csat
                                  : score.type == collect::QuestionType::kCes  ? &facts.ces
                                                                               : nullptr;
    if (slot != nullptr && !*slot) {
      *slot = score.value;
      if (score_summary.empty()) {
        const std::string kind = score.type == collect::QuestionType::kNps    ? "an NPS"
                                 : score.type == collect::QuestionType::kCsat ? "a CSAT"
                                                                              : "a CES";
        score_summary = kind + " of " + std::to_string(score.value);
      }
    }
    if (!facts.rating) facts.rating = score.value;
  }
  std::string texts;
  double most_negative = 2.0;
  for (const core::FeedbackItem& item : completed.feedback) {
    subject.feedback_ids.push_back(item.id);
    subject.item_tags.push_back(item.tags);
    if (!texts.empty()) texts += "\n";
    texts += item.text;
    if (!subject.excerpt.empty()) subject.excerpt += "\n";
    subject.excerpt += MaskedText(item);
    const core::FeedbackAnalysis& analysis = item.analysis;
    for (const std::string& topic : analysis.topics) {
      if (std::find(facts.topics.begin(), facts.topics.end(), topic) == facts.topics.end()) facts.topics.push_back(topic);
    }
    const std::string label(core::SentimentLabelName(analysis.sentiment));
    if (!label.empty() && analysis.sentiment_score < most_negative) {
      most_negative = analysis.sentiment_score;
      facts.sentiment_label = label;
      facts.sentiment_score = analysis.sentiment_score;
    }
    if (facts.language.empty()) facts.language = analysis.language;
  }
  facts.text_folded = analysis::FoldForSearch(texts);
  subject.customer_id = response.customer_id;
  subject.response_id = response.id;
  subject.excerpt = Excerpt(subject.excerpt);
  subject.summary = (score_summary.empty() ? std::string("a survey response") : score_summary + " on a survey response");
  subject.title = TitleFrom(subject.excerpt, "Survey response" + (score_summary.empty() ? "" : " with " + score_summary));
  subject.priority.sentiment_label = facts.sentiment_label;
  subject.priority.sentiment_score = facts.sentiment_score.value_or(0.0);
  subject.priority.nps = facts.nps;
  subject.priority.rating = facts.csat ? facts.csat : std::nullopt;
  subject.priority.topics = facts.topics;
  subject.priority.given_at = response.completed_at.value_or(response.updated_at);
  subject.priority.now = core::NowMs();
  return subject;
}

core::Result<store::RuleRow> Rules::Create(core::Id workspace_id, const json::object& body, const auth::Actor& actor) {
  VOXLOOP_ASSIGN_OR_RETURN(RuleHeader header, ReadHeader(body, /*creating=*/true));
  VOXLOOP_TRY(ParseRuleDefinition(body));
  store::RuleRow row;
  row.id = core::NewId();
  row.workspace_id = workspace_id;
  row.name = *header.name;
  row.enabled = header.enabled.value_or(true);
  row.definition_json = json::serialize(DefinitionOf(body));
  row.created_at = row.updated_at = core::NowMs();
  VOXLOOP_TRY(database_.writer().Run([&](store::WriteContext& context) -> core::Status {
    store::RuleRepo repo(context.db);
    VOXLOOP_ASSIGN_OR_RETURN(auto existing, repo.List(workspace_id));
    if (existing.size() >= kMaxRulesPerWorkspace) return core::Error::Conflict("A workspace has at most 500 rules");
    VOXLOOP_TRY(repo.Insert(row));
    ForgetAround(context, workspace_id);
    return auth::RecordAudit(context.db, actor, {workspace_id, "rule.create", "rule", core::IdToString(row.id)});
  }));
  return row;
}

core::Result<std::vector<store::RuleRow>> Rules::List(core::Id workspace_id) {
  return database_.Read<std::vector<store::RuleRow>>(
      [&](store::Connection& db) { return store::RuleRepo(db).List(workspace_id); });
}

core::Result<store::RuleRow> Rules::Get(core::Id workspace_id, core::Id id) {
  VOXLOOP_ASSIGN_OR_RETURN(auto found, database_.Read<std::optional<store::RuleRow>>(
                                           [&](store::Connection& db) { return store::RuleRepo(db).Get(workspace_id, id); }));
  if (!found) return core::Error::NotFound("No such rule");
  return *found;
}

core::Result<store::RuleRow> Rules::Update(core::Id workspace_id, core::Id id, const json::object& body,
                                           const auth::Actor& actor) {
  VOXLOOP_ASSIGN_OR_RETURN(RuleHeader header, ReadHeader(body, /*creating=*/false));
  store::RuleRow updated;
  VOXLOOP_TRY(database_.writer().Run([&](store::WriteContext& context) -> core::Status {
    store::RuleRepo repo(context.db);
    VOXLOOP_ASSIGN_OR_RETURN(auto row, repo.Get(workspace_id, id));
    if (!row) return core::Error::NotFound("No such rule");
    json::value stored = RuleJson(*row);
    json::object merged = stored.as_object();
    for (const auto& [key, value] : DefinitionOf(body)) merged[key] = value;
    for (std::string_view key : {"throttle_minutes", "quiet_hours"}) {
      if (const json::value* value = body.if_contains(key); value != nullptr && value->is_null()) merged.erase(key);
    }
    VOXLOOP_TRY(ParseRuleDefinition(merged));
    if (header.name) row->name = *header.name;
    if (header.enabled) row->enabled = *header.enabled;
    row->definition_json = json::serialize(merged);
    row->updated_at = core::NowMs();
    VOXLOOP_TRY(repo.Update(*row));
    updated = std::move(*row);
    ForgetAround(context, workspace_id);
    return auth::RecordAudit(context.db, actor, {workspace_id, "rule.update", "rule", core::IdToString(id)});
  }));
  return updated;
}

core::Status Rules::Delete(core::Id workspace_id, core::Id id, const auth::Actor& actor) {
  return database_.writer().Run([&](store::WriteContext& context) -> core::Status {
    VOXLOOP_TRY(store::RuleRepo(context.db).Delete(workspace_id, id));
    ForgetAround(context, workspace_id);
    return auth::RecordAudit(context.db, actor, {workspace_id, "rule.delete", "rule", core::IdToString(id)});
  });
}

core::Result<Rules::RuleSet> Rules::RulesOf(store::Connection& db, core::Id workspace_id) {
  return rules_.Get(workspace_id, [&]() -> core::Result<RuleSet> {
    VOXLOOP_ASSIGN_OR_RETURN(auto compiled, RulesOfKind(db, workspace_id, RuleKind::kItem));
    return std::make_shared<const std::vector<Compiled>>(std::move(compiled));
  });
}

core::Result<std::vector<Rules::Compiled>> Rules::RulesOfKind(store::Connection& db, core::Id workspace_id,
                                                            RuleKind kind) {
  VOXLOOP_ASSIGN_OR_RETURN(auto rows, store::RuleRepo(db).List(workspace_id));
  std::vector<Compiled> compiled;
  for (store::RuleRow& row : rows) {
    if (!row.enabled) continue;
    auto definition = ParseRuleDefinition(RuleJson(row).as_object());
    if (!definition || definition->kind != kind) continue;  // (validated on write)
    const bool reads_customer = kind == RuleKind::kItem && ReadsCustomer(definition->when);
    compiled.push_back(Compiled{std::move(row), std::move(*definition), reads_customer});
  }
  return compiled;
}

core::Status Rules::Apply(store::WriteContext& context, core::Id workspace_id,
                          const std::function<RuleSubject()>& make_subject) {
  VOXLOOP_ASSIGN_OR_RETURN(RuleSet rules, RulesOf(context.db, workspace_id));
  if (rules->empty()) return core::Ok();
  RuleSubject subject = make_subject();
  bool customer_loaded = false;
  auto load_customer = [&]() -> core::Status {
    if (customer_loaded) return core::Ok();
    customer_loaded = true;
    if (!subject.customer_id) return core::Ok();
    VOXLOOP_ASSIGN_OR_RETURN(auto attributes, store::MetricsSourceRepo(context.db)
                                                  .CustomerAttributes(subject.workspace_id, {*subject.customer_id}));
    subject.facts.customer = attributes.empty() ? std::map<std::string, std::string>()
                                                : AttributeMap(attributes.front().second);
    subject.priority.customer = *subject.facts.customer;
    return core::Ok();
  };
  for (const Compiled& rule : *rules) {
    if (rule.reads_customer) VOXLOOP_TRY(load_customer());
    if (!Evaluate(rule.definition.when, subject.facts)) continue;
    if (NeedsCase(rule.definition)) VOXLOOP_TRY(load_customer());
    VOXLOOP_TRY(Fire(context, rule, subject));
  }
  if (subject.added_tags.empty()) return core::Ok();
  // One write per item for the tags of every rule that fired.
  store::FeedbackRepo feedback(context.db);
  const core::TimeMs now = core::NowMs();
  for (std::size_t idx = 0; idx < subject.feedback_ids.size(); ++idx) {
    std::vector<std::string> merged = idx < subject.item_tags.size() ? subject.item_tags[idx] : std::vector<std::string>();
    const std::size_t before = merged.size();
    AddMissing(merged, subject.added_tags);
    if (merged.size() != before) VOXLOOP_TRY(feedback.UpdateTags(subject.workspace_id, subject.feedback_ids[idx], merged, now));
  }
  return core::Ok();
}

core::Status Rules::Fire(store::WriteContext& context, const Compiled& rule, RuleSubject& subject) {
  const core::TimeMs now = core::NowMs();
  VOXLOOP_TRY(store::RuleRepo(context.db).CountFiring(subject.workspace_id, rule.row.id, now));
  const RuleDefinition& definition = rule.definition;
  std::vector<std::string> tags;
  for (const RuleAction& action : definition.then) {
    if (action.type == ActionType::kTag) AddMissing(tags, action.tags);
  }
  AddMissing(subject.added_tags, tags);
  std::optional<store::CaseRow> opened;
  if (NeedsCase(definition)) {
    CaseDraft draft;
    draft.workspace_id = subject.workspace_id;
    draft.title = subject.title;
    draft.customer_id = subject.customer_id;
    draft.response_id = subject.response_id;
    draft.rule_id = rule.row.id;
    draft.feedback_ids = subject.feedback_ids;
    draft.priority_inputs = subject.priority;
    draft.tags = tags;
    for (const RuleAction& action : definition.then) {
      if (action.type == ActionType::kCreateCase) {
        if (!action.title.empty()) draft.title = action.title;
        if (!action.team.empty()) draft.team = action.team;
      } else if (action.type == ActionType::kAssign) {
        if (action.user_id) draft.assignee_id = action.user_id;
        if (!action.team.empty()) draft.team = action.team;
      } else if (action.type == ActionType::kSetPriority) {
        draft.priority = action.priority;
      }
    }
    draft.into_case = subject.case_id;
    auto case_row = cases_.OpenOrAttach(context, draft, RuleActor(rule.row.id));
    if (!case_row && case_row.error().code != core::ErrorCode::kInvalidArgument) return std::move(case_row).error();
    if (case_row) {
      opened = *case_row;
      subject.case_id = case_row->id;
    } else {
      // A rule's change the case refuses (too many tags, a member who may no longer work
      // cases) must not fail the feedback that fired it.
      spdlog::warn("rule {}: the case was not changed: {}", rule.row.id, case_row.error().message);
    }
  }
  if (Notifies(definition)) VOXLOOP_TRY(Notify(context, rule, subject, opened));
  return core::Ok();
}

core::Status Rules::Notify(store::WriteContext& context, const Compiled& rule, const RuleSubject& subject,
                           const std::optional<store::CaseRow>& opened) {
  const core::TimeMs now = core::NowMs();
  store::RuleRepo repo(context.db);
  VOXLOOP_ASSIGN_OR_RETURN(auto current, repo.Get(subject.workspace_id, rule.row.id));
  if (!current) return core::Ok();
  const RuleDefinition& definition = rule.definition;
  if (definition.throttle_minutes > 0 && current->last_notified_at &&
      now - *current->last_notified_at < definition.throttle_minutes * kMinuteMs) {
    return repo.CountSuppressed(subject.workspace_id, rule.row.id);
  }
  VOXLOOP_TRY(repo.MarkNotified(subject.workspace_id, rule.row.id, now));
  const std::int64_t quieted = current->suppressed_count;

  Alert alert;
  alert.workspace_id = subject.workspace_id;
  alert.subject = "Voxloop alert: " + rule.row.name;
  alert.text = "Rule \"" + rule.row.name + "\" fired on " + subject.summary + ".\n";
  if (!subject.excerpt.empty()) alert.text += "\n" + subject.excerpt + "\n";
  const std::string& base = notifier_.settings().public_url;
  if (opened) {
    alert.text += "\nCase (" + opened->priority + "): " + opened->title;
    if (!base.empty()) {
      alert.text += "\n" + base + CaseLink(subject.workspace_id, opened->id);
    }
    alert.text += "\n";
  }
  if (quieted > 0) {
    alert.text += "\n" + std::to_string(quieted) + " more firing" + (quieted == 1 ? " was" : "s were") +
                  " kept quiet since the last alert.\n";
  }
  if (definition.quiet_hours) {
    VOXLOOP_ASSIGN_OR_RETURN(auto workspace, store::WorkspaceRepo(context.db).Get(subject.workspace_id));
    const core::TimeMs after = AfterQuietHours(now, *definition.quiet_hours, workspace ? workspace->timezone : "UTC");
    if (after > now) alert.not_before = after;
  }
  for (const RuleAction& action : definition.then) {
    if (action.type == ActionType::kNotifyEmail) {
      VOXLOOP_TRY(notifier_.EnqueueEmail(context, alert, action.to));
    } else if (action.type == ActionType::kNotifyInApp && notifications_ != nullptr) {
      // In the dashboard, not intrusive: not held back by the quiet hours.
      NotificationDraft draft{"rule.alert", rule.row.name, "Fired on " + subject.summary,
                              opened ? CaseLink(subject.workspace_id, opened->id) : ""};
      if (!subject.excerpt.empty()) draft.body += ": " + subject.excerpt;
      if (quieted > 0) draft.body += " (+" + std::to_string(quieted) + " kept quiet)";
      if (action.user_ids.empty()) {
        const auto readers = definition.kind == RuleKind::kMetric ? auth::Permission::kMetricsRead
                                                                  : auth::Permission::kCasesRead;
        VOXLOOP_TRY(notifications_->SendToMembersWith(context, subject.workspace_id, readers, draft));
      } else {
        VOXLOOP_TRY(notifications_->Send(context, subject.workspace_id, action.user_ids, draft));
      }
    } else if (action.type == ActionType::kNotifyWebhook && !action.url.empty()) {
      VOXLOOP_TRY(notifier_.EnqueueChat(context, alert, action.url));
    } else if (action.type == ActionType::kNotifyWebhook) {
      json::array feedback_ids;
      for (core::Id id : subject.feedback_ids) feedback_ids.emplace_back(core::IdToString(id));
      json::object data{{"rule", json::object{{"id", core::IdToString(rule.row.id)}, {"name", rule.row.name}}},
                        {"summary", subject.summary},
                        {"text", subject.excerpt},
                        {"feedback_item_ids", std::move(feedback_ids)},
                        {"response_id", subject.response_id ? json::value(core::IdToString(*subject.response_id)) : json::value(nullptr)},
                        {"customer_id", subject.customer_id ? json::value(core::IdToString(*subject.customer_id)) : json::value(nullptr)},
                        {"case_id", opened ? json::value(core::IdToString(opened->id)) : json::value(nullptr)},
                        {"suppressed_since_last", quieted}};
      for (const auto& [key, value] : subject.alert_data) data[key] = value;
      VOXLOOP_TRY(webhooks_.Publish(context, Event{subject.workspace_id, "alert.fired", std::move(data), 0}));
    }
  }
  return core::Ok();
}

}  // namespace voxloop::workflow
