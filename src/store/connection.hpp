// Connection: one open database session, SQLite or PostgreSQL, behind one interface.
//
// SQL is written once, portably, with `?` placeholders; the PostgreSQL connection rewrites
// them to $1..$n. Statements are prepared once per connection and cached by their text.
// Values travel as Value (null, int64, double, text); booleans are stored as 0/1 integers,
// times as int64 milliseconds, JSON as text, binary as base64 text — so one schema serves
// both databases.
//
// A Connection is NOT thread-safe: one thread uses it at a time (the writer thread owns the
// write connection; readers borrow one from ReaderPool).
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.hpp"

namespace voxloop::store {

using core::Result;
using core::Status;

enum class Dialect { kSqlite, kPostgres };

using Value = std::variant<std::monostate, std::int64_t, double, std::string>;
using Params = std::vector<Value>;

Value Null();
// Binds an optional: null when empty.
template <typename T>
Value Optional(const std::optional<T>& value) {
  if (!value) return Null();
  return Value(*value);
}

// One result row, borrowed from the statement during a ForEach callback.
class RowView {
 public:
  virtual ~RowView() = default;
  virtual int size() const = 0;
  virtual bool IsNull(int column) const = 0;
  virtual std::int64_t Int(int column) const = 0;   // 0 for NULL
  virtual double Real(int column) const = 0;        // 0.0 for NULL
  virtual std::string_view Text(int column) const = 0;  // "" for NULL
  std::optional<std::int64_t> OptInt(int column) const;
  std::optional<double> OptReal(int column) const;
  std::string String(int column) const { return std::string(Text(column)); }
};

// An owned row, for results collected with Query().
class Row final : public RowView {
 public:
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
  int size() const override { return static_cast<int>(values_.size()); }
  bool IsNull(int column) const override;
  std::int64_t Int(int column) const override;
  double Real(int column) const override;
  std::string_view Text(int column) const override;

 private:
  std::vector<Value> values_;
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;

  // Runs one statement; returns the number of rows changed.
  virtual Result<std::int64_t> Execute(std::string_view sql, const Params& params) = 0;
  // Runs one statement and calls `on_row` for each row, in order. The RowView is valid only
  // during the call.
  virtual Status ForEach(std::string_view sql, const Params& params,
                         const std::function<void(const RowView&)>& on_row) = 0;
  // Runs several statements with no parameters and no results (migrations, pragmas).
  virtual Status ExecuteScript(std::string_view sql) = 0;

  // Collects all rows.
  Result<std::vector<Row>> Query(std::string_view sql, const Params& params);
  // The first row, or nullopt when there is none.
  Result<std::optional<Row>> QueryOne(std::string_view sql, const Params& params);
};

// Begins a transaction on construction and rolls it back on destruction unless committed.
class Transaction {
 public:
  explicit Transaction(Connection& connection);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  Status begin_status() const { return begin_status_; }
  Status Commit();

 private:
  Connection& connection_;
  Status begin_status_;
  bool open_ = false;
};

// Escapes LIKE wildcards in `needle` for use with `LIKE ? ESCAPE '\'`, and wraps it in %…%.
std::string LikeContains(std::string_view needle);

}  // namespace voxloop::store
