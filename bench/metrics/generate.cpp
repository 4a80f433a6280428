// metrics_generate: loads the metrics benchmark's dataset (dataset.hpp) into a Voxloop
// database, for bench/parts/metrics.sh.
//
//   metrics_generate sqlite --db DATA_DIR/voxloop.db --workspace ID [shape options]
//       inserts customers, feedback and feedback_topics in one transaction (secondary indexes
//       dropped during the load and recreated after, as their CREATE statements were)
//   metrics_generate copy --table customers|feedback|feedback_topics --workspace ID [shape…]
//       writes that table's rows to stdout in PostgreSQL COPY text format
//   metrics_generate columns --table T
//       prints the column list the copy stream carries: COPY T (<columns>) FROM STDIN
// Shape options (the same in every call for the same rows): --responses N --customers N
// --end-ms T (exclusive end of the 2-year span, Unix ms) --seed S.
// The schema must exist (`voxloop admin create-workspace` applies the migrations).
#include <sqlite3.h>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "dataset.hpp"

namespace voxloop::bench {
namespace {

constexpr std::string_view kCustomerColumns = "id, workspace_id, attributes, created_at, updated_at";
constexpr std::string_view kFeedbackColumns =
    "id, workspace_id, channel, text, rating, customer_id, received_at, created_at, updated_at, "
    "language, sentiment, sentiment_score, sentiment_source, topics, redacted_text, search_text, "
    "analysis_version";
constexpr std::string_view kTopicColumns = "feedback_id, workspace_id, topic";
constexpr int kAnalysisVersion = 1;  // analysis::kPipelineVersion

struct Options {
  std::string mode;
  std::string db_path;
  std::string table;
  std::int64_t workspace_id = 0;
  DatasetShape shape;
};

Options ParseOptions(int argc, char** argv) {
  if (argc < 2) throw std::invalid_argument("usage: metrics_generate sqlite|copy|columns …");
  Options options;
  options.mode = argv[1];
  options.shape.end_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
  for (int arg_idx = 2; arg_idx < argc; arg_idx += 2) {
    const std::string flag = argv[arg_idx];
    if (arg_idx + 1 >= argc) throw std::invalid_argument(flag + " needs a value");
    const char* value = argv[arg_idx + 1];
    if (flag == "--db") options.db_path = value;
    else if (flag == "--table") options.table = value;
    else if (flag == "--workspace") options.workspace_id = ParseInt(flag, value);
    else if (flag == "--responses") options.shape.responses = ParseInt(flag, value);
    else if (flag == "--customers") options.shape.customers = ParseInt(flag, value);
    else if (flag == "--end-ms") options.shape.end_ms = ParseInt(flag, value);
    else if (flag == "--seed") options.shape.seed = static_cast<std::uint64_t>(ParseInt(flag, value));
    else throw std::invalid_argument("unknown option " + flag);
  }
  return options;
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// --- SQLite ------------------------------------------------------------------------------

class SqliteDb {
 public:
  explicit SqliteDb(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
      throw std::runtime_error("cannot open " + path + ": " + sqlite3_errmsg(db_));
    }
    sqlite3_busy_timeout(db_, 10000);
  }
  ~SqliteDb() { sqlite3_close(db_); }
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  void Exec(const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      const std::string error = message ? message : "unknown error";
      sqlite3_free(message);
      throw std::runtime_error(sql + ": " + error);
    }
  }
  sqlite3_stmt* Prepare(const std::string& sql) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
      throw std::runtime_error(sql + ": " + sqlite3_errmsg(db_));
    }
    return statement;
  }
  void StepDone(sqlite3_stmt* statement) {
    if (sqlite3_step(statement) != SQLITE_DONE) {
      throw std::runtime_error(std::string("insert: ") + sqlite3_errmsg(db_));
    }
    sqlite3_reset(statement);
  }
  std::string Text(const std::string& sql) {
    sqlite3_stmt* statement = Prepare(sql);
    std::string value;
    if (sqlite3_step(statement) == SQLITE_ROW) {
      value = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    }
    sqlite3_finalize(statement);
    return value;
  }
  // (name, CREATE statement) of the explicit indexes on the tables the load fills.
  std::vector<std::pair<std::string, std::string>> SecondaryIndexes() {
    sqlite3_stmt* statement = Prepare(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        "AND tbl_name IN ('customers', 'feedback', 'feedback_topics')");
    std::vector<std::pair<std::string, std::string>> indexes;
    while (sqlite3_step(statement) == SQLITE_ROW) {
      indexes.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)),
                           reinterpret_cast<const char*>(sqlite3_column_text(statement, 1)));
    }
    sqlite3_finalize(statement);
    return indexes;
  }

 private:
  sqlite3* db_ = nullptr;
};

