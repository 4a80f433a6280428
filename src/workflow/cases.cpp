#include "workflow/cases.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "auth/roles.hpp"
#include "core/text.hpp"
#include "store/account_repo.hpp"
#include "store/feedback_repo.hpp"
#include "store/workspace_repo.hpp"

namespace voxloop::workflow {
namespace {

namespace json = boost::json;

constexpr std::size_t kMaxTitleChars = 200;
constexpr std::size_t kMaxTeamChars = 100;
constexpr std::size_t kMaxTags = 20;
constexpr std::size_t kMaxTagChars = 60;
constexpr std::size_t kMaxNoteChars = 10000;
constexpr std::size_t kMaxItems = 100;

bool Contains(std::string_view status, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), status) != set.end();
}

json::value OptionalTime(const std::optional<core::TimeMs>& at) {
  return at ? json::value(core::FormatRfc3339(*at)) : json::value(nullptr);
}

json::value OptionalId(const std::optional<core::Id>& id) {
  return id ? json::value(core::IdToString(*id)) : json::value(nullptr);
}

json::array IdArray(const std::vector<core::Id>& ids) {
  json::array array;
  for (core::Id id : ids) array.emplace_back(core::IdToString(id));
  return array;
}

json::array StringArray(const std::vector<std::string>& values) {
  json::array array;
  for (const std::string& value : values) array.emplace_back(value);
  return array;
}

// "HH:MM" → minute of the day, or nullopt.
std::optional<int> MinuteOfDay(const json::value* value) {
  if (value == nullptr || !value->is_string()) return std::nullopt;
  const std::string_view text = value->as_string();
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  const int hours = (text[0] - '0') * 10 + (text[1] - '0');
  const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  if (hours < 0 || hours > 24 || minutes < 0 || minutes > 59) return std::nullopt;
  return std::min(hours * 60 + minutes, 24 * 60);
}

BusinessHours HoursOf(const core::Workspace& workspace) {
  BusinessHours hours;
  hours.time_zone = workspace.timezone;
  boost::system::error_code error;
  const json::value settings = json::parse(workspace.settings_json, error);
  if (error || !settings.is_object()) return hours;
  const json::value* business = settings.as_object().if_contains("business_hours");
  if (business == nullptr || !business->is_object()) return hours;
  const json::object& object = business->as_object();
  const auto start = MinuteOfDay(object.if_contains("start"));
  const auto end = MinuteOfDay(object.if_contains("end"));
  if (start && end && *start < *end) {
    hours.start_minute = *start;
    hours.end_minute = *end;
  }
  if (const json::value* days = object.if_contains("days"); days != nullptr && days->is_array()) {
    std::vector<int> parsed;
    for (const json::value& day : days->as_array()) {
      if (day.is_int64() && day.as_int64() >= 1 && day.as_int64() <= 7) parsed.push_back(static_cast<int>(day.as_int64()));
    }
    if (!parsed.empty()) hours.days = std::move(parsed);
  }
  return hours;
}

core::Result<BusinessHours> LoadHours(store::Connection& db, core::Id workspace_id) {
  VOXLOOP_ASSIGN_OR_RETURN(auto workspace, store::WorkspaceRepo(db).Get(workspace_id));
  if (!workspace) return core::Error::NotFound("No such workspace");
  return HoursOf(*workspace);
}

// Due times for the row's priority: first response from its creation (until answered),
// resolution from its creation or its reopening.
void ApplySla(store::CaseRow& row, const BusinessHours& hours, core::TimeMs resolution_from) {
  const SlaTargets sla = SlaFor(row.priority);
  if (!row.first_responded_at) {
    row.first_response_due_at = AddBusinessMinutes(row.created_at, sla.first_response_minutes, hours);
  }
  row.resolution_due_at = AddBusinessMinutes(resolution_from, sla.resolution_minutes, hours);
}

core::Status CheckTitle(const std::string& title) {
  if (title.empty()) return core::Error::Field("title", "required", "A case needs a title");
  if (core::Utf8Length(title) > kMaxTitleChars) return core::Error::Field("title", "too_long", "At most 200 characters");
  if (std::any_of(title.begin(), title.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; })) {
    return core::Error::Field("title", "invalid", "A title is one line, without control characters");
  }
  return core::Ok();
}

