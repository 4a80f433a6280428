#include "jobs/job_runner.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <random>

#include "core/id.hpp"
#include "core/time.hpp"

namespace voxloop::jobs {
namespace {

std::string NodeName() {
  std::random_device device;
  return "node-" + std::to_string(device()) + "-" + std::to_string(core::NowMs());
}

store::Job ToStoredJob(const NewJob& job) {
  store::Job stored;
  stored.id = core::NewId();
  stored.workspace_id = job.workspace_id;
  stored.kind = job.kind;
  stored.payload_json = job.payload_json;
  stored.created_at = core::NowMs();
  stored.run_after = job.run_after > 0 ? job.run_after : stored.created_at;
  stored.max_attempts = job.max_attempts;
  stored.dedupe_key = job.dedupe_key;
  return stored;
}

}  // namespace

JobRunner::JobRunner(store::Database& database, JobRunnerOptions options)
    : database_(database), options_(options), node_(NodeName()) {}

JobRunner::~JobRunner() { Stop(); }

void JobRunner::Register(std::string kind, JobHandler handler) {
  handlers_[std::move(kind)] = std::move(handler);
}

void JobRunner::Every(std::string kind, std::chrono::milliseconds period) {
  std::lock_guard lock(mutex_);
  periodic_.push_back({std::move(kind), period, 0});
}

void JobRunner::Start() {
  for (int worker_idx = 0; worker_idx < options_.workers; ++worker_idx) {
    workers_.emplace_back([this, worker_idx] { WorkerLoop(worker_idx); });
  }
}

void JobRunner::Stop() {
  if (stopping_.exchange(true)) return;
  wake_.notify_all();
  for (auto& worker : workers_) worker.join();
  workers_.clear();
}

void JobRunner::Notify() {
  {
    std::lock_guard lock(mutex_);
    notified_ = true;
  }
  wake_.notify_all();
}

core::Result<core::Id> JobRunner::Enqueue(const NewJob& job) {
  core::Id id = 0;
  VOXLOOP_TRY(database_.writer().Run([&](store::WriteContext& context) -> core::Status {
    VOXLOOP_ASSIGN_OR_RETURN(id, EnqueueIn(context, job));
    return core::Ok();
  }));
  return id;
}

core::Result<core::Id> JobRunner::EnqueueIn(store::WriteContext& context, const NewJob& job) {
  VOXLOOP_ASSIGN_OR_RETURN(core::Id id, store::JobRepo(context.db).Enqueue(ToStoredJob(job)));
  context.AfterCommit([this] { Notify(); });
  return id;
}

core::TimeMs JobRunner::BackoffMs(int attempts, std::uint64_t jitter_seed) {
  const int exponent = std::clamp(attempts - 1, 0, 20);
  const double base = std::min(5000.0 * static_cast<double>(1ULL << exponent), 3600000.0);
  std::mt19937_64 random(jitter_seed);
  const double jitter = std::uniform_real_distribution<double>(0.8, 1.2)(random);
  return static_cast<core::TimeMs>(base * jitter);
}

void JobRunner::SchedulePeriodic(core::TimeMs now) {
  struct Due {
    std::string kind;
    core::TimeMs slot;
    core::TimeMs period;
  };
  std::vector<Due> due;
  {
    std::lock_guard lock(mutex_);
    for (Periodic& periodic : periodic_) {
      const core::TimeMs period = periodic.period.count();
      const core::TimeMs slot = now - now % period;
      if (slot < periodic.next_slot) continue;
      periodic.next_slot = slot + period;
      due.push_back({periodic.kind, slot, period});
    }
  }
  for (const Due& slot : due) {
    // The first node to claim the period enqueues its job, in the same transaction.
    const core::Status scheduled = database_.writer().Run([&](store::WriteContext& context) -> core::Status {
      VOXLOOP_ASSIGN_OR_RETURN(bool mine, store::JobRepo(context.db).ClaimSlot(
                                              slot.kind, slot.slot, slot.slot - 10 * slot.period));
      if (!mine) return core::Ok();
      auto queued = EnqueueIn(context, {std::nullopt, slot.kind, "{}", 0, 1, ""});
      if (!queued) return std::move(queued).error();
      return core::Ok();
    });
    if (!scheduled) spdlog::warn("cannot schedule {}: {}", slot.kind, scheduled.error().internal);
  }
}

bool JobRunner::ReportProgress(const store::Job& job, const std::string& owner, std::int64_t done,
                               std::int64_t total, core::TimeMs& last_report) {
  if (stopping_) return false;
  const core::TimeMs now = core::NowMs();
  if (now - last_report < options_.progress_interval.count() && done < total) return true;
  last_report = now;
  const core::Status recorded = database_.writer().Run([&](store::WriteContext& context) {
    return store::JobRepo(context.db).Progress(job.id, owner, done, total,
                                               now + options_.lease.count(), now);
  });
  return recorded.ok();
}

void JobRunner::RunJob(const store::Job& job, const std::string& owner) {
  JobOutcome outcome;
  auto handler = handlers_.find(job.kind);
  if (handler == handlers_.end()) {
    outcome = JobOutcome::Failed("No handler for job kind " + job.kind);
  } else {
    core::TimeMs last_report = 0;
    JobContext context(job, [&](std::int64_t done, std::int64_t total) {
      return ReportProgress(job, owner, done, total, last_report);
    }, stopping_);
    try {
      outcome = handler->second(context);
    } catch (const std::exception& error) {
      outcome = JobOutcome::Retry(std::string("handler threw: ") + error.what());
    }
  }
  const core::TimeMs now = core::NowMs();
  if (outcome.kind == JobOutcome::Kind::kRetry && job.attempts >= job.max_attempts) {
    outcome.kind = JobOutcome::Kind::kFailed;
  }
  const core::Status recorded = database_.writer().Run([&](store::WriteContext& context) {
    store::JobRepo repo(context.db);
    switch (outcome.kind) {
      case JobOutcome::Kind::kDone:
        return repo.Finish(job.id, owner, "done", outcome.result_json, "", now);
      case JobOutcome::Kind::kFailed:
        return repo.Finish(job.id, owner, "failed", outcome.result_json, outcome.error, now);
      case JobOutcome::Kind::kRetry:
        return repo.Reschedule(job.id, owner, outcome.error,
                               outcome.retry_at.value_or(now + BackoffMs(job.attempts, job.id)), now);
    }
    return core::Status(core::Error::Internal("unknown job outcome"));
  });
  if (!recorded) spdlog::warn("job {} ({}): {}", job.id, job.kind, recorded.error().message);
  if (outcome.kind == JobOutcome::Kind::kFailed) {
    spdlog::warn("job {} ({}) failed: {}", job.id, job.kind, outcome.error);
  }
}

void JobRunner::WorkerLoop(int worker_idx) {
  const std::string owner = node_ + "/" + std::to_string(worker_idx);
  while (!stopping_) {
    const core::TimeMs now = core::NowMs();
    if (worker_idx == 0) SchedulePeriodic(now);
    std::optional<store::Job> claimed;
    const core::Status status = database_.writer().Run([&](store::WriteContext& context) -> core::Status {
      VOXLOOP_ASSIGN_OR_RETURN(claimed, store::JobRepo(context.db).ClaimNext(
                                            owner, now, now + options_.lease.count()));
      return core::Ok();
    });
    if (status && claimed) {
      RunJob(*claimed, owner);
      continue;  // there may be more due jobs
    }
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, options_.poll, [this] { return stopping_ || notified_; });
    notified_ = false;
  }
}

}  // namespace voxloop::jobs
