// The VFS that gathers WAL writes (store/sqlite/wal_write_vfs.hpp), through real SQLite
// connections on a real file: commits of any size succeed, other connections see every commit,
// the file survives checkpoints and reopening, and a commit costs a few write calls, not two
// per page.
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "store/sqlite/sqlite_connection.hpp"
#include "tests/support/test_databases.hpp"

namespace voxloop::store {
namespace {

// Write system calls made by this process so far (Linux task I/O accounting).
long WriteCalls() {
  std::ifstream io("/proc/self/io");
  std::string key;
  long value = 0;
  while (io >> key >> value) {
    if (key == "syscw:") return value;
  }
  return -1;
}

class WalWriteVfsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = testing::MakeTempDir("voxloop-wal-vfs") + "/test.db";
    writer_ = Open(false);
    ASSERT_TRUE(writer_->ExecuteScript("CREATE TABLE notes (id INTEGER PRIMARY KEY, body BLOB)"));
  }

  std::unique_ptr<SqliteConnection> Open(bool read_only) {
    auto opened = SqliteConnection::Open(path_, read_only);
    EXPECT_TRUE(opened) << opened.error().internal;
    return std::move(*opened);
  }

  // Inserts `rows` notes of `bytes` random bytes each in one transaction.
  Status InsertNotes(Connection& db, int rows, int bytes) {
    VOXLOOP_TRY(db.ExecuteScript("BEGIN IMMEDIATE"));
    for (int row_idx = 0; row_idx < rows; ++row_idx) {
      auto inserted = db.Execute("INSERT INTO notes (body) VALUES (randomblob(?))",
                                 {std::int64_t{bytes}});
      if (!inserted) return std::move(inserted).error();
    }
    return db.ExecuteScript("COMMIT");
  }

  std::int64_t Count(Connection& db, const std::string& sql = "SELECT COUNT(*) FROM notes") {
    auto row = db.QueryOne(sql, {});
    EXPECT_TRUE(row && *row);
    return row && *row ? (*row)->Int(0) : -1;
  }

  std::string path_;
  std::unique_ptr<SqliteConnection> writer_;
};

TEST_F(WalWriteVfsTest, CommitsTransactionsFarLargerThanOneGatheredWrite) {
  // 2,000 notes of 3 KiB: about 6 MiB of WAL in one commit, many times the 128 KiB that
  // goes to the file in one call.
  Status inserted = InsertNotes(*writer_, 2000, 3000);
  ASSERT_TRUE(inserted) << inserted.error().internal;
  EXPECT_EQ(Count(*writer_), 2000);
  EXPECT_EQ(Count(*writer_, "SELECT COUNT(*) FROM notes WHERE length(body) = 3000"), 2000);
}

TEST_F(WalWriteVfsTest, AnotherConnectionSeesEveryCommitAcrossCheckpoints) {
  auto reader = Open(true);
  // 600 commits of two 3 KiB notes pass SQLite's 1,000-page automatic checkpoint.
  for (int commit_idx = 1; commit_idx <= 600; ++commit_idx) {
    Status inserted = InsertNotes(*writer_, 2, 3000);
    ASSERT_TRUE(inserted) << inserted.error().internal;
    ASSERT_EQ(Count(*reader), 2 * commit_idx) << "after commit " << commit_idx;
  }
  auto check = reader->QueryOne("PRAGMA integrity_check", {});
  ASSERT_TRUE(check && *check);
  EXPECT_EQ((*check)->Text(0), "ok");
}

TEST_F(WalWriteVfsTest, KeepsEveryCommitWhenReopened) {
  for (int commit_idx = 0; commit_idx < 50; ++commit_idx) ASSERT_TRUE(InsertNotes(*writer_, 3, 1500));
  writer_.reset();
  auto reopened = Open(false);
  EXPECT_EQ(Count(*reopened), 150);
  auto check = reopened->QueryOne("PRAGMA integrity_check", {});
  ASSERT_TRUE(check && *check);
  EXPECT_EQ((*check)->Text(0), "ok");
}

TEST_F(WalWriteVfsTest, ACommitOfManyPagesTakesAFewWriteCalls) {
  ASSERT_TRUE(InsertNotes(*writer_, 1, 10));  // the WAL exists and holds its header
  const long before = WriteCalls();
  ASSERT_GE(before, 0) << "no /proc/self/io";
  // Eight notes of 3 KiB touch about ten pages; SQLite alone writes each as two calls.
  ASSERT_TRUE(InsertNotes(*writer_, 8, 3000));
  const long calls = WriteCalls() - before;
  EXPECT_LE(calls, 4) << "the commit's WAL frames should reach the file gathered";
  EXPECT_EQ(Count(*writer_), 9);
}

}  // namespace
}  // namespace voxloop::store
