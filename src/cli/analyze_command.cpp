// `voxloop analyze --task sentiment|topic|language|pii [--model FILE] [--workspace-data DIR]
// [--format text|json]`: one text per line on stdin, one result per line on stdout, in order.
// It streams (one line in memory at a time, output through a large buffer), so 100k lines in
// give 100k lines out whatever the input size. Exit codes: 0 ok, 2 usage, 1 failure.
#include <boost/json.hpp>

#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "analysis/engine.hpp"
#include "analysis/language.hpp"
#include "analysis/pii.hpp"
#include "analysis/workspace_files.hpp"
#include "cli/commands.hpp"
#include "core/text.hpp"

namespace voxloop::cli {
namespace {

constexpr std::size_t kOutputBufferBytes = 1 << 20;
constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";

struct AnalyzeOptions {
  std::string task;
  std::string model;
  std::string workspace_data;
  std::string format = "text";
};

// The length of the well-formed UTF-8 sequence at the start of `text`, or 0 when it is not one
// (overlong forms, surrogates and code points above U+10FFFF are not).
std::size_t Utf8SequenceLength(std::string_view text) {
  const auto byte = [&](std::size_t idx) { return static_cast<unsigned char>(text[idx]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // allowed range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) length = 2;
  else if (lead == 0xE0) length = 3, low = 0xA0;
  else if (lead == 0xED) length = 3, high = 0x9F;
  else if (lead >= 0xE1 && lead <= 0xEF) length = 3;
  else if (lead == 0xF0) length = 4, low = 0x90;
  else if (lead == 0xF4) length = 4, high = 0x8F;
  else if (lead >= 0xF1 && lead <= 0xF3) length = 4;
  else return 0;
  if (text.size() < length || byte(1) < low || byte(1) > high) return 0;
  for (std::size_t idx = 2; idx < length; ++idx) {
    if (byte(idx) < 0x80 || byte(idx) > 0xBF) return 0;
  }
  return length;
}

// `text` with every ill-formed byte replaced by U+FFFD, so that no output is invalid UTF-8.
std::string ValidUtf8(std::string text) {
  if (core::IsValidUtf8(text)) return text;
  std::string valid;
  valid.reserve(text.size() + 8);
  for (std::size_t offset = 0; offset < text.size();) {
    const std::size_t length = Utf8SequenceLength(std::string_view(text).substr(offset));
    if (length == 0) {
      valid += kReplacementCharacter;
      ++offset;
    } else {
      valid.append(text, offset, length);
      offset += length;
    }
  }
  return valid;
}

std::string Joined(const std::vector<std::string>& parts, char separator) {
  std::string joined;
  for (const std::string& part : parts) {
    if (!joined.empty()) joined += separator;
    joined += part;
  }
  return joined;
}

std::string AnalysisJson(const core::FeedbackAnalysis& analysis) {
  boost::json::array topics(analysis.topics.begin(), analysis.topics.end());
  boost::json::array key_phrases(analysis.key_phrases.begin(), analysis.key_phrases.end());
  boost::json::array pii_kinds(analysis.pii_kinds.begin(), analysis.pii_kinds.end());
  const boost::json::object object{
      {"language", analysis.language},
      {"sentiment",
       {{"label", core::SentimentLabelName(analysis.sentiment)},
        {"score", analysis.sentiment_score},
        {"source", analysis.sentiment_source}}},
      {"topics", std::move(topics)},
      {"key_phrases", std::move(key_phrases)},
      {"redacted_text", analysis.redacted_text},
      {"pii_kinds", std::move(pii_kinds)},
  };
  return boost::json::serialize(object);
}

// Answers one line; `models` holds --workspace-data and --model already merged.
class LineAnalyzer {
 public:
  LineAnalyzer(const AnalyzeOptions& options, analysis::WorkspaceModels models,
               std::optional<analysis::TextClassifier> model)
      : task_(options.task), json_(options.format == "json"), models_(std::move(models)),
        model_(std::move(model)) {}

  std::string Answer(const std::string& text) const {
    if (json_) return AnalysisJson(analysis::AnalyzeText(text, models_));
    if (model_ && (task_ == "sentiment" || task_ == "topic")) {
      const auto predictions = model_->Predict(text, 1);
      return predictions.empty() ? std::string() : predictions.front().label;
    }
    if (task_ == "sentiment") {
      if (models_.sentiment && models_.sentiment_serving != analysis::SentimentServing::kBuiltIn) {
        return std::string(core::SentimentLabelName(analysis::AnalyzeText(text, models_).sentiment));
      }
      return std::string(core::SentimentLabelName(analysis::BuiltInSentiment(text)));
    }
    if (task_ == "topic") return Joined(analysis::AnalyzeText(text, models_).topics, ',');
    if (task_ == "language") return analysis::DetectLanguage(text).code;
    return analysis::RedactPii(text, analysis::FindPii(text));
  }

 private:
  const std::string task_;
  const bool json_;
  const analysis::WorkspaceModels models_;
  const std::optional<analysis::TextClassifier> model_;
};

int Fail(int exit_code, const std::string& message, const core::Error* error = nullptr) {
  std::cerr << "voxloop analyze: " << message;
  if (error != nullptr && !error->internal.empty()) std::cerr << " (" << error->internal << ")";
  std::cerr << "\n";
  return exit_code;
}

int Analyze(const AnalyzeOptions& options) {
  if (!options.model.empty() && options.task != "sentiment" && options.task != "topic") {
    return Fail(2, "--model is for --task sentiment or topic");
  }
  analysis::WorkspaceModels models = analysis::WorkspaceModels::BuiltIn();
  if (!options.workspace_data.empty()) {
    auto loaded = analysis::LoadWorkspaceModels(options.workspace_data);
    if (!loaded) return Fail(1, loaded.error().message, &loaded.error());
    models = std::move(loaded).value();
  }
  std::optional<analysis::TextClassifier> model;
  if (!options.model.empty()) {
    auto loaded = analysis::TextClassifier::LoadFile(options.model);
    if (!loaded) return Fail(1, options.model + ": " + loaded.error().message, &loaded.error());
    model = std::move(loaded).value();
    analysis::TrainedModel trained{*model, "file"};
    if (options.task == "sentiment") {
      models.sentiment = std::move(trained);
      models.sentiment_serving = analysis::SentimentServing::kModel;
    } else {
      models.topics = std::move(trained);
    }
  }
  const LineAnalyzer analyzer(options, std::move(models), std::move(model));

  std::ios::sync_with_stdio(false);
  std::string line;
  std::string output;
  output.reserve(kOutputBufferBytes + 4096);
  while (std::getline(std::cin, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    output += analyzer.Answer(ValidUtf8(std::move(line)));
    output += '\n';
    if (output.size() >= kOutputBufferBytes) {
      std::cout.write(output.data(), static_cast<std::streamsize>(output.size()));
      output.clear();
    }
  }
  std::cout.write(output.data(), static_cast<std::streamsize>(output.size()));
  std::cout.flush();
  if (std::cin.bad()) return Fail(1, "reading stdin failed");
  if (!std::cout) return Fail(1, "writing stdout failed");
  return 0;
}

}  // namespace

void RegisterAnalyzeCommand(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<AnalyzeOptions>();
  auto* command = app.add_subcommand(
      "analyze", "Analyse one text per line of stdin; one result per line on stdout");
  command->add_option("--task", options->task, "sentiment, topic, language or pii")
      ->required()
      ->check(CLI::IsMember({"sentiment", "topic", "language", "pii"}));
  command->add_option("--model", options->model,
                      "A model written by `voxloop train` (sentiment and topic)");
  command->add_option("--workspace-data", options->workspace_data,
                      "Directory with taxonomy.json, sentiment.bin, topic.bin, serving");
  command->add_option("--format", options->format, "text (the task's answer) or json (all)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  command->callback([options, &context] { context.exit_code = Analyze(*options); });
}

}  // namespace voxloop::cli
