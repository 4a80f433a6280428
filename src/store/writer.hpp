// GroupCommitWriter: the one thread that writes to the database.
//
// Requests hand it write jobs; it runs every job waiting at that moment inside ONE
// transaction, commits once — one fsync for the whole group — and only then reports each
// job's outcome. Grouping is optimistic: jobs run without savepoints (which would cost two
// extra round trips per job on PostgreSQL); when a job fails, the transaction is rolled back
// and the group is run again without that job, which gets its error. So a job may run more
// than once: it must have no effects outside the database except through AfterCommit, and
// must overwrite (not append to) anything it reports.
// A job's `done` callback therefore means "durable" (SQLite WAL with synchronous=FULL, or a
// PostgreSQL commit). Many concurrent requests share one commit; under light load a job
// commits alone with no added wait.
//
// Thread-safety: Submit/Run may be called from any thread. Jobs and callbacks run on the
// writer thread: a job must only use the Connection it is given and must not block on
// anything but the database; callbacks must be quick (post the result elsewhere).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "store/connection.hpp"

namespace voxloop::store {

// What a write job gets: the connection, inside a transaction, and a way to run code only
// once the transaction is durable (update in-memory indexes, fire events).
class WriteContext {
 public:
  explicit WriteContext(Connection& connection) : db(connection) {}
  Connection& db;
  void AfterCommit(std::function<void()> action) { after_commit_.push_back(std::move(action)); }
  std::vector<std::function<void()>>& after_commit_actions() { return after_commit_; }

 private:
  std::vector<std::function<void()>> after_commit_;
};

using WriteJob = std::function<Status(WriteContext&)>;
using WriteDone = std::function<void(Status)>;

struct WriterOptions {
  std::size_t max_batch_jobs = 1024;  // jobs per transaction
  std::size_t max_queued_jobs = 50000;  // beyond this Submit fails fast with kUnavailable
};

class GroupCommitWriter {
 public:
  GroupCommitWriter(std::unique_ptr<Connection> connection, WriterOptions options = {});
  ~GroupCommitWriter();  // finishes queued jobs, then stops
  GroupCommitWriter(const GroupCommitWriter&) = delete;
  GroupCommitWriter& operator=(const GroupCommitWriter&) = delete;

  // Queues `job`; `done` runs on the writer thread once the job committed or failed.
  void Submit(WriteJob job, WriteDone done);
  // Queues `job` and waits for its outcome (for the CLI, start-up and tests).
  Status Run(WriteJob job);

  Dialect dialect() const { return dialect_; }
  struct Stats {
    std::uint64_t transactions = 0;
    std::uint64_t jobs = 0;
  };
  Stats stats() const;

 private:
  struct Pending {
    WriteJob job;
    WriteDone done;
  };
  void Loop();
  void CommitGroup(std::vector<Pending>& group);
  // Runs the jobs not yet failed in one transaction. Returns the index of the first job that
  // failed (its error in `outcomes`), or nullopt when all succeeded and committed.
  std::optional<std::size_t> TryGroup(std::vector<Pending>& group, std::vector<Status>& outcomes,
                                      std::vector<bool>& failed,
                                      std::vector<std::function<void()>>& after_commit);
  Status RunOne(Pending& pending, WriteContext& context);

  const std::unique_ptr<Connection> connection_;  // used by the writer thread only
  const WriterOptions options_;
  const Dialect dialect_;

  // Guarded by mutex_:
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Pending> queue_;
  bool stopping_ = false;
  bool writer_waiting_ = false;  // the writer thread sleeps on wake_
  Stats stats_;

  std::thread thread_;  // last: starts after everything above is ready
};

}  // namespace voxloop::store
