// AnalysisRepo: a workspace's taxonomy versions, trained models and analysis corrections.
// Borrows a Connection; not thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/id.hpp"
#include "core/time.hpp"
#include "store/connection.hpp"

namespace voxloop::store {

struct TaxonomyVersion {
  core::Id workspace_id = 0;
  int version = 0;
  std::string definition_json;
  std::optional<core::Id> created_by;
  core::TimeMs created_at = 0;
};

struct StoredModel {
  core::Id id = 0;
  core::Id workspace_id = 0;
  std::string task;     // sentiment | topic
  std::string version;
  std::string model_base64;  // empty when listed without the model bytes
  std::string metrics_json;
  std::string source;   // builtin | blend | model
  std::string status;   // active | retired
  int examples = 0;
  std::optional<core::Id> created_by;
  core::TimeMs created_at = 0;
};

struct Correction {
  core::Id id = 0;
  core::Id workspace_id = 0;
  core::Id feedback_id = 0;
  std::string task;
  std::string label;
  std::string previous;
  std::string actor_type;
  std::optional<core::Id> actor_id;
  core::TimeMs created_at = 0;
};

// A correction joined with its feedback text: one training example.
struct TrainingExample {
  core::Id feedback_id = 0;
  std::string text;
  std::string label;
};

class AnalysisRepo {
 public:
  explicit AnalysisRepo(Connection& db) : db_(db) {}

  // The newest taxonomy version, or nullopt (the workspace uses the default taxonomy).
  Result<std::optional<TaxonomyVersion>> CurrentTaxonomy(core::Id workspace_id);
  // Stores `definition_json` as the next version; returns it.
  Result<int> AddTaxonomyVersion(core::Id workspace_id, const std::string& definition_json,
                                 std::optional<core::Id> created_by, core::TimeMs now);

  // Retires the task's active model and makes `model` the active one.
  Status ActivateModel(const StoredModel& model);
  // The active model of `task`, with its bytes.
  Result<std::optional<StoredModel>> ActiveModel(core::Id workspace_id, const std::string& task);
  // Models of a workspace, newest first, without their bytes.
  Result<std::vector<StoredModel>> ListModels(core::Id workspace_id);
  Status RetireModels(core::Id workspace_id, const std::string& task);

  Status AddCorrection(const Correction& correction);
  // The latest correction per feedback item for `task`, with the item's text (newest first,
  // at most `limit`): what a model trains on.
  Result<std::vector<TrainingExample>> TrainingExamples(core::Id workspace_id,
                                                        const std::string& task, int limit);
  Result<std::int64_t> CountCorrections(core::Id workspace_id, const std::string& task);

  // Workspaces that have a taxonomy or an active model (to warm caches at start).
  Result<std::vector<core::Id>> CustomisedWorkspaces();

 private:
  Connection& db_;
};

}  // namespace voxloop::store
