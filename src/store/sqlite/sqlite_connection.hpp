// SqliteConnection: a Connection over one sqlite3 handle, with a statement cache.
// Opened in WAL mode with synchronous=FULL, so a committed transaction survives a crash
// or power loss, through the VFS that gathers WAL writes (wal_write_vfs.hpp); foreign keys
// on; a busy timeout so readers never fail on a checkpoint.
// Not thread-safe (see Connection).
#pragma once

#include <memory>
#include <string>
#include "store/connection.hpp"
#include "store/statement_cache.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace voxloop::store {

class SqliteConnection final : public Connection {
 public:
  // Opens (creating if needed) the database file at `path`. `read_only` connections refuse
  // writes (PRAGMA query_only).
  static Result<std::unique_ptr<SqliteConnection>> Open(const std::string& path, bool read_only);
  ~SqliteConnection() override;

  Dialect dialect() const override { return Dialect::kSqlite; }
  Result<std::int64_t> Execute(std::string_view sql, const Params& params) override;
  Status ForEach(std::string_view sql, const Params& params,
                 const std::function<void(const RowView&)>& on_row) override;
  Status ExecuteScript(std::string_view sql) override;

 private:
  explicit SqliteConnection(sqlite3* handle) : handle_(handle) {}
  Result<sqlite3_stmt*> Prepare(std::string_view sql, const Params& params);
  core::Error ErrorFrom(int code, std::string_view sql) const;

  sqlite3* handle_;
  StatementCache<sqlite3_stmt*> statements_;
};

}  // namespace voxloop::store
