#include "collect/surveys.hpp"

#include <boost/json.hpp>

#include "auth/audit.hpp"
#include "collect/survey_json.hpp"
#include "collect/survey_templates.hpp"
#include "core/time.hpp"

namespace voxloop::collect {
namespace {

constexpr std::size_t kMaxNameChars = 200;

auth::AuditEvent SurveyEvent(core::Id workspace_id, std::string action, core::Id survey_id,
                             boost::json::object details = {}) {
  return {workspace_id, std::move(action), "survey", core::IdToString(survey_id),
          boost::json::serialize(details)};
}

core::Error NoSuchSurvey() { return core::Error::NotFound("No such survey"); }

core::Status CheckRevision(const store::SurveyRow& row, std::optional<std::int64_t> expected) {
  if (expected && *expected != row.revision) {
    return core::Error::Conflict("The survey was changed meanwhile; reload it");
  }
  return core::Ok();
}

core::Result<store::SurveyRow> LoadRow(store::Connection& db, core::Id workspace_id,
                                       core::Id survey_id) {
  VOXLOOP_ASSIGN_OR_RETURN(auto row, store::SurveyRepo(db).Get(workspace_id, survey_id));
  if (!row) return NoSuchSurvey();
  return std::move(*row);
}

}  // namespace

SurveyStatus Survey::status() const {
  return ParseSurveyStatus(row.status).value_or(SurveyStatus::kClosed);
}

core::Result<std::shared_ptr<const SurveyDefinition>> Surveys::Parse(core::Id survey_id,
                                                                     int version,
                                                                     std::int64_t revision,
                                                                     const std::string& json) {
  const auto key = std::make_tuple(survey_id, version, revision);
  {
    std::lock_guard lock(cache_mutex_);
    if (auto found = cache_.find(key); found != cache_.end()) return found->second;
  }
  auto parsed = ParseSurveyDefinitionText(json);
  if (!parsed) {
    return core::Error::Internal("stored definition of survey " + core::IdToString(survey_id) +
                                 " v" + std::to_string(version) + " does not parse");
  }
  auto definition = std::make_shared<const SurveyDefinition>(std::move(*parsed));
  std::lock_guard lock(cache_mutex_);
  if (cache_.size() >= kMaxCached) cache_.clear();
  cache_.emplace(key, definition);
  return definition;
}

core::Result<Survey> Surveys::Load(store::Connection& db, const store::SurveyRow& row) {
  VOXLOOP_ASSIGN_OR_RETURN(auto version, store::SurveyRepo(db).GetVersion(row.id, row.version));
  if (!version) return core::Error::Internal("survey without its current version");
  VOXLOOP_ASSIGN_OR_RETURN(auto definition,
                           Parse(row.id, row.version, row.revision, version->definition_json));
  return Survey{row, std::move(definition)};
}

core::Result<Survey> Surveys::Insert(core::Id workspace_id, SurveyDefinition definition,
                                     const std::string& template_id,
                                     const std::string& audit_action, const auth::Actor& actor) {
  const core::TimeMs now = core::NowMs();
  store::SurveyRow row;
  row.id = core::NewId();
  row.workspace_id = workspace_id;
  row.name = definition.name;
  row.status = std::string(SurveyStatusName(SurveyStatus::kDraft));
  row.template_id = template_id;
  row.created_at = row.updated_at = now;
  const std::string json = boost::json::serialize(SurveyDefinitionToJson(definition));
  VOXLOOP_TRY(database_.writer().Run([&](store::WriteContext& context) -> core::Status {
    store::SurveyRepo repo(context.db);
    VOXLOOP_TRY(repo.Insert(row));
    VOXLOOP_TRY(repo.InsertVersion({row.id, 1, json, now}));
    return auth::RecordAudit(context.db, actor,
                             SurveyEvent(workspace_id, audit_action, row.id,
                                         {{"template", template_id}}));
  }));
  return Survey{row, std::make_shared<const SurveyDefinition>(std::move(definition))};
}

core::Result<Survey> Surveys::Create(core::Id workspace_id, const NewSurvey& request,
                                     const auth::Actor& actor) {
  SurveyDefinition definition;
  if (!request.template_id.empty()) {
    VOXLOOP_ASSIGN_OR_RETURN(definition, SurveyFromTemplate(request.template_id, request.name,
                                                            request.default_language));
  } else if (request.definition) {
    definition = *request.definition;
    if (!request.name.empty()) definition.name = request.name;
  } else {
    return core::Error::Field("template", "required",
                              "Give a template (nps, csat, ces, product) or a definition");
  }
  if (definition.name.empty()) {
    return core::Error::Field("name", "required", "The survey needs a name");
  }
  if (definition.name.size() > kMaxNameChars * 4) {
    return core::Error::Field("name", "too_long", "At most 200 characters");
  }
  return Insert(workspace_id, std::move(definition), request.template_id, "survey.create", actor);
}

core::Result<Survey> Surveys::Get(core::Id workspace_id, core::Id survey_id) {
  return database_.Read<Survey>([&](store::Connection& db) -> core::Result<Survey> {
    VOXLOOP_ASSIGN_OR_RETURN(auto row, LoadRow(db, workspace_id, survey_id));
    return Load(db, row);
  });
}

core::Result<Survey> Surveys::GetPublic(core::Id survey_id) {
  const auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(public_mutex_);
    if (auto found = public_cache_.find(survey_id);
        found != public_cache_.end() &&
        now - found->second.second < std::chrono::milliseconds(kPublicCacheMs)) {
      return found->second.first;
    }
  }
  VOXLOOP_ASSIGN_OR_RETURN(
      Survey survey, database_.Read<Survey>([&](store::Connection& db) -> core::Result<Survey> {
        VOXLOOP_ASSIGN_OR_RETURN(auto row, store::SurveyRepo(db).Find(survey_id));
        if (!row || row->status == SurveyStatusName(SurveyStatus::kDraft)) return NoSuchSurvey();
        return Load(db, *row);
      }));
  std::lock_guard lock(public_mutex_);
  if (public_cache_.size() >= kMaxCached) public_cache_.clear();
  public_cache_.insert_or_assign(survey_id, std::make_pair(survey, now));
  return survey;
}

