// Survey core throughput: what one request to the hosted page or the public JSON endpoint
// costs in CPU before any I/O. Run through bench/parts/collect.sh (make bench).
#include <benchmark/benchmark.h>

#include "collect/answers.hpp"
#include "collect/page_render.hpp"
#include "collect/response_export.hpp"
#include "collect/survey_json.hpp"
#include "collect/survey_templates.hpp"

namespace voxloop::collect {
namespace {

SurveyDefinition Nps() { return *SurveyFromTemplate("nps", ""); }

void BM_ParseDefinition(benchmark::State& state) {
  const std::string text = boost::json::serialize(SurveyDefinitionToJson(Nps()));
  for (auto _ : state) benchmark::DoNotOptimize(ParseSurveyDefinitionText(text));
}
BENCHMARK(BM_ParseDefinition);

void BM_RenderStepPage(benchmark::State& state) {
  const auto definition = Nps();
  PageContext context;
  context.language = "vi";
  context.form_action = "/s/1";
  context.page_url = "/s/1";
  context.session_token = "session";
  const AnswerSet answers{{{"nps", 4}}, {}};
  for (auto _ : state) benchmark::DoNotOptimize(RenderStepPage(definition, context, answers, "improve"));
}
BENCHMARK(BM_RenderStepPage);

void BM_ValidateCompleteAnswers(benchmark::State& state) {
  const auto definition = Nps();
  const boost::json::value answers = boost::json::parse(
      R"({"nps": 4, "reason": "Giao hàng chậm", "improve": "Gọi lại khách", "contact": true})");
  for (auto _ : state) {
    benchmark::DoNotOptimize(ValidateAnswers(definition, answers, AnswerCheck::kComplete));
  }
}
BENCHMARK(BM_ValidateCompleteAnswers);

void BM_PublicSurveyJson(benchmark::State& state) {
  const auto definition = Nps();
  for (auto _ : state) {
    benchmark::DoNotOptimize(boost::json::serialize(PublicSurveyJson(definition, "1", "zh")));
  }
}
BENCHMARK(BM_PublicSurveyJson);

void BM_CsvRow(benchmark::State& state) {
  const auto definition = Nps();
  const ExportLayout layout({&definition});
  const CsvResponseWriter writer(layout);
  ExportResponse response;
  response.id = "7301";
  response.answers = {{"nps", 4}, {"reason", "Giao hàng chậm, nhân viên không nghe máy"}};
  for (auto _ : state) benchmark::DoNotOptimize(writer.Row(response));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CsvRow);

}  // namespace
}  // namespace voxloop::collect

BENCHMARK_MAIN();