core::Status CheckTags(const std::vector<std::string>& tags, const std::string& field) {
  if (tags.size() > kMaxTags) return core::Error::Field(field, "too_long", "At most 20 tags");
  for (std::size_t idx = 0; idx < tags.size(); ++idx) {
    if (tags[idx].empty() || core::Utf8Length(tags[idx]) > kMaxTagChars) {
      return core::Error::Field(field + "/" + std::to_string(idx), "invalid", "A tag has 1–60 characters");
    }
  }
  return core::Ok();
}

void AddTags(std::vector<std::string>& tags, const std::vector<std::string>& more) {
  for (const std::string& tag : more) {
    if (std::find(tags.begin(), tags.end(), tag) == tags.end()) tags.push_back(tag);
  }
}

// The assignee must be a member who may work cases.
core::Status CheckAssignee(store::Connection& db, core::Id workspace_id, core::Id user_id, const std::string& field) {
  VOXLOOP_ASSIGN_OR_RETURN(auto membership, store::MembershipRepo(db).Get(workspace_id, user_id));
  const auto role = membership ? auth::ParseRole(membership->role) : std::nullopt;
  if (!role) return core::Error::Field(field, "not_found", "No such member of this workspace");
  if (!auth::RoleAllows(*role, auth::Permission::kCasesWork)) {
    return core::Error::Field(field, "not_allowed", "This member may not work cases");
  }
  return core::Ok();
}

std::string ActorType(const auth::Actor& actor) { return actor.type; }

}  // namespace

bool IsCaseStatus(std::string_view status) {
  return std::find(std::begin(kCaseStatuses), std::end(kCaseStatuses), status) != std::end(kCaseStatuses);
}

bool IsActiveStatus(std::string_view status) { return status != "resolved" && status != "closed"; }

core::Status CheckTransition(const std::string& from, const std::string& to) {
  if (!IsCaseStatus(to)) {
    return core::Error::Field("status", "invalid",
                              "One of new, open, waiting_on_customer, resolved, closed, reopened");
  }
  if (from == to) return core::Ok();
  const bool allowed = IsActiveStatus(from) ? Contains(to, {"open", "waiting_on_customer", "resolved", "closed"})
                       : from == "resolved" ? Contains(to, {"closed", "reopened"})
                                            : to == "reopened";
  if (!allowed) {
    return core::Error::Field("status", "invalid_transition",
                              "A " + from + " case cannot become " + to +
                                  (IsActiveStatus(from) ? "" : "; reopen it first"));
  }
  return core::Ok();
}

auth::Actor RuleActor(core::Id rule_id) { return auth::Actor{"rule", rule_id, ""}; }

json::object CaseEventData(const store::CaseRow& row, const std::vector<core::Id>& feedback_ids) {
  json::object data{{"id", core::IdToString(row.id)},
                    {"title", row.title},
                    {"status", row.status},
                    {"priority", row.priority},
                    {"priority_score", row.priority_score},
                    {"priority_manual", row.priority_manual},
                    {"team", row.team},
                    {"assignee_id", OptionalId(row.assignee_id)},
                    {"customer_id", OptionalId(row.customer_id)},
                    {"response_id", OptionalId(row.response_id)},
                    {"rule_id", OptionalId(row.rule_id)},
                    {"tags", StringArray(row.tags)},
                    {"feedback_item_ids", IdArray(feedback_ids)},
                    {"first_response_due_at", OptionalTime(row.first_response_due_at)},
                    {"resolution_due_at", OptionalTime(row.resolution_due_at)},
                    {"first_responded_at", OptionalTime(row.first_responded_at)},
                    {"resolved_at", OptionalTime(row.resolved_at)},
                    {"closed_at", OptionalTime(row.closed_at)},
                    {"first_response_breached_at", OptionalTime(row.first_response_breached_at)},
                    {"resolution_breached_at", OptionalTime(row.resolution_breached_at)},
                    {"created_at", core::FormatRfc3339(row.created_at)},
                    {"updated_at", core::FormatRfc3339(row.updated_at)},
                    {"version", row.version}};
  return data;
}

