#include "store/survey_repo.hpp"

namespace voxloop::store {
namespace {

constexpr std::string_view kSurveySelect =
    "SELECT id, workspace_id, name, status, version, revision, response_count, template, "
    "created_at, updated_at, published_at, closed_at FROM surveys ";

SurveyRow SurveyFromRow(const RowView& row) {
  SurveyRow survey;
  survey.id = row.Int(0);
  survey.workspace_id = row.Int(1);
  survey.name = row.String(2);
  survey.status = row.String(3);
  survey.version = static_cast<int>(row.Int(4));
  survey.revision = row.Int(5);
  survey.response_count = row.Int(6);
  survey.template_id = row.String(7);
  survey.created_at = row.Int(8);
  survey.updated_at = row.Int(9);
  survey.published_at = row.OptInt(10);
  survey.closed_at = row.OptInt(11);
  return survey;
}

constexpr std::string_view kResponseSelect =
    "SELECT id, workspace_id, survey_id, version, status, channel, language, session_hash, "
    "invitation_id, customer_id, answers, hidden, client_hash, answers_hash, started_at, "
    "updated_at, completed_at FROM survey_responses ";

SurveyResponseRow ResponseFromRow(const RowView& row) {
  SurveyResponseRow response;
  response.id = row.Int(0);
  response.workspace_id = row.Int(1);
  response.survey_id = row.Int(2);
  response.version = static_cast<int>(row.Int(3));
  response.status = row.String(4);
  response.channel = row.String(5);
  response.language = row.String(6);
  if (!row.IsNull(7)) response.session_hash = row.String(7);
  response.invitation_id = row.OptInt(8);
  response.customer_id = row.OptInt(9);
  response.answers_json = row.String(10);
  response.hidden_json = row.String(11);
  response.client_hash = row.String(12);
  response.answers_hash = row.String(13);
  response.started_at = row.Int(14);
  response.updated_at = row.Int(15);
  response.completed_at = row.OptInt(16);
  return response;
}

Status Changed(Result<std::int64_t> changed, std::string_view not_found) {
  if (!changed) return std::move(changed).error();
  if (*changed == 0) return core::Error::NotFound(std::string(not_found));
  return core::Ok();
}

// Pages newest first: `sql` selects with a WHERE clause; adds the cursor and the limit.
template <typename Row, typename FromRow>
Result<std::pair<std::vector<Row>, std::optional<core::Id>>> PageNewestFirst(
    Connection& db, std::string sql, Params params, std::optional<core::Id> after_id, int limit,
    FromRow from_row, core::Id Row::*id) {
  if (after_id) {
    sql += " AND id < ?";
    params.emplace_back(*after_id);
  }
  sql += " ORDER BY id DESC LIMIT ?";
  params.emplace_back(std::int64_t{limit} + 1);
  std::vector<Row> rows;
  VOXLOOP_TRY(db.ForEach(sql, params, [&](const RowView& row) { rows.push_back(from_row(row)); }));
  std::optional<core::Id> next;
  if (static_cast<int>(rows.size()) > limit) {
    rows.pop_back();
    next = rows.back().*id;
  }
  return std::make_pair(std::move(rows), next);
}

}  // namespace

Status SurveyRepo::Insert(const SurveyRow& survey) {
  auto inserted = db_.Execute(
      "INSERT INTO surveys (id, workspace_id, name, status, version, revision, response_count, "
      "template, created_at, updated_at, published_at, closed_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {survey.id, survey.workspace_id, survey.name, survey.status, std::int64_t{survey.version},
       survey.revision, survey.response_count, survey.template_id, survey.created_at,
       survey.updated_at, Optional(survey.published_at), Optional(survey.closed_at)});
  if (!inserted) return std::move(inserted).error();
  return core::Ok();
}

Result<std::optional<SurveyRow>> SurveyRepo::Find(core::Id survey_id) {
  std::optional<SurveyRow> found;
  VOXLOOP_TRY(db_.ForEach(std::string(kSurveySelect) + "WHERE id = ?", {survey_id},
                          [&](const RowView& row) { found = SurveyFromRow(row); }));
  return found;
}

Result<std::optional<SurveyRow>> SurveyRepo::Get(core::Id workspace_id, core::Id survey_id) {
  std::optional<SurveyRow> found;
  VOXLOOP_TRY(db_.ForEach(std::string(kSurveySelect) + "WHERE workspace_id = ? AND id = ?",
                          {workspace_id, survey_id},
                          [&](const RowView& row) { found = SurveyFromRow(row); }));
  return found;
}

