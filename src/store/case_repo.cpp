#include "store/case_repo.hpp"

#include "store/json_columns.hpp"

namespace voxloop::store {
namespace {

constexpr std::string_view kCaseColumns =
    "id, workspace_id, title, status, priority, priority_score, priority_manual, team, assignee_id, "
    "customer_id, response_id, rule_id, tags, first_response_due_at, resolution_due_at, "
    "first_responded_at, resolved_at, closed_at, created_at, updated_at, version, reply_token, followup_token, "
    "followup_sent_at, followup_answered_at, followup_solved, followup_csat, nps, first_response_breached_at, "
    "resolution_breached_at, reopened_at";

CaseRow CaseFromRow(const RowView& row) {
  CaseRow out;
  out.id = row.Int(0);
  out.workspace_id = row.Int(1);
  out.title = row.String(2);
  out.status = row.String(3);
  out.priority = row.String(4);
  out.priority_score = static_cast<int>(row.Int(5));
  out.priority_manual = row.Int(6) != 0;
  out.team = row.String(7);
  out.assignee_id = row.OptInt(8);
  out.customer_id = row.OptInt(9);
  out.response_id = row.OptInt(10);
  out.rule_id = row.OptInt(11);
  out.tags = DecodeStringList(row.Text(12));
  out.first_response_due_at = row.OptInt(13);
  out.resolution_due_at = row.OptInt(14);
  out.first_responded_at = row.OptInt(15);
  out.resolved_at = row.OptInt(16);
  out.closed_at = row.OptInt(17);
  out.created_at = row.Int(18);
  out.updated_at = row.Int(19);
  out.version = row.Int(20);
  out.reply_token = row.IsNull(21) ? "" : row.String(21);
  out.followup_token = row.IsNull(22) ? "" : row.String(22);
  out.followup_sent_at = row.OptInt(23);
  out.followup_answered_at = row.OptInt(24);
  if (auto solved = row.OptInt(25)) out.followup_solved = *solved != 0;
  if (auto csat = row.OptInt(26)) out.followup_csat = static_cast<int>(*csat);
  if (auto nps = row.OptInt(27)) out.nps = static_cast<int>(*nps);
  out.first_response_breached_at = row.OptInt(28);
  out.resolution_breached_at = row.OptInt(29);
  out.reopened_at = row.OptInt(30);
  return out;
}

Params CaseValues(const CaseRow& row) {
  return {row.title, row.status, row.priority, std::int64_t{row.priority_score},
          std::int64_t{row.priority_manual ? 1 : 0}, row.team, Optional(row.assignee_id),
          Optional(row.customer_id), Optional(row.response_id), Optional(row.rule_id),
          EncodeStringList(row.tags), Optional(row.first_response_due_at), Optional(row.resolution_due_at),
          Optional(row.first_responded_at), Optional(row.resolved_at), Optional(row.closed_at),
          row.created_at, row.updated_at};
}

// The columns of migration 0010, after version.
Params ReplyValues(const CaseRow& row) {
  auto text_or_null = [](const std::string& text) { return text.empty() ? Value() : Value(text); };
  std::optional<std::int64_t> solved;
  if (row.followup_solved) solved = *row.followup_solved ? 1 : 0;
  std::optional<std::int64_t> csat;
  if (row.followup_csat) csat = *row.followup_csat;
  std::optional<std::int64_t> nps;
  if (row.nps) nps = *row.nps;
  return {text_or_null(row.reply_token), text_or_null(row.followup_token), Optional(row.followup_sent_at),
          Optional(row.followup_answered_at), Optional(solved), Optional(csat), Optional(nps),
          Optional(row.first_response_breached_at), Optional(row.resolution_breached_at), Optional(row.reopened_at)};
}

constexpr std::string_view kActive = "status NOT IN ('resolved', 'closed')";

RuleRow RuleFromRow(const RowView& row) {
  RuleRow out;
  out.id = row.Int(0);
  out.workspace_id = row.Int(1);
  out.name = row.String(2);
  out.enabled = row.Int(3) != 0;
  out.definition_json = row.String(4);
  out.fired_count = row.Int(5);
  out.last_fired_at = row.OptInt(6);
  out.created_at = row.Int(7);
  out.updated_at = row.Int(8);
  out.last_notified_at = row.OptInt(9);
  out.suppressed_count = row.Int(10);
  out.state_json = row.String(11);
  return out;
}

constexpr std::string_view kSelectRule =
    "SELECT id, workspace_id, name, enabled, definition, fired_count, last_fired_at, created_at, updated_at, "
    "last_notified_at, suppressed_count, state FROM rules ";

Status Done(Result<std::int64_t> executed) {
  if (!executed) return std::move(executed).error();
  return core::Ok();
}

}  // namespace

Status CaseRepo::Insert(const CaseRow& row) {
  Params params{row.id, row.workspace_id};
  for (Value& value : CaseValues(row)) params.push_back(std::move(value));
  params.emplace_back(row.version);
  for (Value& value : ReplyValues(row)) params.push_back(std::move(value));
  return Done(db_.Execute("INSERT INTO cases (" + std::string(kCaseColumns) +
                              ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          params));
}

Result<std::optional<CaseRow>> CaseRepo::Get(core::Id workspace_id, core::Id id) {
  std::optional<CaseRow> found;
  VOXLOOP_TRY(db_.ForEach("SELECT " + std::string(kCaseColumns) + " FROM cases WHERE workspace_id = ? AND id = ?",
                          {workspace_id, id}, [&](const RowView& row) { found = CaseFromRow(row); }));
  return found;
}

Status CaseRepo::Update(const CaseRow& row, std::int64_t expected_version) {
  Params params = CaseValues(row);
  params.emplace_back(expected_version + 1);
  for (Value& value : ReplyValues(row)) params.push_back(std::move(value));
  params.emplace_back(row.workspace_id);
  params.emplace_back(row.id);
  params.emplace_back(expected_version);
  auto updated = db_.Execute(
      "UPDATE cases SET title = ?, status = ?, priority = ?, priority_score = ?, priority_manual = ?, team = ?, "
      "assignee_id = ?, customer_id = ?, response_id = ?, rule_id = ?, tags = ?, first_response_due_at = ?, "
      "resolution_due_at = ?, first_responded_at = ?, resolved_at = ?, closed_at = ?, created_at = ?, "
      "updated_at = ?, version = ?, reply_token = ?, followup_token = ?, followup_sent_at = ?, "
      "followup_answered_at = ?, followup_solved = ?, followup_csat = ?, nps = ?, first_response_breached_at = ?, "
      "resolution_breached_at = ?, reopened_at = ? WHERE workspace_id = ? AND id = ? AND "
      "version = ?",
      params);
  if (!updated) return std::move(updated).error();
  if (*updated == 1) return core::Ok();
  VOXLOOP_ASSIGN_OR_RETURN(auto current, Get(row.workspace_id, row.id));
  if (!current) return core::Error::NotFound("No such case");
  return core::Error::Conflict("The case was changed meanwhile; reload it");
}

Result<std::vector<CaseRow>> CaseRepo::List(core::Id workspace_id, const CaseFilter& filter) {
  std::string sql = "SELECT " + std::string(kCaseColumns) + " FROM cases WHERE workspace_id = ?";
  Params params{workspace_id};
  if (filter.status) {
    if (*filter.status == "active") {
      sql += " AND " + std::string(kActive);
    } else {
      sql += " AND status = ?";
      params.emplace_back(*filter.status);
    }
  }
  if (filter.assignee_id) {
    sql += " AND assignee_id = ?";
    params.emplace_back(*filter.assignee_id);
  }
  if (filter.unassigned) sql += " AND assignee_id IS NULL";
  if (filter.priority) {
    sql += " AND priority = ?";
    params.emplace_back(*filter.priority);
  }
  if (filter.team) {
    sql += " AND team = ?";
    params.emplace_back(*filter.team);
  }
  if (filter.due_before) {
    sql += " AND " + std::string(kActive) + " AND resolution_due_at < ?";
    params.emplace_back(*filter.due_before);
  }
  if (filter.before_id) {
    sql += " AND id < ?";
    params.emplace_back(*filter.before_id);
  }
  sql += " ORDER BY id DESC LIMIT ?";
  params.emplace_back(std::int64_t{filter.limit});
  std::vector<CaseRow> rows;
  VOXLOOP_TRY(db_.ForEach(sql, params, [&](const RowView& row) { rows.push_back(CaseFromRow(row)); }));
  return rows;
}

Result<std::vector<CaseRow>> CaseRepo::CreatedBetween(core::Id workspace_id, core::TimeMs from, core::TimeMs to) {
  std::vector<CaseRow> rows;
  VOXLOOP_TRY(db_.ForEach("SELECT " + std::string(kCaseColumns) +
                              " FROM cases WHERE workspace_id = ? AND created_at >= ? AND created_at < ?",
                          {workspace_id, from, to}, [&](const RowView& row) { rows.push_back(CaseFromRow(row)); }));
  return rows;
}

Result<std::vector<CaseRow>> CaseRepo::NewBreaches(core::TimeMs now, int limit) {
  std::vector<CaseRow> rows;
  VOXLOOP_TRY(db_.ForEach("SELECT " + std::string(kCaseColumns) + " FROM cases WHERE " + std::string(kActive) +
                              " AND ((first_responded_at IS NULL AND first_response_due_at < ? AND (first_response_breached_at IS NULL OR "
                              "first_response_breached_at < first_response_due_at)) OR (resolution_due_at < ? AND "
                              "(resolution_breached_at IS NULL OR resolution_breached_at < resolution_due_at))) "
                              "ORDER BY id LIMIT ?",
                          {now, now, std::int64_t{limit}}, [&](const RowView& row) { rows.push_back(CaseFromRow(row)); }));
  return rows;
}

Result<std::optional<CaseRow>> CaseRepo::FindByReplyToken(const std::string& token) {
  std::optional<CaseRow> found;
  if (token.empty()) return found;
  VOXLOOP_TRY(db_.ForEach("SELECT " + std::string(kCaseColumns) + " FROM cases WHERE reply_token = ?", {token},
                          [&](const RowView& row) { found = CaseFromRow(row); }));
  return found;
}

Result<std::optional<CaseRow>> CaseRepo::FindByFollowupToken(const std::string& token) {
  std::optional<CaseRow> found;
  if (token.empty()) return found;
  VOXLOOP_TRY(db_.ForEach("SELECT " + std::string(kCaseColumns) + " FROM cases WHERE followup_token = ?", {token},
                          [&](const RowView& row) { found = CaseFromRow(row); }));
  return found;
}

Result<std::optional<CaseRow>> CaseRepo::OpenCaseOf(core::Id workspace_id, core::Id customer_id) {
  std::optional<CaseRow> found;
  VOXLOOP_TRY(db_.ForEach("SELECT " + std::string(kCaseColumns) + " FROM cases WHERE workspace_id = ? AND " +
                              "customer_id = ? AND " + std::string(kActive) + " ORDER BY id DESC LIMIT 1",
                          {workspace_id, customer_id}, [&](const RowView& row) { found = CaseFromRow(row); }));
  return found;
}

Status CaseRepo::AddItem(core::Id workspace_id, core::Id case_id, core::Id feedback_id, core::TimeMs at,
                         bool new_case) {
  if (!new_case) {
    VOXLOOP_ASSIGN_OR_RETURN(auto existing, db_.QueryOne("SELECT 1 FROM case_items WHERE case_id = ? AND feedback_id = ?",
                                                         {case_id, feedback_id}));
    if (existing) return core::Ok();
  }
  return Done(db_.Execute("INSERT INTO case_items (workspace_id, case_id, feedback_id, added_at) VALUES (?, ?, ?, ?)",
                          {workspace_id, case_id, feedback_id, at}));
}

Result<std::vector<core::Id>> CaseRepo::Items(core::Id workspace_id, core::Id case_id) {
  std::vector<core::Id> ids;
  VOXLOOP_TRY(db_.ForEach("SELECT feedback_id FROM case_items WHERE workspace_id = ? AND case_id = ? "
                          "ORDER BY added_at, feedback_id",
                          {workspace_id, case_id}, [&](const RowView& row) { ids.push_back(row.Int(0)); }));
  return ids;
}

Result<std::vector<std::pair<core::Id, core::Id>>> CaseRepo::ItemsOf(core::Id workspace_id,
                                                                       const std::vector<core::Id>& case_ids) {
  std::vector<std::pair<core::Id, core::Id>> pairs;
  if (case_ids.empty()) return pairs;
  std::string sql = "SELECT case_id, feedback_id FROM case_items WHERE workspace_id = ? AND case_id IN (";
  Params params{workspace_id};
  for (std::size_t idx = 0; idx < case_ids.size(); ++idx) {
    sql += idx == 0 ? "?" : ", ?";
    params.emplace_back(case_ids[idx]);
  }
  sql += ") ORDER BY added_at, feedback_id";
  VOXLOOP_TRY(db_.ForEach(sql, params, [&](const RowView& row) { pairs.emplace_back(row.Int(0), row.Int(1)); }));
  return pairs;
}

Status CaseRepo::AddEvent(const CaseEventRow& event) {
  return Done(db_.Execute("INSERT INTO case_events (id, workspace_id, case_id, at, actor_type, actor_id, kind, data) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                          {event.id, event.workspace_id, event.case_id, event.at, event.actor_type,
                           Optional(event.actor_id), event.kind, event.data_json}));
}

