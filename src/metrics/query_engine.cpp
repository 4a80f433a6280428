// Execution of a parsed Query over a ResponseIndex: resolve the range in the workspace's time
// zone, compile filters and group dimensions into per-row codes, scan the blocks in range
// (two threads for large scans), and turn the accumulated counts into estimates.
#include <algorithm>
#include <array>
#include <functional>
#include <cmath>
#include <limits>
#include <thread>

#include <boost/json.hpp>

#include "metrics/query_plan.hpp"

namespace voxloop::metrics {
namespace detail {

namespace json = boost::json;

TimeSpan ResolveRange(const RangeSpec& range, const ZoneCalendar& calendar, core::TimeMs now) {
  TimeSpan span;
  if (range.last_count > 0) {
    const std::int32_t current = ZoneCalendar::BucketStart(calendar.LocalDay(now), range.last_unit);
    span.from = calendar.DayStart(ZoneCalendar::ShiftBuckets(current, range.last_unit, 1 - range.last_count));
    span.to = calendar.DayStart(ZoneCalendar::NextBucketStart(current, range.last_unit));
    return span;
  }
  auto local_day = [](const std::string& date) {
    int year = std::stoi(date.substr(0, 4));
    return static_cast<std::int32_t>(core::DaysFromCivil(year, static_cast<unsigned>(std::stoi(date.substr(5, 2))),
                                                         static_cast<unsigned>(std::stoi(date.substr(8, 2)))));
  };
  if (range.from) span.from = *range.from;
  if (range.from_date) span.from = calendar.DayStart(local_day(*range.from_date));
  if (range.to) span.to = *range.to;
  if (range.to_date) span.to = calendar.DayStart(local_day(*range.to_date));
  return span;
}

CompiledDimension CompileDimension(const Dimension& dimension, const Columns& c) {
  CompiledDimension compiled{dimension.kind};
  switch (dimension.kind) {
    case DimensionKind::kTime: break;  // CompileTime
    case DimensionKind::kChannel: compiled.cardinality = c.channels.size(); break;
    case DimensionKind::kSurvey: compiled.cardinality = c.surveys.size(); break;
    case DimensionKind::kLanguage: compiled.cardinality = c.languages.size(); break;
    case DimensionKind::kSentiment: compiled.cardinality = 4; break;
    case DimensionKind::kTopic: compiled.cardinality = c.topics.size() + 1; break;  // 0 = no topic
    case DimensionKind::kAttribute: {
      compiled.attribute = c.AttributeColumn(dimension.attribute);
      auto key = c.attribute_keys.Find(dimension.attribute);
      compiled.cardinality = key ? c.attribute_dictionaries[*key].size() + 1 : 1;
      if (compiled.attribute != nullptr && compiled.cardinality <= 256) {
        compiled.attribute_bytes.assign(compiled.attribute->begin(), compiled.attribute->end());
      }
      break;
    }
  }
  return compiled;
}

void CompileTime(CompiledDimension& time, Interval interval, std::int32_t first_day, std::int32_t last_day) {
  time.first_day = ZoneCalendar::BucketStart(first_day, interval);
  for (std::int32_t start = time.first_day; start <= last_day;
       start = ZoneCalendar::NextBucketStart(start, interval)) {
    const std::int32_t next = ZoneCalendar::NextBucketStart(start, interval);
    for (std::int32_t day = start; day < next; ++day) {
      time.bucket_of_day.push_back(static_cast<std::uint32_t>(time.bucket_starts.size()));
    }
    time.bucket_starts.push_back(start);
  }
  time.cardinality = std::max<std::size_t>(time.bucket_starts.size(), 1);
}

CompiledFilter CompileFilter(const Filter& filter, const Columns& c) {
  CompiledFilter compiled{CompileDimension(filter.dimension, c), {}};
  compiled.accepted.assign(compiled.dimension.cardinality, false);
  for (const std::string& value : filter.values) {
    for (std::uint32_t code = 0; code < compiled.dimension.cardinality; ++code) {
      const std::string label = compiled.dimension.Label(c, filter.dimension, code);
      const bool matches = label == value ||
                           (filter.dimension.kind == DimensionKind::kTopic && !value.empty() &&
                            label.size() > value.size() && label.starts_with(value) &&
                            label[value.size()] == '/');
      if (matches) compiled.accepted[code] = true;
    }
  }
  return compiled;
}

core::Result<Plan> MakePlan(const Query& query, const Columns& c, const ZoneCalendar& calendar,
                            TimeSpan span) {
  Plan plan;
  plan.span = span;
  plan.calendar = &calendar;
  std::vector<Filter> filters = query.filters;
  if (!query.survey.empty()) filters.push_back({{DimensionKind::kSurvey, "", "survey"}, {query.survey}});
  for (const Filter& filter : filters) plan.filters.push_back(CompileFilter(filter, c));
  if (!query.question.empty()) {
    plan.question = c.questions.Find(query.question);
    if (!plan.question) plan.question = kNone32;  // no answers to it: every row lacks a value
  }
  for (const Dimension& dimension : query.group_by) {
    CompiledDimension compiled = CompileDimension(dimension, c);
    if (dimension.kind == DimensionKind::kTime) {
      std::int32_t first = 0, last = -1;
      if (c.rows() > 0) {
        // The zone maps hold every row's time, so the extremes come from them, not a scan.
        const core::TimeMs* lowest = &*std::min_element(c.block_min_at.begin(), c.block_min_at.end());
        const core::TimeMs* highest = &*std::max_element(c.block_max_at.begin(), c.block_max_at.end());
        first = calendar.LocalDay(std::max(span.from, *lowest));
        last = calendar.LocalDay(std::min(span.to - 1, *highest));
        if (span.from != std::numeric_limits<core::TimeMs>::min()) first = calendar.LocalDay(span.from);
        if (span.to != std::numeric_limits<core::TimeMs>::max()) last = calendar.LocalDay(span.to - 1);
      }
      if (last < first) last = first - 1;
      if (last - first > 40000) return core::Error::Field("interval", "invalid", "Too many time buckets");
      CompileTime(compiled, *query.interval, first, last);
    }
    plan.groups *= compiled.cardinality;
    if (plan.groups > kMaxGroups) {
      return core::Error::Field("group_by", "invalid", "Too many groups: narrow the range or the dimensions");
    }
    plan.dimensions.push_back(std::move(compiled));
  }
  return plan;
}

namespace {

// The rows of one block that a scan counts, and their group keys (mixed radix over the
// plan's single-valued dimensions). `dense`: every row of [begin, end) is in the time span
// and no filter applies, so rows are not listed (erased rows are skipped by the caller).
struct BlockRows {
  std::size_t begin = 0, end = 0;
  bool dense = false;
  std::vector<std::uint32_t> selected;
  std::vector<std::uint32_t> keys;

