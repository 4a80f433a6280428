// Cases: feedback that needs a person. A case gathers feedback items of one customer (or the
// survey response it was opened for), has a status, a priority with its SLA due times, a
// team and an assignee, tags, internal notes and a full history (case_events).
//
// Statuses: new → open | waiting_on_customer | resolved | closed; the active ones (new, open,
// waiting_on_customer, reopened) move freely among open, waiting_on_customer, resolved and
// closed; resolved → closed | reopened; closed → reopened. Reopening starts the resolution
// SLA again from that moment.
//
// Priority: computed from the items (workflow/priority.hpp has the formula) unless a person
// set it; setting "auto" goes back to the computed level. Changing the level moves the due
// times to the new level's SLA counted from the case's creation (resolution: from reopening).
// Business hours come from the workspace: its time zone and settings.business_hours
// {"start": "08:00", "end": "17:00", "days": [1, 2, 3, 4, 5]}.
//
// Every change records a case event and publishes case.created, case.updated (with the
// changes) or case.resolved to the webhooks in the same transaction. Writers pass the
// version they read to Update (optimistic concurrency: kConflict when it moved on).
//
// Thread-safety: every method may be called from any thread; OpenOrAttach on the writer
// thread inside a write job.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "auth/principal.hpp"
#include "core/result.hpp"
#include "store/case_repo.hpp"
#include "store/database.hpp"
#include "workflow/notifications.hpp"
#include "workflow/priority.hpp"
#include "workflow/webhooks.hpp"

namespace voxloop::workflow {

inline constexpr std::string_view kCaseStatuses[] = {"new",      "open",   "waiting_on_customer",
                                                     "resolved", "closed", "reopened"};
bool IsCaseStatus(std::string_view status);
bool IsActiveStatus(std::string_view status);
// Ok when a case may move from `from` to `to` (the same status is always fine).
core::Status CheckTransition(const std::string& from, const std::string& to);

// What a case is opened with, by a person or a rule.
struct CaseDraft {
  core::Id workspace_id = 0;
  std::string title;
  std::optional<core::Id> customer_id;
  std::optional<core::Id> response_id;
  std::optional<core::Id> rule_id;
  std::vector<core::Id> feedback_ids;
  PriorityInputs priority_inputs;        // for the computed priority
  std::optional<std::string> priority;   // a level set by hand (or by a rule's set_priority)
  std::optional<std::string> team;
  std::optional<core::Id> assignee_id;
  std::vector<std::string> tags;
  std::optional<core::Id> into_case;  // OpenOrAttach: join this case (another rule's, same subject)
};

// A change to a case; unset fields stay as they are.
struct CasePatch {
  std::optional<std::string> title;
  std::optional<std::string> status;
  std::optional<std::string> priority;  // a level, or "auto"
  std::optional<std::string> team;
  std::optional<std::optional<core::Id>> assignee_id;  // an inner nullopt unassigns
  std::optional<std::vector<std::string>> tags;        // replaces
  std::vector<std::string> add_tags;
  // A newly computed score (an item attached): when higher, it replaces the case's and a
  // computed level follows it.
  std::optional<int> priority_score;
  bool followup = false;  // with status "resolved": mail the customer the follow-up
  bool first_response = false;  // the customer was answered (a reply): sets first_responded_at once
  std::optional<std::int64_t> expected_version;
};

struct CaseSummary {
  store::CaseRow row;
  std::vector<core::Id> feedback_ids;
};

struct CaseDetail {
  store::CaseRow row;
  std::vector<core::Id> feedback_ids;
  std::vector<store::CaseEventRow> events;
};

// Sends the follow-up of a case being resolved (workflow::CaseMail): fills the row's
// follow-up fields and queues the mail inside the write job. Errors fail the change.
class FollowupSender {
 public:
  virtual ~FollowupSender() = default;
  virtual core::Status QueueFollowup(store::WriteContext& context, store::CaseRow& row) = 0;
};

// Closed-loop figures of the cases opened in a window.
struct LoopStats {
  std::int64_t cases_opened = 0;
  std::int64_t cases_resolved = 0;          // of those, resolved or closed since
  std::int64_t detractor_cases = 0;         // opened for an NPS answer of 0–6
  std::int64_t detractor_cases_contacted = 0;  // of those, answered (a reply or waiting on the customer)
  std::optional<double> median_first_response_minutes;
  std::optional<double> median_resolution_minutes;
  std::int64_t first_response_breaches = 0;  // answered late, or not yet and past due
  std::int64_t resolution_breaches = 0;
  std::int64_t followups_sent = 0;
  std::int64_t followups_answered = 0;
  std::int64_t followups_solved = 0;
  std::optional<double> followup_csat;  // mean of the 1–5 answers
};

// Who changes a case: a member, a token, the system, or a rule (id = the rule's).
auth::Actor RuleActor(core::Id rule_id);

// The `data` of case.* events.
boost::json::object CaseEventData(const store::CaseRow& row, const std::vector<core::Id>& feedback_ids);

class Cases {
 public:
  Cases(store::Database& database, Webhooks& webhooks) : database_(database), webhooks_(webhooks) {}
  // Set once at start-up; without it a follow-up is refused.
  void SetFollowups(FollowupSender* followups) { followups_ = followups; }
  // Set once at start-up; without it nobody is told in the dashboard.
  void SetNotifications(Notifications* notifications) { notifications_ = notifications; }