Result<std::vector<CaseEventRow>> CaseRepo::Events(core::Id workspace_id, core::Id case_id) {
  std::vector<CaseEventRow> events;
  VOXLOOP_TRY(db_.ForEach("SELECT id, workspace_id, case_id, at, actor_type, actor_id, kind, data FROM case_events "
                          "WHERE workspace_id = ? AND case_id = ? ORDER BY at, id",
                          {workspace_id, case_id}, [&](const RowView& row) {
                            events.push_back({row.Int(0), row.Int(1), row.Int(2), row.Int(3), row.String(4),
                                              row.OptInt(5), row.String(6), row.String(7)});
                          }));
  return events;
}

namespace {

constexpr std::string_view kMessageColumns =
    "id, workspace_id, case_id, direction, kind, author_id, subject, body, status, error, message_id, created_at, "
    "sent_at";

CaseMessageRow MessageFromRow(const RowView& row) {
  CaseMessageRow out;
  out.id = row.Int(0);
  out.workspace_id = row.Int(1);
  out.case_id = row.Int(2);
  out.direction = row.String(3);
  out.kind = row.String(4);
  out.author_id = row.OptInt(5);
  out.subject = row.String(6);
  out.sealed_body = row.String(7);
  out.status = row.String(8);
  out.error = row.String(9);
  out.message_id = row.String(10);
  out.created_at = row.Int(11);
  out.sent_at = row.OptInt(12);
  return out;
}

}  // namespace