core::Status Cases::Publish(store::WriteContext& context, const std::string& type, const store::CaseRow& row,
                            json::object extra, const std::vector<core::Id>* known_items) {
  if (!webhooks_.HasSubscribers(context, row.workspace_id, type)) return core::Ok();
  std::vector<core::Id> items;
  if (known_items != nullptr) {
    items = *known_items;
  } else {
    VOXLOOP_ASSIGN_OR_RETURN(items, store::CaseRepo(context.db).Items(row.workspace_id, row.id));
  }
  json::object data = CaseEventData(row, items);
  for (auto& [key, value] : extra) data[key] = std::move(value);
  return webhooks_.Publish(context, Event{row.workspace_id, type, std::move(data), 0});
}

core::Status Cases::RecordBreach(store::WriteContext& context, const store::CaseRow& row, const std::string& which) {
  const std::optional<core::TimeMs> due = which == "first_response" ? row.first_response_due_at : row.resolution_due_at;
  VOXLOOP_TRY(RecordEvent(context, row, auth::Actor::System(), "sla_breached",
                          {{"sla", which}, {"due_at", OptionalTime(due)}}));
  VOXLOOP_TRY(Publish(context, "case.sla_breached", row, {{"sla", which}}));
  return TellAssignee(context, row, auth::Actor::System(), "case.sla_breached");
}

core::Status Cases::TellAssignee(store::WriteContext& context, const store::CaseRow& row, const auth::Actor& actor,
                                 const std::string& kind) {
  if (notifications_ == nullptr || !row.assignee_id) return core::Ok();
  if (actor.type == "user" && actor.id == row.assignee_id) return core::Ok();
  return notifications_->Send(context, row.workspace_id, {*row.assignee_id},
                              {kind, row.title, "", CaseLink(row.workspace_id, row.id)});
}

core::Status Cases::RecordEvent(store::WriteContext& context, const store::CaseRow& row, const auth::Actor& actor,
                                std::string kind, json::object data) {
  store::CaseEventRow event;
  event.id = core::NewId();
  event.workspace_id = row.workspace_id;
  event.case_id = row.id;
  event.at = core::NowMs();
  event.actor_type = ActorType(actor);
  event.actor_id = actor.id;
  event.kind = std::move(kind);
  event.data_json = json::serialize(data);
  return store::CaseRepo(context.db).AddEvent(event);
}

core::Result<store::CaseRow> Cases::Insert(store::WriteContext& context, const CaseDraft& draft,
                                           const auth::Actor& actor) {
  VOXLOOP_ASSIGN_OR_RETURN(BusinessHours hours, LoadHours(context.db, draft.workspace_id));
  store::CaseRow row;
  row.id = core::NewId();
  row.workspace_id = draft.workspace_id;
  row.title = std::string(core::Utf8Prefix(draft.title, kMaxTitleChars));
  row.status = "new";
  row.priority_score = PriorityScore(draft.priority_inputs);
  row.priority = draft.priority.value_or(PriorityLevel(row.priority_score));
  row.priority_manual = draft.priority.has_value();
  row.team = draft.team.value_or("");
  row.assignee_id = draft.assignee_id;
  row.customer_id = draft.customer_id;
  row.response_id = draft.response_id;
  row.rule_id = draft.rule_id;
  row.tags = draft.tags;
  if (draft.priority_inputs.nps) row.nps = static_cast<int>(*draft.priority_inputs.nps);
  row.created_at = row.updated_at = core::NowMs();
  ApplySla(row, hours, row.created_at);
  store::CaseRepo repo(context.db);
  VOXLOOP_TRY(repo.Insert(row));
  for (core::Id feedback_id : draft.feedback_ids) {
    VOXLOOP_TRY(repo.AddItem(row.workspace_id, row.id, feedback_id, row.created_at, /*new_case=*/true));
  }
  VOXLOOP_TRY(RecordEvent(context, row, actor, "created",
                          {{"title", row.title},
                           {"priority", row.priority},
                           {"feedback_ids", IdArray(draft.feedback_ids)},
                           {"rule_id", OptionalId(draft.rule_id)}}));
  VOXLOOP_TRY(Publish(context, "case.created", row, {}, &draft.feedback_ids));
  VOXLOOP_TRY(TellAssignee(context, row, actor, "case.assigned"));
  return row;
}

