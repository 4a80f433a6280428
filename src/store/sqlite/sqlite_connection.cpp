#include "store/sqlite/sqlite_connection.hpp"

#include <sqlite3.h>

#include <string>

#include "store/sqlite/wal_write_vfs.hpp"

namespace voxloop::store {
namespace {

class SqliteRow final : public RowView {
 public:
  explicit SqliteRow(sqlite3_stmt* statement) : statement_(statement) {}
  int size() const override { return sqlite3_column_count(statement_); }
  bool IsNull(int column) const override {
    return sqlite3_column_type(statement_, column) == SQLITE_NULL;
  }
  std::int64_t Int(int column) const override { return sqlite3_column_int64(statement_, column); }
  double Real(int column) const override { return sqlite3_column_double(statement_, column); }
  std::string_view Text(int column) const override {
    const auto* text = sqlite3_column_text(statement_, column);
    if (text == nullptr) return {};
    return {reinterpret_cast<const char*>(text),
            static_cast<std::size_t>(sqlite3_column_bytes(statement_, column))};
  }

 private:
  sqlite3_stmt* statement_;
};

// Resets a statement when the scope ends, so the cache never holds a running statement.
struct ResetOnExit {
  sqlite3_stmt* statement;
  ~ResetOnExit() {
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
  }
};

core::Error MapSqliteError(int code, std::string internal) {
  switch (code & 0xff) {
    case SQLITE_CONSTRAINT:
      return core::Error{core::ErrorCode::kConflict, "The record conflicts with an existing one",
                         {}, std::move(internal)};
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      return core::Error::Unavailable("The database is unavailable, try again",
                                      std::move(internal));
    default:
      return core::Error::Internal(std::move(internal));
  }
}

}  // namespace

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(const std::string& path,
                                                                 bool read_only) {
  sqlite3* handle = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  const int code = sqlite3_open_v2(path.c_str(), &handle, flags, WalWriteVfsName());
  std::unique_ptr<SqliteConnection> connection(new SqliteConnection(handle));
  if (code != SQLITE_OK) {
    return core::Error::Unavailable("Cannot open the database",
                                    "sqlite3_open_v2(" + path + "): " + sqlite3_errstr(code));
  }
  sqlite3_busy_timeout(handle, 10000);
  std::string pragmas =
      "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"
      "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536;";
  if (read_only) pragmas += "PRAGMA query_only = 1;";
  VOXLOOP_TRY(connection->ExecuteScript(pragmas));
  return connection;
}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, statement] : statements_) sqlite3_finalize(statement);
  sqlite3_close_v2(handle_);
}

core::Error SqliteConnection::ErrorFrom(int code, std::string_view sql) const {
  return MapSqliteError(code, std::string(sqlite3_errmsg(handle_)) + " in: " + std::string(sql));
}

Result<sqlite3_stmt*> SqliteConnection::Prepare(std::string_view sql, const Params& params) {
  auto found = statements_.find(sql);
  sqlite3_stmt* statement = nullptr;
  if (found != statements_.end()) {
    statement = found->second;
  } else {
    const int code = sqlite3_prepare_v3(handle_, sql.data(), static_cast<int>(sql.size()),
                                        SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
    if (code != SQLITE_OK) return ErrorFrom(code, sql);
    statements_.emplace(std::string(sql), statement);
  }
  for (std::size_t index = 0; index < params.size(); ++index) {
    const int position = static_cast<int>(index) + 1;
    const Value& value = params[index];
    int code = SQLITE_OK;
    if (const auto* number = std::get_if<std::int64_t>(&value)) {
      code = sqlite3_bind_int64(statement, position, *number);
    } else if (const auto* real = std::get_if<double>(&value)) {
      code = sqlite3_bind_double(statement, position, *real);
    } else if (const auto* text = std::get_if<std::string>(&value)) {
      code = sqlite3_bind_text(statement, position, text->data(), static_cast<int>(text->size()),
                               SQLITE_STATIC);
    } else {
      code = sqlite3_bind_null(statement, position);
    }
    if (code != SQLITE_OK) {
      sqlite3_clear_bindings(statement);
      return ErrorFrom(code, sql);
    }
  }
  return statement;
}

Result<std::int64_t> SqliteConnection::Execute(std::string_view sql, const Params& params) {
  VOXLOOP_ASSIGN_OR_RETURN(sqlite3_stmt * statement, Prepare(sql, params));
  ResetOnExit reset{statement};
  int code;
  while ((code = sqlite3_step(statement)) == SQLITE_ROW) {
  }
  if (code != SQLITE_DONE) return ErrorFrom(code, sql);
  return static_cast<std::int64_t>(sqlite3_changes64(handle_));
}

Status SqliteConnection::ForEach(std::string_view sql, const Params& params,
                                 const std::function<void(const RowView&)>& on_row) {
  VOXLOOP_ASSIGN_OR_RETURN(sqlite3_stmt * statement, Prepare(sql, params));
  ResetOnExit reset{statement};
  SqliteRow row(statement);
  int code;
  while ((code = sqlite3_step(statement)) == SQLITE_ROW) on_row(row);
  if (code != SQLITE_DONE) return ErrorFrom(code, sql);
  return core::Ok();
}

Status SqliteConnection::ExecuteScript(std::string_view sql) {
  char* message = nullptr;
  const std::string script(sql);
  const int code = sqlite3_exec(handle_, script.c_str(), nullptr, nullptr, &message);
  if (code != SQLITE_OK) {
    std::string internal = message != nullptr ? message : sqlite3_errstr(code);
    sqlite3_free(message);
    return MapSqliteError(code, internal + " in: " + script.substr(0, 200));
  }
  return core::Ok();
}

}  // namespace voxloop::store