Status CaseRepo::InsertMessage(const CaseMessageRow& message) {
  return Done(db_.Execute("INSERT INTO case_messages (" + std::string(kMessageColumns) +
                              ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          {message.id, message.workspace_id, message.case_id, message.direction, message.kind,
                           Optional(message.author_id), message.subject, message.sealed_body, message.status,
                           message.error, message.message_id, message.created_at, Optional(message.sent_at)}));
}

Status CaseRepo::UpdateMessage(const CaseMessageRow& message) {
  return Done(db_.Execute("UPDATE case_messages SET status = ?, error = ?, message_id = ?, sent_at = ? "
                          "WHERE workspace_id = ? AND id = ?",
                          {message.status, message.error, message.message_id, Optional(message.sent_at),
                           message.workspace_id, message.id}));
}

Result<std::optional<CaseMessageRow>> CaseRepo::GetMessage(core::Id workspace_id, core::Id id) {
  std::optional<CaseMessageRow> found;
  VOXLOOP_TRY(db_.ForEach("SELECT " + std::string(kMessageColumns) +
                              " FROM case_messages WHERE workspace_id = ? AND id = ?",
                          {workspace_id, id}, [&](const RowView& row) { found = MessageFromRow(row); }));
  return found;
}

Result<std::vector<CaseMessageRow>> CaseRepo::Messages(core::Id workspace_id, core::Id case_id) {
  std::vector<CaseMessageRow> messages;
  VOXLOOP_TRY(db_.ForEach("SELECT " + std::string(kMessageColumns) +
                              " FROM case_messages WHERE workspace_id = ? AND case_id = ? ORDER BY created_at, id",
                          {workspace_id, case_id}, [&](const RowView& row) { messages.push_back(MessageFromRow(row)); }));
  return messages;
}

