// TextClassifier: a trainable text classifier (libfasttext) over Features() of segmented text,
// used for a workspace's own sentiment and topic models. Training balances classes (so a rare
// label is still learnt) and is deterministic for a given seed. Predict() is thread-safe;
// training and loading build a new object.
//
//   auto model = TextClassifier::Train(examples, TrainOptions{});
//   model->Predict("giao hàng chậm", 1)[0].label == "negative"
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/text.hpp"
#include "core/result.hpp"

namespace fasttext {
class FastText;
}

namespace voxloop::analysis {

struct LabelledText {
  std::string text;   // raw text
  std::string label;  // e.g. "negative", "delivery/late"
};

struct TrainOptions {
  int epochs = 25;
  double learning_rate = 0.5;
  int word_ngrams = 2;
  int dimension = 50;
  int min_count = 1;
  bool balance_classes = true;  // oversample rarer labels up to the most frequent one
  std::uint64_t seed = 42;
};

struct Prediction {
  std::string label;
  double probability = 0.0;
};

class TextClassifier {
 public:
  // Errors: invalid_argument when there are no examples or fewer than two labels.
  static core::Result<TextClassifier> Train(const std::vector<LabelledText>& examples,
                                            const TrainOptions& options);
  static core::Result<TextClassifier> LoadFile(const std::string& path);
  static core::Result<TextClassifier> LoadBytes(std::string_view bytes);

  core::Status SaveFile(const std::string& path) const;
  std::string Bytes() const;  // the model file's bytes (what the store keeps)

  // The `k` most likely labels, most likely first. `text` is raw.
  std::vector<Prediction> Predict(std::string_view text, int k) const;
  // The same for a text already segmented (what the pipeline has at hand: no second pass).
  std::vector<Prediction> Predict(const Segmented& segmented, int k) const;
  std::vector<std::string> Labels() const;

 private:
  std::vector<Prediction> PredictLine(const std::string& features, int k) const;

  std::shared_ptr<const fasttext::FastText> model_;
};

// Quality of predictions against gold labels.
struct QualityReport {
  int examples = 0;
  double accuracy = 0.0;
  double macro_f1 = 0.0;  // unweighted mean of per-label F1 over gold ∪ predicted labels
  std::vector<std::pair<std::string, double>> f1_by_label;
};

QualityReport EvaluatePredictions(const std::vector<std::string>& gold,
                                  const std::vector<std::string>& predicted);

}  // namespace voxloop::analysis
