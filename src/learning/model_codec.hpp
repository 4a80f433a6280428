// How a trained model travels through the store: its file bytes as base64 text (the store's
// portable binary form), and back into a classifier. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "analysis/classifier.hpp"
#include "core/result.hpp"

namespace voxloop::learning {

std::string EncodeModel(const analysis::TextClassifier& classifier);
// Errors: invalid_argument when the text is not base64 or not a model.
core::Result<analysis::TextClassifier> DecodeModel(std::string_view base64);

}  // namespace voxloop::learning
