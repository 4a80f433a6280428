// Migrations: the numbered SQL files under store/migrations/ (NNNN_name.sql), compiled into
// the binary and applied in order at start, each in its own transaction. Every migration
// not yet recorded in schema_migrations is applied (so one merged later with a lower number
// still runs). Forward-only: a database that records a migration this binary does not know
// is refused. Concurrent starts on PostgreSQL are serialised with an advisory lock.
#pragma once

#include <string>
#include <vector>

#include "store/connection.hpp"

namespace voxloop::store {

struct Migration {
  int version = 0;
  std::string name;
  std::string sql;  // with the dialect tokens ({{ID_PK}}, {{WITHOUT_ROWID}}) still in it
};

// The migrations compiled into this binary, by version.
std::vector<Migration> BuiltInMigrations();

// The SQL of `migration` for `dialect` (placeholders substituted).
std::string MigrationSql(const Migration& migration, Dialect dialect);

// Applies every migration the database has not recorded. Returns kConflict when the
// database records a version this binary does not know.
Status ApplyMigrations(Connection& connection, const std::vector<Migration>& migrations);

// The highest applied version, 0 for an empty database.
Result<int> SchemaVersion(Connection& connection);

}  // namespace voxloop::store