void BindText(sqlite3_stmt* statement, int column, std::string_view text) {
  sqlite3_bind_text(statement, column, text.data(), static_cast<int>(text.size()),
                    SQLITE_TRANSIENT);
}

void InsertCustomers(SqliteDb& db, const Dataset& dataset, std::int64_t workspace_id) {
  sqlite3_stmt* insert = db.Prepare("INSERT INTO customers (" + std::string(kCustomerColumns) +
                                    ") VALUES (?, ?, ?, ?, ?)");
  for (std::int64_t customer_idx = 0; customer_idx < dataset.shape().customers; ++customer_idx) {
    const BenchCustomer customer = dataset.Customer(customer_idx);
    sqlite3_bind_int64(insert, 1, customer.id);
    sqlite3_bind_int64(insert, 2, workspace_id);
    BindText(insert, 3, CustomerAttributesJson(customer));
    sqlite3_bind_int64(insert, 4, customer.created_at);
    sqlite3_bind_int64(insert, 5, customer.created_at);
    db.StepDone(insert);
  }
  sqlite3_finalize(insert);
}

void InsertFeedback(SqliteDb& db, const Dataset& dataset, std::int64_t workspace_id) {
  sqlite3_stmt* insert = db.Prepare("INSERT INTO feedback (" + std::string(kFeedbackColumns) +
                                    ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  sqlite3_stmt* insert_topic = db.Prepare("INSERT INTO feedback_topics (" +
                                          std::string(kTopicColumns) + ") VALUES (?, ?, ?)");
  for (std::int64_t response_idx = 0; response_idx < dataset.shape().responses; ++response_idx) {
    const BenchResponse response = dataset.Response(response_idx);
    sqlite3_bind_int64(insert, 1, response.id);
    sqlite3_bind_int64(insert, 2, workspace_id);
    BindText(insert, 3, kChannels[static_cast<std::size_t>(response.channel)]);
    BindText(insert, 4, response.phrase.text);
    sqlite3_bind_double(insert, 5, response.rating);
    sqlite3_bind_int64(insert, 6, response.customer_id);
    sqlite3_bind_int64(insert, 7, response.received_at);
    sqlite3_bind_int64(insert, 8, response.received_at);
    sqlite3_bind_int64(insert, 9, response.received_at);
    BindText(insert, 10, kLanguages[static_cast<std::size_t>(response.language)]);
    BindText(insert, 11, kSentiments[static_cast<std::size_t>(response.sentiment)]);
    sqlite3_bind_double(insert, 12, response.sentiment_score);
    BindText(insert, 13, "builtin");
    BindText(insert, 14, TopicsJson(response.topic));
    BindText(insert, 15, response.phrase.text);
    BindText(insert, 16, response.phrase.folded);
    sqlite3_bind_int(insert, 17, kAnalysisVersion);
    db.StepDone(insert);
    if (response.topic >= 0) {
      sqlite3_bind_int64(insert_topic, 1, response.id);
      sqlite3_bind_int64(insert_topic, 2, workspace_id);
      BindText(insert_topic, 3, kTopics[static_cast<std::size_t>(response.topic)]);
      db.StepDone(insert_topic);
    }
  }
  sqlite3_finalize(insert);
  sqlite3_finalize(insert_topic);
}

void LoadSqlite(const Options& options) {
  if (options.db_path.empty() || options.workspace_id == 0) {
    throw std::invalid_argument("sqlite needs --db and --workspace");
  }
  const Dataset dataset(options.shape);
  const auto start = std::chrono::steady_clock::now();
  SqliteDb db(options.db_path);
  const std::string journal_mode = db.Text("PRAGMA journal_mode");
  // A rollback journal for the bulk load: a WAL would receive every page once more.
  db.Text("PRAGMA journal_mode = DELETE");
  db.Exec("PRAGMA synchronous = OFF; PRAGMA cache_size = -1048576; PRAGMA temp_store = MEMORY");
  const auto indexes = db.SecondaryIndexes();
  for (const auto& [name, sql] : indexes) db.Exec("DROP INDEX " + name);

  db.Exec("BEGIN");
  InsertCustomers(db, dataset, options.workspace_id);
  InsertFeedback(db, dataset, options.workspace_id);
  db.Exec("COMMIT");
  const double load_seconds = SecondsSince(start);

  db.Exec("BEGIN");
  for (const auto& [name, sql] : indexes) db.Exec(sql);
  db.Exec("COMMIT");
  db.Exec("PRAGMA synchronous = FULL");
  db.Text("PRAGMA journal_mode = " + journal_mode);
  std::fprintf(stderr, "sqlite: %lld responses, %lld customers: rows %.1f s, indexes %.1f s\n",
               static_cast<long long>(options.shape.responses),
               static_cast<long long>(options.shape.customers), load_seconds,
               SecondsSince(start) - load_seconds);
}

// --- PostgreSQL COPY text -------------------------------------------------------------------

class CopyWriter {
 public:
  CopyWriter() { buffer_.reserve(kFlushBytes + 4096); }
  CopyWriter(const CopyWriter&) = delete;
  CopyWriter& operator=(const CopyWriter&) = delete;

  CopyWriter& Int(std::int64_t value) {
    Separate();
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof digits, value);
    buffer_.append(digits, result.ptr);
    return *this;
  }
  CopyWriter& Real(double value) {
    Separate();
    char digits[32];
    const auto result = std::to_chars(digits, digits + sizeof digits, value);
    buffer_.append(digits, result.ptr);
    return *this;
  }
  // Escapes what COPY's text format reserves (backslash, tab, newline, carriage return).
  CopyWriter& Text(std::string_view text) {
    Separate();
    for (const char c : text) {
      switch (c) {
        case '\\': buffer_ += "\\\\"; break;
        case '\t': buffer_ += "\\t"; break;
        case '\n': buffer_ += "\\n"; break;
        case '\r': buffer_ += "\\r"; break;
        default: buffer_ += c;
      }
    }
    return *this;
  }
  void EndRow() {
    buffer_ += '\n';
    first_in_row_ = true;
    if (buffer_.size() >= kFlushBytes) Flush();
  }
  void Flush() {
    if (!buffer_.empty() && std::fwrite(buffer_.data(), 1, buffer_.size(), stdout) != buffer_.size()) {
      throw std::runtime_error("copy: cannot write to stdout");
    }
    buffer_.clear();
  }

 private:
  static constexpr std::size_t kFlushBytes = 1 << 20;
  void Separate() {
    if (!first_in_row_) buffer_ += '\t';
    first_in_row_ = false;
  }
  std::string buffer_;
  bool first_in_row_ = true;
};

