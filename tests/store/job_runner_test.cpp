#include "jobs/job_runner.hpp"

#include <chrono>
#include <mutex>
#include <set>
#include <thread>

#include "core/time.hpp"
#include "tests/store/store_fixture.hpp"

namespace voxloop::jobs {
namespace {

using store::Job;

class JobRunnerTest : public store::StoreTest {
 protected:
  std::optional<Job> Load(core::Id id) {
    return Read<std::optional<Job>>([id](store::Connection& db) { return store::JobRepo(db).Get(id); });
  }
  // Polls until `done` holds or 20 s pass (asynchronous work, so no fixed sleeps).
  bool WaitFor(const std::function<bool()>& done) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
      if (done()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return done();
  }
  bool Finished(core::Id id, const std::string& status) {
    auto job = Load(id);
    return job && job->status == status;
  }
};

TEST_P(JobRunnerTest, RunsAnEnqueuedJobOnceAndKeepsItsResult) {
  JobRunner runner(*db_, {.workers = 2, .poll = std::chrono::milliseconds(20)});
  std::atomic<int> runs{0};
  runner.Register("test.echo", [&](JobContext& context) {
    ++runs;
    return JobOutcome::Done(context.job.payload_json);
  });
  runner.Start();
  auto id = runner.Enqueue({.kind = "test.echo", .payload_json = R"({"n":7})"});
  ASSERT_TRUE(id);
  ASSERT_TRUE(WaitFor([&] { return Finished(*id, "done"); }));
  runner.Stop();
  EXPECT_EQ(runs.load(), 1);
  EXPECT_EQ(Load(*id)->result_json, R"({"n":7})");
  EXPECT_EQ(Load(*id)->attempts, 1);
}

TEST_P(JobRunnerTest, RetriesAFailingJobThenGivesUp) {
  JobRunner runner(*db_, {.workers = 1, .poll = std::chrono::milliseconds(20)});
  std::atomic<int> runs{0};
  runner.Register("test.flaky", [&](JobContext&) {
    ++runs;
    return JobOutcome::Retry("smtp 451", core::NowMs());
  });
  runner.Start();
  auto id = runner.Enqueue({.kind = "test.flaky", .max_attempts = 3});
  ASSERT_TRUE(WaitFor([&] { return Finished(*id, "failed"); }));
  runner.Stop();
  EXPECT_EQ(runs.load(), 3);
  EXPECT_EQ(Load(*id)->error, "smtp 451");
}

TEST_P(JobRunnerTest, KeepsOneActiveJobPerDedupeKey) {
  JobRunner runner(*db_);
  auto first = runner.Enqueue({.kind = "test.once", .dedupe_key = "ws-1"});
  auto second = runner.Enqueue({.kind = "test.once", .dedupe_key = "ws-1"});
  auto other = runner.Enqueue({.kind = "test.once", .dedupe_key = "ws-2"});
  ASSERT_TRUE(first && second && other);
  EXPECT_EQ(*first, *second);
  EXPECT_NE(*first, *other);
}

TEST_P(JobRunnerTest, TakesAgainAJobWhoseWorkerDied) {
  JobRunner runner(*db_, {.workers = 1, .poll = std::chrono::milliseconds(20)});
  auto id = runner.Enqueue({.kind = "test.recover"});
  ASSERT_TRUE(id);
  // A worker of a dead node leased it; the lease has run out.
  Write([&](store::WriteContext& context) -> core::Status {
    VOXLOOP_ASSIGN_OR_RETURN(auto claimed, store::JobRepo(context.db).ClaimNext("dead-node", core::NowMs(),
                                                                               core::NowMs() - 1));
    return claimed ? core::Ok() : core::Status(core::Error::Internal("nothing claimed"));
  });
  runner.Register("test.recover", [](JobContext&) { return JobOutcome::Done(); });
  runner.Start();
  ASSERT_TRUE(WaitFor([&] { return Finished(*id, "done"); }));
  EXPECT_EQ(Load(*id)->attempts, 2);
}

TEST_P(JobRunnerTest, ReportsProgressAndStopsWhenCancelled) {
  JobRunner runner(*db_, {.workers = 1, .poll = std::chrono::milliseconds(20),
                          .progress_interval = std::chrono::milliseconds(0)});
  std::atomic<bool> started{false};
  std::atomic<int> steps{0};
  runner.Register("test.long", [&](JobContext& context) {
    started = true;
    for (int step = 1; step <= 100000; ++step) {
      if (!context.ReportProgress(step, 100000)) return JobOutcome::Failed("stopped");
      ++steps;
    }
    return JobOutcome::Done();
  });
  runner.Start();
  auto id = runner.Enqueue({.workspace_id = 5, .kind = "test.long"});
  ASSERT_TRUE(WaitFor([&] { auto job = Load(*id); return job && job->progress_done > 3; }));
  EXPECT_EQ(Load(*id)->progress_total, 100000);
  Write([&](store::WriteContext& context) { return store::JobRepo(context.db).Cancel(5, *id, core::NowMs()); });
  ASSERT_TRUE(WaitFor([&] { return Finished(*id, "cancelled"); }));
  runner.Stop();
  EXPECT_LT(steps.load(), 100000);
}

TEST_P(JobRunnerTest, TwoNodesNeverRunTheSameJob) {
  // A second node: its own connections and writer on the same database.
  auto other_node = store::Database::Open({url_, 2, {}});
  ASSERT_TRUE(other_node);
  std::mutex mutex;
  std::multiset<core::Id> ran;
  auto handler = [&](JobContext& context) {
    std::lock_guard lock(mutex);
    ran.insert(context.job.id);
    return JobOutcome::Done();
  };
  JobRunner first(*db_, {.workers = 2, .poll = std::chrono::milliseconds(10)});
  JobRunner second(**other_node, {.workers = 2, .poll = std::chrono::milliseconds(10)});
  first.Register("test.shared", handler);
  second.Register("test.shared", handler);
  std::set<core::Id> ids;
  for (int job_idx = 0; job_idx < 60; ++job_idx) ids.insert(*first.Enqueue({.kind = "test.shared"}));
  first.Start();
  second.Start();
  ASSERT_TRUE(WaitFor([&] { std::lock_guard lock(mutex); return ran.size() >= ids.size(); }));
  first.Stop();
  second.Stop();
  EXPECT_EQ(ran.size(), ids.size());
  EXPECT_EQ(std::set<core::Id>(ran.begin(), ran.end()), ids) << "each job exactly once";
}

TEST_P(JobRunnerTest, SchedulesPeriodicWorkOncePerPeriodAcrossNodes) {
  auto other_node = store::Database::Open({url_, 2, {}});
  ASSERT_TRUE(other_node);
  std::atomic<int> runs{0};
  JobRunner first(*db_, {.workers = 1, .poll = std::chrono::milliseconds(10)});
  JobRunner second(**other_node, {.workers = 1, .poll = std::chrono::milliseconds(10)});
  for (JobRunner* runner : {&first, &second}) {
    runner->Register("test.tick", [&](JobContext&) { ++runs; return JobOutcome::Done(); });
    runner->Every("test.tick", std::chrono::hours(1));
    runner->Start();
  }
  ASSERT_TRUE(WaitFor([&] { return runs.load() >= 1; }));
  first.Stop();
  second.Stop();
  EXPECT_EQ(runs.load(), 1) << "one run for this hour, whichever node scheduled it";
}

TEST(JobBackoffTest, GrowsExponentiallyWithJitterUpToAnHour) {
  EXPECT_NEAR(JobRunner::BackoffMs(1, 1), 5000, 1000);
  EXPECT_NEAR(JobRunner::BackoffMs(3, 1), 20000, 4000);
  EXPECT_LE(JobRunner::BackoffMs(30, 1), 3600000 * 1.2);
  EXPECT_NE(JobRunner::BackoffMs(4, 1), JobRunner::BackoffMs(4, 2));
}

VOXLOOP_INSTANTIATE_STORE_SUITE(JobRunnerTest);

}  // namespace
}  // namespace voxloop::jobs
