// metrics_query_bench: the query engine in process, without HTTP or a database. Builds a
// ResponseIndex of BENCH_METRICS_ROWS rows (default 10,000,000) shaped like the metrics bench
// dataset (two years up to now, 8 channels, 200,000 customers in 20 segments, an NPS answer on
// most rows) and times "NPS by month by segment for the last 12 months" through RunQuery, next
// to a plain single-threaded scan of the same columns (time range by binary search, then a
// (month, segment, score) histogram) in the same run, so their ratio is measured on one
// machine at one moment. Used to tune metrics/query_engine.cpp; bench/parts/metrics.sh is the
// end-to-end figure.
#include <benchmark/benchmark.h>
#include <boost/json.hpp>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "metrics/query.hpp"
#include "metrics/response_index.hpp"

namespace voxloop::metrics {
namespace {

constexpr core::TimeMs kDayMs = 86'400'000;
constexpr std::size_t kCustomers = 200'000;
constexpr int kSegments = 20;
constexpr const char* kZone = "Asia/Ho_Chi_Minh";

std::size_t RowCount() {
  const char* text = std::getenv("BENCH_METRICS_ROWS");
  return text != nullptr ? static_cast<std::size_t>(std::strtoull(text, nullptr, 10)) : 10'000'000;
}

core::TimeMs Now() {
  static const core::TimeMs now = core::NowMs();
  return now;
}

// The index, built once for every benchmark of this binary.
const ResponseIndex& Index() {
  static const std::unique_ptr<ResponseIndex> index = [] {
    auto built = std::make_unique<ResponseIndex>(kZone);
    std::vector<std::pair<core::Id, CustomerAttributes>> customers;
    for (std::size_t customer = 0; customer < kCustomers; ++customer) {
      customers.push_back({static_cast<core::Id>(customer + 1),
                           {{"segment", "segment-" + std::to_string(customer % kSegments)}}});
    }
    built->Load({}, customers);
    std::mt19937_64 random(42);
    const std::array<const char*, 8> channels = {"survey", "web_form", "widget", "email",
                                                 "chat",   "review",   "social", "phone"};
    const std::size_t rows = RowCount();
    const core::TimeMs start = Now() - 730 * kDayMs;
    const core::TimeMs step = std::max<core::TimeMs>(1, 730 * kDayMs / static_cast<core::TimeMs>(rows));
    std::vector<ResponseRecord> chunk;
    for (std::size_t row = 0; row < rows; ++row) {
      ResponseRecord record;
      record.key = static_cast<core::Id>(row + 1);
      record.has_response = true;
      record.at = start + static_cast<core::TimeMs>(row) * step;
      record.channel = channels[row % channels.size()];
      record.customer_id = static_cast<core::Id>(random() % kCustomers + 1);
      if (random() % 10 != 0) {
        const auto score = static_cast<double>(random() % 11);
        record.scores.push_back({"", ScoreKind::kRating, score});
        record.scores.push_back({"", ScoreKind::kNps, score});
      }
      chunk.push_back(std::move(record));
      if (chunk.size() == 8192) built->AddLoaded(chunk);
    }
    built->AddLoaded(chunk);
    built->FinishLoad();
    return built;
  }();
  return *index;
}

Query Parse(const char* body) {
  auto parsed = ParseQuery(boost::json::parse(body));
  if (!parsed) std::abort();
  return *parsed;
}

// The same query without the segment: what the customer → segment lookup costs.
void BM_QueryNpsByMonth(benchmark::State& state) {
  const ResponseIndex& index = Index();
  const Query query = Parse(R"({"metric": "nps", "interval": "month", "range": {"last": "12m"}})");
  for (auto _ : state) {
    auto answer = RunQuery(query, index, Now());
    if (!answer) state.SkipWithError("the query failed");
    benchmark::DoNotOptimize(answer);
  }
}
BENCHMARK(BM_QueryNpsByMonth)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_QueryNpsByMonthBySegment(benchmark::State& state) {
  const ResponseIndex& index = Index();
  const Query query = Parse(R"({"metric": "nps", "group_by": ["segment"], "interval": "month", "range": {"last": "12m"}})");
  for (auto _ : state) {
    auto answer = RunQuery(query, index, Now());
    if (!answer) state.SkipWithError("the query failed");
    benchmark::DoNotOptimize(answer);
  }
  state.counters["rows"] = static_cast<double>(index.Read([](const Columns& c, const ZoneCalendar&) { return c.rows(); }));
  state.counters["bytes_per_row"] =
      static_cast<double>(index.MemoryBytes()) / std::max(state.counters["rows"].value, 1.0);
}
BENCHMARK(BM_QueryNpsByMonthBySegment)->Unit(benchmark::kMillisecond)->UseRealTime();

// The baseline: the same answer from a tight loop over plain arrays built from the columns
// (the segment of each row resolved beforehand, as a hand-written scan would have it).
void BM_PlainScan(benchmark::State& state) {
  const ResponseIndex& index = Index();
  struct Plain {
    std::vector<core::TimeMs> at;
    std::vector<std::int32_t> day;
    std::vector<std::int8_t> nps;
    std::vector<std::uint8_t> segment;
    std::vector<std::int32_t> month_start;  // 13 local days
    core::TimeMs from = 0, to = 0;
  };
  const Plain plain = index.Read([](const Columns& c, const ZoneCalendar& calendar) {
    Plain built;
    built.at = c.at;
    built.day = c.day;
    built.nps = c.nps;
    const std::vector<std::uint32_t>& segments = *c.AttributeColumn("segment");
    built.segment.reserve(c.rows());
    for (std::uint32_t customer : c.customer) built.segment.push_back(static_cast<std::uint8_t>(segments[customer]));
    const std::int32_t this_month = ZoneCalendar::BucketStart(calendar.LocalDay(Now()), Interval::kMonth);
    std::int32_t month = ZoneCalendar::ShiftBuckets(this_month, Interval::kMonth, -11);
    for (int idx = 0; idx <= 12; ++idx) {
      built.month_start.push_back(month);
      month = ZoneCalendar::NextBucketStart(month, Interval::kMonth);
    }
    built.from = calendar.DayStart(built.month_start.front());
    built.to = calendar.DayStart(built.month_start.back());
    return built;
  });
  for (auto _ : state) {
    std::vector<std::array<std::int64_t, 16>> histogram(12 * (kSegments + 1));
    const auto first = static_cast<std::size_t>(
        std::lower_bound(plain.at.begin(), plain.at.end(), plain.from) - plain.at.begin());
    const auto last = static_cast<std::size_t>(
        std::lower_bound(plain.at.begin(), plain.at.end(), plain.to) - plain.at.begin());
    std::size_t month = 0;
    for (std::size_t row = first; row < last; ++row) {
      while (plain.day[row] >= plain.month_start[month + 1]) ++month;
      ++histogram[month * (kSegments + 1) + plain.segment[row]][static_cast<std::uint8_t>(plain.nps[row]) & 15U];
    }
    benchmark::DoNotOptimize(histogram);
  }
}
BENCHMARK(BM_PlainScan)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace voxloop::metrics

BENCHMARK_MAIN();
