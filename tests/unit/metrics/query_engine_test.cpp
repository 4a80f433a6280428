// The query engine against hand-computed answers: every metric, empty groups, one response,
// ties, zone edges of weeks and quarters, the previous-period test, loads out of time order,
// and scans large enough to take the two-thread path, with erased rows and filters.
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <array>
#include <map>
#include <string>
#include <vector>

#include "metrics/query.hpp"

namespace voxloop::metrics {
namespace {

namespace json = boost::json;

core::TimeMs At(const char* rfc3339) { return *core::ParseRfc3339(rfc3339); }

ResponseRecord Response(core::Id key, core::TimeMs at, const std::string& channel = "email") {
  ResponseRecord record;
  record.key = key;
  record.has_response = true;
  record.at = at;
  record.channel = channel;
  return record;
}

ResponseRecord WithScore(ResponseRecord record, ScoreKind kind, double value) {
  record.scores.push_back({"", kind, value});
  return record;
}

ResponseRecord WithText(ResponseRecord record, core::SentimentLabel label, double score,
                        std::vector<std::string> topics = {}) {
  record.has_text = true;
  record.item_id = record.key;
  record.sentiment = label;
  record.sentiment_score = score;
  record.topics = std::move(topics);
  return record;
}

json::object Ask(const ResponseIndex& index, const std::string& body, core::TimeMs now = At("2026-06-30T00:00:00Z")) {
  auto query = ParseQuery(json::parse(body));
  EXPECT_TRUE(query) << body;
  if (!query) return {};
  auto answer = RunQuery(*query, index, now);
  EXPECT_TRUE(answer) << body;
  return answer ? *answer : json::object();
}

const json::array& Rows(const json::object& answer) { return answer.at("rows").as_array(); }

double Value(const json::object& answer) { return Rows(answer).at(0).at("value").to_number<double>(); }

TEST(QueryEngine, EveryMetricMatchesHandComputation) {
  ResponseIndex index("UTC");
  const core::TimeMs at = At("2026-03-10T12:00:00Z");
  using core::SentimentLabel;
  index.Load({WithText(WithScore(Response(1, at), ScoreKind::kNps, 10), SentimentLabel::kPositive, 0.8),
              WithText(WithScore(Response(2, at), ScoreKind::kNps, 8), SentimentLabel::kNeutral, 0.0),
              WithText(WithScore(Response(3, at), ScoreKind::kNps, 2), SentimentLabel::kNegative, -0.6),
              WithText(WithScore(Response(4, at), ScoreKind::kNps, 6), SentimentLabel::kNegative, -0.4),
              WithScore(Response(5, at), ScoreKind::kCsat, 5), WithScore(Response(6, at), ScoreKind::kCsat, 4),
              WithScore(Response(7, at), ScoreKind::kCsat, 2), WithScore(Response(8, at), ScoreKind::kCes, 2),
              WithScore(Response(9, at), ScoreKind::kCes, 5), WithScore(Response(10, at), ScoreKind::kRating, 3.5)},
             {});
  // NPS: 1 promoter, 1 passive, 2 detractors of 4 → 100 · (1 − 2) / 4.
  const json::object nps = Ask(index, R"({"metric":"nps"})");
  EXPECT_DOUBLE_EQ(Value(nps), -25.0);
  EXPECT_EQ(Rows(nps).at(0).at("n").as_int64(), 4);
  EXPECT_EQ(Rows(nps).at(0).at("breakdown").at("detractors").as_int64(), 2);
  // CSAT: 2 of 3 answered 4–5.
  EXPECT_NEAR(Value(Ask(index, R"({"metric":"csat"})")), 200.0 / 3, 1e-5);
  EXPECT_DOUBLE_EQ(Value(Ask(index, R"({"metric":"ces"})")), 3.5);
  EXPECT_DOUBLE_EQ(Value(Ask(index, R"({"metric":"rating"})")), 3.5);
  EXPECT_DOUBLE_EQ(Value(Ask(index, R"({"metric":"count"})")), 10.0);
  // Sentiment over the four analysed texts: mean (0.8 + 0 − 0.6 − 0.4) / 4, negative 2 of 4.
  EXPECT_NEAR(Value(Ask(index, R"({"metric":"sentiment"})")), -0.05, 1e-6);
  EXPECT_DOUBLE_EQ(Value(Ask(index, R"({"metric":"negative_share"})")), 50.0);
  EXPECT_DOUBLE_EQ(Value(Ask(index, R"({"metric":"positive_share"})")), 25.0);
}

TEST(QueryEngine, EmptyRangeAndOneResponse) {
  ResponseIndex index("UTC");
  index.Load({WithScore(Response(1, At("2026-03-10T12:00:00Z")), ScoreKind::kNps, 9)}, {});
  // No response in range: the ungrouped row is there, with no value.
  const json::object empty = Ask(index, R"({"metric":"nps","range":{"from":"2025-01-01","to":"2025-02-01"}})");
  ASSERT_EQ(Rows(empty).size(), 1U);
  EXPECT_TRUE(Rows(empty).at(0).at("value").is_null());
  EXPECT_EQ(Rows(empty).at(0).at("n").as_int64(), 0);
  // Grouped, an empty range has no groups at all.
  EXPECT_TRUE(Rows(Ask(index, R"({"metric":"nps","group_by":["channel"],"range":{"from":"2025-01-01","to":"2025-02-01"}})")).empty());
  // One promoter: 100 with an interval collapsed onto it.
  const json::object one = Ask(index, R"({"metric":"nps"})");
  EXPECT_DOUBLE_EQ(Value(one), 100.0);
  EXPECT_DOUBLE_EQ(Rows(one).at(0).at("ci_low").to_number<double>(), 100.0);
}

TEST(QueryEngine, WeeksStartMondayAndQuartersFollowTheZone) {
  ResponseIndex index("Asia/Ho_Chi_Minh");
  // 2026-03-31T17:30Z is 00:30 on Wednesday 1 April in +07:00: second quarter, week of 30 March.
  // 2026-03-29T16:59Z is 23:59 on Sunday 29 March: first quarter, week of 23 March.
  index.Load({WithScore(Response(1, At("2026-03-31T17:30:00Z")), ScoreKind::kNps, 10),
              WithScore(Response(2, At("2026-03-29T16:59:00Z")), ScoreKind::kNps, 0)},
             {});
  const json::object quarters = Ask(index, R"({"metric":"nps","interval":"quarter"})");
  ASSERT_EQ(Rows(quarters).size(), 2U);
  EXPECT_EQ(Rows(quarters)[0].at("group").at("time").as_string(), "2026-01-01");
  EXPECT_DOUBLE_EQ(Rows(quarters)[0].at("value").to_number<double>(), -100.0);
  EXPECT_EQ(Rows(quarters)[1].at("group").at("time").as_string(), "2026-04-01");
  const json::object weeks = Ask(index, R"({"metric":"count","interval":"week"})");
  ASSERT_EQ(Rows(weeks).size(), 2U);
  EXPECT_EQ(Rows(weeks)[0].at("group").at("time").as_string(), "2026-03-23");
  EXPECT_EQ(Rows(weeks)[1].at("group").at("time").as_string(), "2026-03-30");
}

TEST(QueryEngine, TopicGroupsCountARowInEachOfItsTopicsAndTiesKeepFirstSeenOrder) {
  ResponseIndex index("UTC");
  const core::TimeMs at = At("2026-03-10T12:00:00Z");
  using core::SentimentLabel;
  index.Load({WithText(Response(1, at), SentimentLabel::kNegative, -0.5, {"delivery", "price"}),
              WithText(Response(2, at), SentimentLabel::kNegative, -0.5, {"price"}),
              WithText(Response(3, at), SentimentLabel::kPositive, 0.5, {"staff"}),
              WithText(Response(4, at), SentimentLabel::kPositive, 0.5, {"delivery"}),
              WithText(Response(5, at), SentimentLabel::kNeutral, 0.0)},
             {});
  const json::object answer = Ask(index, R"({"metric":"topic_volume","group_by":["topic"]})");
  std::vector<std::pair<std::string, std::int64_t>> seen;
  for (const json::value& row : Rows(answer)) {
    const json::value& topic = row.at("group").at("topic");
    seen.emplace_back(topic.is_null() ? "(none)" : std::string(topic.as_string()), row.at("n").as_int64());
  }
  // delivery and price tie at 2 (delivery seen first), then staff and the row without topics.
  const std::vector<std::pair<std::string, std::int64_t>> expected = {
      {"delivery", 2}, {"price", 2}, {"(none)", 1}, {"staff", 1}};
  EXPECT_EQ(seen, expected);
}

TEST(QueryEngine, ComparedWithThePreviousPeriodTellsARealChangeFromNoise) {
  ResponseIndex index("UTC");
  std::vector<ResponseRecord> records;
  core::Id key = 1;
  // February: 60 promoters, 40 detractors (NPS 20). March: 30 promoters, 70 detractors (−40).
  for (int idx = 0; idx < 100; ++idx) {
    records.push_back(WithScore(Response(key++, At("2026-02-10T12:00:00Z")), ScoreKind::kNps, idx < 60 ? 10 : 0));
    records.push_back(WithScore(Response(key++, At("2026-03-10T12:00:00Z")), ScoreKind::kNps, idx < 30 ? 10 : 0));
  }
  // April: like March but one more promoter in a hundred (noise).
  for (int idx = 0; idx < 100; ++idx) {
    records.push_back(WithScore(Response(key++, At("2026-04-10T12:00:00Z")), ScoreKind::kNps, idx < 31 ? 10 : 0));
  }
  index.Load(std::move(records), {});
  const json::object months =
      Ask(index, R"({"metric":"nps","interval":"month","compare":"previous_period","range":{"from":"2026-03-01","to":"2026-05-01"}})");
  ASSERT_EQ(Rows(months).size(), 2U);
  const json::object& march = Rows(months)[0].as_object();
  EXPECT_EQ(march.at("group").at("time").as_string(), "2026-03-01");
  EXPECT_DOUBLE_EQ(march.at("previous").at("value").to_number<double>(), 20.0);
  EXPECT_DOUBLE_EQ(march.at("change").to_number<double>(), -60.0);
  EXPECT_TRUE(march.at("significant").as_bool());
  const json::object& april = Rows(months)[1].as_object();
  EXPECT_DOUBLE_EQ(april.at("change").to_number<double>(), 2.0);
  EXPECT_FALSE(april.at("significant").as_bool());
}

// Many rows, loaded out of time order in chunks, some erased, counted with and without a filter:
// the answer equals counts made here row by row.
TEST(QueryEngine, LargeScansMatchRowByRowCounts) {
  constexpr int kRows = 600'000;  // above the two-thread threshold
  ResponseIndex index("Asia/Shanghai");
  std::vector<std::pair<core::Id, CustomerAttributes>> customers;
  for (int customer = 1; customer <= 50; ++customer) {
    customers.push_back({customer, {{"segment", customer % 2 == 0 ? "smb" : "enterprise"}}});
  }
  index.Load({}, customers);
  const core::TimeMs start = At("2025-07-01T00:00:00Z");
  const core::TimeMs step = 365LL * 86'400'000 / kRows;
  // (month label, segment, channel) → promoters, detractors, n
  using Counts = std::map<std::tuple<std::string, std::string, std::string>, std::array<std::int64_t, 3>>;
  Counts expected, before_erasure;
  ZoneCalendar calendar("Asia/Shanghai");
  std::vector<ResponseRecord> chunk;
  for (int idx = 0; idx < kRows; ++idx) {
    // Reverse time order: the load must sort for its zone maps.
    const core::TimeMs at = start + static_cast<core::TimeMs>(kRows - 1 - idx) * step;
    const std::string channel = idx % 3 == 0 ? "chat" : "email";
    ResponseRecord record = Response(idx + 1, at, channel);
    record.customer_id = idx % 50 + 1;
    const int score = idx % 11;
    record.scores.push_back({"", ScoreKind::kNps, static_cast<double>(score)});
    chunk.push_back(std::move(record));
    if (chunk.size() == 8192) index.AddLoaded(chunk);
    const std::int32_t month = ZoneCalendar::BucketStart(calendar.LocalDay(at), Interval::kMonth);
    for (Counts* counts_of : {&before_erasure, &expected}) {
      if (counts_of == &expected && idx % 7 == 0) continue;  // erased below
      auto& counts = (*counts_of)[{FormatLocalDay(month), (idx % 50 + 1) % 2 == 0 ? "smb" : "enterprise", channel}];
      counts[0] += score >= 9;
      counts[1] += score <= 6;
      counts[2] += 1;
    }
  }
  index.AddLoaded(chunk);
  index.FinishLoad();
  // Grouped by month and segment, by month alone, then the same after erasures.
  auto check = [&](const Counts& counts, const std::string& channel, bool by_segment) {
    const std::string filter = channel.empty() ? "" : R"(,"filters":{"channel":[")" + channel + "\"]}";
    const std::string group = by_segment ? R"("group_by":["segment"],)" : "";
    const json::object answer = Ask(index, R"({"metric":"nps",)" + group + R"("interval":"month")" + filter + "}",
                                    At("2026-06-30T00:00:00Z"));
    std::map<std::pair<std::string, std::string>, std::array<std::int64_t, 3>> want;
    for (const auto& [key, cell] : counts) {
      if (!channel.empty() && std::get<2>(key) != channel) continue;
      auto& sum = want[{std::get<0>(key), by_segment ? std::get<1>(key) : ""}];
      for (int field = 0; field < 3; ++field) sum[field] += cell[field];
    }
    std::map<std::pair<std::string, std::string>, std::array<std::int64_t, 3>> got;
    for (const json::value& row : Rows(answer)) {
      if (row.at("n").as_int64() == 0) continue;
      const json::object& group_of = row.at("group").as_object();
      const json::value* segment = group_of.if_contains("segment");
      const json::object& breakdown = row.at("breakdown").as_object();
      got[{std::string(group_of.at("time").as_string()),
           segment == nullptr || segment->is_null() ? "" : std::string(segment->as_string())}] =
          {breakdown.at("promoters").as_int64(), breakdown.at("detractors").as_int64(), row.at("n").as_int64()};
    }
    EXPECT_EQ(got, want) << "channel filter: " << channel << ", by segment: " << by_segment;
  };
  check(before_erasure, "", true);
  check(before_erasure, "", false);
  check(before_erasure, "chat", true);
  std::vector<core::Id> erased;
  for (int idx = 0; idx < kRows; idx += 7) erased.push_back(idx + 1);
  index.EnqueueErasure(erased);
  index.ApplyPending("Asia/Shanghai");
  // A record for an existing key after the sort changes that row, not a new one.
  index.Enqueue({WithScore(Response(2, start + static_cast<core::TimeMs>(kRows - 2) * step, "email"), ScoreKind::kNps, 1)});
  index.ApplyPending("Asia/Shanghai");
  {
    // Row 2 (idx 1) was customer 2 (smb), email, score 1; now it has no customer.
    const core::TimeMs at = start + static_cast<core::TimeMs>(kRows - 2) * step;
    const std::int32_t month = ZoneCalendar::BucketStart(calendar.LocalDay(at), Interval::kMonth);
    auto& before = expected[{FormatLocalDay(month), "smb", "email"}];
    before[1] -= 1;
    before[2] -= 1;
    auto& after = expected[{FormatLocalDay(month), "", "email"}];
    after[1] += 1;
    after[2] += 1;
  }

  check(expected, "", true);
  check(expected, "", false);
  check(expected, "chat", true);
}

}  // namespace
}  // namespace voxloop::metrics
