#include "app/runtime.hpp"

#include <filesystem>

#include "learning/engine_analyzer.hpp"
#include "store/workspace_repo.hpp"

namespace voxloop::app {

Runtime::~Runtime() = default;

core::Result<std::unique_ptr<Runtime>> Runtime::Open(const RuntimeOptions& options) {
  std::unique_ptr<Runtime> runtime(new Runtime(options));
  std::error_code error;
  std::filesystem::create_directories(options.data_dir, error);
  if (error) {
    return core::Error::Unavailable("Cannot create the data directory " + options.data_dir + ": " +
                                    error.message());
  }
  VOXLOOP_ASSIGN_OR_RETURN(store::PiiVault vault,
                           store::PiiVault::FromEnvironmentOrFile(options.data_dir + "/secret.key"));
  runtime->vault_ = std::make_unique<store::PiiVault>(vault);
  store::DatabaseConfig config;
  config.url = options.database_url.empty() ? store::SqlitePathInDataDir(options.data_dir)
                                            : options.database_url;
  config.read_connections = options.read_connections;
  VOXLOOP_ASSIGN_OR_RETURN(runtime->database_, store::Database::Open(config));
  VOXLOOP_ASSIGN_OR_RETURN(auto workspaces,
                           runtime->database_->Read<std::vector<core::Workspace>>(
                               [](store::Connection& db) { return store::WorkspaceRepo(db).ListAll(); }));
  runtime->started_empty_ = workspaces.empty();
  runtime->model_cache_ = std::make_unique<learning::WorkspaceModelCache>(*runtime->database_);
  if (options.analyze_at_ingest) {
    runtime->analyzer_ = std::make_unique<learning::EngineAnalyzer>(*runtime->model_cache_);
  } else {
    runtime->analyzer_ = std::make_unique<learning::DeferredAnalyzer>();
  }
  runtime->authenticator_ = std::make_unique<auth::Authenticator>(*runtime->database_);
  runtime->accounts_ = std::make_unique<auth::Accounts>(*runtime->database_, *runtime->authenticator_);
  runtime->intake_ = std::make_unique<ingest::FeedbackIntake>(*runtime->vault_, *runtime->analyzer_);
  runtime->customers_ = std::make_unique<ingest::CustomerDirectory>(*runtime->database_, *runtime->vault_);
  runtime->erasure_ = std::make_unique<ingest::Erasure>(*runtime->database_, *runtime->vault_);
  runtime->surveys_ = std::make_unique<collect::Surveys>(*runtime->database_);
  runtime->survey_responses_ = std::make_unique<collect::SurveyResponses>(
      *runtime->database_, *runtime->surveys_, *runtime->intake_, *runtime->vault_);
  runtime->metrics_ = std::make_unique<insights::MetricsService>(*runtime->database_, *runtime->surveys_);
  jobs::JobRunnerOptions runner_options;
  runner_options.lease = std::chrono::seconds(options.job_lease_seconds);
  runtime->job_runner_ = std::make_unique<jobs::JobRunner>(*runtime->database_, runner_options);
  runtime->analysis_ = std::make_unique<learning::AnalysisService>(
      *runtime->database_, *runtime->model_cache_, *runtime->job_runner_);
  runtime->analysis_->RegisterJobs();
  runtime->invitations_ = std::make_unique<collect::Invitations>(
      *runtime->database_, *runtime->surveys_, *runtime->vault_, *runtime->job_runner_);
  runtime->invitations_->RegisterJobs(std::chrono::seconds(options.reminder_interval_seconds));
  workflow::WebhookOptions webhook_options;
  webhook_options.retry_base = std::chrono::milliseconds(options.webhook_retry_base_ms);
  runtime->webhooks_ = std::make_unique<workflow::Webhooks>(*runtime->database_, *runtime->vault_,
                                                            *runtime->job_runner_, webhook_options);
  runtime->webhooks_->RegisterJobs();
  runtime->cases_ = std::make_unique<workflow::Cases>(*runtime->database_, *runtime->webhooks_);
  runtime->case_mail_ = std::make_unique<workflow::CaseMail>(*runtime->database_, *runtime->vault_,
                                                             *runtime->job_runner_, *runtime->cases_);
  runtime->case_mail_->RegisterJobs();
  runtime->cases_->SetFollowups(runtime->case_mail_.get());
  runtime->notifications_ = std::make_unique<workflow::Notifications>(*runtime->database_);
  runtime->notifications_->RegisterJobs(*runtime->job_runner_);
  runtime->cases_->SetNotifications(runtime->notifications_.get());
  runtime->notifier_ = std::make_unique<workflow::Notifier>(*runtime->job_runner_);
  runtime->notifier_->RegisterJobs();
  runtime->rules_ = std::make_unique<workflow::Rules>(*runtime->database_, *runtime->cases_, *runtime->webhooks_,
                                                      *runtime->notifier_);
  runtime->rules_->SetNotifications(runtime->notifications_.get());
  runtime->rules_->SetMetricSource(
      [metrics = runtime->metrics_.get()](core::Id workspace_id, const boost::json::value& body)
          -> core::Result<boost::json::object> {
        VOXLOOP_ASSIGN_OR_RETURN(metrics::Query query, metrics::ParseQuery(body));
        return metrics->Query(workspace_id, query, core::NowMs());
      });
  runtime->watch_ = std::make_unique<workflow::Watch>(*runtime->database_, *runtime->rules_, *runtime->cases_,
                                                      *runtime->job_runner_);
  runtime->watch_->RegisterJobs(std::chrono::seconds(options.watch_interval_seconds));
  // Events and rules act inside the transactions that make them, for the admin commands too.
  runtime->workflow_events_ = std::make_unique<workflow::WorkflowEvents>(*runtime->webhooks_, *runtime->rules_);
  runtime->intake_->AddCommitHook(runtime->workflow_events_.get());
  runtime->survey_responses_->AddCommitHook(runtime->workflow_events_.get());
  return runtime;
}

core::Status Runtime::StartMetrics() {
  VOXLOOP_TRY(metrics_->LoadAll());
  // No write happens between the load and the subscriptions: serving and background jobs
  // have not started yet.
  intake_->AddObserver(metrics_.get());
  erasure_->AddObserver(metrics_.get());
  customers_->AddObserver(metrics_.get());
  survey_responses_->AddObserver(metrics_.get());
  analysis_->AddObserver(metrics_.get());
  return core::Ok();
}

}  // namespace voxloop::app
