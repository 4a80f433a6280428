// metrics_scan: the "plain single-threaded scan of the columns" baseline of the metrics
// benchmark (bench/parts/metrics.sh). Loads a workspace's feedback items outside survey
// responses from a Voxloop SQLite database into three plain arrays sorted by time —
// received_at (int64), rating (uint8: 0–10, kNoRating when it is no whole 0–10 answer) and
// the segment of the row's customer (uint16, resolved once at load; segment_count for none) —
// then times one tight loop computing NPS by local month by segment for the current month and
// the 11 before, repeated --runs times: per month, the rows of that month (found by binary
// search on the sorted times) add to a histogram of (segment, rating); the NPS classes are
// summed from the histogram afterwards.
//
//   metrics_scan --db PATH --workspace ID --now-ms T --utc-offset-minutes 420 [--runs 20]
//                [--out TABLE.tsv]
// Prints one line `load_s S rows N runs R p50_ms X max_ms Y` on stdout; --out receives the
// table (month start YYYY-MM-DD, segment, n, nps) for checking against the other engines.
// NPS = 100 · (promoters(9–10) − detractors(0–6)) / n.
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "dataset.hpp"  // ParseInt

namespace voxloop::bench {
namespace {

constexpr std::int64_t kDayMs = 86400000;
constexpr int kMonths = 12;
constexpr std::uint8_t kNoRating = 11;
constexpr std::size_t kRatingSlots = 12;  // 0–10 and kNoRating

struct Options {
  std::string db_path;
  std::string out_path;
  std::int64_t workspace_id = 0;
  std::int64_t now_ms = 0;
  std::int64_t utc_offset_ms = 0;
  int runs = 20;
};

// Row r's values are received_at[r], rating[r], segment[r]; rows ascend by received_at.
struct ResponseColumns {
  std::vector<std::int64_t> received_at;
  std::vector<std::uint8_t> rating;
  std::vector<std::uint16_t> segment;      // segment_names.size() = no segment
  std::vector<std::string> segment_names;  // segment code → attribute value
};

// The local months of the query: month_start[m] is the first local day (days since
// 1970-01-01) of month m, m = 0 the oldest; month_start[kMonths] ends the range.
struct MonthRange {
  std::array<std::int32_t, kMonths + 1> month_start{};
  std::array<std::string, kMonths> label;  // "YYYY-MM-01"
};

// Howard Hinnant's days_from_civil and civil_from_days.
std::int32_t DaysFromCivil(int year, int month, int day) {
  year -= month <= 2;
  const int era = (year >= 0 ? year : year - 399) / 400;
  const int year_of_era = year - era * 400;
  const int day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

void CivilFromDays(std::int32_t days, int* year, int* month) {
  days += 719468;
  const int era = (days >= 0 ? days : days - 146096) / 146097;
  const int day_of_era = days - era * 146097;
  const int year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int shifted_month = (5 * day_of_year + 2) / 153;
  *month = shifted_month + (shifted_month < 10 ? 3 : -9);
  *year = year_of_era + era * 400 + (*month <= 2);
}

MonthRange LastTwelveMonths(std::int64_t now_ms, std::int64_t utc_offset_ms) {
  const auto today = static_cast<std::int32_t>((now_ms + utc_offset_ms) / kDayMs);
  int year = 0;
  int month = 0;
  CivilFromDays(today, &year, &month);
  int index = year * 12 + (month - 1) - (kMonths - 1);  // the oldest month
  MonthRange range;
  for (int month_idx = 0; month_idx <= kMonths; ++month_idx, ++index) {
    range.month_start[month_idx] = DaysFromCivil(index / 12, index % 12 + 1, 1);
    if (month_idx < kMonths) {
      char label[32];
      std::snprintf(label, sizeof label, "%04d-%02d-01", index / 12, index % 12 + 1);
      range.label[month_idx] = label;
    }
  }
  return range;
}

Options ParseOptions(int argc, char** argv) {
  Options options;
  for (int arg_idx = 1; arg_idx < argc; arg_idx += 2) {
    const std::string flag = argv[arg_idx];
    if (arg_idx + 1 >= argc) throw std::invalid_argument(flag + " needs a value");
    const char* value = argv[arg_idx + 1];
    if (flag == "--db") options.db_path = value;
    else if (flag == "--out") options.out_path = value;
    else if (flag == "--workspace") options.workspace_id = ParseInt(flag, value);
    else if (flag == "--now-ms") options.now_ms = ParseInt(flag, value);
    else if (flag == "--utc-offset-minutes") options.utc_offset_ms = ParseInt(flag, value) * 60000;
    else if (flag == "--runs") options.runs = static_cast<int>(ParseInt(flag, value));
    else throw std::invalid_argument("unknown option " + flag);
  }
  if (options.db_path.empty() || options.workspace_id == 0 || options.now_ms == 0 ||
      options.runs < 1) {
    throw std::invalid_argument("usage: metrics_scan --db PATH --workspace ID --now-ms T "
                                "--utc-offset-minutes M [--runs N] [--out FILE]");
  }
  return options;
}

class Statement {
 public:
  Statement(sqlite3* db, const char* sql) {
    if (sqlite3_prepare_v2(db, sql, -1, &statement_, nullptr) != SQLITE_OK) {
      throw std::runtime_error(std::string(sql) + ": " + sqlite3_errmsg(db));
    }
  }
  ~Statement() { sqlite3_finalize(statement_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  sqlite3_stmt* get() const { return statement_; }

 private:
  sqlite3_stmt* statement_ = nullptr;
};

ResponseColumns LoadColumns(const Options& options) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(options.db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    const std::string error = sqlite3_errmsg(db);
    sqlite3_close(db);
    throw std::runtime_error("cannot open " + options.db_path + ": " + error);
  }
  ResponseColumns columns;
  std::unordered_map<std::int64_t, std::uint16_t> segment_of_customer;
  std::unordered_map<std::string, std::uint16_t> segment_codes;
  {
    Statement customers(db,
                        "SELECT id, json_extract(attributes, '$.segment') FROM customers "
                        "WHERE workspace_id = ?");
    sqlite3_bind_int64(customers.get(), 1, options.workspace_id);
    while (sqlite3_step(customers.get()) == SQLITE_ROW) {
      const auto* value = sqlite3_column_text(customers.get(), 1);
      if (value == nullptr) continue;
      const std::string name(reinterpret_cast<const char*>(value));
      auto [found, inserted] =
          segment_codes.try_emplace(name, static_cast<std::uint16_t>(columns.segment_names.size()));
      if (inserted) columns.segment_names.push_back(name);
      segment_of_customer.emplace(sqlite3_column_int64(customers.get(), 0), found->second);
    }
  }
  const auto no_segment = static_cast<std::uint16_t>(columns.segment_names.size());
  Statement feedback(db,
                     "SELECT received_at, rating, customer_id FROM feedback "
                     "WHERE workspace_id = ? AND response_id IS NULL ORDER BY received_at");
  sqlite3_bind_int64(feedback.get(), 1, options.workspace_id);
  while (sqlite3_step(feedback.get()) == SQLITE_ROW) {
    columns.received_at.push_back(sqlite3_column_int64(feedback.get(), 0));
    std::uint8_t rating = kNoRating;
    if (sqlite3_column_type(feedback.get(), 1) != SQLITE_NULL) {
      const double value = sqlite3_column_double(feedback.get(), 1);
      if (value >= 0 && value <= 10 && value == static_cast<int>(value)) {
        rating = static_cast<std::uint8_t>(value);
      }
    }
    columns.rating.push_back(rating);
    const auto found = segment_of_customer.find(sqlite3_column_int64(feedback.get(), 2));
    columns.segment.push_back(found == segment_of_customer.end() ? no_segment : found->second);
  }
  sqlite3_close(db);
  return columns;
}

struct NpsCell {
  std::int64_t detractors = 0;
  std::int64_t passives = 0;
  std::int64_t promoters = 0;
};

// The timed loop: histogram[(month_idx · (segment_count + 1) + segment) · kRatingSlots +
// rating] counts the rows, cells[month_idx · segment_count + segment] the NPS classes.
void ScanNps(const ResponseColumns& columns, const MonthRange& range, std::int64_t utc_offset_ms,
             std::vector<std::uint32_t>& histogram, std::vector<NpsCell>& cells) {
  std::fill(histogram.begin(), histogram.end(), 0);
  const std::size_t segment_count = columns.segment_names.size();
  const std::uint8_t* rating = columns.rating.data();
  const std::uint16_t* segment = columns.segment.data();
  const auto row_end = columns.received_at.end();
  for (int month_idx = 0; month_idx < kMonths; ++month_idx) {
    // The instants of the month's first and next month's first local midnight (fixed offset).
    const std::int64_t from_ms = range.month_start[month_idx] * kDayMs - utc_offset_ms;
    const std::int64_t to_ms = range.month_start[month_idx + 1] * kDayMs - utc_offset_ms;
    const auto begin_row = static_cast<std::size_t>(
        std::lower_bound(columns.received_at.begin(), row_end, from_ms) - columns.received_at.begin());
    const auto end_row = static_cast<std::size_t>(
        std::lower_bound(columns.received_at.begin() + static_cast<std::ptrdiff_t>(begin_row),
                         row_end, to_ms) - columns.received_at.begin());
    std::uint32_t* month_histogram =
        histogram.data() + static_cast<std::size_t>(month_idx) * (segment_count + 1) * kRatingSlots;
    for (std::size_t row_idx = begin_row; row_idx < end_row; ++row_idx) {
      ++month_histogram[segment[row_idx] * kRatingSlots + rating[row_idx]];
    }
  }
  for (int month_idx = 0; month_idx < kMonths; ++month_idx) {
    for (std::size_t segment_code = 0; segment_code < segment_count; ++segment_code) {
      const std::uint32_t* counts =
          histogram.data() +
          (static_cast<std::size_t>(month_idx) * (segment_count + 1) + segment_code) * kRatingSlots;
      NpsCell& cell = cells[static_cast<std::size_t>(month_idx) * segment_count + segment_code];
      cell = NpsCell{};
      for (int score = 0; score <= 10; ++score) {
        (score >= 9 ? cell.promoters : score >= 7 ? cell.passives : cell.detractors) += counts[score];
      }
    }
  }
}

void WriteTable(const std::string& path, const ResponseColumns& columns, const MonthRange& range,
                const std::vector<NpsCell>& cells) {
  std::FILE* out = std::fopen(path.c_str(), "w");
  if (out == nullptr) throw std::runtime_error("cannot write " + path);
  const std::size_t segment_count = columns.segment_names.size();
  std::vector<std::size_t> by_name(segment_count);
  for (std::size_t segment = 0; segment < segment_count; ++segment) by_name[segment] = segment;
  std::sort(by_name.begin(), by_name.end(), [&](std::size_t left, std::size_t right) {
    return columns.segment_names[left] < columns.segment_names[right];
  });
  for (int month_idx = 0; month_idx < kMonths; ++month_idx) {
    for (const std::size_t segment : by_name) {
      const NpsCell& cell = cells[month_idx * segment_count + segment];
      const std::int64_t n = cell.promoters + cell.passives + cell.detractors;
      if (n == 0) continue;
      std::fprintf(out, "%s\t%s\t%lld\t%.4f\n", range.label[month_idx].c_str(),
                   columns.segment_names[segment].c_str(), static_cast<long long>(n),
                   100.0 * static_cast<double>(cell.promoters - cell.detractors) /
                       static_cast<double>(n));
    }
  }
  std::fclose(out);
}

void Run(const Options& options) {
  const auto load_start = std::chrono::steady_clock::now();
  const ResponseColumns columns = LoadColumns(options);
  const double load_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - load_start).count();
  const MonthRange range = LastTwelveMonths(options.now_ms, options.utc_offset_ms);
  const std::size_t segment_count = columns.segment_names.size();
  std::vector<std::uint32_t> histogram(kMonths * (segment_count + 1) * kRatingSlots);
  std::vector<NpsCell> cells(kMonths * std::max<std::size_t>(1, segment_count));
  std::vector<double> run_ms;
  for (int run_idx = 0; run_idx < options.runs; ++run_idx) {
    const auto start = std::chrono::steady_clock::now();
    ScanNps(columns, range, options.utc_offset_ms, histogram, cells);
    run_ms.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  if (!options.out_path.empty()) WriteTable(options.out_path, columns, range, cells);
  std::vector<double> sorted = run_ms;
  std::sort(sorted.begin(), sorted.end());
  const double median = (sorted[(sorted.size() - 1) / 2] + sorted[sorted.size() / 2]) / 2.0;
  std::printf("load_s %.1f rows %zu runs %d p50_ms %.3f max_ms %.3f\n", load_seconds,
              columns.received_at.size(), options.runs, median, sorted.back());
}

}  // namespace
}  // namespace voxloop::bench

int main(int argc, char** argv) {
  try {
    voxloop::bench::Run(voxloop::bench::ParseOptions(argc, argv));
  } catch (const std::exception& error) {
    std::fprintf(stderr, "metrics_scan: %s\n", error.what());
    return 1;
  }
  return 0;
}
