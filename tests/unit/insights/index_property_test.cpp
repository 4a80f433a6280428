// The metrics index gives the same answers as SQL on the same data: random feedback (ratings
// that are and are not NPS answers, channels, languages, sentiment, customers in segments,
// two years of times around the workspace's midnight) is written to a real SQLite and a real
// PostgreSQL database; SQL aggregates it by local day and every dimension; random queries
// (metric × grouping × filters × range) through insights::MetricsService must match what the
// test computes from those SQL aggregates — after the index is built from the database, and
// again after more rows arrive through the observer path.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <chrono>
#include <cmath>
#include <map>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "collect/surveys.hpp"
#include "core/id.hpp"
#include "insights/metrics_service.hpp"
#include "metrics/query.hpp"
#include "store/connection.hpp"
#include "store/database.hpp"
#include "store/feedback_repo.hpp"
#include "store/workspace_repo.hpp"
#include "tests/support/test_databases.hpp"

namespace voxloop::insights {
namespace {

namespace json = boost::json;
using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

constexpr std::int64_t kDayMs = 86400000;
constexpr std::int64_t kOffsetMs = 7 * 3600 * 1000;  // Asia/Ho_Chi_Minh: +07:00, no DST
const std::vector<std::string> kChannels = {"email", "chat", "review", "web_form"};
const std::vector<std::string> kLanguages = {"vi", "zh", "en"};
const std::vector<std::string> kSentiments = {"", "negative", "neutral", "positive"};
const std::vector<std::string> kSegments = {"smb", "enterprise", "gov"};

// One SQL aggregate: the rows of one local day × channel × customer × language × sentiment.
struct Cell {
  std::int64_t day = 0;
  std::string channel;
  std::int64_t customer = 0;
  std::string language;
  std::string sentiment;
  std::int64_t rows = 0, nps_n = 0, promoters = 0, detractors = 0, rating_n = 0;
  double rating_sum = 0, sentiment_sum = 0;
};

std::string DayText(std::int64_t day) {
  const year_month_day date{sys_days{days{day}}};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return text;
}
std::string MonthText(std::int64_t day) { return DayText(day).substr(0, 8) + "01"; }

class IndexProperty : public ::testing::TestWithParam<testing::Backend> {
 protected:
  void SetUp() override {
    auto opened = store::Database::Open(store::DatabaseConfig{testing::FreshDatabaseUrl(GetParam()), 2, {}});
    ASSERT_TRUE(opened) << opened.error().internal;
    db_ = std::move(*opened);
    workspace_ = core::NewId();
    Write([&](store::WriteContext& context) {
      core::Workspace workspace;
      workspace.id = workspace_;
      workspace.name = "Property";
      workspace.timezone = "Asia/Ho_Chi_Minh";
      return store::WorkspaceRepo(context.db).Insert(workspace);
    });
    Write([&](store::WriteContext& context) -> core::Status {
      for (int i = 0; i < 40; ++i) {
        const core::Id id = core::NewId();
        // A few customers have no segment.
        std::string attributes = "{}";
        if (i % 8 != 7) {
          segment_of_[id] = kSegments[i % kSegments.size()];
          attributes = json::serialize(json::object{{"segment", segment_of_[id]}, {"plan", "pro"}});
        }
        customers_.push_back(id);
        VOXLOOP_TRY(context.db.Execute(
            "INSERT INTO customers (id, workspace_id, attributes, created_at, updated_at) VALUES (?, ?, ?, 0, 0)",
            {id, workspace_, attributes}));
      }
      return core::Ok();
    });
  }

  void Write(const store::WriteJob& job) {
    const core::Status status = db_->writer().Run(job);
    ASSERT_TRUE(status) << status.error().message << " " << status.error().internal;
  }

