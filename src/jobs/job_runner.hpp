// JobRunner: runs background jobs from the durable queue (store/job_repo.hpp).
//
// Subsystems register a handler per job kind ("analysis.reanalyze", "webhook.deliver", …) and
// enqueue jobs — alone with Enqueue(), or inside their own write job with EnqueueIn() so the
// job exists exactly when their change commits (the transactional outbox). Worker threads
// lease due jobs, run the handler, and record the outcome; a failed attempt is retried with
// exponential back-off up to the job's max_attempts; a job whose worker died is taken again
// when its lease expires, so every job runs at least once. Handlers must therefore be
// idempotent. Periodic work is registered with Every(): each period enqueues one job per
// cluster (dedupe key = kind + period start).
//
// Thread-safety: everything may be called from any thread. Register()/Every() before Start().
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "store/database.hpp"
#include "store/job_repo.hpp"

namespace voxloop::jobs {

// What a handler sees while it runs.
class JobContext {
 public:
  JobContext(const store::Job& job, std::function<bool(std::int64_t, std::int64_t)> report,
             const std::atomic<bool>& stopping)
      : job(job), report_(std::move(report)), stopping_(stopping) {}

  const store::Job& job;
  // Records progress (throttled) and extends the lease. False when the job was cancelled or
  // its lease lost, or the runner is stopping: the handler should return soon.
  bool ReportProgress(std::int64_t done, std::int64_t total) { return report_(done, total); }
  bool stopping() const { return stopping_; }

 private:
  std::function<bool(std::int64_t, std::int64_t)> report_;
  const std::atomic<bool>& stopping_;
};

struct JobOutcome {
  enum class Kind { kDone, kRetry, kFailed };
  Kind kind = Kind::kDone;
  std::string result_json = "{}";
  std::string error;
  std::optional<core::TimeMs> retry_at;  // kRetry: when; default exponential back-off

  static JobOutcome Done(std::string result_json = "{}") { return {Kind::kDone, std::move(result_json), {}, {}}; }
  static JobOutcome Retry(std::string error, std::optional<core::TimeMs> at = std::nullopt) {
    return {Kind::kRetry, "{}", std::move(error), at};
  }
  static JobOutcome Failed(std::string error) { return {Kind::kFailed, "{}", std::move(error), {}}; }
};

using JobHandler = std::function<JobOutcome(JobContext&)>;

struct NewJob {
  std::optional<core::Id> workspace_id;
  std::string kind;
  std::string payload_json = "{}";
  core::TimeMs run_after = 0;  // 0: now
  int max_attempts = 5;
  std::string dedupe_key;
};

struct JobRunnerOptions {
  int workers = 2;
  std::chrono::milliseconds lease{60000};
  std::chrono::milliseconds poll{500};
  std::chrono::milliseconds progress_interval{500};
};

class JobRunner {
 public:
  JobRunner(store::Database& database, JobRunnerOptions options = {});
  ~JobRunner();  // stops

  void Register(std::string kind, JobHandler handler);
  // Enqueues a job of `kind` once per `period` (aligned to the Unix epoch).
  void Every(std::string kind, std::chrono::milliseconds period);

  void Start();
  // Stops taking jobs and waits for running handlers (they see stopping() == true).
  void Stop();

  // Enqueues a job on its own; returns its id (or the id of the active duplicate).
  core::Result<core::Id> Enqueue(const NewJob& job);
  // Enqueues inside `context`'s transaction and wakes the workers after the commit.
  core::Result<core::Id> EnqueueIn(store::WriteContext& context, const NewJob& job);
  // Wakes idle workers (e.g. after jobs were enqueued by another path).
  void Notify();

  // The back-off before attempt `attempts` + 1: 5 s × 2^(attempts-1), at most 1 h, ±20 %.
  static core::TimeMs BackoffMs(int attempts, std::uint64_t jitter_seed);

 private:
  void WorkerLoop(int worker_idx);
  void SchedulePeriodic(core::TimeMs now);
  void RunJob(const store::Job& job, const std::string& owner);
  bool ReportProgress(const store::Job& job, const std::string& owner, std::int64_t done,
                      std::int64_t total, core::TimeMs& last_report);

  store::Database& database_;
  const JobRunnerOptions options_;
  const std::string node_;  // lease owner prefix, unique per process

  std::map<std::string, JobHandler> handlers_;  // fixed after Start()
  struct Periodic {
    std::string kind;
    std::chrono::milliseconds period;
    core::TimeMs next_slot = 0;
  };
  std::atomic<bool> stopping_{false};

  // Guarded by mutex_:
  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<Periodic> periodic_;
  bool notified_ = false;

  std::vector<std::thread> workers_;
};

}  // namespace voxloop::jobs
