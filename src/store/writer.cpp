#include "store/writer.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <exception>
#include <future>

namespace voxloop::store {

GroupCommitWriter::GroupCommitWriter(std::unique_ptr<Connection> connection,
                                     WriterOptions options)
    : connection_(std::move(connection)),
      options_(options),
      dialect_(connection_->dialect()),
      thread_([this] { Loop(); }) {}

GroupCommitWriter::~GroupCommitWriter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void GroupCommitWriter::Submit(WriteJob job, WriteDone done) {
  {
    std::unique_lock lock(mutex_);
    if (!stopping_ && queue_.size() < options_.max_queued_jobs) {
      queue_.push_back(Pending{std::move(job), std::move(done)});
      // A busy writer takes the queue when it finishes its group: waking it is a wasted
      // system call on the hot path.
      const bool wake = writer_waiting_;
      lock.unlock();
      if (wake) wake_.notify_one();
      return;
    }
  }
  done(core::Error::Unavailable("The server is overloaded or shutting down, try again"));
}

Status GroupCommitWriter::Run(WriteJob job) {
  std::promise<Status> outcome;
  auto future = outcome.get_future();
  Submit(std::move(job), [&outcome](Status status) { outcome.set_value(std::move(status)); });
  return future.get();
}

GroupCommitWriter::Stats GroupCommitWriter::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

void GroupCommitWriter::Loop() {
  std::vector<Pending> group;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      writer_waiting_ = true;
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      writer_waiting_ = false;
      if (queue_.empty()) return;  // stopping, and everything queued is done
      while (!queue_.empty() && group.size() < options_.max_batch_jobs) {
        group.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
      ++stats_.transactions;
      stats_.jobs += group.size();
    }
    CommitGroup(group);
    group.clear();
  }
}

Status GroupCommitWriter::RunOne(Pending& pending, WriteContext& context) {
  try {
    return pending.job(context);
  } catch (const std::exception& error) {
    return core::Error::Internal(std::string("write job threw: ") + error.what());
  }
}

void GroupCommitWriter::CommitGroup(std::vector<Pending>& group) {
  std::vector<Status> outcomes(group.size());
  std::vector<std::function<void()>> after_commit;
  Connection& db = *connection_;
  // A lone job needs no savepoint: if it fails, the whole transaction rolls back.
  const bool use_savepoints = group.size() > 1;
  Transaction transaction(db);
  Status commit_status = transaction.begin_status();
  if (commit_status) {
    for (std::size_t job_idx = 0; job_idx < group.size(); ++job_idx) {
      if (use_savepoints) (void)db.Execute("SAVEPOINT job", {});
      WriteContext context(db);
      outcomes[job_idx] = RunOne(group[job_idx], context);
      if (outcomes[job_idx]) {
        if (use_savepoints) (void)db.Execute("RELEASE SAVEPOINT job", {});
        for (auto& action : context.after_commit_actions()) after_commit.push_back(std::move(action));
      } else if (use_savepoints) {
        (void)db.Execute("ROLLBACK TO SAVEPOINT job", {});
        (void)db.Execute("RELEASE SAVEPOINT job", {});
      }
    }
    const bool any_succeeded = std::any_of(outcomes.begin(), outcomes.end(),
                                           [](const Status& status) { return status.ok(); });
    commit_status = any_succeeded ? transaction.Commit() : core::Ok();
  }
  if (!commit_status) {
    spdlog::error("group commit failed: {}", commit_status.error().internal);
    for (auto& outcome : outcomes) {
      if (outcome) outcome = core::Error::Unavailable("The write could not be committed, try again");
    }
    after_commit.clear();
  }
  for (auto& action : after_commit) action();
  for (std::size_t job_idx = 0; job_idx < group.size(); ++job_idx) {
    if (group[job_idx].done) group[job_idx].done(std::move(outcomes[job_idx]));
  }
}

}  // namespace voxloop::store
