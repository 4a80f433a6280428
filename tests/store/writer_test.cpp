#include <atomic>
#include <future>
#include <thread>
#include <vector>

#include "core/id.hpp"
#include "core/time.hpp"
#include "store/workspace_repo.hpp"
#include "tests/store/store_fixture.hpp"

namespace voxloop::store {
namespace {

class WriterTest : public StoreTest {
 protected:
  core::Workspace NewWorkspace(const std::string& name) {
    return core::Workspace{core::NewId(), name, "Asia/Ho_Chi_Minh", "vi", "{}", core::NowMs()};
  }
  int CountWorkspaces() {
    return Read<int>([](Connection& db) -> Result<int> {
      VOXLOOP_ASSIGN_OR_RETURN(auto row, db.QueryOne("SELECT COUNT(*) FROM workspaces", {}));
      return static_cast<int>(row->Int(0));
    });
  }
};

TEST_P(WriterTest, CommitsEveryConcurrentJobAndGroupsThem) {
  constexpr int kThreads = 8;
  constexpr int kJobsPerThread = 50;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int thread_idx = 0; thread_idx < kThreads; ++thread_idx) {
    threads.emplace_back([&, thread_idx] {
      std::vector<std::future<Status>> outcomes;
      for (int job_idx = 0; job_idx < kJobsPerThread; ++job_idx) {
        auto promise = std::make_shared<std::promise<Status>>();
        outcomes.push_back(promise->get_future());
        const core::Workspace workspace =
            NewWorkspace("w" + std::to_string(thread_idx) + "-" + std::to_string(job_idx));
        db_->writer().Submit(
            [workspace](WriteContext& context) { return WorkspaceRepo(context.db).Insert(workspace); },
            [promise](Status status) { promise->set_value(std::move(status)); });
      }
      for (auto& outcome : outcomes) {
        if (!outcome.get()) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(CountWorkspaces(), kThreads * kJobsPerThread);
  const auto stats = db_->writer().stats();
  EXPECT_EQ(stats.jobs, static_cast<std::uint64_t>(kThreads * kJobsPerThread));
  EXPECT_LT(stats.transactions, stats.jobs) << "concurrent jobs should share commits";
}

TEST_P(WriterTest, RollsBackOnlyTheFailingJobOfAGroup) {
  const core::Workspace duplicate = NewWorkspace("first");
  Write([&](WriteContext& context) { return WorkspaceRepo(context.db).Insert(duplicate); });
  // Hold the writer busy so that the next three jobs are committed as one group.
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  db_->writer().Submit([released](WriteContext&) { released.wait(); return core::Ok(); }, nullptr);
  std::promise<Status> good1, bad, good2;
  std::atomic<int> hooks{0};
  auto insert = [&](core::Workspace workspace) {
    return [workspace, &hooks](WriteContext& context) {
      context.AfterCommit([&hooks] { ++hooks; });
      return WorkspaceRepo(context.db).Insert(workspace);
    };
  };
  db_->writer().Submit(insert(NewWorkspace("a")), [&](Status s) { good1.set_value(s); });
  db_->writer().Submit(insert(duplicate), [&](Status s) { bad.set_value(s); });
  db_->writer().Submit(insert(NewWorkspace("b")), [&](Status s) { good2.set_value(s); });
  release.set_value();
  EXPECT_TRUE(good1.get_future().get());
  const Status failed = bad.get_future().get();
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, core::ErrorCode::kConflict);
  EXPECT_TRUE(good2.get_future().get());
  EXPECT_EQ(hooks.load(), 2) << "after-commit actions run only for committed jobs";
  EXPECT_EQ(CountWorkspaces(), 3);
}

TEST_P(WriterTest, ReportsAJobThatThrowsAsInternalError) {
  const Status status = db_->writer().Run([](WriteContext&) -> Status {
    throw std::runtime_error("bug");
  });
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, core::ErrorCode::kInternal);
}

VOXLOOP_INSTANTIATE_STORE_SUITE(WriterTest);

}  // namespace
}  // namespace voxloop::store
