#include "analysis/workspace_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace voxloop::analysis {
namespace {

namespace fs = std::filesystem;

core::Error InFile(const std::string& file, core::Error error) {
  error.message = file + ": " + error.message;
  return error;
}

core::Result<std::string> ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::Error::NotFound("cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  return std::move(text).str();
}

std::string Trimmed(std::string text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

core::Result<std::optional<TrainedModel>> LoadModel(const fs::path& path) {
  if (!fs::exists(path)) return std::optional<TrainedModel>();
  auto classifier = TextClassifier::LoadFile(path.string());
  if (!classifier) return InFile(path.filename().string(), std::move(classifier).error());
  return std::optional<TrainedModel>(TrainedModel{std::move(classifier).value(), "file"});
}

}  // namespace

core::Result<WorkspaceModels> LoadWorkspaceModels(const std::string& dir) {
  std::error_code error;
  if (!fs::is_directory(dir, error)) {
    return core::Error::NotFound("workspace data directory " + dir + " does not exist");
  }
  const fs::path root(dir);
  WorkspaceModels models = WorkspaceModels::BuiltIn();

  if (fs::exists(root / "taxonomy.json")) {
    VOXLOOP_ASSIGN_OR_RETURN(const std::string json, ReadText(root / "taxonomy.json"));
    auto taxonomy = Taxonomy::FromJson(json);
    if (!taxonomy) return InFile("taxonomy.json", std::move(taxonomy).error());
    models.taxonomy = std::make_shared<const Taxonomy>(std::move(taxonomy).value());
  }
  VOXLOOP_ASSIGN_OR_RETURN(models.sentiment, LoadModel(root / "sentiment.bin"));
  VOXLOOP_ASSIGN_OR_RETURN(models.topics, LoadModel(root / "topic.bin"));

  models.sentiment_serving = models.sentiment ? SentimentServing::kModel : SentimentServing::kBuiltIn;
  if (fs::exists(root / "serving")) {
    VOXLOOP_ASSIGN_OR_RETURN(const std::string word, ReadText(root / "serving"));
    const auto serving = ParseSentimentServing(Trimmed(word));
    if (!serving) {
      return core::Error::InvalidArgument("serving: must be one word, builtin, blend or model");
    }
    if (*serving != SentimentServing::kBuiltIn && !models.sentiment) {
      return core::Error::InvalidArgument("serving: " + Trimmed(word) + " needs sentiment.bin");
    }
    models.sentiment_serving = *serving;
  }
  return models;
}

}  // namespace voxloop::analysis
