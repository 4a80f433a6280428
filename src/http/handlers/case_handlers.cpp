// Cases: the queue (filters for my cases, a team, overdue and breaching soon), one case with
// its items and history, opening a case by hand, changes (one case or many), and notes. The
// rules of a case (transitions, priority, SLA) live in workflow::Cases.
#include <boost/json.hpp>

#include "http/async.hpp"
#include "http/handlers/handlers.hpp"
#include "http/json_reader.hpp"
#include "http/page_params.hpp"
#include "http/problem.hpp"
#include "http/response.hpp"
#include "http/services.hpp"
#include "insights/metrics_service.hpp"
#include "workflow/case_mail.hpp"
#include "workflow/cases.hpp"

namespace voxloop::http::handlers {
namespace {

namespace json = boost::json;

constexpr int kDefaultBreachingMinutes = 120;
constexpr std::size_t kMaxBulk = 100;

json::object EventView(const store::CaseEventRow& event) {
  boost::system::error_code error;
  json::value data = json::parse(event.data_json, error);
  if (error) data = json::object();
  return {{"id", core::IdToString(event.id)},
          {"at", core::FormatRfc3339(event.at)},
          {"actor_type", event.actor_type},
          {"actor_id", event.actor_id ? json::value(core::IdToString(*event.actor_id)) : json::value(nullptr)},
          {"kind", event.kind},
          {"data", std::move(data)}};
}

json::object DetailView(const workflow::CaseDetail& detail) {
  json::object view = workflow::CaseEventData(detail.row, detail.feedback_ids);
  json::array events;
  for (const auto& event : detail.events) events.push_back(EventView(event));
  view["history"] = std::move(events);
  return view;
}

workflow::Cases* Service(RequestContext& context) { return context.services.cases; }

core::Error Unavailable() { return core::Error::Unavailable("Cases are not available on this server"); }

core::Error NoSuchCase() { return core::Error::NotFound("No such case"); }

core::Result<store::CaseFilter> ReadFilter(RequestContext& context) {
  store::CaseFilter filter;
  std::vector<core::FieldError> errors;
  if (const std::string_view status = context.Query("status"); !status.empty()) {
    if (status != "active" && !workflow::IsCaseStatus(status)) {
      errors.push_back({"status", "invalid", "active, or one of new, open, waiting_on_customer, resolved, closed, reopened"});
    }
    filter.status = std::string(status);
  }
  if (const std::string_view assignee = context.Query("assignee"); !assignee.empty()) {
    if (assignee == "me") {
      const auth::Actor actor = context.actor();
      // A token is nobody's: "me" finds none of its cases.
      filter.assignee_id = actor.type == "user" && actor.id ? *actor.id : core::Id{0};
    } else if (assignee == "none") {
      filter.unassigned = true;
    } else if (auto id = core::ParseId(assignee)) {
      filter.assignee_id = *id;
    } else {
      errors.push_back({"assignee", "invalid", "A user id, me, or none"});
    }
  }
  if (const std::string_view priority = context.Query("priority"); !priority.empty()) {
    if (!workflow::IsPriorityLevel(std::string(priority))) errors.push_back({"priority", "invalid", "One of low, normal, high, urgent"});
    filter.priority = std::string(priority);
  }
  if (const std::string_view team = context.Query("team"); !team.empty()) filter.team = std::string(team);
  if (const std::string_view sla = context.Query("sla"); !sla.empty()) {
    int within = kDefaultBreachingMinutes;
    if (const std::string_view minutes = context.Query("within_minutes"); !minutes.empty()) {
      try {
        within = std::stoi(std::string(minutes));
      } catch (const std::exception&) {
        within = -1;
      }
      if (within < 1 || within > 10080) errors.push_back({"within_minutes", "invalid", "1–10080 minutes"});
    }
    if (sla == "overdue") {
      filter.due_before = core::NowMs();
    } else if (sla == "breaching") {
      filter.due_before = core::NowMs() + static_cast<core::TimeMs>(within) * 60'000;
    } else {
      errors.push_back({"sla", "invalid", "overdue or breaching"});
    }
  }
  auto page = ReadPageParams(context);
  if (!page) {
    for (const auto& field : page.error().fields) errors.push_back(field);
  } else {
    filter.limit = page->limit + 1;
    filter.before_id = page->after_id;
  }
  if (!errors.empty()) return core::Error::InvalidArgument("The filter is invalid", std::move(errors));
  return filter;
}

// The fields of a change; `prefix` names them inside a bulk body ("patch/").
core::Result<workflow::CasePatch> ReadPatch(const json::object& body, const std::string& prefix) {
  Validation validation;
  FieldReader reader = validation.Reader(body, prefix);
  reader.RejectUnknown({"title", "status", "priority", "team", "assignee_id", "tags", "add_tags", "followup", "version"});
  workflow::CasePatch patch;
  patch.title = reader.String("title", Presence::kOptional, 200);
  patch.status = reader.String("status", Presence::kOptional, 30);
  patch.priority = reader.String("priority", Presence::kOptional, 10);
  patch.team = reader.String("team", Presence::kOptional, 100);
  patch.tags = reader.StringList("tags", Presence::kOptional, 20, 60);
  if (auto add = reader.StringList("add_tags", Presence::kOptional, 20, 60)) patch.add_tags = *add;
  patch.expected_version = reader.Integer("version", Presence::kOptional, 1, INT64_MAX);
  patch.followup = reader.Bool("followup", Presence::kOptional).value_or(false);
  if (const json::value* assignee = body.if_contains("assignee_id")) {
    if (assignee->is_null()) {
      patch.assignee_id = std::optional<core::Id>();
    } else if (auto id = assignee->is_string() ? core::ParseId(assignee->as_string()) : std::nullopt) {
      patch.assignee_id = id;
    } else {
      reader.AddError("assignee_id", "type", "A user id, or null to unassign");
    }
  }
  if (!validation.ok()) return validation.ToError("The change is invalid");
  return patch;
}

core::Result<workflow::CaseDraft> ReadDraft(const json::object& body, core::Id workspace_id) {
  Validation validation;
  FieldReader reader = validation.Reader(body);
  reader.RejectUnknown({"title", "feedback_ids", "customer_id", "priority", "team", "assignee_id", "tags"});
  workflow::CaseDraft draft;
  draft.workspace_id = workspace_id;
  draft.title = reader.String("title", Presence::kRequired, 200).value_or("");
  if (auto ids = reader.StringList("feedback_ids", Presence::kOptional, 100, 30)) {
    for (std::size_t idx = 0; idx < ids->size(); ++idx) {
      if (auto id = core::ParseId((*ids)[idx])) {
        draft.feedback_ids.push_back(*id);
      } else {
        reader.AddError("feedback_ids/" + std::to_string(idx), "invalid", "A feedback item id");
      }
    }
  }
  draft.customer_id = reader.Id("customer_id", Presence::kOptional);
  draft.priority = reader.String("priority", Presence::kOptional, 10);
  draft.team = reader.String("team", Presence::kOptional, 100);
  draft.assignee_id = reader.Id("assignee_id", Presence::kOptional);
  if (auto tags = reader.StringList("tags", Presence::kOptional, 20, 60)) draft.tags = *tags;
  if (!validation.ok()) return validation.ToError("The case is invalid");
  return draft;
}

json::object MessageView(const workflow::CaseMessage& message, bool show_body) {
  const store::CaseMessageRow& row = message.row;
  return {{"id", core::IdToString(row.id)},
          {"direction", row.direction},
          {"kind", row.kind},
          {"author_id", row.author_id ? json::value(core::IdToString(*row.author_id)) : json::value(nullptr)},
          // An inbound subject is the customer's words, like the body.
          {"subject", show_body || row.direction == "outbound" ? json::value(row.subject) : json::value(nullptr)},
          {"body", show_body ? json::value(message.body) : json::value(nullptr)},
          {"body_hidden", !show_body},
          {"status", row.status},
          {"error", row.error.empty() ? json::value(nullptr) : json::value(row.error)},
          {"created_at", core::FormatRfc3339(row.created_at)},
          {"sent_at", row.sent_at ? json::value(core::FormatRfc3339(*row.sent_at)) : json::value(nullptr)}};
}

json::value Optional(const std::optional<double>& value) { return value ? json::value(*value) : json::value(nullptr); }

// Detractors (NPS 0–6) who answered in [from, to), from the metrics index; null without it.
core::Result<json::value> DetractorsBetween(RequestContext& context, core::TimeMs from, core::TimeMs to) {
  if (context.services.metrics == nullptr) return json::value(nullptr);
  const json::value body = {{"metrics", {"nps"}},
                            {"range", {{"from", core::FormatRfc3339(from)}, {"to", core::FormatRfc3339(to)}}}};
  VOXLOOP_ASSIGN_OR_RETURN(metrics::Query query, metrics::ParseQuery(body));
  VOXLOOP_ASSIGN_OR_RETURN(json::object answer, context.services.metrics->Query(context.workspace_id, query, core::NowMs()));
  const json::value* rows = answer.if_contains("rows");
  if (rows == nullptr || !rows->is_array() || rows->as_array().empty() || !rows->as_array()[0].is_object()) {
    return json::value(0);
  }
  const json::value* breakdown = rows->as_array()[0].as_object().if_contains("breakdown");
  if (breakdown == nullptr || !breakdown->is_object()) return json::value(0);
  const json::value* detractors = breakdown->as_object().if_contains("detractors");
  return detractors != nullptr && detractors->is_int64() ? *detractors : json::value(0);
}

}  // namespace

Reply ListCases(RequestContext& context) {
  if (Service(context) == nullptr) co_return ErrorResponse(context, Unavailable());
  auto filter = ReadFilter(context);
  if (!filter) co_return ErrorResponse(context, filter.error());
  auto cases = co_await Offload(context.services.blocking_pool,
                                [&] { return Service(context)->List(context.workspace_id, *filter); });
  if (!cases) co_return ErrorResponse(context, cases.error());
  std::optional<core::Id> last;
  if (static_cast<int>(cases->size()) >= filter->limit) {
    cases->pop_back();
    last = cases->back().row.id;
  }
  json::array items;
  for (const auto& summary : *cases) items.push_back(workflow::CaseEventData(summary.row, summary.feedback_ids));
  co_return JsonResponse(context, Status::ok, PageBody(std::move(items), NextCursor(last)));
}

Reply CreateCase(RequestContext& context) {
  if (Service(context) == nullptr) co_return ErrorResponse(context, Unavailable());
  auto body = ParseJsonObjectBody(context.request.body());
  if (!body) co_return ErrorResponse(context, body.error());
  auto draft = ReadDraft(*body, context.workspace_id);
  if (!draft) co_return ErrorResponse(context, draft.error());
  auto created = co_await Offload(context.services.blocking_pool,
                                  [&] { return Service(context)->Create(*draft, context.actor()); });
  if (!created) co_return ErrorResponse(context, created.error());
  co_return JsonResponse(context, Status::created, DetailView(*created));
}

Reply GetCase(RequestContext& context) {
  if (Service(context) == nullptr) co_return ErrorResponse(context, Unavailable());
  const auto id = core::ParseId(context.Param("id"));
  if (!id) co_return ErrorResponse(context, NoSuchCase());
  auto detail = co_await Offload(context.services.blocking_pool,
                                 [&] { return Service(context)->Get(context.workspace_id, *id); });
  if (!detail) co_return ErrorResponse(context, detail.error());
  co_return JsonResponse(context, Status::ok, DetailView(*detail));
}

Reply UpdateCase(RequestContext& context) {
  if (Service(context) == nullptr) co_return ErrorResponse(context, Unavailable());
  const auto id = core::ParseId(context.Param("id"));
  if (!id) co_return ErrorResponse(context, NoSuchCase());
  auto body = ParseJsonObjectBody(context.request.body());
  if (!body) co_return ErrorResponse(context, body.error());
  auto patch = ReadPatch(*body, "");
  if (!patch) co_return ErrorResponse(context, patch.error());
  auto detail = co_await Offload(context.services.blocking_pool, [&] {
    return Service(context)->Update(context.workspace_id, *id, *patch, context.actor());
  });
  if (!detail) co_return ErrorResponse(context, detail.error());
  co_return JsonResponse(context, Status::ok, DetailView(*detail));
}

Reply BulkUpdateCases(RequestContext& context) {
  if (Service(context) == nullptr) co_return ErrorResponse(context, Unavailable());
  auto body = ParseJsonObjectBody(context.request.body());
  if (!body) co_return ErrorResponse(context, body.error());
  Validation validation;
  FieldReader reader = validation.Reader(*body);
  reader.RejectUnknown({"ids", "patch"});
  std::vector<core::Id> ids;
  if (auto texts = reader.StringList("ids", Presence::kRequired, kMaxBulk, 30)) {
    if (texts->empty()) reader.AddError("ids", "required", "At least one case id");
    for (std::size_t idx = 0; idx < texts->size(); ++idx) {
      if (auto id = core::ParseId((*texts)[idx])) {
        ids.push_back(*id);
      } else {
        reader.AddError("ids/" + std::to_string(idx), "invalid", "A case id");
      }
    }
  }
  const json::object* patch_body = reader.Object("patch", Presence::kRequired);
  if (!validation.ok()) co_return ErrorResponse(context, validation.ToError("The bulk change is invalid"));
  auto patch = ReadPatch(*patch_body, "patch/");
  if (!patch) co_return ErrorResponse(context, patch.error());
  if (patch->expected_version) {
    co_return ErrorResponse(context, core::Error::Field("patch/version", "unknown", "A bulk change has no version"));
  }
  // Each case changes on its own: one that cannot (a transition it does not allow) is
  // reported and leaves the others changed.
  auto results = co_await Offload(context.services.blocking_pool, [&] {
    json::array items;
    for (core::Id id : ids) {
      auto detail = Service(context)->Update(context.workspace_id, id, *patch, context.actor());
      json::object item{{"id", core::IdToString(id)}, {"ok", detail.ok()}};
      if (detail) {
        item["case"] = workflow::CaseEventData(detail->row, detail->feedback_ids);
      } else {
        item["error"] = ProblemBody(detail.error(), HttpStatusFor(detail.error().code));
      }
      items.push_back(std::move(item));
    }
    return items;
  });
  co_return JsonResponse(context, Status::ok, json::object{{"items", std::move(results)}});
}

Reply AddCaseNote(RequestContext& context) {
  if (Service(context) == nullptr) co_return ErrorResponse(context, Unavailable());
  const auto id = core::ParseId(context.Param("id"));
  if (!id) co_return ErrorResponse(context, NoSuchCase());
  auto body = ParseJsonObjectBody(context.request.body());
  if (!body) co_return ErrorResponse(context, body.error());
  Validation validation;
  FieldReader reader = validation.Reader(*body);
  reader.RejectUnknown({"text"});
  const std::string text = reader.String("text", Presence::kRequired, 10000).value_or("");
  if (!validation.ok()) co_return ErrorResponse(context, validation.ToError("The note is invalid"));
  auto note = co_await Offload(context.services.blocking_pool, [&] {
    return Service(context)->AddNote(context.workspace_id, *id, text, context.actor());
  });
  if (!note) co_return ErrorResponse(context, note.error());
  co_return JsonResponse(context, Status::created, EventView(*note));
}

}  // namespace voxloop::http::handlers