void Surveys::ForgetPublic(core::Id survey_id) {
  std::lock_guard lock(public_mutex_);
  public_cache_.erase(survey_id);
}

core::Result<std::shared_ptr<const SurveyDefinition>> Surveys::Version(core::Id survey_id,
                                                                       int version) {
  using Definition = std::shared_ptr<const SurveyDefinition>;
  return database_.Read<Definition>([&](store::Connection& db) -> core::Result<Definition> {
    VOXLOOP_ASSIGN_OR_RETURN(auto row, store::SurveyRepo(db).GetVersion(survey_id, version));
    if (!row) return core::Error::NotFound("No such survey version");
    // Versions other than a draft's are never edited, so revision 0 keys them for good.
    VOXLOOP_ASSIGN_OR_RETURN(auto survey, store::SurveyRepo(db).Find(survey_id));
    const bool frozen = survey && survey->status != SurveyStatusName(SurveyStatus::kDraft);
    return Parse(survey_id, version, frozen ? 0 : survey ? survey->revision : -1,
                 row->definition_json);
  });
}

core::Result<std::vector<std::shared_ptr<const SurveyDefinition>>> Surveys::AllVersions(
    core::Id survey_id) {
  using Definitions = std::vector<std::shared_ptr<const SurveyDefinition>>;
  VOXLOOP_ASSIGN_OR_RETURN(auto rows, database_.Read<std::vector<store::SurveyVersionRow>>(
                                          [&](store::Connection& db) {
                                            return store::SurveyRepo(db).ListVersions(survey_id);
                                          }));
  Definitions definitions;
  for (const auto& row : rows) {
    VOXLOOP_ASSIGN_OR_RETURN(auto definition, Version(survey_id, row.version));
    definitions.push_back(std::move(definition));
  }
  return definitions;
}

core::Result<store::SurveyPage> Surveys::List(core::Id workspace_id, const std::string& status,
                                              std::optional<core::Id> after_id, int limit) {
  return database_.Read<store::SurveyPage>([&](store::Connection& db) {
    return store::SurveyRepo(db).List(workspace_id, status, after_id, limit);
  });
}