Status RuleRepo::Insert(const RuleRow& row) {
  return Done(db_.Execute("INSERT INTO rules (id, workspace_id, name, enabled, definition, fired_count, "
                          "last_fired_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          {row.id, row.workspace_id, row.name, std::int64_t{row.enabled ? 1 : 0}, row.definition_json,
                           row.fired_count, Optional(row.last_fired_at), row.created_at, row.updated_at}));
}

Result<std::optional<RuleRow>> RuleRepo::Get(core::Id workspace_id, core::Id id) {
  std::optional<RuleRow> found;
  VOXLOOP_TRY(db_.ForEach(std::string(kSelectRule) + "WHERE workspace_id = ? AND id = ?", {workspace_id, id},
                          [&](const RowView& row) { found = RuleFromRow(row); }));
  return found;
}

Result<std::vector<RuleRow>> RuleRepo::List(core::Id workspace_id) {
  std::vector<RuleRow> rules;
  VOXLOOP_TRY(db_.ForEach(std::string(kSelectRule) + "WHERE workspace_id = ? ORDER BY id", {workspace_id},
                          [&](const RowView& row) { rules.push_back(RuleFromRow(row)); }));
  return rules;
}

Status RuleRepo::Update(const RuleRow& row) {
  auto updated = db_.Execute("UPDATE rules SET name = ?, enabled = ?, definition = ?, updated_at = ? "
                             "WHERE workspace_id = ? AND id = ?",
                             {row.name, std::int64_t{row.enabled ? 1 : 0}, row.definition_json, row.updated_at,
                              row.workspace_id, row.id});
  if (!updated) return std::move(updated).error();
  if (*updated == 0) return core::Error::NotFound("No such rule");
  return core::Ok();
}