core::Result<CaseDetail> Cases::Create(const CaseDraft& input, const auth::Actor& actor) {
  VOXLOOP_TRY(CheckTitle(input.title));
  if (input.feedback_ids.size() > kMaxItems) return core::Error::Field("feedback_ids", "too_long", "At most 100 items");
  if (input.priority && !IsPriorityLevel(*input.priority)) {
    return core::Error::Field("priority", "invalid", "One of low, normal, high, urgent");
  }
  if (input.team && core::Utf8Length(*input.team) > kMaxTeamChars) {
    return core::Error::Field("team", "too_long", "At most 100 characters");
  }
  VOXLOOP_TRY(CheckTags(input.tags, "tags"));
  core::Id created_id = 0;
  VOXLOOP_TRY(database_.writer().Run([&](store::WriteContext& context) -> core::Status {
    CaseDraft draft = input;
    draft.feedback_ids.clear();
    for (core::Id id : input.feedback_ids) {  // each item once
      if (std::find(draft.feedback_ids.begin(), draft.feedback_ids.end(), id) == draft.feedback_ids.end()) {
        draft.feedback_ids.push_back(id);
      }
    }
    store::FeedbackRepo feedback(context.db);
    draft.priority_inputs = {};
    draft.priority_inputs.now = core::NowMs();
    draft.priority_inputs.given_at = draft.priority_inputs.now;
    for (std::size_t idx = 0; idx < draft.feedback_ids.size(); ++idx) {
      const std::string field = "feedback_ids/" + std::to_string(idx);
      VOXLOOP_ASSIGN_OR_RETURN(auto item, feedback.Get(draft.workspace_id, draft.feedback_ids[idx]));
      if (!item) return core::Error::Field(field, "not_found", "No such feedback item");
      if (item->customer_id && draft.customer_id && *item->customer_id != *draft.customer_id) {
        return core::Error::Field(field, "invalid", "The items of a case belong to one customer");
      }
      if (item->customer_id) draft.customer_id = item->customer_id;
      // The most pressing item sets the computed priority.
      PriorityInputs inputs;
      inputs.sentiment_label = std::string(core::SentimentLabelName(item->analysis.sentiment));
      inputs.sentiment_score = item->analysis.sentiment_score;
      inputs.rating = item->rating;
      inputs.topics = item->analysis.topics;
      inputs.given_at = item->received_at;
      inputs.now = draft.priority_inputs.now;
      if (PriorityScore(inputs) > PriorityScore(draft.priority_inputs)) draft.priority_inputs = inputs;
    }
    if (draft.assignee_id) VOXLOOP_TRY(CheckAssignee(context.db, draft.workspace_id, *draft.assignee_id, "assignee_id"));
    VOXLOOP_ASSIGN_OR_RETURN(store::CaseRow row, Insert(context, draft, actor));
    created_id = row.id;
    return core::Ok();
  }));
  return Get(input.workspace_id, created_id);
}

core::Result<store::CaseRow> Cases::OpenOrAttach(store::WriteContext& context, const CaseDraft& draft,
                                                 const auth::Actor& actor) {
  store::CaseRepo repo(context.db);
  std::optional<store::CaseRow> open;
  if (draft.into_case) {
    VOXLOOP_ASSIGN_OR_RETURN(open, repo.Get(draft.workspace_id, *draft.into_case));
  } else if (draft.customer_id) {
    VOXLOOP_ASSIGN_OR_RETURN(open, repo.OpenCaseOf(draft.workspace_id, *draft.customer_id));
  }
  if (draft.assignee_id && !CheckAssignee(context.db, draft.workspace_id, *draft.assignee_id, "assignee_id")) {
    // A rule naming someone who may no longer work cases leaves the case unassigned.
    CaseDraft unassigned = draft;
    unassigned.assignee_id.reset();
    return OpenOrAttach(context, unassigned, actor);
  }
  if (!open) return Insert(context, draft, actor);
  const core::TimeMs now = core::NowMs();
  VOXLOOP_ASSIGN_OR_RETURN(auto held, repo.Items(draft.workspace_id, open->id));
  std::vector<core::Id> added;
  for (core::Id feedback_id : draft.feedback_ids) {
    if (std::find(held.begin(), held.end(), feedback_id) != held.end()) continue;
    VOXLOOP_TRY(repo.AddItem(draft.workspace_id, open->id, feedback_id, now, /*new_case=*/true));
    held.push_back(feedback_id);
    added.push_back(feedback_id);
  }
  if (!added.empty()) {
    VOXLOOP_TRY(RecordEvent(context, *open, actor, "items_added",
                            {{"feedback_ids", IdArray(added)}, {"rule_id", OptionalId(draft.rule_id)}}));
  }
  CasePatch patch;
  patch.team = draft.team;
  if (draft.assignee_id) patch.assignee_id = draft.assignee_id;
  patch.add_tags = draft.tags;
  patch.priority = draft.priority;
  patch.priority_score = PriorityScore(draft.priority_inputs);
  return UpdateIn(context, draft.workspace_id, open->id, patch, actor);
}

