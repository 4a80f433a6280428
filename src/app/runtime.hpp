// Runtime: the wiring — the one place that builds Voxloop's concrete objects (database,
// vault, auth, ingestion, analysis) from the command line's options, for `serve` and for
// the admin commands. Owns everything it builds; thread-safe objects are shared by
// reference with the subsystems that use them.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "auth/accounts.hpp"
#include "auth/authenticator.hpp"
#include "collect/invitations.hpp"
#include "collect/survey_responses.hpp"
#include "collect/surveys.hpp"
#include "core/result.hpp"
#include "ingest/customer_directory.hpp"
#include "ingest/erasure.hpp"
#include "ingest/feedback_intake.hpp"
#include "insights/metrics_service.hpp"
#include "jobs/job_runner.hpp"
#include "learning/analysis_service.hpp"
#include "learning/model_cache.hpp"
#include "store/database.hpp"
#include "store/pii_vault.hpp"
#include "workflow/case_mail.hpp"
#include "workflow/cases.hpp"
#include "workflow/events.hpp"
#include "workflow/notifier.hpp"
#include "workflow/rules.hpp"
#include "workflow/watch.hpp"
#include "workflow/webhooks.hpp"

namespace voxloop::app {

struct RuntimeOptions {
  std::string data_dir = "./data";  // SQLite file, secret key, model files
  std::string database_url;         // "postgresql://…"; empty: SQLite in data_dir
  int read_connections = 4;
  bool analyze_at_ingest = true;  // false: items are stored unanalysed until a re-analysis
  int reminder_interval_seconds = 3600;  // how often invitation reminders are looked for
  int webhook_retry_base_ms = 0;         // 0: the job runner's back-off
  int watch_interval_seconds = 60;       // SLA breaches and metric rules are judged this often
  int job_lease_seconds = 60;            // a dead worker's job is taken again after this
};

class Runtime {
 public:
  static core::Result<std::unique_ptr<Runtime>> Open(const RuntimeOptions& options);
  ~Runtime();

  const RuntimeOptions& options() const { return options_; }
  store::Database& database() { return *database_; }
  store::PiiVault& vault() { return *vault_; }
  auth::Authenticator& authenticator() { return *authenticator_; }
  auth::Accounts& accounts() { return *accounts_; }
  ingest::FeedbackIntake& intake() { return *intake_; }
  ingest::CustomerDirectory& customers() { return *customers_; }
  ingest::Erasure& erasure() { return *erasure_; }
  jobs::JobRunner& job_runner() { return *job_runner_; }
  learning::AnalysisService& analysis() { return *analysis_; }
  collect::Surveys& surveys() { return *surveys_; }
  collect::SurveyResponses& survey_responses() { return *survey_responses_; }
  collect::Invitations& invitations() { return *invitations_; }
  insights::MetricsService& metrics() { return *metrics_; }
  workflow::Webhooks& webhooks() { return *webhooks_; }
  workflow::Cases& cases() { return *cases_; }
  workflow::CaseMail& case_mail() { return *case_mail_; }
  workflow::Rules& rules() { return *rules_; }
  workflow::Notifier& notifier() { return *notifier_; }
  workflow::Notifications& notifications() { return *notifications_; }
  // Builds the metrics indexes from the database and subscribes them to every commit: `serve`
  // does, before it takes requests; the one-shot admin commands do not.
  core::Status StartMetrics();
  // Starts the background job workers (re-analysis, training, …): `serve` does, the one-shot
  // admin commands do not.
  void StartBackgroundJobs() { job_runner_->Start(); }
  // True when the database held no workspace when it was opened.
  bool started_empty() const { return started_empty_; }

 private:
  explicit Runtime(RuntimeOptions options) : options_(std::move(options)) {}

  RuntimeOptions options_;
  std::unique_ptr<store::PiiVault> vault_;
  std::unique_ptr<store::Database> database_;
  std::unique_ptr<learning::WorkspaceModelCache> model_cache_;
  std::unique_ptr<ingest::TextAnalyzer> analyzer_;
  std::unique_ptr<auth::Authenticator> authenticator_;
  std::unique_ptr<auth::Accounts> accounts_;
  std::unique_ptr<ingest::FeedbackIntake> intake_;
  std::unique_ptr<ingest::CustomerDirectory> customers_;
  std::unique_ptr<ingest::Erasure> erasure_;
  std::unique_ptr<collect::Surveys> surveys_;
  std::unique_ptr<collect::SurveyResponses> survey_responses_;
  std::unique_ptr<insights::MetricsService> metrics_;
  // Declared last: the runner stops first, while everything its jobs use still exists.
  std::unique_ptr<learning::AnalysisService> analysis_;
  std::unique_ptr<collect::Invitations> invitations_;
  std::unique_ptr<workflow::Webhooks> webhooks_;
  std::unique_ptr<workflow::Cases> cases_;
  std::unique_ptr<workflow::CaseMail> case_mail_;
  std::unique_ptr<workflow::Notifications> notifications_;
  std::unique_ptr<workflow::Notifier> notifier_;
  std::unique_ptr<workflow::Rules> rules_;
  std::unique_ptr<workflow::Watch> watch_;
  std::unique_ptr<workflow::WorkflowEvents> workflow_events_;
  std::unique_ptr<jobs::JobRunner> job_runner_;
  bool started_empty_ = false;
};

}  // namespace voxloop::app
