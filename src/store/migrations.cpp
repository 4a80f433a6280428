#include "store/migrations.hpp"

#include <algorithm>
#include <charconv>
#include <optional>
#include <string_view>

#include "core/time.hpp"

namespace voxloop::store::migration_files {
std::optional<std::string_view> EmbeddedFile(std::string_view relative_path);
std::vector<std::string_view> EmbeddedFileNames();
}  // namespace voxloop::store::migration_files

namespace voxloop::store {
namespace {

constexpr std::string_view kCreateVersionTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)";

void ReplaceAll(std::string& text, std::string_view from, std::string_view to) {
  for (std::size_t pos = text.find(from); pos != std::string::npos;
       pos = text.find(from, pos + to.size())) {
    text.replace(pos, from.size(), to);
  }
}

}  // namespace

std::vector<Migration> BuiltInMigrations() {
  std::vector<Migration> migrations;
  for (std::string_view file_name : migration_files::EmbeddedFileNames()) {
    // "0001_core.sql" → version 1, name "core".
    const std::size_t underscore = file_name.find('_');
    int version = 0;
    std::from_chars(file_name.data(), file_name.data() + underscore, version);
    std::string_view name = file_name.substr(underscore + 1);
    name.remove_suffix(std::string_view(".sql").size());
    migrations.push_back(Migration{version, std::string(name),
                                   std::string(*migration_files::EmbeddedFile(file_name))});
  }
  std::sort(migrations.begin(), migrations.end(),
            [](const Migration& a, const Migration& b) { return a.version < b.version; });
  return migrations;
}

std::string MigrationSql(const Migration& migration, Dialect dialect) {
  std::string sql = migration.sql;
  ReplaceAll(sql, "{{ID_PK}}",
             dialect == Dialect::kSqlite ? "INTEGER PRIMARY KEY" : "BIGINT PRIMARY KEY");
  // A table that is its primary key's B-tree; PostgreSQL tables are heaps either way.
  ReplaceAll(sql, "{{WITHOUT_ROWID}}", dialect == Dialect::kSqlite ? " WITHOUT ROWID" : "");
  return sql;
}

Result<int> SchemaVersion(Connection& connection) {
  VOXLOOP_TRY(connection.ExecuteScript(kCreateVersionTable));
  VOXLOOP_ASSIGN_OR_RETURN(auto row,
                           connection.QueryOne("SELECT MAX(version) FROM schema_migrations", {}));
  return row && !row->IsNull(0) ? static_cast<int>(row->Int(0)) : 0;
}

Result<std::vector<int>> AppliedVersions(Connection& connection) {
  VOXLOOP_TRY(connection.ExecuteScript(kCreateVersionTable));
  std::vector<int> versions;
  VOXLOOP_TRY(connection.ForEach("SELECT version FROM schema_migrations ORDER BY version", {},
                                 [&](const RowView& row) { versions.push_back(static_cast<int>(row.Int(0))); }));
  return versions;
}

Status ApplyMigrations(Connection& connection, const std::vector<Migration>& migrations) {
  VOXLOOP_TRY(connection.ExecuteScript(kCreateVersionTable));
  for (const Migration& migration : migrations) {
    Transaction transaction(connection);
    VOXLOOP_TRY(transaction.begin_status());
    if (connection.dialect() == Dialect::kPostgres) {
      VOXLOOP_TRY(connection.ExecuteScript("SELECT pg_advisory_xact_lock(727001)"));
    }
    VOXLOOP_ASSIGN_OR_RETURN(auto applied, AppliedVersions(connection));
    if (std::find(applied.begin(), applied.end(), migration.version) != applied.end()) continue;
    VOXLOOP_TRY(connection.ExecuteScript(MigrationSql(migration, connection.dialect())));
    auto recorded = connection.Execute(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
        {std::int64_t{migration.version}, migration.name, core::NowMs()});
    if (!recorded) return std::move(recorded).error();
    VOXLOOP_TRY(transaction.Commit());
  }
  // A database migrated by a newer binary has versions this one does not know.
  VOXLOOP_ASSIGN_OR_RETURN(auto applied, AppliedVersions(connection));
  for (const int version : applied) {
    const bool known = std::any_of(migrations.begin(), migrations.end(),
                                   [version](const Migration& m) { return m.version == version; });
    if (!known) {
      return core::Error::Conflict("The database schema has migration " + std::to_string(version) +
                                   ", which this Voxloop binary does not know; upgrade Voxloop");
    }
  }
  return core::Ok();
}

}  // namespace voxloop::store
