#include "analysis/taxonomy.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace voxloop::analysis {
namespace {

std::vector<std::string> Topics(std::string_view text, std::string_view language) {
  return Taxonomy::Default().Match(Segment(text, language));
}

bool Has(const std::vector<std::string>& topics, const std::string& topic) {
  return std::find(topics.begin(), topics.end(), topic) != topics.end();
}

TEST(TaxonomyTest, DefaultCoversCustomerFeedbackInThreeLanguages) {
  const Taxonomy& taxonomy = Taxonomy::Default();
  for (const char* path : {"product", "price", "delivery", "delivery/late", "service",
                           "service/staff_attitude", "billing", "billing/refund", "app_website",
                           "app_website/bug"}) {
    EXPECT_TRUE(taxonomy.Contains(path)) << path;
  }
  for (const TopicCategory& category : taxonomy.categories()) {
    for (const char* language : {"en", "vi", "zh"}) {
      EXPECT_TRUE(category.names.count(language)) << category.path << " " << language;
    }
  }
}

TEST(TaxonomyTest, MatchesRealComments) {
  EXPECT_TRUE(Has(Topics("Giao hàng quá chậm, đợi 2 tiếng", "vi"), "delivery/late"));
  EXPECT_TRUE(Has(Topics("giao hang cham qua", "vi"), "delivery/late"));
  EXPECT_TRUE(Has(Topics("nhân viên thái độ rất tệ", "vi"), "service/staff_attitude"));
  EXPECT_TRUE(Has(Topics("送餐太慢了", "zh"), "delivery/late"));
  EXPECT_TRUE(Has(Topics("外賣送得很慢", "zh"), "delivery/late"));
  const auto app = Topics("The app keeps crashing when I pay", "en");
  EXPECT_TRUE(Has(app, "app_website/bug"));
  EXPECT_TRUE(Has(app, "billing/payment"));
  const auto price = Topics("too expensive for the quality", "en");
  EXPECT_TRUE(Has(price, "price/expensive"));
  EXPECT_TRUE(Has(price, "product/quality"));
  EXPECT_TRUE(Has(Topics("my flight was delayed and my bags were lost", "en"), "travel/baggage"));
  EXPECT_TRUE(Topics("hôm nay trời đẹp", "vi").empty());
}

TEST(TaxonomyTest, AChildMatchHidesItsParent) {
  const auto topics = Topics("giao hàng trễ", "vi");
  EXPECT_TRUE(Has(topics, "delivery/late"));
  EXPECT_FALSE(Has(topics, "delivery"));
  EXPECT_TRUE(Has(Topics("giao hàng ổn", "vi"), "delivery"));
}

TEST(TaxonomyTest, KeywordsWithDiacriticsMatchOnlyExactly) {
  // "giáo trình" (curriculum) must not read as "giao" (deliver).
  EXPECT_FALSE(Has(Topics("giáo trình hay", "vi"), "delivery"));
}

TEST(TaxonomyTest, ParsesValidatesAndRoundTrips) {
  const char* json = R"({"categories":[{"id":"delivery","name":{"en":"Delivery"},
    "keywords":{"en":["delivery"]},"children":[{"id":"late","name":{"en":"Late"},"keywords":{"en":["late"]}}]}]})";
  auto parsed = Taxonomy::FromJson(json);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_TRUE(parsed->Contains("delivery/late"));
  auto again = Taxonomy::FromJson(parsed->ToJson());
  ASSERT_TRUE(again);
  EXPECT_EQ(again->ToJson(), parsed->ToJson());
  EXPECT_EQ(again->Match(Segment("the delivery was late", "en")), std::vector<std::string>{"delivery/late"});
  EXPECT_EQ(Taxonomy::FromJson(Taxonomy::Default().ToJson())->categories().size(),
            Taxonomy::Default().categories().size());
}

TEST(TaxonomyTest, ErrorsNameTheField) {
  auto field_of = [](std::string_view json) {
    auto parsed = Taxonomy::FromJson(json);
    EXPECT_FALSE(parsed);
    return parsed ? std::string() : (parsed.error().fields.empty() ? std::string("-") : parsed.error().fields[0].field);
  };
  EXPECT_EQ(field_of(R"({"categories":[{"id":"ok"},{"id":"Bad Id"}]})"), "categories[1].id");
  EXPECT_EQ(field_of(R"({"categories":[{"id":"a"},{"id":"a"}]})"), "categories[1].id");
  EXPECT_EQ(field_of(R"({"categories":[{"id":"a","children":[{"id":"b","keywords":{"en":"late"}}]}]})"),
            "categories[0].children[0].keywords.en");
  EXPECT_EQ(field_of(R"({"categories":[{"id":"a","children":[{"id":"b","children":[{"id":"c","children":[{"id":"d"}]}]}]}]})"),
            "categories[0].children[0].children[0].children");
  EXPECT_EQ(field_of(R"({"categories":[{"id":"a","colour":"red"}]})"), "categories[0].colour");
  EXPECT_EQ(field_of(R"({"nope":1})"), "categories");
  EXPECT_FALSE(Taxonomy::FromJson("not json"));
}

// Share of dev lines that get at least one topic from the default taxonomy. The taxonomy is
// generic and these label sets are dataset-specific (for trained models), so only a low floor
// is asserted; the figures are printed for tuning.
TEST(TaxonomyTest, DefaultCoversAShareOfEachDevSet) {
  const std::string root = std::string(VOXLOOP_SOURCE_DIR) + "/../shared/datasets/";
  const std::vector<std::pair<std::string, std::string>> sets{
      {"airline-tweets/dev.topic.tsv", "en"},
      {"online-shopping-10cats/dev.topic.tsv", "zh"},
      {"uit-vsfc/dev.topic.tsv", "vi"}};
  for (const auto& [file_name, language] : sets) {
    std::ifstream file(root + file_name);
    if (!file) GTEST_SKIP() << "no datasets at " << root;
    std::size_t lines = 0;
    std::size_t covered = 0;
    for (std::string line; std::getline(file, line);) {
      const std::size_t tab = line.rfind('\t');
      if (tab == std::string::npos) continue;
      ++lines;
      if (!Topics(std::string_view(line).substr(0, tab), language).empty()) ++covered;
    }
    ASSERT_GT(lines, 0u) << file_name;
    const double coverage = static_cast<double>(covered) / static_cast<double>(lines);
    std::printf("[ coverage ] %s: %.1f%% of %zu lines\n", file_name.c_str(), 100.0 * coverage,
                lines);
    EXPECT_GE(coverage, 0.30) << file_name;
  }
}

}  // namespace
}  // namespace voxloop::analysis
