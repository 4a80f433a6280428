#include "insights/metrics_service.hpp"

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include <chrono>
#include <map>

#include "insights/records.hpp"
#include "store/metrics_source_repo.hpp"
#include "store/workspace_repo.hpp"

namespace voxloop::insights {
namespace {

constexpr std::size_t kLoadChunk = 8192;

// Score answers of a stored response, with each (survey, version) definition read once.
class ScoreReader {
 public:
  explicit ScoreReader(collect::Surveys& surveys) : surveys_(surveys) {}

  std::vector<collect::ScoreAnswer> Scores(core::Id survey_id, int version, std::string_view answers_json) {
    auto& definition = definitions_[{survey_id, version}];
    if (!definition) {
      auto loaded = surveys_.Version(survey_id, version);
      if (!loaded) return {};
      definition = *loaded;
    }
    boost::system::error_code error;
    const boost::json::value answers = boost::json::parse(answers_json, error);
    if (error || !answers.is_object()) return {};
    return collect::ScoreAnswers(*definition, answers.as_object());
  }

 private:
  collect::Surveys& surveys_;
  std::map<std::pair<core::Id, int>, std::shared_ptr<const collect::SurveyDefinition>> definitions_;
};

}  // namespace

core::Status MetricsService::LoadAll() {
  VOXLOOP_ASSIGN_OR_RETURN(auto workspaces,
                           database_.Read<std::vector<core::Workspace>>(
                               [](store::Connection& db) { return store::WorkspaceRepo(db).ListAll(); }));
  for (const core::Workspace& workspace : workspaces) {
    VOXLOOP_ASSIGN_OR_RETURN(IndexStats stats, LoadWorkspace(workspace.id));
    spdlog::info("metrics index: workspace {} rows {} bytes {} built in {:.0f} ms", workspace.id,
                 stats.rows, stats.bytes, stats.build_ms);
  }
  return core::Ok();
}

core::Result<IndexStats> MetricsService::LoadWorkspace(core::Id workspace_id) {
  const auto started = std::chrono::steady_clock::now();
  VOXLOOP_ASSIGN_OR_RETURN(auto workspace,
                           database_.Read<std::optional<core::Workspace>>(
                               [&](store::Connection& db) { return store::WorkspaceRepo(db).Get(workspace_id); }));
  if (!workspace) return core::Error::NotFound("No such workspace");
  auto index = std::make_shared<metrics::ResponseIndex>(workspace->timezone);
  ScoreReader scores(surveys_);
  VOXLOOP_TRY(database_.Read<bool>([&](store::Connection& db) -> core::Result<bool> {
    store::MetricsSourceRepo source(db);
    std::vector<std::pair<core::Id, metrics::CustomerAttributes>> customers;
    VOXLOOP_TRY(source.ForEachCustomer(workspace_id, [&](core::Id id, std::string_view attributes) {
      customers.emplace_back(id, ParseAttributes(attributes));
    }));
    index->Load({}, customers);
    customers.clear();
    std::vector<metrics::ResponseRecord> chunk;
    chunk.reserve(kLoadChunk);
    auto add = [&](metrics::ResponseRecord record) {
      chunk.push_back(std::move(record));
      if (chunk.size() == kLoadChunk) index->AddLoaded(chunk);
    };
    // Responses first, so that their free texts' items find the row to complete.
    std::vector<std::tuple<core::Id, core::Id, int, std::string, core::Id, core::TimeMs, std::string>> responses;
    VOXLOOP_TRY(source.ForEachCompletedResponse(workspace_id, [&](const store::ResponseFacts& facts) {
      responses.emplace_back(facts.id, facts.survey_id, facts.version, std::string(facts.language),
                             facts.customer_id, facts.completed_at, std::string(facts.answers_json));
    }));
    // Definitions are read after the scan: the reader connection is busy during ForEach.
    for (const auto& [id, survey_id, version, language, customer_id, completed_at, answers] : responses) {
      add(RecordFromResponse(id, survey_id, language, customer_id, completed_at,
                             scores.Scores(survey_id, version, answers)));
    }
    responses.clear();
    VOXLOOP_TRY(source.ForEachFeedback(workspace_id,
                                       [&](const store::FeedbackFacts& facts) { add(RecordFromFacts(facts)); }));
    index->AddLoaded(chunk);
    return true;
  }));
  index->FinishLoad();
  {
    std::unique_lock lock(mutex_);
    indexes_[workspace_id] = index;
  }
  IndexStats stats;
  stats.rows = index->Read([](const metrics::Columns& columns, const metrics::ZoneCalendar&) { return columns.rows(); });
  stats.bytes = index->MemoryBytes();
  stats.build_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return stats;
}

std::shared_ptr<metrics::ResponseIndex> MetricsService::Index(core::Id workspace_id) {
  {
    std::shared_lock lock(mutex_);
    if (auto found = indexes_.find(workspace_id); found != indexes_.end()) return found->second;
  }
  // A workspace created since start: everything it holds arrived through the observers.
  std::unique_lock lock(mutex_);
  auto& index = indexes_[workspace_id];
  if (!index) index = std::make_shared<metrics::ResponseIndex>("UTC");
  return index;
}

core::Result<std::shared_ptr<metrics::ResponseIndex>> MetricsService::Fresh(core::Id workspace_id) {
  auto index = Index(workspace_id);
  const std::vector<core::Id> customers = index->PendingCustomers();
  VOXLOOP_ASSIGN_OR_RETURN(
      std::string time_zone, database_.Read<std::string>([&](store::Connection& db) -> core::Result<std::string> {
        VOXLOOP_ASSIGN_OR_RETURN(auto workspace, store::WorkspaceRepo(db).Get(workspace_id));
        if (!workspace) return core::Error::NotFound("No such workspace");
        if (!customers.empty()) {
          VOXLOOP_ASSIGN_OR_RETURN(auto attributes,
                                   store::MetricsSourceRepo(db).CustomerAttributes(workspace_id, customers));
          for (const auto& [id, json] : attributes) index->EnqueueCustomer(id, ParseAttributes(json));
        }
        return workspace->timezone;
      }));
  index->ApplyPending(time_zone);
  return index;
}

core::Result<boost::json::object> MetricsService::Query(core::Id workspace_id, const metrics::Query& query,
                                                        core::TimeMs now) {
  VOXLOOP_ASSIGN_OR_RETURN(auto index, Fresh(workspace_id));
  auto invitations = [&](core::Id survey_id, core::TimeMs from,
                         core::TimeMs to) -> core::Result<metrics::InvitationCounts> {
    using Counts = std::pair<std::int64_t, std::int64_t>;
    VOXLOOP_ASSIGN_OR_RETURN(auto counts, database_.Read<Counts>([&](store::Connection& db) {
                               return store::MetricsSourceRepo(db).InvitationsSent(workspace_id, survey_id, from, to);
                             }));
    return metrics::InvitationCounts{counts.first, counts.second};
  };
  return metrics::RunQuery(query, *index, now, invitations);
}

core::Result<metrics::DrillDownPage> MetricsService::DrillDown(
    core::Id workspace_id, const metrics::Query& query, const boost::json::object& group,
    core::TimeMs now, std::size_t limit, std::optional<std::pair<core::TimeMs, core::Id>> before) {
  VOXLOOP_ASSIGN_OR_RETURN(auto index, Fresh(workspace_id));
  return metrics::DrillDown(query, group, *index, now, limit, before);
}

core::Result<boost::json::object> MetricsService::Dimensions(core::Id workspace_id) {
  VOXLOOP_ASSIGN_OR_RETURN(auto index, Fresh(workspace_id));
  boost::json::object answer = metrics::Dimensions(*index);
  // Surveys by name, those with responses first (as the index has them), then the others.
  VOXLOOP_ASSIGN_OR_RETURN(auto page, surveys_.List(workspace_id, "", std::nullopt, 200));
  boost::json::array surveys;
  for (const store::SurveyRow& row : page.surveys) {
    surveys.push_back(boost::json::object{{"id", core::IdToString(row.id)}, {"name", row.name}});
  }
  answer["surveys"] = std::move(surveys);
  return answer;
}

void MetricsService::OnFeedbackCreated(const std::vector<core::FeedbackItem>& items) {
  if (items.empty()) return;
  // A batch belongs to one workspace, but nothing here relies on it.
  std::map<core::Id, std::vector<metrics::ResponseRecord>> by_workspace;
  for (const core::FeedbackItem& item : items) by_workspace[item.workspace_id].push_back(RecordFromItem(item));
  for (auto& [workspace_id, records] : by_workspace) Index(workspace_id)->Enqueue(std::move(records));
}

void MetricsService::OnFeedbackUpdated(const core::FeedbackItem& item) {
  Index(item.workspace_id)->Enqueue({RecordFromItem(item)});
}

void MetricsService::OnFeedbackErased(core::Id workspace_id, const std::vector<core::Id>& ids) {
  Index(workspace_id)->EnqueueErasure(ids);
}

void MetricsService::OnCustomerChanged(const core::Customer& customer) {
  Index(customer.workspace_id)->EnqueueCustomer(customer.id, ParseAttributes(customer.attributes_json));
}

void MetricsService::OnCustomerErased(core::Id workspace_id, core::Id customer_id) {
  Index(workspace_id)->EnqueueCustomerErasure(customer_id);
}

void MetricsService::OnResponseCompleted(const collect::CompletedResponse& completed) {
  const store::SurveyResponseRow& row = completed.response;
  Index(row.workspace_id)
      ->Enqueue({RecordFromResponse(row.id, row.survey_id, row.language, row.customer_id.value_or(0),
                                    row.completed_at.value_or(row.updated_at), completed.scores)});
}

}  // namespace voxloop::insights
