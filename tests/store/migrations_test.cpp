#include "store/migrations.hpp"

#include <algorithm>

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

// 0014 rebuilt feedback_topics in topic order: a database from before keeps every topic row,
// lists still filter by topic, and deleting an item still removes its topics.
TEST_P(MigrationsTest, KeepsTheTopicsOfADatabaseFromBeforeTheTopicOrderedTable) {
  auto connection = OpenConnection(testing::FreshDatabaseUrl(GetParam()), false);
  ASSERT_TRUE(connection);
  Connection& db = **connection;
  auto migrations = BuiltInMigrations();
  auto before = migrations;
  before.erase(std::remove_if(before.begin(), before.end(), [](const Migration& m) { return m.version >= 14; }),
               before.end());
  ASSERT_TRUE(ApplyMigrations(db, before));
  ASSERT_TRUE(db.Execute("INSERT INTO workspaces (id, name, created_at) VALUES (1, 'Shop', 0)", {}));
  for (std::int64_t id = 10; id < 13; ++id) {
    ASSERT_TRUE(db.Execute("INSERT INTO feedback (id, workspace_id, channel, text, received_at, created_at, "
                           "updated_at) VALUES (?, 1, 'api', 'x', 0, 0, 0)", {id}));
  }
  const std::pair<std::int64_t, const char*> topics[] = {
      {10, "delivery"}, {10, "price"}, {11, "delivery"}, {12, "support"}};
  for (const auto& [id, topic] : topics) {
    ASSERT_TRUE(db.Execute("INSERT INTO feedback_topics (feedback_id, workspace_id, topic) VALUES (?, 1, ?)",
                           {id, std::string(topic)}));
  }
  ASSERT_TRUE(ApplyMigrations(db, migrations));
  auto delivery = db.Query("SELECT feedback_id FROM feedback_topics WHERE workspace_id = 1 AND topic = "
                           "'delivery' ORDER BY feedback_id", {});
  ASSERT_TRUE(delivery);
  ASSERT_EQ(delivery->size(), 2u);
  EXPECT_EQ((*delivery)[0].Int(0), 10);
  EXPECT_EQ((*delivery)[1].Int(0), 11);
  // One topic per item at most once, as before.
  ASSERT_TRUE(db.Execute("INSERT INTO feedback_topics (feedback_id, workspace_id, topic) VALUES (10, 1, 'price') "
                         "ON CONFLICT DO NOTHING", {}));
  auto count = db.QueryOne("SELECT COUNT(*) FROM feedback_topics", {});
  ASSERT_TRUE(count && *count);
  EXPECT_EQ((*count)->Int(0), 4);
  ASSERT_TRUE(db.Execute("DELETE FROM feedback WHERE id = 10", {}));
  count = db.QueryOne("SELECT COUNT(*) FROM feedback_topics WHERE feedback_id = 10", {});
  ASSERT_TRUE(count && *count);
  EXPECT_EQ((*count)->Int(0), 0) << "ON DELETE CASCADE";
}

VOXLOOP_INSTANTIATE_STORE_SUITE(MigrationsTest);

}  // namespace
}  // namespace voxloop::store