core::Result<std::vector<CaseSummary>> Cases::List(core::Id workspace_id, const store::CaseFilter& filter) {
  return database_.Read<std::vector<CaseSummary>>([&](store::Connection& db) -> core::Result<std::vector<CaseSummary>> {
    store::CaseRepo repo(db);
    VOXLOOP_ASSIGN_OR_RETURN(auto rows, repo.List(workspace_id, filter));
    std::vector<core::Id> ids;
    for (const auto& row : rows) ids.push_back(row.id);
    VOXLOOP_ASSIGN_OR_RETURN(auto pairs, repo.ItemsOf(workspace_id, ids));
    std::vector<CaseSummary> summaries;
    for (auto& row : rows) {
      CaseSummary summary{std::move(row), {}};
      for (const auto& [case_id, feedback_id] : pairs) {
        if (case_id == summary.row.id) summary.feedback_ids.push_back(feedback_id);
      }
      summaries.push_back(std::move(summary));
    }
    return summaries;
  });
}

namespace {

std::optional<double> MedianMinutes(std::vector<core::TimeMs> spans) {
  if (spans.empty()) return std::nullopt;
  std::sort(spans.begin(), spans.end());
  const std::size_t mid = spans.size() / 2;
  const double median = spans.size() % 2 == 1 ? static_cast<double>(spans[mid])
                                              : (static_cast<double>(spans[mid - 1]) + static_cast<double>(spans[mid])) / 2;
  return median / 60000.0;
}

}  // namespace

core::Result<LoopStats> Cases::Stats(core::Id workspace_id, core::TimeMs from, core::TimeMs to) {
  VOXLOOP_ASSIGN_OR_RETURN(auto rows, database_.Read<std::vector<store::CaseRow>>([&](store::Connection& db) {
                             return store::CaseRepo(db).CreatedBetween(workspace_id, from, to);
                           }));
  const core::TimeMs now = core::NowMs();
  LoopStats stats;
  std::vector<core::TimeMs> first_responses, resolutions;
  double csat_sum = 0;
  std::int64_t csat_count = 0;
  for (const store::CaseRow& row : rows) {
    ++stats.cases_opened;
    if (row.resolved_at) {
      ++stats.cases_resolved;
      resolutions.push_back(*row.resolved_at - row.created_at);
      if (row.resolution_due_at && *row.resolved_at > *row.resolution_due_at) ++stats.resolution_breaches;
    } else if (row.resolution_due_at && now > *row.resolution_due_at) {
      ++stats.resolution_breaches;
    }
    if (row.first_responded_at) {
      first_responses.push_back(*row.first_responded_at - row.created_at);
      if (row.first_response_due_at && *row.first_responded_at > *row.first_response_due_at) ++stats.first_response_breaches;
    } else if (row.first_response_due_at && now > *row.first_response_due_at) {
      ++stats.first_response_breaches;
    }
    if (row.nps && *row.nps <= 6) {
      ++stats.detractor_cases;
      if (row.first_responded_at) ++stats.detractor_cases_contacted;
    }
    if (row.followup_sent_at) ++stats.followups_sent;
    if (row.followup_answered_at) {
      ++stats.followups_answered;
      if (row.followup_solved.value_or(false)) ++stats.followups_solved;
      if (row.followup_csat) {
        csat_sum += *row.followup_csat;
        ++csat_count;
      }
    }
  }
  stats.median_first_response_minutes = MedianMinutes(std::move(first_responses));
  stats.median_resolution_minutes = MedianMinutes(std::move(resolutions));
  if (csat_count > 0) stats.followup_csat = csat_sum / static_cast<double>(csat_count);
  return stats;
}