namespace voxloop::http::handlers {

Reply ReplyToCase(RequestContext& context) {
  if (context.services.case_mail == nullptr) co_return ErrorResponse(context, Unavailable());
  const auto id = core::ParseId(context.Param("id"));
  if (!id) co_return ErrorResponse(context, NoSuchCase());
  auto body = ParseJsonObjectBody(context.request.body());
  if (!body) co_return ErrorResponse(context, body.error());
  Validation validation;
  FieldReader reader = validation.Reader(*body);
  reader.RejectUnknown({"text", "status"});
  const std::string text = reader.String("text", Presence::kRequired, 20000).value_or("");
  const std::optional<std::string> status = reader.String("status", Presence::kOptional, 30);
  if (!validation.ok()) co_return ErrorResponse(context, validation.ToError("The reply is invalid"));
  auto message = co_await Offload(context.services.blocking_pool, [&] {
    return context.services.case_mail->Reply(context.workspace_id, *id, text, status, context.actor());
  });
  if (!message) co_return ErrorResponse(context, message.error());
  co_return JsonResponse(context, Status::created, MessageView(*message, true));
}

Reply ListCaseMessages(RequestContext& context) {
  if (context.services.case_mail == nullptr) co_return ErrorResponse(context, Unavailable());
  const auto id = core::ParseId(context.Param("id"));
  if (!id) co_return ErrorResponse(context, NoSuchCase());
  auto messages = co_await Offload(context.services.blocking_pool, [&] {
    return context.services.case_mail->Messages(context.workspace_id, *id);
  });
  if (!messages) co_return ErrorResponse(context, messages.error());
  // The conversation is the customer's words: without pii.read it is listed, not shown.
  const bool show = context.Can(auth::Permission::kPiiRead);
  json::array items;
  for (const auto& message : *messages) items.push_back(MessageView(message, show));
  co_return JsonResponse(context, Status::ok, PageBody(std::move(items), ""));
}

Reply CaseStats(RequestContext& context) {
  if (Service(context) == nullptr) co_return ErrorResponse(context, Unavailable());
  constexpr core::TimeMs kDefaultWindowMs = 30LL * 86'400'000;
  const core::TimeMs now = core::NowMs();
  std::vector<core::FieldError> errors;
  auto instant = [&](const char* name, core::TimeMs fallback) {
    const std::string_view text = context.Query(name);
    if (text.empty()) return fallback;
    auto parsed = core::ParseRfc3339(text);
    if (!parsed) errors.push_back({name, "invalid", "An RFC 3339 instant"});
    return parsed.value_or(fallback);
  };
  const core::TimeMs to = instant("to", now);
  const core::TimeMs from = instant("from", to - kDefaultWindowMs);
  constexpr core::TimeMs kMaxWindowMs = 366LL * 86'400'000;
  if (errors.empty() && from >= to) errors.push_back({"from", "invalid", "from must be before to"});
  if (errors.empty() && to - from > kMaxWindowMs) errors.push_back({"from", "invalid", "At most 366 days"});
  if (!errors.empty()) co_return ErrorResponse(context, core::Error::InvalidArgument("The window is invalid", errors));
  auto figures = co_await Offload(context.services.blocking_pool, [&]() -> core::Result<json::object> {
    VOXLOOP_ASSIGN_OR_RETURN(workflow::LoopStats stats, Service(context)->Stats(context.workspace_id, from, to));
    VOXLOOP_ASSIGN_OR_RETURN(json::value detractors, DetractorsBetween(context, from, to));
    json::object out{{"from", core::FormatRfc3339(from)},
                     {"to", core::FormatRfc3339(to)},
                     {"cases_opened", stats.cases_opened},
                     {"cases_resolved", stats.cases_resolved},
                     {"detractors", detractors},
                     {"detractor_cases", stats.detractor_cases},
                     {"detractors_contacted", stats.detractor_cases_contacted},
                     {"median_first_response_minutes", Optional(stats.median_first_response_minutes)},
                     {"median_resolution_minutes", Optional(stats.median_resolution_minutes)},
                     {"first_response_breaches", stats.first_response_breaches},
                     {"resolution_breaches", stats.resolution_breaches},
                     {"followups_sent", stats.followups_sent},
                     {"followups_answered", stats.followups_answered},
                     {"followups_solved", stats.followups_solved},
                     {"followup_csat", Optional(stats.followup_csat)}};
    const double total = detractors.is_int64() ? static_cast<double>(detractors.as_int64()) : 0.0;
    out["share_of_detractors_contacted"] =
        total > 0 ? json::value(static_cast<double>(stats.detractor_cases_contacted) / total) : json::value(nullptr);
    return out;
  });
  if (!figures) co_return ErrorResponse(context, figures.error());
  co_return JsonResponse(context, Status::ok, std::move(*figures));
}

}  // namespace voxloop::http::handlers