  // Inserts `count` random items; returns them as FeedbackItems (for the observer path).
  std::vector<core::FeedbackItem> InsertRandomItems(int count) {
    std::vector<core::FeedbackItem> items;
    // Two years up to now, with some items within minutes of a local midnight.
    const std::int64_t end = core::NowMs();
    std::uniform_int_distribution<std::int64_t> when(end - 730 * kDayMs, end);
    std::uniform_int_distribution<int> pick(0, 1000);
    for (int i = 0; i < count; ++i) {
      core::FeedbackItem item;
      item.id = core::NewId();
      item.workspace_id = workspace_;
      item.channel = *core::ParseChannel(kChannels[pick(random_) % kChannels.size()]);
      item.text = "x";
      std::int64_t at = when(random_);
      if (pick(random_) < 150) at = (at + kOffsetMs) / kDayMs * kDayMs - kOffsetMs + (pick(random_) % 2 ? -60000 : 60000);
      item.received_at = at;
      item.created_at = at;
      const int kind = pick(random_) % 10;
      if (kind < 7) item.rating = pick(random_) % 11;  // an NPS answer
      if (kind == 7) item.rating = 3.5;                // a rating, not an NPS answer
      if (pick(random_) % 10 != 0) item.customer_id = customers_[pick(random_) % customers_.size()];
      item.analysis.language = kLanguages[pick(random_) % kLanguages.size()];
      item.analysis.sentiment =
          core::ParseSentimentLabel(kSentiments[pick(random_) % kSentiments.size()]).value_or(core::SentimentLabel::kNone);
      if (item.analysis.sentiment != core::SentimentLabel::kNone) {
        item.analysis.sentiment_score = (pick(random_) - 500) / 500.0;
      }
      items.push_back(item);
    }
    Write([&](store::WriteContext& context) -> core::Status {
      for (const core::FeedbackItem& item : items) {
        VOXLOOP_TRY(context.db.Execute(
            "INSERT INTO feedback (id, workspace_id, channel, text, rating, customer_id, received_at, created_at, "
            "updated_at, language, sentiment, sentiment_score) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            {item.id, item.workspace_id, std::string(core::ChannelName(item.channel)), item.text,
             store::Optional(item.rating), store::Optional(item.customer_id), item.received_at, item.created_at,
             item.created_at, item.analysis.language, std::string(core::SentimentLabelName(item.analysis.sentiment)),
             item.analysis.sentiment_score}));
      }
      return core::Ok();
    });
    return items;
  }

  // The SQL side: aggregates by local day and every dimension.
  std::vector<Cell> SqlCells() {
    std::vector<Cell> cells;
    auto read = db_->Read<bool>([&](store::Connection& db) -> core::Result<bool> {
      VOXLOOP_TRY(db.ForEach(
          "SELECT (received_at + 25200000) / 86400000 AS day, channel, COALESCE(customer_id, 0), language, sentiment, "
          "COUNT(*), "
          "SUM(CASE WHEN rating >= 0 AND rating <= 10 AND CAST(rating AS INTEGER) = rating THEN 1 ELSE 0 END), "
          "SUM(CASE WHEN rating >= 9 AND rating <= 10 AND CAST(rating AS INTEGER) = rating THEN 1 ELSE 0 END), "
          "SUM(CASE WHEN rating >= 0 AND rating <= 6 AND CAST(rating AS INTEGER) = rating THEN 1 ELSE 0 END), "
          "COUNT(rating), COALESCE(SUM(rating), 0), "
          "COALESCE(SUM(CASE WHEN sentiment <> '' THEN sentiment_score ELSE 0 END), 0) "
          "FROM feedback WHERE workspace_id = ? "
          "GROUP BY (received_at + 25200000) / 86400000, channel, COALESCE(customer_id, 0), language, sentiment",
          {workspace_}, [&](const store::RowView& row) {
            Cell cell;
            cell.day = row.Int(0);
            cell.channel = row.String(1);
            cell.customer = row.Int(2);
            cell.language = row.String(3);
            cell.sentiment = row.String(4);
            cell.rows = row.Int(5);
            cell.nps_n = row.Int(6);
            cell.promoters = row.Int(7);
            cell.detractors = row.Int(8);
            cell.rating_n = row.Int(9);
            cell.rating_sum = row.Real(10);
            cell.sentiment_sum = row.Real(11);
            cells.push_back(cell);
          }));
      return true;
    });
    EXPECT_TRUE(read) << (read ? "" : read.error().internal);
    return cells;
  }

