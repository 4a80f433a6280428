// CaseRepo and RuleRepo: the cases, case_items, case_events and rules tables (migration 0009).
// Workflow rules (who may change what, status transitions, priorities) live in
// workflow::Cases and workflow::Rules. Borrow a Connection; not thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/id.hpp"
#include "core/time.hpp"
#include "store/connection.hpp"

namespace voxloop::store {

struct CaseRow {
  core::Id id = 0;
  core::Id workspace_id = 0;
  std::string title;
  std::string status = "new";  // new | open | waiting_on_customer | resolved | closed | reopened
  std::string priority = "normal";  // low | normal | high | urgent
  int priority_score = 0;
  bool priority_manual = false;
  std::string team;
  std::optional<core::Id> assignee_id;
  std::optional<core::Id> customer_id;
  std::optional<core::Id> response_id;
  std::optional<core::Id> rule_id;
  std::vector<std::string> tags;
  std::optional<core::TimeMs> first_response_due_at, resolution_due_at;
  std::optional<core::TimeMs> first_responded_at, resolved_at, closed_at;
  core::TimeMs created_at = 0;
  core::TimeMs updated_at = 0;
  std::int64_t version = 1;
  // Replies and the follow-up (migration 0010).
  std::string reply_token;     // "" until the first reply; the reply address's secret part
  std::string followup_token;  // "" until a follow-up is sent
  std::optional<core::TimeMs> followup_sent_at, followup_answered_at;
  std::optional<bool> followup_solved;
  std::optional<int> followup_csat;  // 1–5
  std::optional<int> nps;  // the NPS answer it was opened for (migration 0011)
  // When it missed each due time (migration 0012).
  std::optional<core::TimeMs> first_response_breached_at, resolution_breached_at;
  std::optional<core::TimeMs> reopened_at;  // the resolution SLA counts from here (or creation)
};

struct CaseEventRow {
  core::Id id = 0;
  core::Id workspace_id = 0;
  core::Id case_id = 0;
  core::TimeMs at = 0;
  std::string actor_type = "system";  // user | token | system | rule
  std::optional<core::Id> actor_id;
  std::string kind;  // created | changed | note | items_added
  std::string data_json = "{}";
};

// A mail on a case: to the customer (outbound: a reply or the follow-up) or from them.
struct CaseMessageRow {
  core::Id id = 0;
  core::Id workspace_id = 0;
  core::Id case_id = 0;
  std::string direction = "outbound";  // outbound | inbound
  std::string kind = "reply";          // reply | followup
  std::optional<core::Id> author_id;   // the member who wrote it
  std::string subject;
  std::string sealed_body;             // PiiVault-sealed text
  std::string status = "queued";       // queued | sent | failed | received
  std::string error;
  std::string message_id;
  core::TimeMs created_at = 0;
  std::optional<core::TimeMs> sent_at;
};

struct CaseFilter {
  std::optional<std::string> status;    // one status, or "active" (not resolved or closed)
  std::optional<core::Id> assignee_id;
  bool unassigned = false;
  std::optional<std::string> priority;
  std::optional<std::string> team;
  // Active cases whose resolution is due before this instant (overdue: now; breaching soon:
  // now + a window).
  std::optional<core::TimeMs> due_before;
  std::optional<core::Id> before_id;  // paging: ids below this
  int limit = 50;
};

class CaseRepo {
 public:
  explicit CaseRepo(Connection& db) : db_(db) {}

  Status Insert(const CaseRow& row);
  Result<std::optional<CaseRow>> Get(core::Id workspace_id, core::Id id);
  // Writes every field and version = expected_version + 1 when the stored version is still
  // expected_version; kConflict when it moved on, kNotFound when it is gone.
  Status Update(const CaseRow& row, std::int64_t expected_version);
  // Newest first.
  Result<std::vector<CaseRow>> List(core::Id workspace_id, const CaseFilter& filter);
  // The case whose reply address or follow-up link holds `token` (any workspace).
  Result<std::optional<CaseRow>> FindByReplyToken(const std::string& token);
  Result<std::optional<CaseRow>> FindByFollowupToken(const std::string& token);
  // Cases created in [from, to), for closed-loop figures.
  Result<std::vector<CaseRow>> CreatedBetween(core::Id workspace_id, core::TimeMs from, core::TimeMs to);
  // Active cases of any workspace that missed a due time not marked missed since it was set
  // (a due time moved later after a breach can be missed again), oldest first.
  Result<std::vector<CaseRow>> NewBreaches(core::TimeMs now, int limit);
  // The customer's newest case that is not resolved or closed.
  Result<std::optional<CaseRow>> OpenCaseOf(core::Id workspace_id, core::Id customer_id);

  // Idempotent; `new_case` skips the check for a case created in this transaction.
  Status AddItem(core::Id workspace_id, core::Id case_id, core::Id feedback_id, core::TimeMs at, bool new_case = false);
  Result<std::vector<core::Id>> Items(core::Id workspace_id, core::Id case_id);
  // The case ids of many cases' items: (case id, feedback id) pairs, for list pages.
  Result<std::vector<std::pair<core::Id, core::Id>>> ItemsOf(core::Id workspace_id, const std::vector<core::Id>& case_ids);

  Status AddEvent(const CaseEventRow& event);
  Result<std::vector<CaseEventRow>> Events(core::Id workspace_id, core::Id case_id);

  Status InsertMessage(const CaseMessageRow& message);
  Status UpdateMessage(const CaseMessageRow& message);  // status, error, message_id, sent_at
  Result<std::optional<CaseMessageRow>> GetMessage(core::Id workspace_id, core::Id id);
  Result<std::vector<CaseMessageRow>> Messages(core::Id workspace_id, core::Id case_id);  // oldest first

 private:
  Connection& db_;
};

struct RuleRow {
  core::Id id = 0;
  core::Id workspace_id = 0;
  std::string name;
  bool enabled = true;
  std::string definition_json;  // {"when": …, "then": […]}
  std::int64_t fired_count = 0;
  std::optional<core::TimeMs> last_fired_at;
  core::TimeMs created_at = 0;
  core::TimeMs updated_at = 0;
  std::optional<core::TimeMs> last_notified_at;
  std::int64_t suppressed_count = 0;  // firings kept quiet since the last notification
  std::string state_json = "{}";      // a metric rule's state between watch runs
};

class RuleRepo {
 public:
  explicit RuleRepo(Connection& db) : db_(db) {}

  Status Insert(const RuleRow& row);
  Result<std::optional<RuleRow>> Get(core::Id workspace_id, core::Id id);
  Result<std::vector<RuleRow>> List(core::Id workspace_id);  // oldest first: evaluation order
  Status Update(const RuleRow& row);  // name, enabled, definition, updated_at
  Status Delete(core::Id workspace_id, core::Id id);
  Status CountFiring(core::Id workspace_id, core::Id id, core::TimeMs at);
  // A notification went out at `at`: the suppressed count starts again.
  Status MarkNotified(core::Id workspace_id, core::Id id, core::TimeMs at);
  Status CountSuppressed(core::Id workspace_id, core::Id id);
  Status UpdateState(core::Id workspace_id, core::Id id, const std::string& state_json);

 private:
  Connection& db_;
};

}  // namespace voxloop::store
