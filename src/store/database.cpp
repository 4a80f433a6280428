#include "store/database.hpp"

#include "store/migrations.hpp"
#include "store/postgres/postgres_connection.hpp"
#include "store/sqlite/sqlite_connection.hpp"

namespace voxloop::store {
namespace {

bool IsPostgresUrl(const std::string& url) {
  return url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
}

}  // namespace

std::string SqlitePathInDataDir(const std::string& data_dir) {
  return data_dir + "/voxloop.db";
}

Result<std::unique_ptr<Connection>> OpenConnection(const std::string& url, bool read_only) {
  if (IsPostgresUrl(url)) {
    VOXLOOP_ASSIGN_OR_RETURN(auto connection, PostgresConnection::Open(url));
    return std::unique_ptr<Connection>(std::move(connection));
  }
  VOXLOOP_ASSIGN_OR_RETURN(auto connection, SqliteConnection::Open(url, read_only));
  return std::unique_ptr<Connection>(std::move(connection));
}

ReaderPool::~ReaderPool() = default;

Result<Connection*> ReaderPool::Acquire() {
  std::unique_lock lock(mutex_);
  for (;;) {
    if (!idle_.empty()) {
      Connection* connection = idle_.back();
      idle_.pop_back();
      return connection;
    }
    if (opened_or_opening_ < size_) break;
    available_.wait(lock);
  }
  // Open a new connection without holding the lock; its slot is reserved by the count.
  ++opened_or_opening_;
  lock.unlock();
  auto opened = OpenConnection(url_, /*read_only=*/true);
  lock.lock();
  if (!opened) {
    --opened_or_opening_;
    available_.notify_one();
    return std::move(opened).error();
  }
  all_.push_back(std::move(*opened));
  return all_.back().get();
}

void ReaderPool::Release(Connection* connection) {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(connection);
  }
  available_.notify_one();
}

Result<std::unique_ptr<Database>> Database::Open(const DatabaseConfig& config) {
  VOXLOOP_ASSIGN_OR_RETURN(auto connection, OpenConnection(config.url, /*read_only=*/false));
  VOXLOOP_TRY(ApplyMigrations(*connection, BuiltInMigrations()));
  const Dialect dialect = connection->dialect();
  auto writer = std::make_unique<GroupCommitWriter>(std::move(connection), config.writer);
  auto readers = std::make_unique<ReaderPool>(config.url, config.read_connections);
  return std::unique_ptr<Database>(new Database(dialect, std::move(writer), std::move(readers)));
}

}  // namespace voxloop::store