  json::value GroupValue(const Cell& cell, const std::string& dimension, const std::string& interval) const {
    if (dimension == "channel") return json::value(cell.channel);
    if (dimension == "language") return json::value(cell.language);
    if (dimension == "sentiment") return cell.sentiment.empty() ? json::value(nullptr) : json::value(cell.sentiment);
    if (dimension == "segment") {
      auto found = segment_of_.find(cell.customer);
      return found == segment_of_.end() ? json::value(nullptr) : json::value(found->second);
    }
    // time
    if (interval == "day") return json::value(DayText(cell.day));
    return json::value(MonthText(cell.day));
  }

  // Runs one random query both ways and compares every group.
  void CheckRandomQuery(std::mt19937& random, const std::vector<Cell>& cells, const std::string& label) {
    std::uniform_int_distribution<int> pick(0, 1000);
    const std::vector<std::string> metrics = {"nps", "count", "rating", "sentiment", "negative_share"};
    const std::string metric = metrics[pick(random) % metrics.size()];
    std::vector<std::string> dimensions = {"channel", "segment", "language", "sentiment", "time"};
    std::shuffle(dimensions.begin(), dimensions.end(), random);
    dimensions.resize(pick(random) % 3);
    const std::string interval = pick(random) % 2 ? "month" : "day";
    json::object body{{"metric", metric}};
    json::array group_by;
    for (const auto& dimension : dimensions) group_by.emplace_back(dimension);
    if (!group_by.empty()) body["group_by"] = group_by;
    if (std::find(dimensions.begin(), dimensions.end(), "time") != dimensions.end()) body["interval"] = interval;
    // A range of whole local days (dates are local midnights).
    const std::int64_t today = (core::NowMs() + kOffsetMs) / kDayMs;
    std::int64_t from_day = today - 800 + pick(random) % 700;
    std::int64_t to_day = from_day + 1 + pick(random) % 400;
    if (interval == "day") to_day = std::min(to_day, from_day + 40);  // keep the time fill small
    body["range"] = json::object{{"from", DayText(from_day)}, {"to", DayText(to_day)}};
    std::set<std::string> channel_filter;
    if (pick(random) % 3 == 0) {
      json::array values;
      for (const auto& channel : kChannels) {
        if (pick(random) % 2) {
          channel_filter.insert(channel);
          values.emplace_back(channel);
        }
      }
      if (!values.empty()) body["filters"] = json::object{{"channel", values}};
    }
    std::set<std::string> segment_filter;
    if (pick(random) % 4 == 0) {
      segment_filter.insert(kSegments[pick(random) % kSegments.size()]);
      json::object filters = body.contains("filters") ? body["filters"].as_object() : json::object{};
      filters["segment"] = *segment_filter.begin();
      body["filters"] = filters;
    }
    SCOPED_TRACE(label + " " + json::serialize(body));

    // Expected, from the SQL aggregates.
    struct Totals { std::int64_t rows = 0, nps_n = 0, p = 0, d = 0, rating_n = 0, analysed = 0, negative = 0; double rating_sum = 0, sentiment_sum = 0; };
    std::map<std::string, Totals> expected;
    for (const Cell& cell : cells) {
      if (cell.day < from_day || cell.day >= to_day) continue;
      if (!channel_filter.empty() && !channel_filter.count(cell.channel)) continue;
      if (!segment_filter.empty()) {
        auto found = segment_of_.find(cell.customer);
        if (found == segment_of_.end() || !segment_filter.count(found->second)) continue;
      }
      json::object group;
      for (const auto& dimension : dimensions) group[dimension] = GroupValue(cell, dimension, interval);
      Totals& totals = expected[json::serialize(group)];
      totals.rows += cell.rows;
      totals.nps_n += cell.nps_n;
      totals.p += cell.promoters;
      totals.d += cell.detractors;
      totals.rating_n += cell.rating_n;
      totals.rating_sum += cell.rating_sum;
      if (!cell.sentiment.empty()) {
        totals.analysed += cell.rows;
        totals.sentiment_sum += cell.sentiment_sum;
        if (cell.sentiment == "negative") totals.negative += cell.rows;
      }
    }
    auto expected_n = [&](const Totals& t) {
      if (metric == "nps") return t.nps_n;
      if (metric == "count") return t.rows;
      if (metric == "rating") return t.rating_n;
      return t.analysed;
    };
    auto expected_value = [&](const Totals& t) {
      if (metric == "nps") return 100.0 * static_cast<double>(t.p - t.d) / static_cast<double>(t.nps_n);
      if (metric == "count") return static_cast<double>(t.rows);
      if (metric == "rating") return t.rating_sum / static_cast<double>(t.rating_n);
      if (metric == "sentiment") return t.sentiment_sum / static_cast<double>(t.analysed);
      return 100.0 * static_cast<double>(t.negative) / static_cast<double>(t.analysed);
    };

    auto parsed = metrics::ParseQuery(json::value(body));
    ASSERT_TRUE(parsed) << parsed.error().message;
    auto answer = service_->Query(workspace_, *parsed, core::NowMs());
    ASSERT_TRUE(answer) << answer.error().message;
    std::set<std::string> seen;
    for (const json::value& value : answer->at("rows").as_array()) {
      const json::object& row = value.as_object();
      const std::string key = json::serialize(row.at("group"));
      const std::int64_t n = row.at("n").to_number<std::int64_t>();
      auto found = expected.find(key);
      if (n == 0) {
        // An empty group (time fill) has no value (a count of 0), and SQL has nothing for it.
        if (metric == "count") {
          EXPECT_EQ(row.at("value").to_number<double>(), 0.0) << key;
        } else {
          EXPECT_TRUE(row.at("value").is_null()) << key;
        }
        EXPECT_TRUE(found == expected.end() || expected_n(found->second) == 0) << key;
        continue;
      }
      ASSERT_NE(found, expected.end()) << "a group SQL does not have: " << key;
      seen.insert(key);
      EXPECT_EQ(n, expected_n(found->second)) << key;
      EXPECT_NEAR(row.at("value").to_number<double>(), expected_value(found->second), 1e-3) << key;
    }
    for (const auto& [key, totals] : expected) {
      if (expected_n(totals) > 0) EXPECT_TRUE(seen.count(key)) << "a group the index left out: " << key;
    }
  }