Status RuleRepo::Delete(core::Id workspace_id, core::Id id) {
  auto deleted = db_.Execute("DELETE FROM rules WHERE workspace_id = ? AND id = ?", {workspace_id, id});
  if (!deleted) return std::move(deleted).error();
  if (*deleted == 0) return core::Error::NotFound("No such rule");
  return core::Ok();
}

Status RuleRepo::CountFiring(core::Id workspace_id, core::Id id, core::TimeMs at) {
  return Done(db_.Execute("UPDATE rules SET fired_count = fired_count + 1, last_fired_at = ? "
                          "WHERE workspace_id = ? AND id = ?",
                          {at, workspace_id, id}));
}


Status RuleRepo::MarkNotified(core::Id workspace_id, core::Id id, core::TimeMs at) {
  return Done(db_.Execute("UPDATE rules SET last_notified_at = ?, suppressed_count = 0 WHERE workspace_id = ? AND id = ?",
                          {at, workspace_id, id}));
}

Status RuleRepo::UpdateState(core::Id workspace_id, core::Id id, const std::string& state_json) {
  return Done(db_.Execute("UPDATE rules SET state = ? WHERE workspace_id = ? AND id = ?", {state_json, workspace_id, id}));
}

Status RuleRepo::CountSuppressed(core::Id workspace_id, core::Id id) {
  return Done(db_.Execute("UPDATE rules SET suppressed_count = suppressed_count + 1 WHERE workspace_id = ? AND id = ?",
                          {workspace_id, id}));
}

}  // namespace voxloop::store
