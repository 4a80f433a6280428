// `voxloop train --task sentiment|topic --input FILE.tsv --output MODEL [--epochs N …]`: trains
// a fastText model from `text<TAB>label` lines (blank lines skipped), tells stderr what it
// learnt from, and writes MODEL for `voxloop analyze --model`. Nothing is held out: measure a
// model by analysing a separate file. Exit codes: 0 ok, 2 usage, 1 failure (bad input too).
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <string>

#include "analysis/classifier.hpp"
#include "cli/commands.hpp"
#include "core/feedback.hpp"

namespace voxloop::cli {
namespace {

struct TrainCommandOptions {
  std::string task;
  std::string input;
  std::string output;
  analysis::TrainOptions train;
  bool no_balance = false;
};

int Fail(const std::string& message) {
  std::cerr << "voxloop train: " << message << "\n";
  return 1;
}

bool IsBlank(const std::string& line) {
  return line.find_first_not_of(" \t\r\n") == std::string::npos;
}

// The examples of a TSV file, or a message naming the first bad line.
core::Result<std::vector<analysis::LabelledText>> ReadExamples(const std::string& path,
                                                               const std::string& task) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::Error::NotFound(path + ": cannot be opened");
  std::vector<analysis::LabelledText> examples;
  std::string line;
  for (std::size_t line_number = 1; std::getline(in, line); ++line_number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (IsBlank(line)) continue;
    const std::string where = path + ":" + std::to_string(line_number) + ": ";
    const std::size_t tab = line.rfind('\t');
    if (tab == std::string::npos) return core::Error::InvalidArgument(where + "no tab (expected text<TAB>label)");
    std::string label = line.substr(tab + 1);
    if (label.empty() || label.find_first_of(" \v\f") != std::string::npos) {
      return core::Error::InvalidArgument(where + "the label must be one word");
    }
    if (task == "sentiment" && !core::ParseSentimentLabel(label)) {
      return core::Error::InvalidArgument(where + "a sentiment label is negative, neutral or positive");
    }
    line.resize(tab);
    examples.push_back({std::move(line), std::move(label)});
  }
  if (in.bad()) return core::Error::Internal(path + ": reading failed");
  return examples;
}

int Train(TrainCommandOptions options) {
  auto examples = ReadExamples(options.input, options.task);
  if (!examples) return Fail(examples.error().message);
  std::map<std::string, int> counts;
  for (const auto& example : *examples) ++counts[example.label];
  std::cerr << "training a " << options.task << " model on " << examples->size() << " examples;";
  for (const auto& [label, count] : counts) std::cerr << " " << label << " " << count;
  std::cerr << "\n";

  options.train.balance_classes = !options.no_balance;
  auto model = analysis::TextClassifier::Train(*examples, options.train);
  if (!model) {
    std::string message = model.error().message;
    for (const auto& field : model.error().fields) message += "; " + field.field + ": " + field.message;
    return Fail(message);
  }
  if (auto saved = model->SaveFile(options.output); !saved) {
    return Fail(options.output + ": " + saved.error().message);
  }
  std::cerr << "wrote " << options.output << "\n";
  return 0;
}

}  // namespace

void RegisterTrainCommand(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<TrainCommandOptions>();
  auto* command = app.add_subcommand("train", "Train a sentiment or topic model from a TSV file");
  command->add_option("--task", options->task, "sentiment or topic")
      ->required()
      ->check(CLI::IsMember({"sentiment", "topic"}));
  command->add_option("--input", options->input, "text<TAB>label lines")->required();
  command->add_option("--output", options->output, "Model file to write")->required();
  analysis::TrainOptions& train = options->train;
  command->add_option("--epochs", train.epochs, "Passes over the data")->capture_default_str();
  command->add_option("--lr", train.learning_rate, "Learning rate")->capture_default_str();
  command->add_option("--word-ngrams", train.word_ngrams, "fastText word n-grams")->capture_default_str();
  command->add_option("--dim", train.dimension, "Vector dimension")->capture_default_str();
  command->add_option("--min-count", train.min_count, "Minimal feature count")->capture_default_str();
  command->add_option("--seed", train.seed, "Random seed")->capture_default_str();
  command->add_flag("--no-balance", options->no_balance, "Do not oversample rarer labels");
  command->callback([options, &context] { context.exit_code = Train(*options); });
}

}  // namespace voxloop::cli
