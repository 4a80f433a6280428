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
  return sql;
}

Result<int> SchemaVersion(Connection& connection) {
  VOXLOOP_TRY(connection.ExecuteScript(kCreateVersionTable));
  VOXLOOP_ASSIGN_OR_RETURN(auto row,
                           connection.QueryOne("SELECT MAX(version) FROM schema_migrations", {}));
  return row && !row->IsNull(0) ? static_cast<int>(row->Int(0)) : 0;
}

Status ApplyMigrations(Connection& connection, const std::vector<Migration>& migrations) {
  VOXLOOP_TRY(connection.ExecuteScript(kCreateVersionTable));
  const int newest_known = migrations.empty() ? 0 : migrations.back().version;
  for (const Migration& migration : migrations) {
    Transaction transaction(connection);
    VOXLOOP_TRY(transaction.begin_status());
    if (connection.dialect() == Dialect::kPostgres) {
      VOXLOOP_TRY(connection.ExecuteScript("SELECT pg_advisory_xact_lock(727001)"));
    }
    VOXLOOP_ASSIGN_OR_RETURN(int current, SchemaVersion(connection));
    if (current > newest_known) {
      return core::Error::Conflict("The database schema (version " + std::to_string(current) +
                                   ") is newer than this Voxloop binary (version " +
                                   std::to_string(newest_known) + "); upgrade Voxloop");
    }
    if (migration.version <= current) continue;
    VOXLOOP_TRY(connection.ExecuteScript(MigrationSql(migration, connection.dialect())));
    auto recorded = connection.Execute(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
        {std::int64_t{migration.version}, migration.name, core::NowMs()});
    if (!recorded) return std::move(recorded).error();
    VOXLOOP_TRY(transaction.Commit());
  }
  // A database newer than the binary with no migration left to apply.
  VOXLOOP_ASSIGN_OR_RETURN(int final_version, SchemaVersion(connection));
  if (final_version > newest_known) {
    return core::Error::Conflict("The database schema (version " +
                                 std::to_string(final_version) +
                                 ") is newer than this Voxloop binary; upgrade Voxloop");
  }
  return core::Ok();
}

}  // namespace voxloop::store
