// Surveys: creating, editing, publishing and closing a workspace's surveys, with their
// versions. The rules are collect/'s (survey_lifecycle.hpp: which status moves are allowed,
// when an edit makes a new version); the rows are the store's. Every change a person makes is
// written with its audit entry in the same transaction.
//
// Parsed definitions are cached by (survey, version, revision), so public pages and the
// submit endpoint do not parse JSON per request; a change anywhere (another node too) bumps
// the revision, so the cache never serves a stale definition. Methods block (reads on a
// reader connection, writes through the group-commit writer): call them off the I/O threads.
// Borrows the Database; thread-safe.
//
//   collect::Surveys surveys(database);
//   auto survey = surveys.Create(workspace_id, {.template_id = "nps", .name = "Q3 NPS"}, actor);
//   surveys.ChangeStatus(workspace_id, survey->row.id, SurveyStatus::kActive, {}, actor);
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "auth/principal.hpp"
#include "collect/survey_definition.hpp"
#include "collect/survey_lifecycle.hpp"
#include "store/database.hpp"
#include "store/survey_repo.hpp"

namespace voxloop::collect {

// A survey row with the definition of its current version.
struct Survey {
  store::SurveyRow row;
  std::shared_ptr<const SurveyDefinition> definition;

  SurveyStatus status() const;
};

// What a new survey starts from: a template (see survey_templates.hpp) or a full definition.
struct NewSurvey {
  std::string template_id;                   // "" = use `definition`
  std::optional<SurveyDefinition> definition;
  std::string name;                          // overrides the template's / definition's name
  std::string default_language;              // templates only; "" = the template's
};

class Surveys {
 public:
  explicit Surveys(store::Database& database) : database_(database) {}

  // Errors: kInvalidArgument naming "template" (unknown) or a definition field.
  core::Result<Survey> Create(core::Id workspace_id, const NewSurvey& request,
                              const auth::Actor& actor);
  // kNotFound when the workspace has no such survey.
  core::Result<Survey> Get(core::Id workspace_id, core::Id survey_id);
  // Any workspace's survey, for public pages. kNotFound for unknown ids and for drafts (a
  // draft is not public yet). Served from memory for up to kPublicCacheMs: changes made
  // through this object show at once; another node's at most that much later (writes that
  // depend on the status check it again inside their transaction).
  core::Result<Survey> GetPublic(core::Id survey_id);
  // A stored version of the survey's definition (responses name theirs). kNotFound if none.
  core::Result<std::shared_ptr<const SurveyDefinition>> Version(core::Id survey_id, int version);
  // Every version's definition, newest first (exports).
  core::Result<std::vector<std::shared_ptr<const SurveyDefinition>>> AllVersions(
      core::Id survey_id);
  core::Result<store::SurveyPage> List(core::Id workspace_id, const std::string& status,
                                       std::optional<core::Id> after_id, int limit);
  // Replaces the definition: in place for a draft, as a new version for an active or paused
  // survey. kConflict for a closed survey, or when `expected_revision` is given and stale.
  core::Result<Survey> Edit(core::Id workspace_id, core::Id survey_id, SurveyDefinition definition,
                            std::optional<std::int64_t> expected_revision,
                            const auth::Actor& actor);
  // publish (→ active), pause, resume (→ active), close. kConflict for a move the lifecycle
  // does not allow.
  core::Result<Survey> ChangeStatus(core::Id workspace_id, core::Id survey_id, SurveyStatus to,
                                    std::optional<std::int64_t> expected_revision,
                                    const auth::Actor& actor);
  // A new draft with the current definition, named `name` ("<name> (copy)" when empty).
  core::Result<Survey> Duplicate(core::Id workspace_id, core::Id survey_id,
                                 const std::string& name, const auth::Actor& actor);

 private:
  core::Result<Survey> Load(store::Connection& db, const store::SurveyRow& row);
  core::Result<std::shared_ptr<const SurveyDefinition>> Parse(core::Id survey_id, int version,
                                                              std::int64_t revision,
                                                              const std::string& json);
  core::Result<Survey> Insert(core::Id workspace_id, SurveyDefinition definition,
                              const std::string& template_id, const std::string& audit_action,
                              const auth::Actor& actor);

  void ForgetPublic(core::Id survey_id);

  store::Database& database_;

  // Guarded by public_mutex_: public surveys recently read, with when they were read.
  static constexpr std::int64_t kPublicCacheMs = 1000;
  std::mutex public_mutex_;
  std::map<core::Id, std::pair<Survey, std::chrono::steady_clock::time_point>> public_cache_;

  // Guarded by cache_mutex_: parsed definitions by (survey, version, revision); cleared when
  // it holds kMaxCached entries.
  static constexpr std::size_t kMaxCached = 512;
  std::mutex cache_mutex_;
  std::map<std::tuple<core::Id, int, std::int64_t>, std::shared_ptr<const SurveyDefinition>>
      cache_;
};

}  // namespace voxloop::collect
