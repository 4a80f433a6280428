#include "analysis/classifier.hpp"

#include <fasttext/args.h>
#include <fasttext/fasttext.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <sstream>
#include <stdexcept>

#include "analysis/language.hpp"
#include "analysis/text.hpp"

namespace voxloop::analysis {
namespace {

constexpr std::string_view kLabelPrefix = "__label__";
// Hash buckets for fastText's own word n-grams (only when word_ngrams > 1). fastText's default
// (2M) makes every model ~400 MB at dim 50; Features() already carries the bigrams that matter.
constexpr int kNgramBuckets = 100000;

// A file in the temp directory that is removed when this goes out of scope. fastText trains
// from and saves to paths only.
class TempFile {
 public:
  TempFile() {
    std::string pattern = (std::filesystem::temp_directory_path() / "voxloop-ft-XXXXXX").string();
    const int fd = ::mkstemp(pattern.data());
    if (fd >= 0) {
      ::close(fd);
      path_ = pattern;
    }
  }
  ~TempFile() {
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  bool ok() const { return !path_.empty(); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

bool IsFastTextSpace(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\v' || c == '\f' || c == '\0';
}

// The features of raw `text` as one fastText input line (no label, no newline). A feature never
// holds a fastText separator and never reads as a label.
std::string FeatureLine(const Segmented& segmented) {
  std::string line;
  for (std::string feature : Features(segmented)) {
    if (feature.empty()) continue;
    std::replace_if(feature.begin(), feature.end(), IsFastTextSpace, '_');
    if (feature.starts_with(kLabelPrefix)) feature = "_" + feature;
    if (!line.empty()) line += ' ';
    line += feature;
  }
  return line;
}

std::string FeatureLine(std::string_view text) {
  return FeatureLine(Segment(text, DetectLanguage(text).code));
}

core::Status ValidateLabel(const std::string& label, std::size_t example_idx) {
  const std::string field = "examples[" + std::to_string(example_idx) + "].label";
  if (label.empty()) return core::Error::Field(field, "required", "a label is required");
  if (std::any_of(label.begin(), label.end(), IsFastTextSpace)) {
    return core::Error::Field(field, "invalid", "a label must not contain spaces");
  }
  return core::Ok();
}

// Indices of the training lines in the order fastText sees them: every example once, plus (when
// balancing) copies of rarer labels' examples up to the most frequent label's count — whole
// passes over the label first, then a random sample without replacement for the remainder —
// all shuffled. Deterministic for a given seed.
std::vector<std::size_t> TrainingOrder(const std::vector<LabelledText>& examples,
                                       const TrainOptions& options) {
  std::mt19937_64 rng(options.seed);
  std::vector<std::size_t> order(examples.size());
  for (std::size_t idx = 0; idx < order.size(); ++idx) order[idx] = idx;
  if (options.balance_classes) {
    std::map<std::string, std::vector<std::size_t>> by_label;
    for (std::size_t idx = 0; idx < examples.size(); ++idx) by_label[examples[idx].label].push_back(idx);
    std::size_t largest = 0;
    for (const auto& [label, members] : by_label) largest = std::max(largest, members.size());
    for (auto& [label, members] : by_label) {
      std::size_t missing = largest - members.size();
      while (missing >= members.size()) {
        order.insert(order.end(), members.begin(), members.end());
        missing -= members.size();
      }
      std::shuffle(members.begin(), members.end(), rng);
      order.insert(order.end(), members.begin(), members.begin() + static_cast<std::ptrdiff_t>(missing));
    }
  }
  std::shuffle(order.begin(), order.end(), rng);
  return order;
}

fasttext::Args ArgsFor(const TrainOptions& options, const std::string& input_path) {
  fasttext::Args args;
  args.input = input_path;
  args.model = fasttext::model_name::sup;
  args.loss = fasttext::loss_name::softmax;
  args.epoch = options.epochs;
  args.lr = options.learning_rate;
  args.wordNgrams = options.word_ngrams;
  args.dim = options.dimension;
  args.minCount = options.min_count;
  args.minn = 0;  // no character n-grams: Features() are words, Han words and bigrams
  args.maxn = 0;
  args.bucket = options.word_ngrams > 1 ? kNgramBuckets : 0;
  args.thread = 1;
  args.seed = static_cast<int>(options.seed & 0x7fffffff);
  args.verbose = 0;
  return args;
}

core::Status ValidateOptions(const TrainOptions& options) {
  if (options.epochs < 1 || options.epochs > 1000) {
    return core::Error::Field("epochs", "invalid", "epochs must be in 1..1000");
  }
  if (!(options.learning_rate > 0.0) || options.learning_rate > 10.0) {
    return core::Error::Field("learning_rate", "invalid", "learning_rate must be in (0, 10]");
  }
  if (options.word_ngrams < 1 || options.word_ngrams > 5) {
    return core::Error::Field("word_ngrams", "invalid", "word_ngrams must be in 1..5");
  }
  if (options.dimension < 1 || options.dimension > 1000) {
    return core::Error::Field("dimension", "invalid", "dimension must be in 1..1000");
  }
  if (options.min_count < 1) return core::Error::Field("min_count", "invalid", "min_count must be ≥ 1");
  return core::Ok();
}

core::Result<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::Error::NotFound("model file cannot be opened");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return core::Error::Internal("reading " + path + " failed");
  return std::move(bytes).str();
}

core::Status WriteWholeFile(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return core::Error::Internal("writing " + path + " failed");
  return core::Ok();
}

// Walks a fastText 0.9.2 model file (magic, version, args, dictionary, input and output
// matrices) and checks every size against the bytes there are, so that fastText itself — which
// loops forever on a truncated dictionary and divides by zero on some bad headers — only ever
// sees a well-formed, non-quantised supervised model.
class ModelFileCheck {
 public:
  explicit ModelFileCheck(std::string_view bytes) : bytes_(bytes) {}

  std::optional<std::string> Problem() {
    std::int32_t magic = 0, version = 0;
    if (!Read(&magic) || !Read(&version)) return "too short";
    if (magic != 793712314) return "not a fastText model";
    if (version != 12) return "unsupported fastText model version " + std::to_string(version);
    std::int32_t dim, ws, epoch, min_count, neg, word_ngrams, loss, model, bucket, minn, maxn,
        lr_update_rate;
    double sampling = 0.0;
    for (std::int32_t* field : {&dim, &ws, &epoch, &min_count, &neg, &word_ngrams, &loss, &model,
                                &bucket, &minn, &maxn, &lr_update_rate}) {
      if (!Read(field)) return "truncated arguments";
    }
    if (!Read(&sampling)) return "truncated arguments";
    if (model != 3) return "not a supervised model";
    if (loss < 1 || loss > 4) return "unknown loss";
    if (dim < 1 || dim > 4096 || word_ngrams < 1 || word_ngrams > 16 || bucket < 0 ||
        minn < 0 || maxn < 0 || maxn > 64) {
      return "bad arguments";
    }
    if ((word_ngrams > 1 || maxn > 0) && bucket == 0) return "n-grams without hash buckets";
    std::int32_t size = 0, nwords = 0, nlabels = 0;
    std::int64_t ntokens = 0, pruneidx_size = 0;
    if (!Read(&size) || !Read(&nwords) || !Read(&nlabels) || !Read(&ntokens) ||
        !Read(&pruneidx_size)) {
      return "truncated dictionary";
    }
    if (nwords < 0 || nlabels < 1 || size != nwords + nlabels) return "bad dictionary sizes";
    if (pruneidx_size != -1) return "pruned (quantised) models are not supported";
    for (std::int32_t entry_idx = 0; entry_idx < size; ++entry_idx) {
      const std::size_t end = bytes_.find('\0', offset_);
      if (end == std::string_view::npos) return "truncated dictionary entry";
      offset_ = end + 1;
      std::int64_t count = 0;
      std::int8_t type = 0;
      if (!Read(&count) || !Read(&type)) return "truncated dictionary entry";
      if (type != (entry_idx < nwords ? 0 : 1)) return "dictionary entries out of order";
    }
    bool quantised = true;
    if (!ReadFlag(&quantised) || quantised) return "quantised models are not supported";
    if (auto problem = CheckMatrix(std::int64_t{nwords} + bucket, dim)) return problem;
    if (!ReadFlag(&quantised) || quantised) return "quantised models are not supported";
    if (auto problem = CheckMatrix(nlabels, dim)) return problem;
    if (offset_ != bytes_.size()) return "trailing bytes";
    return std::nullopt;
  }

 private:
  template <typename T>
  bool Read(T* value) {
    if (bytes_.size() - offset_ < sizeof(T)) return false;
    std::memcpy(value, bytes_.data() + offset_, sizeof(T));
    offset_ += sizeof(T);
    return true;
  }

  bool ReadFlag(bool* flag) {
    std::uint8_t byte = 0;
    if (!Read(&byte) || byte > 1) return false;
    *flag = byte == 1;
    return true;
  }

  std::optional<std::string> CheckMatrix(std::int64_t rows, std::int64_t cols) {
    std::int64_t m = 0, n = 0;
    if (!Read(&m) || !Read(&n)) return "truncated matrix";
    if (m != rows || n != cols) return "matrix shape does not match the dictionary";
    const std::size_t remaining = bytes_.size() - offset_;
    if (static_cast<std::uint64_t>(m) > remaining / sizeof(float) / static_cast<std::uint64_t>(n)) {
      return "truncated matrix";
    }
    offset_ += static_cast<std::size_t>(m * n) * sizeof(float);
    return std::nullopt;
  }

  std::string_view bytes_;
  std::size_t offset_ = 0;
};

core::Status ValidateModelBytes(std::string_view bytes) {
  if (auto problem = ModelFileCheck(bytes).Problem()) {
    return core::Error::InvalidArgument("not a valid model file: " + *problem);
  }
  return core::Ok();
}

// Loads a model from a path whose bytes were validated.
core::Result<std::shared_ptr<const fasttext::FastText>> LoadValidated(const std::string& path) {
  try {
    auto model = std::make_shared<fasttext::FastText>();
    model->loadModel(path);
    return std::shared_ptr<const fasttext::FastText>(std::move(model));
  } catch (const std::exception& error) {
    return core::Error{core::ErrorCode::kInvalidArgument, "the model file cannot be loaded", {},
                       error.what()};
  }
}

}  // namespace

core::Result<TextClassifier> TextClassifier::Train(const std::vector<LabelledText>& examples,
                                                   const TrainOptions& options) {
  if (examples.empty()) return core::Error::InvalidArgument("there are no training examples");
  VOXLOOP_TRY(ValidateOptions(options));
  std::map<std::string, int> label_counts;
  for (std::size_t example_idx = 0; example_idx < examples.size(); ++example_idx) {
    VOXLOOP_TRY(ValidateLabel(examples[example_idx].label, example_idx));
    ++label_counts[examples[example_idx].label];
  }
  if (label_counts.size() < 2) {
    return core::Error::InvalidArgument("training needs examples of at least two labels");
  }

  TempFile input;
  if (!input.ok()) return core::Error::Internal("cannot create a temporary training file");
  {
    std::vector<std::string> lines;
    lines.reserve(examples.size());
    for (const LabelledText& example : examples) {
      lines.push_back(std::string(kLabelPrefix) + example.label + ' ' + FeatureLine(example.text) + '\n');
    }
    std::ofstream out(input.path(), std::ios::binary | std::ios::trunc);
    for (std::size_t idx : TrainingOrder(examples, options)) out << lines[idx];
    out.close();
    if (!out) return core::Error::Internal("writing the training file failed");
  }

  TextClassifier classifier;
  try {
    auto model = std::make_shared<fasttext::FastText>();
    model->train(ArgsFor(options, input.path()));
    classifier.model_ = std::move(model);
  } catch (const std::invalid_argument& error) {
    return core::Error{core::ErrorCode::kInvalidArgument,
                       "the training examples cannot be learnt from", {}, error.what()};
  } catch (const std::exception& error) {
    return core::Error::Internal(std::string("fastText training failed: ") + error.what());
  }
  return classifier;
}

core::Result<TextClassifier> TextClassifier::LoadFile(const std::string& path) {
  VOXLOOP_ASSIGN_OR_RETURN(const std::string bytes, ReadWholeFile(path));
  VOXLOOP_TRY(ValidateModelBytes(bytes));
  TextClassifier classifier;
  VOXLOOP_ASSIGN_OR_RETURN(classifier.model_, LoadValidated(path));
  return classifier;
}

core::Result<TextClassifier> TextClassifier::LoadBytes(std::string_view bytes) {
  VOXLOOP_TRY(ValidateModelBytes(bytes));
  TempFile file;
  if (!file.ok()) return core::Error::Internal("cannot create a temporary model file");
  VOXLOOP_TRY(WriteWholeFile(file.path(), bytes));
  TextClassifier classifier;
  VOXLOOP_ASSIGN_OR_RETURN(classifier.model_, LoadValidated(file.path()));
  return classifier;
}

core::Status TextClassifier::SaveFile(const std::string& path) const {
  if (!model_) return core::Error::InvalidArgument("no model to save");
  try {
    // saveModel() is not declared const but only reads the model.
    const_cast<fasttext::FastText&>(*model_).saveModel(path);
  } catch (const std::exception& error) {
    return core::Error::Internal(std::string("saving the model failed: ") + error.what());
  }
  return core::Ok();
}

std::string TextClassifier::Bytes() const {
  TempFile file;
  if (!file.ok() || !SaveFile(file.path())) return {};
  auto bytes = ReadWholeFile(file.path());
  return bytes ? std::move(bytes).value() : std::string();
}

// fastText's predictLine() is const and keeps its scratch state on the stack, so concurrent
// calls on one model are safe without a lock.
std::vector<Prediction> TextClassifier::Predict(std::string_view text, int k) const {
  if (!model_ || k <= 0) return {};
  return PredictLine(FeatureLine(text), k);
}

std::vector<Prediction> TextClassifier::Predict(const Segmented& segmented, int k) const {
  if (!model_ || k <= 0) return {};
  return PredictLine(FeatureLine(segmented), k);
}

std::vector<Prediction> TextClassifier::PredictLine(const std::string& features, int k) const {
  std::vector<Prediction> result;
  // The newline gives the end-of-sentence token every training line had, so even a text with
  // no features gets the model's prior answer.
  std::istringstream in(features + '\n');
  std::vector<std::pair<fasttext::real, std::string>> predictions;
  try {
    model_->predictLine(in, predictions, k, 0.0);
  } catch (const std::exception&) {
    return result;  // only on a bug: the model was validated when it was loaded
  }
  result.reserve(predictions.size());
  for (auto& [probability, label] : predictions) {
    if (label.starts_with(kLabelPrefix)) label.erase(0, kLabelPrefix.size());
    result.push_back({std::move(label), std::clamp(static_cast<double>(probability), 0.0, 1.0)});
  }
  return result;
}

std::vector<std::string> TextClassifier::Labels() const {
  std::vector<std::string> labels;
  if (!model_) return labels;
  const auto dictionary = model_->getDictionary();
  for (std::int32_t label_idx = 0; label_idx < dictionary->nlabels(); ++label_idx) {
    std::string label = dictionary->getLabel(label_idx);
    if (label.starts_with(kLabelPrefix)) label.erase(0, kLabelPrefix.size());
    labels.push_back(std::move(label));
  }
  std::sort(labels.begin(), labels.end());
  return labels;
}

// Per label: F1 = 2·TP / (2·TP + FP + FN) (0 when the label has no TP, FP or FN), the same as
// 2PR/(P+R). Macro-F1 is their unweighted mean over every label seen in gold or predicted.
QualityReport EvaluatePredictions(const std::vector<std::string>& gold,
                                  const std::vector<std::string>& predicted) {
  QualityReport report;
  const std::size_t n = std::min(gold.size(), predicted.size());
  report.examples = static_cast<int>(n);
  if (n == 0) return report;
  struct Counts {
    int true_positives = 0, false_positives = 0, false_negatives = 0;
  };
  std::map<std::string, Counts> by_label;
  int correct = 0;
  for (std::size_t idx = 0; idx < n; ++idx) {
    if (gold[idx] == predicted[idx]) {
      ++correct;
      ++by_label[gold[idx]].true_positives;
    } else {
      ++by_label[gold[idx]].false_negatives;
      ++by_label[predicted[idx]].false_positives;
    }
  }
  report.accuracy = static_cast<double>(correct) / static_cast<double>(n);
  double f1_sum = 0.0;
  for (const auto& [label, counts] : by_label) {
    const int denominator = 2 * counts.true_positives + counts.false_positives + counts.false_negatives;
    const double f1 = denominator == 0 ? 0.0 : 2.0 * counts.true_positives / denominator;
    report.f1_by_label.emplace_back(label, f1);
    f1_sum += f1;
  }
  report.macro_f1 = f1_sum / static_cast<double>(by_label.size());
  return report;
}

}  // namespace voxloop::analysis
