// StoreTest: a fresh, migrated database per test, for each backend (the same contract suite
// runs against SQLite and PostgreSQL).
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "core/id.hpp"
#include "store/database.hpp"
#include "store/workspace_repo.hpp"
#include "store/pii_vault.hpp"
#include "tests/support/test_databases.hpp"

namespace voxloop::store {

class StoreTest : public ::testing::TestWithParam<testing::Backend> {
 protected:
  void SetUp() override {
    url_ = testing::FreshDatabaseUrl(GetParam());
    auto opened = Database::Open(DatabaseConfig{url_, 2, {}});
    ASSERT_TRUE(opened) << opened.error().internal;
    db_ = std::move(*opened);
  }

  // Runs `job` on the writer and expects it to commit.
  void Write(const WriteJob& job) {
    Status status = db_->writer().Run(job);
    ASSERT_TRUE(status) << status.error().message << " " << status.error().internal;
  }

  // Stores a workspace "Shop" (UTC) and returns its id.
  core::Id InsertWorkspace() {
    const core::Id id = core::NewId();
    Write([id](WriteContext& context) { return WorkspaceRepo(context.db).Insert({id, "Shop", "UTC", "en", "{}", 1}); });
    return id;
  }

  template <typename T>
  T Read(const std::function<Result<T>(Connection&)>& use) {
    Result<T> result = db_->Read<T>(use);
    EXPECT_TRUE(result) << (result ? "" : result.error().internal);
    return std::move(result).value();
  }

  std::string url_;
  std::unique_ptr<Database> db_;
  PiiVault vault_ = PiiVault::WithRandomKey();
};

inline std::string BackendTestName(const ::testing::TestParamInfo<testing::Backend>& info) {
  return testing::BackendName(info.param);
}

#define VOXLOOP_INSTANTIATE_STORE_SUITE(suite)                                          \
  INSTANTIATE_TEST_SUITE_P(Backends, suite,                                             \
                           ::testing::Values(::voxloop::testing::Backend::kSqlite,      \
                                             ::voxloop::testing::Backend::kPostgres),   \
                           ::voxloop::store::BackendTestName)

}  // namespace voxloop::store
