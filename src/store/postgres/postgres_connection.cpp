#include "store/postgres/postgres_connection.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <cstdio>
#include <cstring>

namespace voxloop::store {
namespace {

class PostgresRow final : public RowView {
 public:
  PostgresRow(const PGresult* result, int row) : result_(result), row_(row) {}
  int size() const override { return PQnfields(result_); }
  bool IsNull(int column) const override { return PQgetisnull(result_, row_, column) != 0; }
  std::int64_t Int(int column) const override {
    const std::string_view text = Text(column);
    std::int64_t value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
  }
  double Real(int column) const override {
    const std::string_view text = Text(column);
    double value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
  }
  std::string_view Text(int column) const override {
    return {PQgetvalue(result_, row_, column),
            static_cast<std::size_t>(PQgetlength(result_, row_, column))};
  }

 private:
  const PGresult* result_;
  int row_;
};

struct ResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

core::Error ErrorFromResult(const PGresult* result, pg_conn* handle, std::string_view sql) {
  const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string internal = std::string(result != nullptr ? PQresultErrorMessage(result)
                                                       : PQerrorMessage(handle)) +
                         " in: " + std::string(sql.substr(0, 300));
  if (PQstatus(handle) != CONNECTION_OK) {
    return core::Error::Unavailable("The database is unavailable, try again", internal);
  }
  if (state != nullptr && std::strncmp(state, "23", 2) == 0) {  // integrity violation
    return core::Error{core::ErrorCode::kConflict, "The record conflicts with an existing one",
                       {}, internal};
  }
  if (state != nullptr && (std::strncmp(state, "40", 2) == 0 ||   // serialization, deadlock
                           std::strncmp(state, "53", 2) == 0 ||   // resources
                           std::strncmp(state, "57", 2) == 0 ||   // operator intervention
                           std::strncmp(state, "08", 2) == 0)) {  // connection
    return core::Error::Unavailable("The database is busy, try again", internal);
  }
  return core::Error::Internal(internal);
}

// Text forms of the parameters; `pointers` refer into `texts`.
struct TextParams {
  std::vector<std::string> texts;
  std::vector<const char*> pointers;
  std::vector<int> lengths;

  explicit TextParams(const Params& params) {
    texts.reserve(params.size());
    for (const Value& value : params) {
      if (const auto* number = std::get_if<std::int64_t>(&value)) {
        texts.push_back(std::to_string(*number));
      } else if (const auto* real = std::get_if<double>(&value)) {
        char buffer[32];
        const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, *real);
        texts.emplace_back(buffer, end);
      } else if (const auto* text = std::get_if<std::string>(&value)) {
        texts.push_back(*text);
      } else {
        texts.emplace_back();
      }
    }
    for (std::size_t index = 0; index < params.size(); ++index) {
      const bool is_null = std::holds_alternative<std::monostate>(params[index]);
      pointers.push_back(is_null ? nullptr : texts[index].c_str());
      lengths.push_back(static_cast<int>(texts[index].size()));
    }
  }
};

}  // namespace

Result<std::unique_ptr<PostgresConnection>> PostgresConnection::Open(const std::string& url) {
  pg_conn* handle = PQconnectdb(url.c_str());
  std::unique_ptr<PostgresConnection> connection(new PostgresConnection(handle));
  if (handle == nullptr || PQstatus(handle) != CONNECTION_OK) {
    return core::Error::Unavailable(
        "Cannot connect to PostgreSQL",
        handle != nullptr ? PQerrorMessage(handle) : "PQconnectdb returned null");
  }
  PQsetNoticeProcessor(handle, [](void*, const char*) {}, nullptr);
  VOXLOOP_TRY(connection->ExecuteScript("SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'"));
  return connection;
}

PostgresConnection::~PostgresConnection() {
  if (handle_ != nullptr) PQfinish(handle_);
}

std::string PostgresConnection::RewritePlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int next = 1;
  char quote = 0;
  for (const char c : sql) {
    if (quote != 0) {
      if (c == quote) quote = 0;
      out += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      out += c;
    } else if (c == '?') {
      out += '$';
      out += std::to_string(next++);
    } else {
      out += c;
    }
  }
  return out;
}

Result<std::string> PostgresConnection::PreparedName(std::string_view sql) {
  if (auto found = statements_.find(sql); found != statements_.end()) return found->second;
  std::string name = "s" + std::to_string(statements_.size() + 1);
  const std::string rewritten = RewritePlaceholders(sql);
  ResultPtr result(PQprepare(handle_, name.c_str(), rewritten.c_str(), 0, nullptr));
  if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
    return ErrorFromResult(result.get(), handle_, sql);
  }
  statements_.emplace(std::string(sql), name);
  return name;
}

Result<std::int64_t> PostgresConnection::Execute(std::string_view sql, const Params& params) {
  VOXLOOP_ASSIGN_OR_RETURN(std::string name, PreparedName(sql));
  TextParams text(params);
  ResultPtr result(PQexecPrepared(handle_, name.c_str(), static_cast<int>(params.size()),
                                  text.pointers.data(), text.lengths.data(), nullptr, 0));
  const ExecStatusType status = PQresultStatus(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    return ErrorFromResult(result.get(), handle_, sql);
  }
  const char* affected = PQcmdTuples(result.get());
  std::int64_t changed = 0;
  std::from_chars(affected, affected + std::strlen(affected), changed);
  return changed;
}

Status PostgresConnection::ForEach(std::string_view sql, const Params& params,
                                   const std::function<void(const RowView&)>& on_row) {
  VOXLOOP_ASSIGN_OR_RETURN(std::string name, PreparedName(sql));
  TextParams text(params);
  ResultPtr result(PQexecPrepared(handle_, name.c_str(), static_cast<int>(params.size()),
                                  text.pointers.data(), text.lengths.data(), nullptr, 0));
  const ExecStatusType status = PQresultStatus(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    return ErrorFromResult(result.get(), handle_, sql);
  }
  const int rows = PQntuples(result.get());
  for (int row_index = 0; row_index < rows; ++row_index) {
    on_row(PostgresRow(result.get(), row_index));
  }
  return core::Ok();
}

Status PostgresConnection::ExecuteScript(std::string_view sql) {
  const std::string script(sql);
  ResultPtr result(PQexec(handle_, script.c_str()));
  const ExecStatusType status = PQresultStatus(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    return ErrorFromResult(result.get(), handle_, sql);
  }
  return core::Ok();
}

}  // namespace voxloop::store