core::Result<CaseDetail> Cases::Get(core::Id workspace_id, core::Id id) {
  return database_.Read<CaseDetail>([&](store::Connection& db) -> core::Result<CaseDetail> {
    store::CaseRepo repo(db);
    VOXLOOP_ASSIGN_OR_RETURN(auto row, repo.Get(workspace_id, id));
    if (!row) return core::Error::NotFound("No such case");
    CaseDetail detail;
    detail.row = std::move(*row);
    VOXLOOP_ASSIGN_OR_RETURN(detail.feedback_ids, repo.Items(workspace_id, id));
    VOXLOOP_ASSIGN_OR_RETURN(detail.events, repo.Events(workspace_id, id));
    return detail;
  });
}

core::Result<store::CaseRow> Cases::UpdateIn(store::WriteContext& context, core::Id workspace_id, core::Id id,
                                             const CasePatch& patch, const auth::Actor& actor) {
  store::CaseRepo repo(context.db);
  VOXLOOP_ASSIGN_OR_RETURN(auto found, repo.Get(workspace_id, id));
  if (!found) return core::Error::NotFound("No such case");
  const store::CaseRow before = *found;
  if (patch.expected_version && *patch.expected_version != before.version) {
    return core::Error::Conflict("The case was changed meanwhile (version " + std::to_string(before.version) +
                                 "); reload it");
  }
  store::CaseRow row = before;
  const core::TimeMs now = core::NowMs();
  json::object changes;
  auto note_change = [&](const char* field, json::value from, json::value to) {
    if (from != to) changes[field] = json::array{std::move(from), std::move(to)};
  };
  if (patch.title) {
    VOXLOOP_TRY(CheckTitle(*patch.title));
    row.title = *patch.title;
  }
  if (patch.team) {
    if (core::Utf8Length(*patch.team) > kMaxTeamChars) return core::Error::Field("team", "too_long", "At most 100 characters");
    row.team = *patch.team;
  }
  if (patch.assignee_id) {
    if (*patch.assignee_id) VOXLOOP_TRY(CheckAssignee(context.db, workspace_id, **patch.assignee_id, "assignee_id"));
    row.assignee_id = *patch.assignee_id;
  }
  if (patch.tags) {
    VOXLOOP_TRY(CheckTags(*patch.tags, "tags"));
    row.tags = *patch.tags;
  }
  if (!patch.add_tags.empty()) {
    VOXLOOP_TRY(CheckTags(patch.add_tags, "add_tags"));
    AddTags(row.tags, patch.add_tags);
    if (row.tags.size() > kMaxTags) return core::Error::Field("add_tags", "too_long", "A case has at most 20 tags");
  }
  bool due_changed = false;
  core::TimeMs resolution_from = row.reopened_at.value_or(row.created_at);
  if (patch.priority) {
    if (*patch.priority == "auto") {
      row.priority_manual = false;
      row.priority = PriorityLevel(row.priority_score);
    } else if (IsPriorityLevel(*patch.priority)) {
      row.priority_manual = true;
      row.priority = *patch.priority;
    } else {
      return core::Error::Field("priority", "invalid", "One of low, normal, high, urgent, or auto");
    }
  }
  if (patch.priority_score && *patch.priority_score > row.priority_score) {
    row.priority_score = *patch.priority_score;
    if (!row.priority_manual) row.priority = PriorityLevel(row.priority_score);
  }
  due_changed = row.priority != before.priority;
  if (patch.status && *patch.status != before.status) {
    VOXLOOP_TRY(CheckTransition(before.status, *patch.status));
    row.status = *patch.status;
    if (row.status == "resolved") row.resolved_at = now;
    if (row.status == "closed") {
      row.closed_at = now;
      if (!row.resolved_at) row.resolved_at = now;
    }
    if (row.status == "reopened") {
      row.resolved_at.reset();
      row.closed_at.reset();
      row.reopened_at = now;
      // The problem is back: an unanswered follow-up no longer asks about the current state.
      if (!row.followup_answered_at) row.followup_token.clear();
      resolution_from = now;
      due_changed = true;
    }
  }
  if ((patch.first_response || row.status == "waiting_on_customer") && !row.first_responded_at) {
    row.first_responded_at = now;
  }
  if (patch.followup) {
    if (row.status != "resolved" || before.status == "resolved") {
      return core::Error::Field("followup", "invalid", "A follow-up goes out when a case is resolved");
    }
    if (followups_ == nullptr) return core::Error::Unavailable("Follow-ups are not available on this server");
    VOXLOOP_TRY(followups_->QueueFollowup(context, row));
  }
  if (due_changed) {
    VOXLOOP_ASSIGN_OR_RETURN(BusinessHours hours, LoadHours(context.db, workspace_id));
    ApplySla(row, hours, resolution_from);
  }
  note_change("title", json::value(before.title), json::value(row.title));
  note_change("status", json::value(before.status), json::value(row.status));
  note_change("priority", json::value(before.priority), json::value(row.priority));
  note_change("priority_manual", json::value(before.priority_manual), json::value(row.priority_manual));
  note_change("team", json::value(before.team), json::value(row.team));
  note_change("assignee_id", OptionalId(before.assignee_id), OptionalId(row.assignee_id));
  note_change("tags", StringArray(before.tags), StringArray(row.tags));
  note_change("first_responded_at", OptionalTime(before.first_responded_at), OptionalTime(row.first_responded_at));
  if (changes.empty() && row.priority_score == before.priority_score) return row;
  row.updated_at = now;
  VOXLOOP_TRY(repo.Update(row, before.version));
  ++row.version;
  if (changes.empty()) return row;  // only the score moved, within its level
  VOXLOOP_TRY(RecordEvent(context, row, actor, "changed", {{"changes", changes}}));
  // Resolved now, or closed straight from an active status: the problem is dealt with.
  const bool resolved = (row.status == "resolved" || row.status == "closed") && IsActiveStatus(before.status);
  VOXLOOP_TRY(Publish(context, "case.updated", row, {{"changes", changes}}));
  if (resolved) VOXLOOP_TRY(Publish(context, "case.resolved", row));
  if (row.assignee_id && row.assignee_id != before.assignee_id) {
    VOXLOOP_TRY(TellAssignee(context, row, actor, "case.assigned"));
  }
  return row;
}