  // A case by hand. Its feedback items must exist and belong to one customer; the customer
  // is theirs (or `customer_id`). Field errors: title, feedback_ids/N, priority, assignee_id.
  core::Result<CaseDetail> Create(const CaseDraft& draft, const auth::Actor& actor);
  // Inside a write job: the items go to the customer's open case when there is one (which
  // takes the draft's team, assignee, tags and a hand-set priority), else to a new case.
  core::Result<store::CaseRow> OpenOrAttach(store::WriteContext& context, const CaseDraft& draft,
                                            const auth::Actor& actor);

  core::Result<std::vector<CaseSummary>> List(core::Id workspace_id, const store::CaseFilter& filter);
  core::Result<CaseDetail> Get(core::Id workspace_id, core::Id id);
  core::Result<LoopStats> Stats(core::Id workspace_id, core::TimeMs from, core::TimeMs to);
  core::Result<CaseDetail> Update(core::Id workspace_id, core::Id id, const CasePatch& patch,
                                  const auth::Actor& actor);
  // Inside a write job (bulk actions, replies, follow-ups).
  core::Result<store::CaseRow> UpdateIn(store::WriteContext& context, core::Id workspace_id, core::Id id,
                                        const CasePatch& patch, const auth::Actor& actor);
  core::Result<store::CaseEventRow> AddNote(core::Id workspace_id, core::Id id, const std::string& text,
                                            const auth::Actor& actor);
  // Inside a write job: the case missed a due time (`which`: first_response or resolution) —
  // its history and a case.sla_breached event. The caller has set the breach time.
  core::Status RecordBreach(store::WriteContext& context, const store::CaseRow& row, const std::string& which);
  // Records an event on the case's history inside a write job (replies, follow-ups).
  core::Status RecordEvent(store::WriteContext& context, const store::CaseRow& row, const auth::Actor& actor,
                           std::string kind, boost::json::object data);

 private:
  core::Result<store::CaseRow> Insert(store::WriteContext& context, const CaseDraft& draft, const auth::Actor& actor);
  // `known_items`: the case's items when the caller has them (else they are read).
  core::Status Publish(store::WriteContext& context, const std::string& type, const store::CaseRow& row,
                       boost::json::object extra = {}, const std::vector<core::Id>* known_items = nullptr);

  // Tells the case's assignee (unless they made the change themselves): the case's title
  // under `kind`, which the dashboard words in the member's language.
  core::Status TellAssignee(store::WriteContext& context, const store::CaseRow& row, const auth::Actor& actor,
                            const std::string& kind);

  store::Database& database_;
  Webhooks& webhooks_;
  FollowupSender* followups_ = nullptr;
  Notifications* notifications_ = nullptr;
};

}  // namespace voxloop::workflow