  std::size_t size() const { return dense ? end - begin : selected.size(); }
  std::uint32_t row(std::size_t idx) const {
    return dense ? static_cast<std::uint32_t>(begin + idx) : selected[idx];
  }
};

// keys[idx] = keys[idx] · cardinality + code(row idx), with `code` read per row.
template <typename Code>
void AppendCodes(BlockRows& rows, std::uint32_t cardinality, Code code) {
  const std::size_t count = rows.size();
  if (rows.dense) {
    for (std::size_t idx = 0; idx < count; ++idx) rows.keys[idx] = rows.keys[idx] * cardinality + code(rows.begin + idx);
  } else {
    for (std::size_t idx = 0; idx < count; ++idx) rows.keys[idx] = rows.keys[idx] * cardinality + code(rows.selected[idx]);
  }
}

template <typename T>
void AppendColumnCodes(BlockRows& rows, std::uint32_t cardinality, const std::vector<T>& column) {
  AppendCodes(rows, cardinality, [&column](std::size_t row) { return static_cast<std::uint32_t>(column[row]); });
}

// Fills `rows` with the rows of `block` the plan counts; false when there are none.
bool SelectBlock(const Plan& plan, const Columns& c, std::size_t block, BlockRows& rows) {
  if (c.block_max_at[block] < plan.span.from || c.block_min_at[block] >= plan.span.to) return false;
  rows.begin = block * kBlockRows;
  rows.end = std::min(c.rows(), rows.begin + kBlockRows);
  const bool inside = c.block_min_at[block] >= plan.span.from && c.block_max_at[block] < plan.span.to;
  rows.dense = inside && plan.filters.empty();
  rows.selected.clear();
  if (!rows.dense) {
    for (std::size_t row = rows.begin; row < rows.end; ++row) {
      const bool in = (inside || (c.at[row] >= plan.span.from && c.at[row] < plan.span.to)) &&
                      (c.flags[row] & kFlagErased) == 0;
      if (in) rows.selected.push_back(static_cast<std::uint32_t>(row));
    }
    for (const CompiledFilter& filter : plan.filters) {
      std::erase_if(rows.selected, [&](std::uint32_t row) { return !filter.Accepts(c, row); });
    }
    if (rows.selected.empty()) return false;
  }
  return true;
}

// The time bucket of every row of the block when they all share one (rows of a block are
// mostly of one day), else nullopt.
std::optional<std::uint32_t> BlockBucket(const Plan& plan, const CompiledDimension& time, const Columns& c,
                                         std::size_t block) {
  const std::int32_t low = plan.calendar->LocalDay(std::max(c.block_min_at[block], plan.span.from));
  const std::int32_t high = plan.calendar->LocalDay(std::min(c.block_max_at[block], plan.span.to - 1));
  const std::uint32_t low_bucket = time.bucket_of_day[static_cast<std::size_t>(low - time.first_day)];
  if (low_bucket != time.bucket_of_day[static_cast<std::size_t>(high - time.first_day)]) return std::nullopt;
  return low_bucket;
}

// Fills rows.keys with the group key of every selected row.
void GroupKeys(const Plan& plan, const Columns& c, std::size_t block, BlockRows& rows) {
  rows.keys.assign(rows.size(), 0);
  for (const CompiledDimension& dimension : plan.dimensions) {
    const auto cardinality = static_cast<std::uint32_t>(dimension.cardinality);
    switch (dimension.kind) {
      case DimensionKind::kTime: {
        if (const std::optional<std::uint32_t> bucket = BlockBucket(plan, dimension, c, block)) {
          for (std::uint32_t& key : rows.keys) key = key * cardinality + *bucket;
        } else {
          AppendCodes(rows, cardinality, [&](std::size_t row) {
            return dimension.bucket_of_day[static_cast<std::size_t>(c.day[row] - dimension.first_day)];
          });
        }
        break;
      }
      case DimensionKind::kChannel: AppendColumnCodes(rows, cardinality, c.channel); break;
      case DimensionKind::kSurvey: AppendColumnCodes(rows, cardinality, c.survey); break;
      case DimensionKind::kLanguage: AppendColumnCodes(rows, cardinality, c.language); break;
      case DimensionKind::kSentiment: AppendColumnCodes(rows, cardinality, c.sentiment); break;
      case DimensionKind::kAttribute: {
        if (dimension.attribute == nullptr) {
          for (std::uint32_t& key : rows.keys) key *= cardinality;
          break;
        }
        if (!dimension.attribute_bytes.empty()) {
          const std::vector<std::uint8_t>& values = dimension.attribute_bytes;
          AppendCodes(rows, cardinality, [&](std::size_t row) {
            const std::uint32_t customer = c.customer[row];
            return customer == kNone32 ? 0U : static_cast<std::uint32_t>(values[customer]);
          });
          break;
        }
        const std::vector<std::uint32_t>& values = *dimension.attribute;
        AppendCodes(rows, cardinality, [&](std::size_t row) {
          const std::uint32_t customer = c.customer[row];
          return customer == kNone32 ? 0U : values[customer];
        });
        break;
      }
      case DimensionKind::kTopic:  // multi-valued: added per topic by the scan
        for (std::uint32_t& key : rows.keys) key *= cardinality;
        break;
    }
  }
}

// A metric read from one byte column whose values fall in a few classes (NPS: promoter,
// passive, detractor): the scan counts rows per (group, class) and the accumulators are
// made from the counts afterwards — the tight loop of the common queries.
struct ClassCounting {
  const std::uint8_t* column = nullptr;
  std::array<std::uint8_t, 256> class_of{};  // by byte value; class 0 = no value
  std::vector<Accumulator> unit;             // what one row of each class adds
  std::size_t stride = 1;                    // classes, rounded up to a power of two
};

std::optional<ClassCounting> ClassCountingFor(MetricKind kind, const Plan& plan, const Columns& c) {
  if (plan.question) return std::nullopt;
  const bool by_topic = std::any_of(plan.dimensions.begin(), plan.dimensions.end(),
                                    [](const CompiledDimension& d) { return d.kind == DimensionKind::kTopic; });
  if (by_topic) return std::nullopt;
  ClassCounting counting;
  std::function<bool(int, Accumulator&)> add;
  // Byte columns read as unsigned char (allowed for any object); scores are signed.
  switch (kind) {
    case MetricKind::kNps:
    case MetricKind::kCsat:
    case MetricKind::kCes: {
      const std::vector<std::int8_t>& column = kind == MetricKind::kNps ? c.nps : kind == MetricKind::kCsat ? c.csat : c.ces;
      counting.column = reinterpret_cast<const std::uint8_t*>(column.data());
      add = [kind](int byte, Accumulator& acc) {
        return MetricReader::AddScore(kind, static_cast<std::int8_t>(static_cast<std::uint8_t>(byte)), acc);
      };
      break;
    }
    case MetricKind::kNegativeShare:
    case MetricKind::kNeutralShare:
    case MetricKind::kPositiveShare:
      counting.column = c.sentiment.data();
      add = [kind](int byte, Accumulator& acc) { return MetricReader::AddSentiment(kind, byte, acc); };
      break;
    case MetricKind::kCount:
      counting.column = c.flags.data();
      add = [](int, Accumulator& acc) { ++acc.n; return true; };
      break;
    default: return std::nullopt;
  }
  counting.unit.push_back({});  // class 0
  for (int byte = 0; byte < 256; ++byte) {
    Accumulator one;
    if (!add(byte, one)) continue;
    auto found = std::find(counting.unit.begin() + 1, counting.unit.end(), one);
    if (found == counting.unit.end()) found = counting.unit.insert(found, one);
    counting.class_of[static_cast<std::size_t>(byte)] = static_cast<std::uint8_t>(found - counting.unit.begin());
  }
  while (counting.stride < counting.unit.size()) counting.stride *= 2;
  return counting;
}

// The tight loop of the commonest scan: a whole block in range with no filter, its time
// bucket one constant, and at most one other dimension, a customer attribute in one byte
// (segment, plan …): rows are counted by (group, class) with the key made in registers.
// False when the block does not qualify (the general path counts it).
constexpr std::size_t kLocalCells = 2048;

bool CountDenseBlock(const Plan& plan, const Columns& c, std::size_t block, const BlockRows& rows,
                     const ClassCounting& counting, std::uint32_t* counts) {
  if (!rows.dense) return false;
  std::size_t base = 0, attribute_stride = 0, attribute_cardinality = 0;
  const std::vector<std::uint8_t>* attribute = nullptr;
  for (const CompiledDimension& dimension : plan.dimensions) {
    base *= dimension.cardinality;
    attribute_stride *= dimension.cardinality;
    if (dimension.kind == DimensionKind::kTime) {
      const std::optional<std::uint32_t> bucket = BlockBucket(plan, dimension, c, block);
      if (!bucket) return false;
      base += *bucket;
    } else if (dimension.kind == DimensionKind::kAttribute && attribute == nullptr &&
               !dimension.attribute_bytes.empty()) {
      attribute = &dimension.attribute_bytes;
      attribute_stride = 1;
      attribute_cardinality = dimension.cardinality;
    } else {
      return false;
    }
  }
  const std::size_t stride = counting.stride;
  const std::uint8_t* column = counting.column;
  const std::uint8_t* flags = c.flags.data();
  const std::uint8_t* class_of = counting.class_of.data();
  const std::size_t begin = rows.begin, end = rows.end;
  std::uint8_t erased = 0;
  for (std::size_t row = begin; row < end; ++row) erased |= flags[row];
  erased &= kFlagErased;
  if (attribute == nullptr && erased == 0) {
    // Counted by byte value into four interleaved histograms (consecutive rows mostly hit
    // one counter; four copies keep the increments from waiting on each other), then folded
    // into classes.
    std::array<std::array<std::uint32_t, 256>, 4> by_value{};
    std::size_t row = begin;
    for (; row + 4 <= end; row += 4) {
      ++by_value[0][column[row]];
      ++by_value[1][column[row + 1]];
      ++by_value[2][column[row + 2]];
      ++by_value[3][column[row + 3]];
    }
    for (; row < end; ++row) ++by_value[0][column[row]];
    std::uint32_t* group = counts + base * stride;
    for (std::size_t value = 0; value < 256; ++value) {
      group[class_of[value]] += by_value[0][value] + by_value[1][value] + by_value[2][value] + by_value[3][value];
    }
    return true;
  }
  if (attribute == nullptr) {
    std::uint32_t* group = counts + base * stride;
    for (std::size_t row = begin; row < end; ++row) {
      ++group[(flags[row] & kFlagErased) != 0 ? 0 : class_of[column[row]]];
    }
    return true;
  }
  const std::uint8_t* values = attribute->data();
  const std::uint32_t* customers = c.customer.data();
  std::uint32_t* first = counts + base * stride;
  const std::size_t code_stride = attribute_stride * stride;
  const std::size_t cells = attribute_cardinality * stride;
  if (erased == 0 && cells <= kLocalCells) {
    // Two interleaved local histograms of (attribute code, class), folded in afterwards.
    std::array<std::array<std::uint32_t, kLocalCells>, 2> local;
    std::fill_n(local[0].begin(), cells, 0U);
    std::fill_n(local[1].begin(), cells, 0U);
    auto cell = [&](std::size_t row) {
      const std::uint32_t customer = customers[row];
      const std::size_t code = customer == kNone32 ? 0 : values[customer];
      return code * stride + class_of[column[row]];
    };
    std::size_t row = begin;
    for (; row + 2 <= end; row += 2) {
      ++local[0][cell(row)];
      ++local[1][cell(row + 1)];
    }
    if (row < end) ++local[0][cell(row)];
    for (std::size_t code = 0; code < attribute_cardinality; ++code) {
      for (std::size_t cls = 0; cls < stride; ++cls) {
        first[code * code_stride + cls] += local[0][code * stride + cls] + local[1][code * stride + cls];
      }
    }
    return true;
  }
  for (std::size_t row = begin; row < end; ++row) {
    const std::uint32_t customer = customers[row];
    const std::size_t code = customer == kNone32 ? 0 : values[customer];
    ++first[code * code_stride + ((flags[row] & kFlagErased) != 0 ? 0 : class_of[column[row]])];
  }
  return true;
}

// The per-thread result of a scan: accumulators, or class counts to be folded into them.
struct ScanResult {
  std::vector<Accumulator> groups;
  std::vector<std::uint32_t> counts;  // [group · stride + class]
};

void ScanBlocks(const Plan& plan, const MetricReader& reader, const ClassCounting* counting, const Columns& c,
                const std::vector<std::size_t>& blocks, std::size_t first, std::size_t last, ScanResult& out) {
  BlockRows rows;
  rows.selected.reserve(kBlockRows);
  rows.keys.reserve(kBlockRows);
  if (counting != nullptr) out.counts.assign(plan.groups * counting->stride, 0);
  else out.groups.assign(plan.groups, {});
  std::size_t topic_dimension = plan.dimensions.size();
  std::uint32_t topic_stride = 1;
  for (std::size_t dim = 0; dim < plan.dimensions.size(); ++dim) {
    if (plan.dimensions[dim].kind == DimensionKind::kTopic) topic_dimension = dim;
  }
  for (std::size_t dim = topic_dimension + 1; dim < plan.dimensions.size(); ++dim) {
    topic_stride *= static_cast<std::uint32_t>(plan.dimensions[dim].cardinality);
  }
  for (std::size_t pos = first; pos < last; ++pos) {
    if (!SelectBlock(plan, c, blocks[pos], rows)) continue;
    if (counting != nullptr && CountDenseBlock(plan, c, blocks[pos], rows, *counting, out.counts.data())) continue;
    GroupKeys(plan, c, blocks[pos], rows);
    const std::size_t count = rows.size();
    if (counting != nullptr) {
      const std::uint8_t* column = counting->column;
      const std::size_t stride = counting->stride;
      std::uint32_t* counts = out.counts.data();
      if (rows.dense) {
        for (std::size_t idx = 0; idx < count; ++idx) {
          const std::size_t row = rows.begin + idx;
          const std::size_t cls = (c.flags[row] & kFlagErased) != 0 ? 0 : counting->class_of[column[row]];
          ++counts[rows.keys[idx] * stride + cls];
        }
      } else {
        for (std::size_t idx = 0; idx < count; ++idx) {
          ++counts[rows.keys[idx] * stride + counting->class_of[column[rows.selected[idx]]]];
        }
      }
      continue;
    }
    for (std::size_t idx = 0; idx < count; ++idx) {
      const std::uint32_t row = rows.row(idx);
      if (rows.dense && (c.flags[row] & kFlagErased) != 0) continue;
      if (topic_dimension == plan.dimensions.size()) {
        reader.Add(row, out.groups[rows.keys[idx]]);
        continue;
      }
      // A row counts once in each of its topics (or under "no topic").
      Accumulator one;
      if (!reader.Add(row, one)) continue;
      if (c.topic_count[row] == 0) {
        out.groups[rows.keys[idx]].Add(one);
        continue;
      }
      const std::uint32_t begin_topic = c.topic_begin[row];
      for (std::uint32_t topic = begin_topic; topic < begin_topic + c.topic_count[row]; ++topic) {
        out.groups[rows.keys[idx] + (c.topic_pool[topic] + 1U) * topic_stride].Add(one);
      }
    }
  }
}

}  // namespace

std::vector<Accumulator> Aggregate(const Plan& plan, const MetricReader& reader, const Columns& c) {
  // The blocks that overlap the span, split evenly between the threads.
  std::vector<std::size_t> blocks;
  std::size_t rows_in_range = 0;
  for (std::size_t block = 0; block < c.block_min_at.size(); ++block) {
    if (c.block_max_at[block] < plan.span.from || c.block_min_at[block] >= plan.span.to) continue;
    blocks.push_back(block);
    rows_in_range += std::min(kBlockRows, c.rows() - block * kBlockRows);
  }
  const std::optional<ClassCounting> counting = ClassCountingFor(reader.kind(), plan, c);
  const ClassCounting* counting_ptr = counting ? &*counting : nullptr;
  ScanResult mine;
  if (rows_in_range < kParallelRows || blocks.size() < 2) {
    ScanBlocks(plan, reader, counting_ptr, c, blocks, 0, blocks.size(), mine);
  } else {
    ScanResult other;
    const std::size_t half = blocks.size() / 2;
    std::thread helper([&] { ScanBlocks(plan, reader, counting_ptr, c, blocks, half, blocks.size(), other); });
    ScanBlocks(plan, reader, counting_ptr, c, blocks, 0, half, mine);
    helper.join();
    if (counting_ptr != nullptr) {
      for (std::size_t idx = 0; idx < mine.counts.size(); ++idx) mine.counts[idx] += other.counts[idx];
    } else {
      for (std::size_t key = 0; key < mine.groups.size(); ++key) mine.groups[key].Add(other.groups[key]);
    }
  }
  if (counting_ptr == nullptr) return std::move(mine.groups);
  std::vector<Accumulator> groups(plan.groups);
  for (std::size_t key = 0; key < plan.groups; ++key) {
    for (std::size_t cls = 1; cls < counting->unit.size(); ++cls) {
      const std::int64_t times = mine.counts[key * counting->stride + cls];
      if (times == 0) continue;
      const Accumulator& unit = counting->unit[cls];
      groups[key].Add({unit.n * times, unit.a * times, unit.b * times, unit.c * times,
                       unit.sum * static_cast<double>(times), unit.sum_sq * static_cast<double>(times)});
    }
  }
  return groups;
}

Estimate EstimateOf(MetricKind kind, const Accumulator& acc) {
  switch (kind) {
    case MetricKind::kNps: return NpsEstimate({acc.a, acc.b, acc.c});
    case MetricKind::kCsat:
    case MetricKind::kNegativeShare:
    case MetricKind::kNeutralShare:
    case MetricKind::kPositiveShare:
      return ProportionEstimate(acc.a, acc.n);
    case MetricKind::kCes:
    case MetricKind::kRating:
    case MetricKind::kSentiment:
      return MeanEstimate(acc.sum, acc.sum_sq, acc.n);
    default: {
      Estimate count;
      count.value = static_cast<double>(acc.n);
      count.n = acc.n;
      count.ci_low = count.ci_high = count.value;
      return count;
    }
  }
}

json::value Number(double value) {
  if (std::isnan(value) || std::isinf(value)) return nullptr;
  return std::round(value * 1e6) / 1e6;
}

void PutEstimate(json::object& out, const Estimate& estimate, MetricKind kind) {
  out["value"] = Number(estimate.value);
  out["n"] = estimate.n;
  const bool interval = kind != MetricKind::kCount;
  out["ci_low"] = interval ? Number(estimate.ci_low) : json::value(nullptr);
  out["ci_high"] = interval ? Number(estimate.ci_high) : json::value(nullptr);
}

json::object RowFor(MetricKind kind, const std::string& name, json::object group, const Accumulator& acc,
                    const Accumulator* previous) {
  json::object row;
  row["metric"] = name;
  row["group"] = std::move(group);
  const Estimate estimate = EstimateOf(kind, acc);
  PutEstimate(row, estimate, kind);
  if (kind == MetricKind::kNps) {
    row["breakdown"] = {{"promoters", acc.a}, {"passives", acc.b}, {"detractors", acc.c}};
  }
  if (previous != nullptr) {
    const Estimate before = EstimateOf(kind, *previous);
    json::object prior;
    PutEstimate(prior, before, kind);
    row["previous"] = std::move(prior);
    Estimate current_for_test = estimate, before_for_test = before;
    if (kind == MetricKind::kCount) {  // Poisson: the variance of a count is the count
      current_for_test.std_error = std::sqrt(static_cast<double>(acc.n));
      before_for_test.std_error = std::sqrt(static_cast<double>(previous->n));
    }
    const ChangeTest test = CompareEstimates(current_for_test, before_for_test);
    row["change"] = Number(test.change);
    row["p_value"] = Number(test.p_value);
    row["significant"] = test.significant;
  }
  return row;
}

json::object GroupObject(const Plan& plan, const Query& query, const Columns& c, std::size_t key) {
  json::object group;
  std::vector<std::uint32_t> codes(plan.dimensions.size());
  for (std::size_t dim = plan.dimensions.size(); dim-- > 0;) {
    codes[dim] = static_cast<std::uint32_t>(key % plan.dimensions[dim].cardinality);
    key /= plan.dimensions[dim].cardinality;
  }
  for (std::size_t dim = 0; dim < plan.dimensions.size(); ++dim) {
    const std::string label = plan.dimensions[dim].Label(c, query.group_by[dim], codes[dim]);
    group[query.group_by[dim].name] = label.empty() ? json::value(nullptr) : json::value(label);
  }
  return group;
}

TimeSpan PreviousSpan(const TimeSpan& span) {
  TimeSpan previous;
  if (span.from == std::numeric_limits<core::TimeMs>::min() || span.to == std::numeric_limits<core::TimeMs>::max()) {
    previous.from = previous.to = 0;  // all time has no previous period
    return previous;
  }
  previous.to = span.from;
  previous.from = span.from - (span.to - span.from);
  return previous;
}

core::Status RunMetric(const Query& query, std::size_t metric_idx, const Columns& c,
                       const ZoneCalendar& calendar, const TimeSpan& span, json::array& rows) {
  const MetricKind kind = query.metrics[metric_idx];
  const std::string& name = query.metric_names[metric_idx];
  const auto time_dim = std::find_if(query.group_by.begin(), query.group_by.end(),
                                     [](const Dimension& d) { return d.kind == DimensionKind::kTime; });
  const bool by_time = time_dim != query.group_by.end();
  TimeSpan scan_span = span;
  if (by_time && query.compare && span.from != std::numeric_limits<core::TimeMs>::min()) {
    // One bucket earlier, so that the first bucket has a previous one.
    scan_span.from = calendar.DayStart(ZoneCalendar::ShiftBuckets(
        ZoneCalendar::BucketStart(calendar.LocalDay(span.from), *query.interval), *query.interval, -1));
  }
  VOXLOOP_ASSIGN_OR_RETURN(auto plan_value, MakePlan(query, c, calendar, scan_span));
  const Plan* plan = &plan_value;
  std::optional<std::uint32_t> question = plan->question;
  const MetricReader reader(kind, c, question);
  const std::vector<Accumulator> groups = Aggregate(*plan, reader, c);
  std::vector<Accumulator> previous_groups;
  if (query.compare && !by_time) {
    Plan previous = *plan;
    previous.span = PreviousSpan(span);
    previous_groups = Aggregate(previous, reader, c);
  }
  std::size_t time_pos = by_time ? static_cast<std::size_t>(time_dim - query.group_by.begin()) : 0;
  std::size_t time_stride = 1;
  for (std::size_t dim = time_pos + 1; by_time && dim < plan->dimensions.size(); ++dim) {
    time_stride *= plan->dimensions[dim].cardinality;
  }
  const std::size_t time_cardinality = by_time ? plan->dimensions[time_pos].cardinality : 1;
  const bool skip_first_bucket = by_time && scan_span.from != span.from;
  // With time grouping every bucket of a series that has data anywhere is listed.
  std::vector<bool> series_seen(by_time ? plan->groups / time_cardinality : 0, false);
  auto series_of = [&](std::size_t key) {
    return (key / (time_stride * time_cardinality)) * time_stride + key % time_stride;
  };
  if (by_time) {
    for (std::size_t key = 0; key < groups.size(); ++key) {
      if (groups[key].n > 0) series_seen[series_of(key)] = true;
    }
  }
  std::vector<json::object> out;
  for (std::size_t key = 0; key < groups.size(); ++key) {
    if (by_time) {
      const std::size_t bucket = (key / time_stride) % time_cardinality;
      if (!series_seen[series_of(key)] || (skip_first_bucket && bucket == 0)) continue;
      const Accumulator* previous = query.compare && bucket > 0 ? &groups[key - time_stride] : nullptr;
      Accumulator empty;
      if (query.compare && bucket == 0) previous = &empty;
      out.push_back(RowFor(kind, name, GroupObject(*plan, query, c, key), groups[key], previous));
      continue;
    }
    if (groups[key].n == 0 && !(plan->dimensions.empty())) continue;
    out.push_back(RowFor(kind, name, GroupObject(*plan, query, c, key), groups[key],
                         query.compare ? &previous_groups[key] : nullptr));
  }
  const bool by_topic = std::any_of(query.group_by.begin(), query.group_by.end(),
                                    [](const Dimension& d) { return d.kind == DimensionKind::kTopic; });
  if (by_topic && !by_time) {
    std::stable_sort(out.begin(), out.end(), [](const json::object& a, const json::object& b) {
      return a.at("n").as_int64() > b.at("n").as_int64();
    });
  }
  for (json::object& row : out) {
    if (rows.size() >= query.limit) break;
    rows.push_back(std::move(row));
  }
  return core::Ok();
}

}  // namespace detail

core::Result<boost::json::object> RunQuery(const Query& query, const ResponseIndex& index,
                                           core::TimeMs now, const InvitationCounter& invitations) {
  namespace json = boost::json;
  using namespace detail;
  return index.Read([&](const Columns& c, const ZoneCalendar& calendar) -> core::Result<json::object> {
    json::object answer;
    json::array rows;
    const TimeSpan span = ResolveRange(query.range, calendar, now);
    if (query.metrics.front() == MetricKind::kDrivers) {
      VOXLOOP_TRY(RunDrivers(query, c, calendar, span, rows));
    } else if (query.metrics.front() == MetricKind::kEmergingTopics) {
      VOXLOOP_TRY(RunEmerging(query, c, calendar, span, rows));
    } else if (query.metrics.front() == MetricKind::kResponseRate) {
      if (!invitations) return core::Error::Unavailable("Response rates are not available here");
      VOXLOOP_ASSIGN_OR_RETURN(InvitationCounts counts,
                               invitations(*core::ParseId(query.survey), span.from, span.to));
      json::object row;
      row["metric"] = "response_rate";
      row["group"] = json::object();
      PutEstimate(row, ProportionEstimate(std::min(counts.answered, counts.sent), counts.sent),
                  MetricKind::kResponseRate);
      if (counts.sent == 0) row["value"] = row["ci_low"] = row["ci_high"] = nullptr;
      row["answered"] = counts.answered;
      rows.push_back(std::move(row));
    } else {
      for (std::size_t idx = 0; idx < query.metrics.size(); ++idx) {
        VOXLOOP_TRY(RunMetric(query, idx, c, calendar, span, rows));
      }
    }
    answer["rows"] = std::move(rows);
    json::object range;
    range["from"] = span.from == std::numeric_limits<core::TimeMs>::min() ? json::value(nullptr)
                                                                          : json::value(core::FormatRfc3339(span.from));
    range["to"] = span.to == std::numeric_limits<core::TimeMs>::max() ? json::value(nullptr)
                                                                      : json::value(core::FormatRfc3339(span.to));
    answer["range"] = std::move(range);
    answer["time_zone"] = calendar.time_zone();
    return answer;
  });
}

}  // namespace voxloop::metrics