core::Result<Survey> Surveys::Edit(core::Id workspace_id, core::Id survey_id,
                                   SurveyDefinition definition,
                                   std::optional<std::int64_t> expected_revision,
                                   const auth::Actor& actor) {
  const std::string json = boost::json::serialize(SurveyDefinitionToJson(definition));
  store::SurveyRow row;
  VOXLOOP_TRY(database_.writer().Run([&](store::WriteContext& context) -> core::Status {
    store::SurveyRepo repo(context.db);
    VOXLOOP_ASSIGN_OR_RETURN(row, LoadRow(context.db, workspace_id, survey_id));
    VOXLOOP_TRY(CheckRevision(row, expected_revision));
    const SurveyStatus status = ParseSurveyStatus(row.status).value_or(SurveyStatus::kClosed);
    if (status == SurveyStatus::kClosed) {
      return core::Error::Conflict("A closed survey cannot be edited; duplicate it instead");
    }
    const core::TimeMs now = core::NowMs();
    const bool new_version = EditCreatesVersion(status);
    const std::int64_t revision = row.revision;
    if (new_version) {
      row.version += 1;
      VOXLOOP_TRY(repo.InsertVersion({row.id, row.version, json, now}));
    } else {
      VOXLOOP_TRY(repo.ReplaceVersion({row.id, row.version, json, now}));
    }
    row.name = definition.name;
    row.updated_at = now;
    VOXLOOP_TRY(repo.Update(row, revision));
    row.revision = revision + 1;
    return auth::RecordAudit(context.db, actor,
                             SurveyEvent(workspace_id, "survey.update", survey_id,
                                         {{"version", row.version}, {"new_version", new_version}}));
  }));
  ForgetPublic(survey_id);
  return Survey{row, std::make_shared<const SurveyDefinition>(std::move(definition))};
}

core::Result<Survey> Surveys::ChangeStatus(core::Id workspace_id, core::Id survey_id,
                                           SurveyStatus to,
                                           std::optional<std::int64_t> expected_revision,
                                           const auth::Actor& actor) {
  store::SurveyRow row;
  VOXLOOP_TRY(database_.writer().Run([&](store::WriteContext& context) -> core::Status {
    VOXLOOP_ASSIGN_OR_RETURN(row, LoadRow(context.db, workspace_id, survey_id));
    VOXLOOP_TRY(CheckRevision(row, expected_revision));
    const SurveyStatus from = ParseSurveyStatus(row.status).value_or(SurveyStatus::kClosed);
    if (from == to) return core::Ok();  // publishing twice is not an error
    VOXLOOP_TRY(CheckTransition(from, to));
    const core::TimeMs now = core::NowMs();
    row.status = std::string(SurveyStatusName(to));
    row.updated_at = now;
    if (to == SurveyStatus::kActive && !row.published_at) row.published_at = now;
    if (to == SurveyStatus::kClosed) row.closed_at = now;
    const std::int64_t revision = row.revision;
    VOXLOOP_TRY(store::SurveyRepo(context.db).Update(row, revision));
    row.revision = revision + 1;
    return auth::RecordAudit(context.db, actor,
                             SurveyEvent(workspace_id, "survey.status", survey_id,
                                         {{"from", SurveyStatusName(from)},
                                          {"to", SurveyStatusName(to)}}));
  }));
  ForgetPublic(survey_id);
  return database_.Read<Survey>([&](store::Connection& db) { return Load(db, row); });
}

core::Result<Survey> Surveys::Duplicate(core::Id workspace_id, core::Id survey_id,
                                        const std::string& name, const auth::Actor& actor) {
  VOXLOOP_ASSIGN_OR_RETURN(Survey original, Get(workspace_id, survey_id));
  SurveyDefinition copy = *original.definition;
  copy.name = name.empty() ? copy.name + " (copy)" : name;
  return Insert(workspace_id, std::move(copy), original.row.template_id, "survey.duplicate",
                actor);
}

}  // namespace voxloop::collect
