// PostgresConnection: a Connection over one libpq connection. Rewrites `?` placeholders to
// $1..$n, prepares each distinct statement once (named s1, s2, …) and exchanges values in text
// format. Not thread-safe (see Connection).
#pragma once

#include <memory>
#include <string>

#include "store/connection.hpp"
#include "store/statement_cache.hpp"

struct pg_conn;

namespace voxloop::store {

class PostgresConnection final : public Connection {
 public:
  // `url` is a libpq connection URI, e.g. postgresql://user@127.0.0.1:5432/voxloop.
  static Result<std::unique_ptr<PostgresConnection>> Open(const std::string& url);
  ~PostgresConnection() override;

  Dialect dialect() const override { return Dialect::kPostgres; }
  Result<std::int64_t> Execute(std::string_view sql, const Params& params) override;
  Status ForEach(std::string_view sql, const Params& params,
                 const std::function<void(const RowView&)>& on_row) override;
  Status ExecuteScript(std::string_view sql) override;

  // `?` → `$n`, skipping string literals and quoted identifiers.
  static std::string RewritePlaceholders(std::string_view sql);

 private:
  explicit PostgresConnection(pg_conn* handle) : handle_(handle) {}
  Result<std::string> PreparedName(std::string_view sql);

  pg_conn* handle_;
  StatementCache<std::string> statements_;  // SQL text → prepared statement name
};

}  // namespace voxloop::store