void WriteCopy(const Options& options) {
  if (options.workspace_id == 0) throw std::invalid_argument("copy needs --workspace");
  const Dataset dataset(options.shape);
  CopyWriter out;
  if (options.table == "customers") {
    for (std::int64_t customer_idx = 0; customer_idx < options.shape.customers; ++customer_idx) {
      const BenchCustomer customer = dataset.Customer(customer_idx);
      out.Int(customer.id).Int(options.workspace_id).Text(CustomerAttributesJson(customer));
      out.Int(customer.created_at).Int(customer.created_at).EndRow();
    }
    out.Flush();
    return;
  }
  const bool topics_only = options.table == "feedback_topics";
  if (!topics_only && options.table != "feedback") {
    throw std::invalid_argument("--table must be customers, feedback or feedback_topics");
  }
  for (std::int64_t response_idx = 0; response_idx < options.shape.responses; ++response_idx) {
    const BenchResponse response = dataset.Response(response_idx);
    if (topics_only) {
      if (response.topic < 0) continue;
      out.Int(response.id).Int(options.workspace_id);
      out.Text(kTopics[static_cast<std::size_t>(response.topic)]).EndRow();
      continue;
    }
    out.Int(response.id).Int(options.workspace_id);
    out.Text(kChannels[static_cast<std::size_t>(response.channel)]).Text(response.phrase.text);
    out.Int(response.rating).Int(response.customer_id);
    out.Int(response.received_at).Int(response.received_at).Int(response.received_at);
    out.Text(kLanguages[static_cast<std::size_t>(response.language)]);
    out.Text(kSentiments[static_cast<std::size_t>(response.sentiment)]);
    out.Real(response.sentiment_score).Text("builtin").Text(TopicsJson(response.topic));
    out.Text(response.phrase.text).Text(response.phrase.folded).Int(kAnalysisVersion).EndRow();
  }
  out.Flush();
}

void PrintCopyStatement(const Options& options) {
  const std::map<std::string, std::string_view> columns = {
      {"customers", kCustomerColumns},
      {"feedback", kFeedbackColumns},
      {"feedback_topics", kTopicColumns}};
  const auto found = columns.find(options.table);
  if (found == columns.end()) {
    throw std::invalid_argument("--table must be customers, feedback or feedback_topics");
  }
  std::printf("COPY %s (%.*s) FROM STDIN\n", options.table.c_str(),
              static_cast<int>(found->second.size()), found->second.data());
}

}  // namespace
}  // namespace voxloop::bench

int main(int argc, char** argv) {
  using namespace voxloop::bench;
  try {
    const Options options = ParseOptions(argc, argv);
    if (options.mode == "sqlite") LoadSqlite(options);
    else if (options.mode == "copy") WriteCopy(options);
    else if (options.mode == "columns") PrintCopyStatement(options);
    else throw std::invalid_argument("unknown mode " + options.mode);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "metrics_generate: %s\n", error.what());
    return 1;
  }
  return 0;
}
