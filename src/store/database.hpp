// Database: the open store — the group-commit writer (the only writer) plus a pool of read
// connections — for SQLite (a file under the data dir, WAL mode) or PostgreSQL (a URL).
// Opening applies pending migrations. Thread-safe: any thread may borrow a reader or submit
// to the writer.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/connection.hpp"
#include "store/writer.hpp"

namespace voxloop::store {

struct DatabaseConfig {
  // "postgresql://…" / "postgres://…" for PostgreSQL; otherwise a path to a SQLite file.
  std::string url;
  int read_connections = 4;
  WriterOptions writer;
};

// The SQLite file Voxloop keeps in a data dir.
std::string SqlitePathInDataDir(const std::string& data_dir);

// Opens a new connection for `url` (used for the writer, the readers and one-off tools).
Result<std::unique_ptr<Connection>> OpenConnection(const std::string& url, bool read_only);

// A fixed-size set of read connections, opened lazily, handed out one caller at a time.
class ReaderPool {
 public:
  ReaderPool(std::string url, int size) : url_(std::move(url)), size_(size) {}
  ~ReaderPool();

  // Runs `use` with a connection borrowed for the duration of the call; blocks while all are
  // busy. Returns kUnavailable when no connection can be opened.
  template <typename T>
  Result<T> With(const std::function<Result<T>(Connection&)>& use) {
    VOXLOOP_ASSIGN_OR_RETURN(Connection * connection, Acquire());
    Result<T> result = use(*connection);
    Release(connection);
    return result;
  }

 private:
  Result<Connection*> Acquire();
  void Release(Connection* connection);

  const std::string url_;
  const int size_;
  // Guarded by mutex_:
  std::mutex mutex_;
  std::condition_variable available_;
  int opened_or_opening_ = 0;
  std::vector<std::unique_ptr<Connection>> all_;
  std::vector<Connection*> idle_;
};

class Database {
 public:
  static Result<std::unique_ptr<Database>> Open(const DatabaseConfig& config);

  Dialect dialect() const { return dialect_; }
  GroupCommitWriter& writer() { return *writer_; }
  ReaderPool& readers() { return *readers_; }

  // Shorthand for readers().With<T>(use).
  template <typename T>
  Result<T> Read(const std::function<Result<T>(Connection&)>& use) {
    return readers_->With<T>(use);
  }

 private:
  Database(Dialect dialect, std::unique_ptr<GroupCommitWriter> writer,
           std::unique_ptr<ReaderPool> readers)
      : dialect_(dialect), writer_(std::move(writer)), readers_(std::move(readers)) {}

  const Dialect dialect_;
  std::unique_ptr<GroupCommitWriter> writer_;
  std::unique_ptr<ReaderPool> readers_;
};

}  // namespace voxloop::store
