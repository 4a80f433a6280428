#include "store/migrations.hpp"

#include "tests/store/store_fixture.hpp"

namespace voxloop::store {
namespace {

using MigrationsTest = StoreTest;

TEST_P(MigrationsTest, AppliesEveryBuiltInMigrationOnce) {
  const auto migrations = BuiltInMigrations();
  ASSERT_FALSE(migrations.empty());
  auto connection = OpenConnection(url_, false);
  ASSERT_TRUE(connection);
  auto version = SchemaVersion(**connection);
  ASSERT_TRUE(version);
  EXPECT_EQ(*version, migrations.back().version);
  // Applying again is a no-op.
  ASSERT_TRUE(ApplyMigrations(**connection, migrations));
  auto rows = (*connection)->Query("SELECT COUNT(*) FROM schema_migrations", {});
  ASSERT_TRUE(rows);
  EXPECT_EQ((*rows)[0].Int(0), static_cast<std::int64_t>(migrations.size()));
}

TEST_P(MigrationsTest, RefusesADatabaseNewerThanTheBinary) {
  auto connection = OpenConnection(url_, false);
  ASSERT_TRUE(connection);
  ASSERT_TRUE((*connection)->Execute(
      "INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', 0)", {}));
  const Status status = ApplyMigrations(**connection, BuiltInMigrations());
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, core::ErrorCode::kConflict);
}

TEST_P(MigrationsTest, RollsBackAFailingMigrationEntirely) {
  auto connection = OpenConnection(url_, false);
  ASSERT_TRUE(connection);
  auto migrations = BuiltInMigrations();
  migrations.push_back(Migration{migrations.back().version + 1, "broken",
                                 "CREATE TABLE half_done (id BIGINT); SELECT * FROM missing_table;"});
  ASSERT_FALSE(ApplyMigrations(**connection, migrations));
  auto version = SchemaVersion(**connection);
  ASSERT_TRUE(version);
  EXPECT_EQ(*version, migrations[migrations.size() - 2].version);
  EXPECT_FALSE((*connection)->Query("SELECT COUNT(*) FROM half_done", {}))
      << "the failed migration's table must not exist";
}

TEST_P(MigrationsTest, AppliesAMigrationMergedWithALowerNumberLater) {
  auto connection = OpenConnection(url_, false);
  ASSERT_TRUE(connection);
  auto migrations = BuiltInMigrations();
  const int late = migrations.back().version + 10;
  migrations.push_back(Migration{late, "late", "CREATE TABLE late_table (id BIGINT)"});
  ASSERT_TRUE(ApplyMigrations(**connection, migrations));
  migrations.insert(migrations.end() - 1, Migration{late - 5, "earlier", "CREATE TABLE earlier_table (id BIGINT)"});
  ASSERT_TRUE(ApplyMigrations(**connection, migrations));
  EXPECT_TRUE((*connection)->Query("SELECT COUNT(*) FROM earlier_table", {}));
}

VOXLOOP_INSTANTIATE_STORE_SUITE(MigrationsTest);

}  // namespace
}  // namespace voxloop::store
