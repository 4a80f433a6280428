// AnalysisService: training a workspace's sentiment and topic models on its corrections.
#include "learning/analysis_service.hpp"

#include <sodium.h>

#include <algorithm>
#include <set>

#include <boost/json.hpp>

#include "core/id.hpp"
#include "core/time.hpp"
#include "learning/model_codec.hpp"
#include "store/writer.hpp"

namespace voxloop::learning {
namespace {

constexpr int kMaxTrainingExamples = 50000;
constexpr int kHoldOutEvery = 5;  // every fifth item (by id) is held out

struct Split {
  std::vector<analysis::LabelledText> train;
  std::vector<analysis::LabelledText> held_out;
};

Split SplitExamples(const std::vector<store::TrainingExample>& examples) {
  Split split;
  for (const store::TrainingExample& example : examples) {
    auto& part = example.feedback_id % kHoldOutEvery == 0 ? split.held_out : split.train;
    part.push_back({example.text, example.label});
  }
  // Ids need not be spread evenly; fall back to every fifth example in order.
  if (split.held_out.size() * 10 < examples.size() || split.train.size() * 2 < examples.size()) {
    split = {};
    for (std::size_t example_idx = 0; example_idx < examples.size(); ++example_idx) {
      auto& part = example_idx % kHoldOutEvery == 0 ? split.held_out : split.train;
      part.push_back({examples[example_idx].text, examples[example_idx].label});
    }
  }
  return split;
}

// A short content hash of the model file: its version.
std::string ModelVersion(const std::string& bytes) {
  unsigned char hash[8];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(bytes.data()),
                     bytes.size(), nullptr, 0);
  char hex[sizeof hash * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  return hex;
}

// What `models` answers for each held-out text, in the task's label space.
std::vector<std::string> PredictHeldOut(const std::vector<analysis::LabelledText>& held_out,
                                        const std::string& task,
                                        const analysis::WorkspaceModels& models) {
  std::vector<std::string> predicted;
  predicted.reserve(held_out.size());
  for (const analysis::LabelledText& example : held_out) {
    const core::FeedbackAnalysis result = analysis::AnalyzeText(example.text, models);
    if (task == "sentiment") {
      predicted.emplace_back(core::SentimentLabelName(result.sentiment));
    } else {
      predicted.push_back(result.topics.empty() ? "" : result.topics.front());
    }
  }
  return predicted;
}

// The best way to serve: the highest macro-F1, ties to the simplest (built-in first).
std::string ChooseServing(const TrainingReport& report) {
  std::string serving = "builtin";
  double best = report.built_in.macro_f1;
  if (report.blend && report.blend->macro_f1 > best) {
    serving = "blend";
    best = report.blend->macro_f1;
  }
  if (report.model.macro_f1 > best) serving = "model";
  return serving;
}

}  // namespace

boost::json::object QualityJson(const analysis::QualityReport& report) {
  boost::json::object f1;
  for (const auto& [label, score] : report.f1_by_label) f1[label.empty() ? "(none)" : label] = score;
  return {{"examples", report.examples},
          {"accuracy", report.accuracy},
          {"macro_f1", report.macro_f1},
          {"f1_by_label", std::move(f1)}};
}

boost::json::object TrainingReportJson(const TrainingReport& report) {
  boost::json::array labels;
  for (const std::string& label : report.labels) labels.emplace_back(label);
  boost::json::object json{{"task", report.task},
                           {"version", report.version},
                           {"examples", report.examples},
                           {"held_out", report.held_out},
                           {"labels", std::move(labels)},
                           {"model", QualityJson(report.model)},
                           {"builtin", QualityJson(report.built_in)},
                           {"serving", report.serving}};
  if (report.blend) json["blend"] = QualityJson(*report.blend);
  return json;
}

core::Result<core::Id> AnalysisService::StartTraining(core::Id workspace_id,
                                                      const std::string& task,
                                                      std::optional<core::Id> user_id) {
  VOXLOOP_ASSIGN_OR_RETURN(const std::int64_t corrections, CountCorrections(workspace_id, task));
  if (corrections < kMinTrainingExamples) {
    return core::Error::InvalidArgument(
        "Too few corrections to learn from: " + std::to_string(corrections) + " of at least " +
        std::to_string(kMinTrainingExamples) + " corrected items");
  }
  jobs::NewJob job;
  job.workspace_id = workspace_id;
  job.kind = kTrainJob;
  boost::json::object payload{{"task", task}};
  if (user_id) payload["user"] = *user_id;
  job.payload_json = boost::json::serialize(payload);
  job.max_attempts = 2;
  job.dedupe_key = "train:" + std::to_string(workspace_id) + ":" + task;
  return runner_.Enqueue(job);
}

core::Result<TrainingReport> AnalysisService::Train(core::Id workspace_id, const std::string& task,
                                                    std::optional<core::Id> user_id) {
  VOXLOOP_ASSIGN_OR_RETURN(auto examples,
                           database_.Read<std::vector<store::TrainingExample>>(
                               [&](store::Connection& db) {
                                 return store::AnalysisRepo(db).TrainingExamples(
                                     workspace_id, task, kMaxTrainingExamples);
                               }));
  std::set<std::string> labels;
  for (const auto& example : examples) labels.insert(example.label);
  if (examples.size() < static_cast<std::size_t>(kMinTrainingExamples) || labels.size() < 2) {
    return core::Error::InvalidArgument("Training needs at least " +
                                        std::to_string(kMinTrainingExamples) +
                                        " corrected items with two or more different labels");
  }
  const Split split = SplitExamples(examples);
  VOXLOOP_ASSIGN_OR_RETURN(auto classifier,
                           analysis::TextClassifier::Train(split.train, analysis::TrainOptions{}));

  TrainingReport report;
  report.task = task;
  report.examples = static_cast<int>(examples.size());
  report.held_out = static_cast<int>(split.held_out.size());
  report.labels.assign(labels.begin(), labels.end());
  const std::string bytes = classifier.Bytes();
  report.version = ModelVersion(bytes);

  std::vector<std::string> gold;
  for (const auto& example : split.held_out) gold.push_back(example.label);
  const ModelsPtr current = cache_.Get(workspace_id);
  analysis::WorkspaceModels without = *current;
  without.sentiment.reset();
  without.topics.reset();
  report.built_in = analysis::EvaluatePredictions(gold, PredictHeldOut(split.held_out, task, without));
  analysis::WorkspaceModels with = without;
  if (task == "sentiment") {
    with.sentiment = analysis::TrainedModel{classifier, report.version};
    with.sentiment_serving = analysis::SentimentServing::kBlend;
    report.blend = analysis::EvaluatePredictions(gold, PredictHeldOut(split.held_out, task, with));
  }
  std::vector<std::string> model_predictions;
  for (const auto& example : split.held_out) {
    const auto top = classifier.Predict(example.text, 1);
    model_predictions.push_back(top.empty() ? "" : top.front().label);
  }
  report.model = analysis::EvaluatePredictions(gold, model_predictions);
  report.serving = ChooseServing(report);

  store::StoredModel stored;
  stored.id = core::NewId();
  stored.workspace_id = workspace_id;
  stored.task = task;
  stored.version = report.version;
  stored.model_base64 = EncodeModel(classifier);
  stored.metrics_json = boost::json::serialize(TrainingReportJson(report));
  stored.source = report.serving;
  stored.status = "active";
  stored.examples = report.examples;
  stored.created_by = user_id;
  stored.created_at = core::NowMs();
  VOXLOOP_TRY(database_.writer().Run([&](store::WriteContext& context) {
    return store::AnalysisRepo(context.db).ActivateModel(stored);
  }));
  cache_.Invalidate(workspace_id);
  VOXLOOP_TRY(StartReanalysis(workspace_id, task + " model " + report.version));
  return report;
}

}  // namespace voxloop::learning
