// Migrations: the numbered SQL files under store/migrations/ (NNNN_name.sql), compiled into
// the binary and applied in order at start, each in its own transaction. Forward-only: a
// database whose schema is newer than this binary is refused. Concurrent starts on
// PostgreSQL are serialised with an advisory lock.
#pragma once

#include <string>
#include <vector>

#include "store/connection.hpp"

namespace voxloop::store {

struct Migration {
  int version = 0;
  std::string name;
  std::string sql;  // with {{ID_PK}} still in it
};

// The migrations compiled into this binary, by version.
std::vector<Migration> BuiltInMigrations();

// The SQL of `migration` for `dialect` (placeholders substituted).
std::string MigrationSql(const Migration& migration, Dialect dialect);

// Applies every migration newer than the database's schema. Returns kConflict when the
// database has a version this binary does not know.
Status ApplyMigrations(Connection& connection, const std::vector<Migration>& migrations);

// The highest applied version, 0 for an empty database.
Result<int> SchemaVersion(Connection& connection);

}  // namespace voxloop::store