  std::unique_ptr<store::Database> db_;
  core::Id workspace_ = 0;
  std::vector<core::Id> customers_;
  std::map<core::Id, std::string> segment_of_;
  std::mt19937 random_{20261207};
  std::unique_ptr<collect::Surveys> surveys_;
  std::unique_ptr<MetricsService> service_;
};

TEST_P(IndexProperty, RandomQueriesMatchSqlAfterLoadAndAfterLiveWrites) {
  InsertRandomItems(3000);
  surveys_ = std::make_unique<collect::Surveys>(*db_);
  service_ = std::make_unique<MetricsService>(*db_, *surveys_);
  auto stats = service_->LoadWorkspace(workspace_);
  ASSERT_TRUE(stats) << stats.error().message;
  EXPECT_EQ(stats->rows, 3000u);
  EXPECT_GT(stats->bytes, 3000u * 20);

  std::mt19937 queries(7);
  auto cells = SqlCells();
  for (int i = 0; i < 60; ++i) CheckRandomQuery(queries, cells, "after load #" + std::to_string(i));

  // More rows through the commit path's observer: the index must agree with SQL again.
  service_->OnFeedbackCreated(InsertRandomItems(500));
  cells = SqlCells();
  for (int i = 0; i < 60; ++i) CheckRandomQuery(queries, cells, "after live writes #" + std::to_string(i));
}

INSTANTIATE_TEST_SUITE_P(Backends, IndexProperty,
                         ::testing::Values(testing::Backend::kSqlite, testing::Backend::kPostgres),
                         [](const ::testing::TestParamInfo<testing::Backend>& info) {
                           return testing::BackendName(info.param);
                         });

}  // namespace
}  // namespace voxloop::insights
