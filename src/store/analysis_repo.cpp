#include "store/analysis_repo.hpp"

namespace voxloop::store {
namespace {

constexpr std::string_view kModelColumns =
    "id, workspace_id, task, version, metrics, source, status, examples, created_by, created_at";

StoredModel ModelFromRow(const RowView& row) {
  StoredModel model;
  model.id = row.Int(0);
  model.workspace_id = row.Int(1);
  model.task = row.String(2);
  model.version = row.String(3);
  model.metrics_json = row.String(4);
  model.source = row.String(5);
  model.status = row.String(6);
  model.examples = static_cast<int>(row.Int(7));
  model.created_by = row.OptInt(8);
  model.created_at = row.Int(9);
  return model;
}

Status Done(Result<std::int64_t> result) {
  if (!result) return std::move(result).error();
  return core::Ok();
}

}  // namespace

Result<std::optional<TaxonomyVersion>> AnalysisRepo::CurrentTaxonomy(core::Id workspace_id) {
  std::optional<TaxonomyVersion> current;
  VOXLOOP_TRY(db_.ForEach(
      "SELECT workspace_id, version, definition, created_by, created_at FROM taxonomies "
      "WHERE workspace_id = ? ORDER BY version DESC LIMIT 1",
      {workspace_id}, [&](const RowView& row) {
        current = TaxonomyVersion{row.Int(0), static_cast<int>(row.Int(1)), row.String(2),
                                  row.OptInt(3), row.Int(4)};
      }));
  return current;
}

Result<int> AnalysisRepo::AddTaxonomyVersion(core::Id workspace_id, const std::string& definition_json,
                                             std::optional<core::Id> created_by, core::TimeMs now) {
  VOXLOOP_ASSIGN_OR_RETURN(auto current, CurrentTaxonomy(workspace_id));
  const int version = current ? current->version + 1 : 1;
  VOXLOOP_TRY(Done(db_.Execute(
      "INSERT INTO taxonomies (workspace_id, version, definition, created_by, created_at) "
      "VALUES (?, ?, ?, ?, ?)",
      {workspace_id, std::int64_t{version}, definition_json, Optional(created_by), now})));
  return version;
}

Status AnalysisRepo::RetireModels(core::Id workspace_id, const std::string& task) {
  return Done(db_.Execute(
      "UPDATE analysis_models SET status = 'retired' WHERE workspace_id = ? AND task = ? AND "
      "status = 'active'",
      {workspace_id, task}));
}

Status AnalysisRepo::ActivateModel(const StoredModel& model) {
  VOXLOOP_TRY(RetireModels(model.workspace_id, model.task));
  return Done(db_.Execute(
      "INSERT INTO analysis_models (id, workspace_id, task, version, model, metrics, source, "
      "status, examples, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?)",
      {model.id, model.workspace_id, model.task, model.version, model.model_base64,
       model.metrics_json, model.source, std::int64_t{model.examples}, Optional(model.created_by),
       model.created_at}));
}

Result<std::optional<StoredModel>> AnalysisRepo::ActiveModel(core::Id workspace_id,
                                                             const std::string& task) {
  std::optional<StoredModel> model;
  VOXLOOP_TRY(db_.ForEach(
      std::string("SELECT ") + std::string(kModelColumns) +
          ", model FROM analysis_models WHERE workspace_id = ? AND task = ? AND status = 'active'",
      {workspace_id, task}, [&](const RowView& row) {
        model = ModelFromRow(row);
        model->model_base64 = row.String(10);
      }));
  return model;
}

Result<std::vector<StoredModel>> AnalysisRepo::ListModels(core::Id workspace_id) {
  std::vector<StoredModel> models;
  VOXLOOP_TRY(db_.ForEach(std::string("SELECT ") + std::string(kModelColumns) +
                              " FROM analysis_models WHERE workspace_id = ? ORDER BY id DESC",
                          {workspace_id},
                          [&](const RowView& row) { models.push_back(ModelFromRow(row)); }));
  return models;
}

Status AnalysisRepo::AddCorrection(const Correction& correction) {
  return Done(db_.Execute(
      "INSERT INTO analysis_corrections (id, workspace_id, feedback_id, task, label, previous, "
      "actor_type, actor_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {correction.id, correction.workspace_id, correction.feedback_id, correction.task,
       correction.label, correction.previous, correction.actor_type, Optional(correction.actor_id),
       correction.created_at}));
}

Result<std::vector<TrainingExample>> AnalysisRepo::TrainingExamples(core::Id workspace_id,
                                                                    const std::string& task,
                                                                    int limit) {
  // Sentiment: the newest correction of each item. Topics: every topic of the newest
  // correction set of each item (a topic correction stores one row per topic).
  std::vector<TrainingExample> examples;
  VOXLOOP_TRY(db_.ForEach(
      "SELECT c.feedback_id, f.text, c.label FROM analysis_corrections c "
      "JOIN feedback f ON f.id = c.feedback_id AND f.workspace_id = c.workspace_id "
      "WHERE c.workspace_id = ? AND c.task = ? AND c.created_at = (SELECT MAX(c2.created_at) "
      "FROM analysis_corrections c2 WHERE c2.feedback_id = c.feedback_id AND c2.task = c.task) "
      "ORDER BY c.id DESC LIMIT ?",
      {workspace_id, task, std::int64_t{limit}}, [&](const RowView& row) {
        examples.push_back(TrainingExample{row.Int(0), row.String(1), row.String(2)});
      }));
  return examples;
}

Result<std::int64_t> AnalysisRepo::CountCorrections(core::Id workspace_id, const std::string& task) {
  VOXLOOP_ASSIGN_OR_RETURN(
      auto row, db_.QueryOne("SELECT COUNT(DISTINCT feedback_id) FROM analysis_corrections "
                             "WHERE workspace_id = ? AND task = ?",
                             {workspace_id, task}));
  return row ? row->Int(0) : 0;
}

Result<std::vector<core::Id>> AnalysisRepo::CustomisedWorkspaces() {
  std::vector<core::Id> ids;
  VOXLOOP_TRY(db_.ForEach(
      "SELECT workspace_id FROM taxonomies UNION SELECT workspace_id FROM analysis_models "
      "WHERE status = 'active'",
      {}, [&](const RowView& row) { ids.push_back(row.Int(0)); }));
  return ids;
}

}  // namespace voxloop::store
