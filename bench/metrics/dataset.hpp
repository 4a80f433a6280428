// Dataset: the customers and responses of the metrics benchmark (bench/parts/metrics.sh), each
// row a pure function of (shape, index). Row i is the same whichever program asks for it and in
// whatever order, so the SQLite load, the PostgreSQL COPY stream and any checker hold
// identical rows without sharing a file.
//
// Shape of the data: `responses` feedback items (not part of survey responses) received over
// `span_ms` ending at `end_ms`, evenly spread and strictly increasing in time, each with a
// whole 0–10 rating (an NPS answer by the engine's rule), one of 8 channels, a customer drawn
// uniformly from `customers`, whose `segment` attribute is one of 20 (unequal sizes); the
// promoter share depends on the segment and drifts with the season, so the NPS table is not
// flat. Ids follow core/id.hpp (41 bits ms since 2024-01-01, 8 bits node, 14 bits sequence):
// customers on node 1, feedback on node 2.
//
// Immutable after construction; thread-safe.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <charconv>
#include <stdexcept>
#include <string>
#include <string_view>

namespace voxloop::bench {

// A command-line flag's integer value; std::invalid_argument naming the flag otherwise.
inline std::int64_t ParseInt(const std::string& flag, const char* text) {
  std::int64_t value = 0;
  const char* end = text + std::strlen(text);
  const auto [ptr, error] = std::from_chars(text, end, value);
  if (error != std::errc{} || ptr != end) throw std::invalid_argument(flag + ": not an integer");
  return value;
}

inline constexpr std::int64_t kIdEpochMs = 1704067200000;  // 2024-01-01T00:00:00Z
inline constexpr std::int64_t kDayMs = 86400000;
inline constexpr int kSegments = 20;
inline constexpr std::array<std::string_view, 8> kChannels = {
    "survey", "web_form", "widget", "email", "chat", "review", "social", "phone"};
inline constexpr std::array<double, 8> kChannelWeights = {0.25, 0.10, 0.10, 0.20,
                                                          0.15, 0.10, 0.05, 0.05};
inline constexpr std::array<std::string_view, 3> kLanguages = {"vi", "zh", "en"};
inline constexpr std::array<double, 3> kLanguageWeights = {0.5, 0.2, 0.3};
inline constexpr std::array<std::string_view, 4> kPlans = {"free", "starter", "pro",
                                                           "enterprise"};
inline constexpr std::array<std::string_view, 3> kSentiments = {"negative", "neutral",
                                                                "positive"};
// Topics of the default taxonomy (src/analysis/assets/taxonomy/default.json).
inline constexpr std::array<std::string_view, 16> kTopics = {
    "delivery/late",       "delivery/damaged",   "delivery/wrong_item", "delivery/courier",
    "price/expensive",     "price/value",        "price/promotion",     "product/quality",
    "product/defect",      "service/wait_time",  "service/helpfulness", "service/staff_attitude",
    "billing/refund",      "billing/payment",    "app_website/bug",     "app_website/login"};
inline constexpr double kShareWithTopic = 0.55;

struct DatasetShape {
  std::int64_t responses = 10'000'000;
  std::int64_t customers = 200'000;
  std::int64_t end_ms = 0;                // exclusive
  std::int64_t span_ms = 730 * kDayMs;    // 2 years
  std::uint64_t seed = 20260101;
};

struct BenchCustomer {
  std::int64_t id = 0;
  int segment = 0;  // 0…kSegments-1, rendered "seg-07"
  std::string_view plan;
  std::int64_t created_at = 0;
};

struct Phrase {
  std::string_view text;
  std::string_view folded;  // what the analysis stores as search_text (lower case, no marks)
};

struct BenchResponse {
  std::int64_t id = 0;
  std::int64_t received_at = 0;
  std::int64_t customer_id = 0;
  int channel = 0;    // index into kChannels
  int rating = 0;     // 0–10
  int language = 0;   // index into kLanguages
  int sentiment = 0;  // index into kSentiments
  double sentiment_score = 0.0;
  int topic = -1;     // index into kTopics, −1 for none
  Phrase phrase;
};

// A small counter-based generator: draws for one row come from its own stream.
class RowRandom {
 public:
  RowRandom(std::uint64_t seed, std::uint64_t stream, std::uint64_t row)
      : state_(Mix(seed ^ Mix(stream * 0x9E3779B97F4A7C15ULL + row))) {}
  std::uint64_t Next() { return Mix(state_ += 0x9E3779B97F4A7C15ULL); }
  // Uniform in [0, 1).
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  // Uniform in [0, bound); bound > 0.
  std::int64_t Below(std::int64_t bound) {
    return static_cast<std::int64_t>(Uniform() * static_cast<double>(bound));
  }
  template <std::size_t kSize>
  int Weighted(const std::array<double, kSize>& weights) {
    double u = Uniform();
    for (std::size_t choice = 0; choice + 1 < kSize; ++choice) {
      if (u < weights[choice]) return static_cast<int>(choice);
      u -= weights[choice];
    }
    return static_cast<int>(kSize - 1);
  }

