// Analysis throughput on one thread: each pipeline stage and the full AnalyzeText(), in items
// per second, over a fixed mix of generated Vietnamese, Chinese and English feedback of short,
// medium and long length (no dataset needed). Run through bench/parts/analysis.sh (make bench).
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "analysis/classifier.hpp"
#include "analysis/engine.hpp"
#include "analysis/key_phrases.hpp"
#include "analysis/language.hpp"
#include "analysis/pii.hpp"
#include "analysis/sentiment.hpp"
#include "analysis/taxonomy.hpp"
#include "analysis/text.hpp"

namespace voxloop::analysis {
namespace {

struct Phrases {
  std::vector<std::string> positive, negative, neutral;
  std::string separator;  // between clauses
};

const Phrases& Vietnamese() {
  static const Phrases phrases{
      {"giao hàng rất nhanh", "sản phẩm tốt, đúng như mô tả", "nhân viên nhiệt tình và thân thiện",
       "đóng gói cẩn thận", "giá cả hợp lý", "app dễ dùng", "chất lượng tuyệt vời", "shop tư vấn nhiệt tình",
       "san pham rat tot", "hài lòng lắm 😍"},
      {"giao hàng quá chậm", "hàng bị hỏng khi nhận", "nhân viên thái độ không tốt", "thanh toán bị lỗi hai lần",
       "ứng dụng hay bị treo", "giá quá đắt so với chất lượng", "không bao giờ mua lại", "chờ hoàn tiền cả tuần",
       "giao hang cham qua", "thất vọng quá 😡"},
      {"tôi đặt hàng hôm thứ hai", "đơn hàng gồm hai áo", "shipper gọi trước khi giao", "tôi dùng bản android",
       "mua cho mẹ dùng"},
      ", "};
  return phrases;
}

const Phrases& Chinese() {
  static const Phrases phrases{
      {"送货很快", "质量非常好", "客服态度很好", "包装很仔细", "价格实惠", "味道不错，下次还会再来",
       "物流速度快", "服務很好"},
      {"送货太慢了", "东西坏了", "客服态度很差", "重复扣款了两次", "应用总是闪退", "太贵了，不值这个价",
       "等了两个小时还没到", "再也不买了😡"},
      {"我周一下的单", "买了两件衣服", "骑手提前打了电话", "用的是安卓版"},
      "，"};
  return phrases;
}

const Phrases& English() {
  static const Phrases phrases{
      {"delivery was super fast", "great quality, exactly as described", "the staff were friendly and helpful",
       "carefully packed", "fair price", "the app is easy to use", "sooo good :)", "would definitely buy again"},
      {"delivery was way too slow", "the item arrived broken", "customer service was rude",
       "I was charged twice", "the app keeps crashing", "not worth the price", "still waiting for my refund",
       "never again :("},
      {"I ordered on Monday", "the order had two shirts", "the driver called before arriving",
       "I use the android app"},
      ", "};
  return phrases;
}

// A feedback text of `clauses` clauses; one in eight carries an e-mail or a phone number.
std::string Feedback(const Phrases& phrases, int clauses, std::mt19937& rng) {
  std::string text;
  for (int clause_idx = 0; clause_idx < clauses; ++clause_idx) {
    const int kind = static_cast<int>(rng() % 3);
    const auto& pool = kind == 0 ? phrases.positive : kind == 1 ? phrases.negative : phrases.neutral;
    if (!text.empty()) text += (clause_idx % 4 == 0) ? std::string(". ") : phrases.separator;
    text += pool[rng() % pool.size()];
  }
  if (rng() % 8 == 0) text += rng() % 2 ? " liên hệ 0912 345 678" : " mail me: khach.hang@example.com";
  return text;
}

// 600 texts: vi, zh, en × short (1–2 clauses), medium (3–6), long (15–30), mostly short.
const std::vector<std::string>& Texts() {
  static const std::vector<std::string> texts = [] {
    std::mt19937 rng(7);
    std::vector<std::string> out;
    for (const Phrases* phrases : {&Vietnamese(), &Chinese(), &English()}) {
      for (int idx = 0; idx < 200; ++idx) {
        const int length_kind = idx % 10;  // 6 short, 3 medium, 1 long
        const int clauses = length_kind < 6 ? 1 + static_cast<int>(rng() % 2)
                            : length_kind < 9 ? 3 + static_cast<int>(rng() % 4)
                                              : 15 + static_cast<int>(rng() % 16);
        out.push_back(Feedback(*phrases, clauses, rng));
      }
    }
    return out;
  }();
  return texts;
}

struct Prepared {
  std::vector<std::string> languages;
  std::vector<Segmented> segmented;
};

const Prepared& PreparedTexts() {
  static const Prepared prepared = [] {
    Prepared out;
    for (const std::string& text : Texts()) {
      out.languages.push_back(DetectLanguage(text).code);
      out.segmented.push_back(Segment(text, out.languages.back()));
    }
    return out;
  }();
  return prepared;
}

// A sentiment model trained on generated texts labelled by the clause pool they came from.
const TextClassifier& SentimentModel() {
  static const TextClassifier model = [] {
    std::vector<LabelledText> examples;
    for (const Phrases* phrases : {&Vietnamese(), &Chinese(), &English()}) {
      for (const auto& text : phrases->positive) examples.push_back({text, "positive"});
      for (const auto& text : phrases->negative) examples.push_back({text, "negative"});
      for (const auto& text : phrases->neutral) examples.push_back({text, "neutral"});
    }
    return *TextClassifier::Train(examples, TrainOptions{});
  }();
  return model;
}

template <typename Stage>
void RunOverTexts(benchmark::State& state, Stage stage) {
  const std::size_t n = Texts().size();
  std::size_t idx = 0;
  for (auto _ : state) {
    stage(idx);
    idx = idx + 1 == n ? 0 : idx + 1;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void BM_DetectLanguage(benchmark::State& state) {
  RunOverTexts(state, [](std::size_t idx) { benchmark::DoNotOptimize(DetectLanguage(Texts()[idx])); });
}
BENCHMARK(BM_DetectLanguage);

void BM_Segment(benchmark::State& state) {
  const Prepared& prepared = PreparedTexts();
  RunOverTexts(state, [&](std::size_t idx) {
    benchmark::DoNotOptimize(Segment(Texts()[idx], prepared.languages[idx]));
  });
}
BENCHMARK(BM_Segment);

void BM_ScoreSentiment(benchmark::State& state) {
  const Prepared& prepared = PreparedTexts();
  RunOverTexts(state, [&](std::size_t idx) { benchmark::DoNotOptimize(ScoreSentiment(prepared.segmented[idx])); });
}
BENCHMARK(BM_ScoreSentiment);

void BM_TaxonomyMatch(benchmark::State& state) {
  const Prepared& prepared = PreparedTexts();
  const Taxonomy& taxonomy = Taxonomy::Default();
  RunOverTexts(state, [&](std::size_t idx) { benchmark::DoNotOptimize(taxonomy.Match(prepared.segmented[idx])); });
}
BENCHMARK(BM_TaxonomyMatch);

void BM_ExtractKeyPhrases(benchmark::State& state) {
  const Prepared& prepared = PreparedTexts();
  RunOverTexts(state, [&](std::size_t idx) {
    benchmark::DoNotOptimize(ExtractKeyPhrases(prepared.segmented[idx], 5));
  });
}
BENCHMARK(BM_ExtractKeyPhrases);

void BM_FindAndRedactPii(benchmark::State& state) {
  RunOverTexts(state, [](std::size_t idx) {
    const std::string& text = Texts()[idx];
    benchmark::DoNotOptimize(RedactPii(text, FindPii(text)));
  });
}
BENCHMARK(BM_FindAndRedactPii);

void BM_FoldForSearch(benchmark::State& state) {
  RunOverTexts(state, [](std::size_t idx) { benchmark::DoNotOptimize(FoldForSearch(Texts()[idx])); });
}
BENCHMARK(BM_FoldForSearch);

void BM_TrainedModelPredict(benchmark::State& state) {
  const TextClassifier& model = SentimentModel();
  RunOverTexts(state, [&](std::size_t idx) { benchmark::DoNotOptimize(model.Predict(Texts()[idx], 1)); });
}
BENCHMARK(BM_TrainedModelPredict);

void BM_AnalyzeTextBuiltIn(benchmark::State& state) {
  const WorkspaceModels models = WorkspaceModels::BuiltIn();
  RunOverTexts(state, [&](std::size_t idx) { benchmark::DoNotOptimize(AnalyzeText(Texts()[idx], models)); });
}
BENCHMARK(BM_AnalyzeTextBuiltIn);

void BM_AnalyzeTextWithTrainedModels(benchmark::State& state) {
  WorkspaceModels models = WorkspaceModels::BuiltIn();
  models.sentiment = TrainedModel{SentimentModel(), "bench"};
  models.sentiment_serving = SentimentServing::kBlend;
  models.topics = TrainedModel{SentimentModel(), "bench"};  // cost is the same for any labels
  RunOverTexts(state, [&](std::size_t idx) { benchmark::DoNotOptimize(AnalyzeText(Texts()[idx], models)); });
}
BENCHMARK(BM_AnalyzeTextWithTrainedModels);

}  // namespace
}  // namespace voxloop::analysis

BENCHMARK_MAIN();