core::Result<CaseDetail> Cases::Update(core::Id workspace_id, core::Id id, const CasePatch& patch,
                                       const auth::Actor& actor) {
  VOXLOOP_TRY(database_.writer().Run([&](store::WriteContext& context) -> core::Status {
    VOXLOOP_TRY(UpdateIn(context, workspace_id, id, patch, actor));
    return core::Ok();
  }));
  return Get(workspace_id, id);
}

core::Result<store::CaseEventRow> Cases::AddNote(core::Id workspace_id, core::Id id, const std::string& text,
                                                 const auth::Actor& actor) {
  if (text.empty()) return core::Error::Field("text", "required", "A note needs text");
  if (text.size() > kMaxNoteChars * 4) return core::Error::Field("text", "too_long", "At most 10000 characters");
  store::CaseEventRow note;
  VOXLOOP_TRY(database_.writer().Run([&](store::WriteContext& context) -> core::Status {
    store::CaseRepo repo(context.db);
    VOXLOOP_ASSIGN_OR_RETURN(auto row, repo.Get(workspace_id, id));
    if (!row) return core::Error::NotFound("No such case");
    note.id = core::NewId();
    note.workspace_id = workspace_id;
    note.case_id = id;
    note.at = core::NowMs();
    note.actor_type = ActorType(actor);
    note.actor_id = actor.id;
    note.kind = "note";
    note.data_json = json::serialize(json::object{{"text", text}});
    return repo.AddEvent(note);
  }));
  return note;
}

}  // namespace voxloop::workflow