Result<SurveyPage> SurveyRepo::List(core::Id workspace_id, const std::string& status,
                                    std::optional<core::Id> after_id, int limit) {
  std::string sql = std::string(kSurveySelect) + "WHERE workspace_id = ?";
  Params params{workspace_id};
  if (!status.empty()) {
    sql += " AND status = ?";
    params.emplace_back(status);
  }
  VOXLOOP_ASSIGN_OR_RETURN(auto page, PageNewestFirst<SurveyRow>(db_, std::move(sql),
                                                                 std::move(params), after_id,
                                                                 limit, SurveyFromRow,
                                                                 &SurveyRow::id));
  return SurveyPage{std::move(page.first), page.second};
}

Status SurveyRepo::Update(const SurveyRow& survey, std::int64_t expected_revision) {
  auto updated = db_.Execute(
      "UPDATE surveys SET name = ?, status = ?, version = ?, updated_at = ?, published_at = ?, "
      "closed_at = ?, revision = ? WHERE workspace_id = ? AND id = ? AND revision = ?",
      {survey.name, survey.status, std::int64_t{survey.version}, survey.updated_at,
       Optional(survey.published_at), Optional(survey.closed_at), expected_revision + 1,
       survey.workspace_id, survey.id, expected_revision});
  if (!updated) return std::move(updated).error();
  if (*updated == 1) return core::Ok();
  VOXLOOP_ASSIGN_OR_RETURN(auto current, Get(survey.workspace_id, survey.id));
  if (!current) return core::Error::NotFound("No such survey");
  return core::Error::Conflict("The survey was changed meanwhile; reload it");
}

Status SurveyRepo::CountResponse(core::Id survey_id) {
  return Changed(db_.Execute("UPDATE surveys SET response_count = response_count + 1 WHERE id = ?",
                             {survey_id}),
                 "No such survey");
}

Status SurveyRepo::InsertVersion(const SurveyVersionRow& version) {
  auto inserted = db_.Execute(
      "INSERT INTO survey_versions (survey_id, version, definition, created_at) VALUES (?, ?, ?, ?)",
      {version.survey_id, std::int64_t{version.version}, version.definition_json,
       version.created_at});
  if (!inserted) return std::move(inserted).error();
  return core::Ok();
}

Status SurveyRepo::ReplaceVersion(const SurveyVersionRow& version) {
  return Changed(db_.Execute("UPDATE survey_versions SET definition = ? WHERE survey_id = ? AND "
                             "version = ?",
                             {version.definition_json, version.survey_id,
                              std::int64_t{version.version}}),
                 "No such survey version");
}

Result<std::optional<SurveyVersionRow>> SurveyRepo::GetVersion(core::Id survey_id, int version) {
  std::optional<SurveyVersionRow> found;
  VOXLOOP_TRY(db_.ForEach(
      "SELECT survey_id, version, definition, created_at FROM survey_versions "
      "WHERE survey_id = ? AND version = ?",
      {survey_id, std::int64_t{version}}, [&](const RowView& row) {
        found = SurveyVersionRow{row.Int(0), static_cast<int>(row.Int(1)), row.String(2), row.Int(3)};
      }));
  return found;
}

Result<std::vector<SurveyVersionRow>> SurveyRepo::ListVersions(core::Id survey_id) {
  std::vector<SurveyVersionRow> versions;
  VOXLOOP_TRY(db_.ForEach(
      "SELECT survey_id, version, definition, created_at FROM survey_versions "
      "WHERE survey_id = ? ORDER BY version DESC",
      {survey_id}, [&](const RowView& row) {
        versions.push_back(
            SurveyVersionRow{row.Int(0), static_cast<int>(row.Int(1)), row.String(2), row.Int(3)});
      }));
  return versions;
}

Status SurveyResponseRepo::Insert(const SurveyResponseRow& response) {
  auto inserted = db_.Execute(
      "INSERT INTO survey_responses (id, workspace_id, survey_id, version, status, channel, "
      "language, session_hash, invitation_id, customer_id, answers, hidden, client_hash, "
      "answers_hash, started_at, updated_at, completed_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {response.id, response.workspace_id, response.survey_id, std::int64_t{response.version},
       response.status, response.channel, response.language, Optional(response.session_hash),
       Optional(response.invitation_id), Optional(response.customer_id), response.answers_json,
       response.hidden_json, response.client_hash, response.answers_hash, response.started_at,
       response.updated_at, Optional(response.completed_at)});
  if (!inserted) return std::move(inserted).error();
  return core::Ok();
}