 private:
  static std::uint64_t Mix(std::uint64_t x) {  // splitmix64's finaliser
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
  }
  std::uint64_t state_;
};

// Requires: node < 256, sequence < 16384, ms_since_2024 ≥ 0.
inline std::int64_t MakeId(std::int64_t unix_ms, std::int64_t node, std::int64_t sequence) {
  return ((unix_ms - kIdEpochMs) << 22) | (node << 14) | sequence;
}

// Short texts per language (vi, zh, en) and sentiment (negative, neutral, positive).
inline const Phrase& PickPhrase(int language, int sentiment, std::uint64_t draw) {
  static constexpr Phrase kPhrases[3][3][3] = {
      {{{"Giao hàng quá chậm, chờ cả tuần.", "giao hang qua cham, cho ca tuan."},
        {"Nhân viên thái độ không tốt.", "nhan vien thai do khong tot."},
        {"Ứng dụng bị lỗi khi thanh toán.", "ung dung bi loi khi thanh toan."}},
       {{"Bình thường, không có gì đặc biệt.", "binh thuong, khong co gi dac biet."},
        {"Giá hơi cao nhưng chấp nhận được.", "gia hoi cao nhung chap nhan duoc."},
        {"Giao hàng đúng hẹn.", "giao hang dung hen."}},
       {{"Sản phẩm chất lượng tốt, sẽ mua lại!", "san pham chat luong tot, se mua lai!"},
        {"Nhân viên hỗ trợ rất nhiệt tình.", "nhan vien ho tro rat nhiet tinh."},
        {"Giao hàng nhanh, đóng gói cẩn thận.", "giao hang nhanh, dong goi can than."}}},
      {{{"快递太慢了，等了一个星期。", "快递太慢了，等了一个星期。"},
        {"客服态度很差。", "客服态度很差。"},
        {"付款时应用崩溃了。", "付款时应用崩溃了。"}},
       {{"还行，一般般。", "还行，一般般。"},
        {"价格有点贵，但还可以。", "价格有点贵，但还可以。"},
        {"按时送到了。", "按时送到了。"}},
       {{"质量不错，会推荐给朋友。", "质量不错，会推荐给朋友。"},
        {"客服很耐心，问题很快解决了。", "客服很耐心，问题很快解决了。"},
        {"物流很快，包装很好。", "物流很快，包装很好。"}}},
      {{{"Delivery was late again.", "delivery was late again."},
        {"The app keeps crashing at checkout.", "the app keeps crashing at checkout."},
        {"Still waiting for my refund.", "still waiting for my refund."}},
       {{"It was okay, nothing special.", "it was okay, nothing special."},
        {"A bit pricey but fine.", "a bit pricey but fine."},
        {"Arrived on the expected day.", "arrived on the expected day."}},
       {{"Great quality, will buy again!", "great quality, will buy again!"},
        {"The support agent solved it in minutes.", "the support agent solved it in minutes."},
        {"Fast delivery and careful packing.", "fast delivery and careful packing."}}}};
  return kPhrases[language][sentiment][draw % 3];
}

class Dataset {
 public:
  explicit Dataset(const DatasetShape& shape) : shape_(shape) {
    if (shape.responses <= 0 || shape.customers <= 0 || shape.responses >= (1LL << 31) ||
        shape.customers > (1LL << 30)) {
      throw std::invalid_argument("responses must be in 1…2^31−1 and customers in 1…2^30");
    }
    if (shape.span_ms < shape.responses) {
      throw std::invalid_argument("more responses than milliseconds in the span");
    }
    if (start_ms() - kDayMs - 1 < kIdEpochMs) {
      throw std::invalid_argument("the data would start before 2024-01-01 (the id epoch)");
    }
  }

  const DatasetShape& shape() const { return shape_; }
  std::int64_t start_ms() const { return shape_.end_ms - shape_.span_ms; }

  std::int64_t CustomerId(std::int64_t customer_idx) const {
    const std::int64_t created_at = start_ms() - kDayMs;
    return MakeId(created_at + (customer_idx >> 14), 1, customer_idx & 16383);
  }

