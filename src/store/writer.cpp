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

std::optional<std::size_t> GroupCommitWriter::TryGroup(
    std::vector<Pending>& group, std::vector<Status>& outcomes, std::vector<bool>& failed,
    std::vector<std::function<void()>>& after_commit) {
  Connection& db = *connection_;
  after_commit.clear();
  Transaction transaction(db);
  if (!transaction.begin_status()) {
    for (std::size_t job_idx = 0; job_idx < group.size(); ++job_idx) {
      if (!failed[job_idx]) outcomes[job_idx] = transaction.begin_status();
    }
    return std::nullopt;
  }
  bool any_ran = false;
  for (std::size_t job_idx = 0; job_idx < group.size(); ++job_idx) {
    if (failed[job_idx]) continue;
    WriteContext context(db);
    outcomes[job_idx] = RunOne(group[job_idx], context);
    if (!outcomes[job_idx]) return job_idx;  // the destructor rolls the transaction back
    any_ran = true;
    for (auto& action : context.after_commit_actions()) after_commit.push_back(std::move(action));
  }
  const Status committed = any_ran ? transaction.Commit() : core::Ok();
  if (!committed) {
    spdlog::error("group commit failed: {}", committed.error().internal);
    for (std::size_t job_idx = 0; job_idx < group.size(); ++job_idx) {
      if (!failed[job_idx]) {
        outcomes[job_idx] = core::Error::Unavailable("The write could not be committed, try again");
      }
    }
    after_commit.clear();
  }
  return std::nullopt;
}

void GroupCommitWriter::CommitGroup(std::vector<Pending>& group) {
  std::vector<Status> outcomes(group.size());
  std::vector<bool> failed(group.size(), false);
  std::vector<std::function<void()>> after_commit;
  // Each retry drops one failed job, so this ends after at most group.size() rounds.
  while (auto failed_idx = TryGroup(group, outcomes, failed, after_commit)) {
    failed[*failed_idx] = true;
  }
  for (auto& action : after_commit) action();
  for (std::size_t job_idx = 0; job_idx < group.size(); ++job_idx) {
    if (group[job_idx].done) group[job_idx].done(std::move(outcomes[job_idx]));
  }
}

}  // namespace voxloop::store
