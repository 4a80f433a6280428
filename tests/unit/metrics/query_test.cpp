#include "metrics/query.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

namespace voxloop::metrics {
namespace {

ResponseRecord Item(core::Id key, core::TimeMs at, int score, const std::string& channel) {
  ResponseRecord record;
  record.key = key;
  record.has_response = true;
  record.at = at;
  record.channel = channel;
  record.scores.push_back({"", ScoreKind::kNps, static_cast<double>(score)});
  return record;
}

TEST(Query, NpsByChannelFromTheIndex) {
  ResponseIndex index("Asia/Ho_Chi_Minh");
  // email: 10, 9, 3 → (2 − 1)/3 = 33.33; chat: 6 → −100.
  index.Load({Item(1, 1000, 10, "email"), Item(2, 2000, 9, "email"), Item(3, 3000, 3, "email"),
              Item(4, 4000, 6, "chat")},
             {});
  auto query = ParseQuery(boost::json::parse(R"({"metric":"nps","group_by":["channel"]})"));
  ASSERT_TRUE(query);
  auto answer = RunQuery(*query, index, 10'000);
  ASSERT_TRUE(answer);
  const auto& rows = answer->at("rows").as_array();
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0].at("group").at("channel").as_string(), "email");
  EXPECT_NEAR(rows[0].at("value").as_double(), 100.0 / 3, 1e-5);
  EXPECT_EQ(rows[1].at("value").as_double(), -100.0);
}

TEST(Query, MonthBucketsUseTheWorkspaceZone) {
  ResponseIndex index("Asia/Ho_Chi_Minh");
  // 2026-01-31T17:30Z is 00:30 on Feb 1 in Ho Chi Minh City (+07:00).
  const core::TimeMs at = *core::ParseRfc3339("2026-01-31T17:30:00Z");
  index.Load({Item(1, at, 10, "email")}, {});
  auto query = ParseQuery(boost::json::parse(R"({"metric":"count","interval":"month"})"));
  ASSERT_TRUE(query);
  auto answer = RunQuery(*query, index, at);
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->at("rows").as_array().at(0).at("group").at("time").as_string(), "2026-02-01");
}

TEST(Query, BadInputNamesTheField) {
  auto query = ParseQuery(boost::json::parse(R"({"metric":"nope"})"));
  ASSERT_FALSE(query);
  EXPECT_EQ(query.error().fields.at(0).field, "metric");
}

}  // namespace
}  // namespace voxloop::metrics
