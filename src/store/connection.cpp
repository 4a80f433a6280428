#include "store/connection.hpp"

#include <charconv>

namespace voxloop::store {

Value Null() { return Value(std::monostate{}); }

std::optional<std::int64_t> RowView::OptInt(int column) const {
  if (IsNull(column)) return std::nullopt;
  return Int(column);
}

std::optional<double> RowView::OptReal(int column) const {
  if (IsNull(column)) return std::nullopt;
  return Real(column);
}

bool Row::IsNull(int column) const {
  return std::holds_alternative<std::monostate>(values_.at(column));
}

std::int64_t Row::Int(int column) const {
  const Value& value = values_.at(column);
  if (const auto* number = std::get_if<std::int64_t>(&value)) return *number;
  if (const auto* real = std::get_if<double>(&value)) return static_cast<std::int64_t>(*real);
  if (const auto* text = std::get_if<std::string>(&value)) {
    std::int64_t parsed = 0;
    std::from_chars(text->data(), text->data() + text->size(), parsed);
    return parsed;
  }
  return 0;
}

double Row::Real(int column) const {
  const Value& value = values_.at(column);
  if (const auto* real = std::get_if<double>(&value)) return *real;
  if (const auto* number = std::get_if<std::int64_t>(&value)) return static_cast<double>(*number);
  if (const auto* text = std::get_if<std::string>(&value)) {
    double parsed = 0;
    std::from_chars(text->data(), text->data() + text->size(), parsed);
    return parsed;
  }
  return 0.0;
}

std::string_view Row::Text(int column) const {
  const Value& value = values_.at(column);
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  return {};
}

Result<std::vector<Row>> Connection::Query(std::string_view sql, const Params& params) {
  std::vector<Row> rows;
  Status status = ForEach(sql, params, [&rows](const RowView& row) {
    std::vector<Value> values;
    values.reserve(row.size());
    for (int column = 0; column < row.size(); ++column) {
      if (row.IsNull(column)) {
        values.emplace_back(std::monostate{});
      } else {
        values.emplace_back(std::string(row.Text(column)));
      }
    }
    rows.emplace_back(std::move(values));
  });
  if (!status) return std::move(status).error();
  return rows;
}

Result<std::optional<Row>> Connection::QueryOne(std::string_view sql, const Params& params) {
  VOXLOOP_ASSIGN_OR_RETURN(std::vector<Row> rows, Query(sql, params));
  if (rows.empty()) return std::optional<Row>();
  return std::optional<Row>(std::move(rows.front()));
}

Transaction::Transaction(Connection& connection) : connection_(connection) {
  auto begun = connection_.Execute(
      connection_.dialect() == Dialect::kSqlite ? "BEGIN IMMEDIATE" : "BEGIN", {});
  if (!begun) begin_status_ = std::move(begun).error();
  open_ = begin_status_.ok();
}

Transaction::~Transaction() {
  if (open_) (void)connection_.Execute("ROLLBACK", {});
}

Status Transaction::Commit() {
  if (!open_) return core::Error::Internal("commit without an open transaction");
  open_ = false;
  auto committed = connection_.Execute("COMMIT", {});
  if (committed) return core::Ok();
  (void)connection_.Execute("ROLLBACK", {});
  return std::move(committed).error();
}

std::string LikeContains(std::string_view needle) {
  std::string pattern = "%";
  for (const char c : needle) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  pattern += '%';
  return pattern;
}

}  // namespace voxloop::store