Status SurveyResponseRepo::Update(const SurveyResponseRow& response) {
  return Changed(
      db_.Execute("UPDATE survey_responses SET version = ?, status = ?, language = ?, answers = ?, "
                  "hidden = ?, customer_id = ?, client_hash = ?, answers_hash = ?, updated_at = ?, "
                  "completed_at = ? WHERE workspace_id = ? AND id = ?",
                  {std::int64_t{response.version}, response.status, response.language,
                   response.answers_json, response.hidden_json, Optional(response.customer_id),
                   response.client_hash, response.answers_hash, response.updated_at,
                   Optional(response.completed_at), response.workspace_id, response.id}),
      "No such response");
}

Result<std::optional<SurveyResponseRow>> SurveyResponseRepo::Get(core::Id workspace_id,
                                                                 core::Id response_id) {
  std::optional<SurveyResponseRow> found;
  VOXLOOP_TRY(db_.ForEach(std::string(kResponseSelect) + "WHERE workspace_id = ? AND id = ?",
                          {workspace_id, response_id},
                          [&](const RowView& row) { found = ResponseFromRow(row); }));
  return found;
}

Result<std::optional<SurveyResponseRow>> SurveyResponseRepo::FindBySession(
    const std::string& session_hash) {
  std::optional<SurveyResponseRow> found;
  VOXLOOP_TRY(db_.ForEach(std::string(kResponseSelect) + "WHERE session_hash = ?", {session_hash},
                          [&](const RowView& row) { found = ResponseFromRow(row); }));
  return found;
}

Result<std::optional<SurveyResponseRow>> SurveyResponseRepo::FindByInvitation(
    core::Id invitation_id) {
  std::optional<SurveyResponseRow> found;
  VOXLOOP_TRY(db_.ForEach(std::string(kResponseSelect) + "WHERE invitation_id = ?", {invitation_id},
                          [&](const RowView& row) { found = ResponseFromRow(row); }));
  return found;
}

Result<std::optional<core::Id>> SurveyResponseRepo::FindDuplicate(
    core::Id survey_id, const std::string& answers_hash, const std::string& client_hash,
    core::TimeMs since) {
  VOXLOOP_ASSIGN_OR_RETURN(
      auto row, db_.QueryOne("SELECT MAX(id) FROM survey_responses WHERE survey_id = ? AND "
                             "answers_hash = ? AND client_hash = ? AND completed_at >= ?",
                             {survey_id, answers_hash, client_hash, since}));
  if (!row || row->IsNull(0)) return std::optional<core::Id>();
  return std::optional<core::Id>(row->Int(0));
}

Result<SurveyResponsePage> SurveyResponseRepo::List(core::Id survey_id, const std::string& status,
                                                    std::optional<core::Id> after_id, int limit) {
  std::string sql = std::string(kResponseSelect) + "WHERE survey_id = ?";
  Params params{survey_id};
  if (!status.empty()) {
    sql += " AND status = ?";
    params.emplace_back(status);
  }
  VOXLOOP_ASSIGN_OR_RETURN(auto page, PageNewestFirst<SurveyResponseRow>(
                                          db_, std::move(sql), std::move(params), after_id, limit,
                                          ResponseFromRow, &SurveyResponseRow::id));
  return SurveyResponsePage{std::move(page.first), page.second};
}

Result<std::vector<SurveyResponseRow>> SurveyResponseRepo::CompletedAfter(core::Id survey_id,
                                                                          core::Id after_id,
                                                                          int limit) {
  std::vector<SurveyResponseRow> rows;
  VOXLOOP_TRY(db_.ForEach(std::string(kResponseSelect) +
                              "WHERE survey_id = ? AND status = 'completed' AND id > ? "
                              "ORDER BY id LIMIT ?",
                          {survey_id, after_id, std::int64_t{limit}},
                          [&](const RowView& row) { rows.push_back(ResponseFromRow(row)); }));
  return rows;
}

Status SurveyResponseRepo::DeleteForCustomer(core::Id workspace_id, core::Id customer_id) {
  VOXLOOP_TRY(db_.Execute("UPDATE survey_invitations SET customer_id = NULL, response_id = NULL "
                          "WHERE workspace_id = ? AND customer_id = ?",
                          {workspace_id, customer_id}));
  VOXLOOP_TRY(db_.Execute("DELETE FROM survey_responses WHERE workspace_id = ? AND customer_id = ?",
                          {workspace_id, customer_id}));
  return core::Ok();
}

}  // namespace voxloop::store