  BenchCustomer Customer(std::int64_t customer_idx) const {
    RowRandom random(shape_.seed, 1, static_cast<std::uint64_t>(customer_idx));
    BenchCustomer customer;
    customer.id = CustomerId(customer_idx);
    customer.created_at = start_ms() - kDayMs + (customer_idx >> 14);
    // Unequal segment sizes: seg-00 holds ~15% of the customers, seg-19 ~3%.
    customer.segment =
        std::min(kSegments - 1, static_cast<int>(kSegments * std::pow(random.Uniform(), 1.6)));
    customer.plan = kPlans[static_cast<std::size_t>(random.Below(kPlans.size()))];
    return customer;
  }

  // The segment of a customer without building the rest of the row.
  int CustomerSegment(std::int64_t customer_idx) const { return Customer(customer_idx).segment; }

  BenchResponse Response(std::int64_t response_idx) const {
    RowRandom random(shape_.seed, 2, static_cast<std::uint64_t>(response_idx));
    BenchResponse response;
    // Row i lies in [start + ⌊i·span/N⌋, start + ⌊i·span/N⌋ + ⌊span/N⌋): strictly increasing.
    // ⌊i·span/N⌋ = i·⌊span/N⌋ + ⌊i·(span mod N)/N⌋, without overflowing for i < N < 2^31.
    const std::int64_t step = shape_.span_ms / shape_.responses;
    const std::int64_t slot = response_idx * step +
                              response_idx * (shape_.span_ms % shape_.responses) / shape_.responses;
    response.received_at = start_ms() + slot + random.Below(step);
    response.id = MakeId(response.received_at, 2, 0);
    const std::int64_t customer_idx = random.Below(shape_.customers);
    response.customer_id = CustomerId(customer_idx);
    response.channel = random.Weighted(kChannelWeights);
    response.language = random.Weighted(kLanguageWeights);

    const int segment = CustomerSegment(customer_idx);
    const double season =
        std::sin(6.283185307179586 * static_cast<double>(response.received_at) / (365.25 * kDayMs));
    const double promoter_share = 0.42 + 0.012 * (segment - 9.5) + 0.05 * season;
    const double passive_share = 0.27;
    const double u = random.Uniform();
    int nps_class;  // 0 detractor, 1 passive, 2 promoter
    if (u < promoter_share) {
      nps_class = 2;
      response.rating = random.Uniform() < 0.55 ? 10 : 9;
    } else if (u < promoter_share + passive_share) {
      nps_class = 1;
      response.rating = random.Uniform() < 0.5 ? 8 : 7;
    } else {
      nps_class = 0;
      static constexpr int kDetractorRatings[] = {0, 1, 2, 3, 4, 5, 5, 6, 6, 6};
      response.rating = kDetractorRatings[random.Below(10)];
    }

    static constexpr std::array<std::array<double, 3>, 3> kSentimentByClass = {
        {{0.75, 0.20, 0.05}, {0.15, 0.60, 0.25}, {0.05, 0.15, 0.80}}};
    response.sentiment = random.Weighted(kSentimentByClass[static_cast<std::size_t>(nps_class)]);
    const double magnitude = 0.3 + 0.65 * random.Uniform();
    response.sentiment_score = response.sentiment == 0   ? -magnitude
                               : response.sentiment == 2 ? magnitude
                                                         : 0.4 * random.Uniform() - 0.2;
    response.sentiment_score = std::round(response.sentiment_score * 1000.0) / 1000.0;
    if (random.Uniform() < kShareWithTopic) {
      response.topic = static_cast<int>(random.Below(kTopics.size()));
    }
    response.phrase = PickPhrase(response.language, response.sentiment, random.Next());
    return response;
  }

 private:
  DatasetShape shape_;
};

// "seg-07"
inline std::string SegmentName(int segment) {
  std::string name = "seg-00";
  name[4] = static_cast<char>('0' + segment / 10);
  name[5] = static_cast<char>('0' + segment % 10);
  return name;
}

// {"segment":"seg-07","plan":"pro"}
inline std::string CustomerAttributesJson(const BenchCustomer& customer) {
  std::string json = R"({"segment":")";
  json += SegmentName(customer.segment);
  json += R"(","plan":")";
  json += customer.plan;
  json += R"("})";
  return json;
}

// ["delivery/late"] or []
inline std::string TopicsJson(int topic) {
  if (topic < 0) return "[]";
  std::string json = "[\"";
  json += kTopics[static_cast<std::size_t>(topic)];
  json += "\"]";
  return json;
}

}  // namespace voxloop::bench
